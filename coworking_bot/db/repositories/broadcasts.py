"""Broadcasts and their audiences in SQL. Never commits.

An audience is a WHERE clause over `users`, always with the rule every broadcast follows:
registered clients, not banned, who have not blocked the bot and have not turned news off. It
is counted, and turned into recipient rows, in the database (one INSERT .. SELECT)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Executable,
    and_,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    BookingRow,
    BroadcastRecipientRow,
    BroadcastRow,
    SpaceRow,
    TariffRow,
    TicketMessageRow,
    TicketRow,
    UserRow,
)
from coworking_bot.domain.broadcasts import (
    BOOKED_STATUSES,
    Audience,
    AudienceKind,
    Broadcast,
    BroadcastStatus,
    LinkButton,
    RecipientCounts,
    RecipientStatus,
    Source,
)
from coworking_bot.domain.tickets import MessageKind
from coworking_bot.services.broadcasts.ports import BroadcastChanges, TariffOption

LOST_SEND = "the sender stopped while the copy was on its way"


def broadcast_from_row(row: BroadcastRow) -> Broadcast:
    finished = row.sent + row.failed + row.blocked + row.unknown + row.skipped
    button = (
        LinkButton(row.button_text, row.button_url) if row.button_text and row.button_url else None
    )
    return Broadcast(
        id=row.id,
        author_telegram_id=row.author_telegram_id,
        status=row.status,
        source=Source(row.source_chat_id, tuple(row.source_message_ids), row.kind),
        button=button,
        audience=Audience.from_json(row.audience),
        scheduled_at=row.scheduled_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        counts=RecipientCounts(
            pending=max(row.total - finished, 0),
            sent=row.sent,
            failed=row.failed,
            blocked=row.blocked,
            unknown=row.unknown,
            skipped=row.skipped,
        ),
        progress_at=row.progress_at,
        progress_done=row.progress_done,
        last_error=row.last_error,
        created_at=row.created_at,
    )


def may_receive() -> ColumnElement[bool]:
    """Who may get any broadcast at all."""
    user = UserRow
    return and_(
        user.registered_at.is_not(None),
        user.is_banned.is_(False),
        user.bot_blocked.is_(False),
        user.news_enabled.is_(True),
    )


def _booked(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    booking = BookingRow
    return exists(
        select(booking.id).where(
            booking.user_id == UserRow.id, booking.status.in_(BOOKED_STATUSES), *conditions
        )
    )


def audience_filter(audience: Audience, now: datetime, tz: ZoneInfo) -> ColumnElement[bool]:
    kind = audience.kind
    if kind is AudienceKind.LANGUAGE:
        return UserRow.language == audience.language
    if kind is AudienceKind.NEVER_BOOKED:
        return ~_booked()
    if kind is AudienceKind.TARIFF:
        return _booked(BookingRow.tariff_id == audience.tariff_id)
    if kind is AudienceKind.BOOKED:
        start, end = audience.window(tz)
        return _booked(BookingRow.starts_at < end, BookingRow.ends_at > start)
    if kind is AudienceKind.ACTIVE:
        since = audience.since(now)
        wrote = exists(
            select(TicketMessageRow.id)
            .join(TicketRow, TicketRow.id == TicketMessageRow.ticket_id)
            .where(
                TicketRow.user_id == UserRow.id,
                TicketMessageRow.kind == MessageKind.CLIENT,
                TicketMessageRow.created_at >= since,
            )
        )
        booked = exists(
            select(BookingRow.id).where(
                BookingRow.user_id == UserRow.id, BookingRow.created_at >= since
            )
        )
        return or_(UserRow.registered_at >= since, booked, wrote)
    return true()


class SqlBroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, author_telegram_id: int, source: Source, now: datetime) -> Broadcast:
        row = BroadcastRow(
            author_telegram_id=author_telegram_id,
            status=BroadcastStatus.DRAFT,
            kind=source.kind,
            source_chat_id=source.chat_id,
            source_message_ids=list(source.message_ids),
            audience=Audience.everyone().to_json(),
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return broadcast_from_row(row)

    async def get(self, broadcast_id: int, *, lock: bool = False) -> Broadcast | None:
        query = select(BroadcastRow).where(BroadcastRow.id == broadcast_id)
        if lock:
            query = query.with_for_update()
        row = await self._session.scalar(query)
        return broadcast_from_row(row) if row else None

    async def update(self, broadcast_id: int, changes: BroadcastChanges) -> Broadcast:
        row = await self._session.get(BroadcastRow, broadcast_id, populate_existing=True)
        if row is None:
            raise LookupError(broadcast_id)
        for name, value in changes.items():
            setattr(row, name, value)
        await self._session.flush()
        return broadcast_from_row(row)

    async def delete(self, broadcast_id: int) -> None:
        await self._session.execute(delete(BroadcastRow).where(BroadcastRow.id == broadcast_id))

    async def page(self, *, offset: int, limit: int) -> tuple[Sequence[Broadcast], int]:
        total = await self._session.scalar(select(func.count()).select_from(BroadcastRow))
        rows = await self._session.scalars(
            select(BroadcastRow).order_by(BroadcastRow.id.desc()).offset(offset).limit(limit)
        )
        return [broadcast_from_row(row) for row in rows], int(total or 0)

    async def audience_size(self, audience: Audience, now: datetime, tz: ZoneInfo) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(UserRow)
            .where(may_receive(), audience_filter(audience, now, tz))
        )
        return int(count or 0)

    async def add_recipients(
        self, broadcast_id: int, audience: Audience, now: datetime, tz: ZoneInfo
    ) -> int:
        recipient = BroadcastRecipientRow
        rows = select(
            literal(broadcast_id),
            UserRow.id,
            UserRow.telegram_id,
            literal(RecipientStatus.PENDING.value),
            literal(0),
            literal(0),
        ).where(may_receive(), audience_filter(audience, now, tz))
        columns = ["broadcast_id", "user_id", "chat_id", "status", "attempts", "parts_sent"]
        await self._session.execute(
            _insert_skipping_duplicates(self._session, recipient, columns, rows)
        )
        count = await self._session.scalar(
            select(func.count())
            .select_from(recipient)
            .where(recipient.broadcast_id == broadcast_id)
        )
        return int(count or 0)

    async def recipient_counts(self, broadcast_id: int) -> RecipientCounts:
        recipient = BroadcastRecipientRow
        result = await self._session.execute(
            select(recipient.status, func.count())
            .where(recipient.broadcast_id == broadcast_id)
            .group_by(recipient.status)
        )
        return RecipientCounts.of({RecipientStatus(status): count for status, count in result})

    async def settle_lost_sends(self, broadcast_id: int, now: datetime) -> int:
        recipient = BroadcastRecipientRow
        result = await self._session.execute(
            update(recipient)
            .where(
                recipient.broadcast_id == broadcast_id,
                recipient.status == RecipientStatus.SENDING,
                recipient.claimed_until < now,
            )
            .values(status=RecipientStatus.UNKNOWN, error=LOST_SEND, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def due(self, now: datetime) -> Sequence[int]:
        found = await self._session.scalars(
            select(BroadcastRow.id)
            .where(
                BroadcastRow.status == BroadcastStatus.SCHEDULED,
                BroadcastRow.scheduled_at <= now,
            )
            .order_by(BroadcastRow.scheduled_at, BroadcastRow.id)
            .limit(20)
        )
        return list(found)

    async def live(self) -> Sequence[int]:
        found = await self._session.scalars(
            select(BroadcastRow.id)
            .where(BroadcastRow.status.in_((BroadcastStatus.RUNNING, BroadcastStatus.PAUSED)))
            .order_by(BroadcastRow.id)
        )
        return list(found)

    async def claim_progress(self, broadcast_id: int, now: datetime, since: datetime) -> bool:
        row = BroadcastRow
        result = await self._session.execute(
            update(row)
            .where(
                row.id == broadcast_id,
                or_(row.progress_at.is_(None), row.progress_at <= since),
            )
            .values(progress_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def tariffs(self) -> Sequence[TariffOption]:
        result = await self._session.execute(
            select(TariffRow, SpaceRow)
            .join(SpaceRow, SpaceRow.id == TariffRow.space_id)
            .order_by(
                SpaceRow.is_active.desc(),
                SpaceRow.sort_order,
                SpaceRow.id,
                TariffRow.is_active.desc(),
                TariffRow.sort_order,
                TariffRow.id,
            )
            .limit(100)
        )
        return [_tariff_option(tariff, space) for tariff, space in result.all()]

    async def tariff(self, tariff_id: int) -> TariffOption | None:
        found = (
            await self._session.execute(
                select(TariffRow, SpaceRow)
                .join(SpaceRow, SpaceRow.id == TariffRow.space_id)
                .where(TariffRow.id == tariff_id)
            )
        ).first()
        return _tariff_option(*found) if found else None

    async def author_name(self, telegram_id: int) -> str | None:
        name = await self._session.scalar(
            select(UserRow.full_name).where(UserRow.telegram_id == telegram_id)
        )
        return str(name) if name else None


def _tariff_option(tariff: TariffRow, space: SpaceRow) -> TariffOption:
    return TariffOption(
        id=tariff.id,
        name=tariff.name,
        name_en=tariff.name_en,
        space=space.name,
        space_en=space.name_en,
        is_active=tariff.is_active and space.is_active,
    )


def _insert_skipping_duplicates(
    session: AsyncSession, table: Any, columns: list[str], rows: Any
) -> Executable:
    """INSERT .. SELECT .. ON CONFLICT DO NOTHING, in the session's dialect."""
    dialect = session.bind.dialect.name if session.bind else ""
    if dialect == "postgresql":
        return postgresql.insert(table).from_select(columns, rows).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).from_select(columns, rows).on_conflict_do_nothing()
    raise RuntimeError(f"broadcasts do not support {dialect or 'this database'}")
