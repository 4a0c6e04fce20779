"""Clients as staff find and read them: search paged in the database, and the facts of one
client's card. Never commits; changes to a client go through `SqlUserRepository.update`, which
keeps the user cache honest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from coworking_bot.db.models import (
    BookingRow,
    PaymentRow,
    ReferralRow,
    RefundRow,
    TicketRow,
    UserRow,
)
from coworking_bot.db.repositories.users import user_from_row
from coworking_bot.domain.booking import LIVE_STATUSES
from coworking_bot.domain.payments import PaymentState, RefundState
from coworking_bot.domain.staff_booking import ClientKey
from coworking_bot.domain.tickets import OPEN_STATUSES
from coworking_bot.domain.users import ClientQuery, SearchKind, User
from coworking_bot.services.users.ports import ClientFacts


def _like(text: str) -> str:
    """`text` anywhere, with LIKE's own characters taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SqlClientDirectory:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _folded(self, column: InstrumentedAttribute[str | None]) -> ColumnElement[str | None]:
        """The column case-folded in the database: SQLite's lower() knows only ASCII, so the
        engine gives it Python's `casefold` (db/engine.py); PostgreSQL's lower() knows Unicode."""
        bind = self._session.bind
        if bind is not None and bind.dialect.name == "sqlite":
            return func.casefold(column)
        return func.lower(column)

    def _condition(self, query: ClientQuery) -> ColumnElement[bool]:
        if query.kind is SearchKind.USERNAME:
            return self._folded(UserRow.username).like(_like(query.value), escape="\\")
        if query.kind is SearchKind.DIGITS:
            phone = UserRow.phone.like(_like(query.value), escape="\\")
            if len(query.value) <= 15:
                return or_(UserRow.telegram_id == int(query.value), phone)
            return phone
        return self._folded(UserRow.full_name).like(_like(query.value), escape="\\")

    async def search(
        self, query: ClientQuery, *, offset: int, limit: int
    ) -> tuple[list[User], int]:
        """Registered clients that match, newest first."""
        where = and_(UserRow.registered_at.is_not(None), self._condition(query))
        total = await self._session.scalar(select(func.count()).select_from(UserRow).where(where))
        rows = await self._session.scalars(
            select(UserRow)
            .where(where)
            .order_by(UserRow.registered_at.desc(), UserRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [user_from_row(row) for row in rows], int(total or 0)

    async def exact(self, key: ClientKey) -> User | None:
        """The user, registered or not, whose Telegram id, phone or @username is exactly `key`:
        a Telegram id first, then the latest registered."""
        matches: list[ColumnElement[bool]] = []
        if key.telegram_id is not None:
            matches.append(UserRow.telegram_id == key.telegram_id)
        if key.phones:
            matches.append(UserRow.phone.in_(key.phones))
        if key.username is not None:
            matches.append(self._folded(UserRow.username) == key.username)
        if not matches:
            return None
        by_id = case((UserRow.telegram_id == (key.telegram_id or 0), 0), else_=1)
        row = await self._session.scalar(
            select(UserRow)
            .where(or_(*matches))
            .order_by(by_id, UserRow.registered_at.desc().nulls_last(), UserRow.id.desc())
            .limit(1)
        )
        return user_from_row(row) if row is not None else None

    async def facts(self, user_id: int, now: datetime) -> ClientFacts:
        row = await self._session.get(UserRow, user_id, populate_existing=True)
        if row is None:
            raise LookupError(user_id)
        bookings = await self._session.scalar(
            select(func.count()).select_from(BookingRow).where(BookingRow.user_id == user_id)
        )
        upcoming = await self._session.scalar(
            select(func.count())
            .select_from(BookingRow)
            .where(
                BookingRow.user_id == user_id,
                BookingRow.status.in_(tuple(LIVE_STATUSES)),
                BookingRow.ends_at > now,
            )
        )
        paid = await self._session.scalar(
            select(func.coalesce(func.sum(PaymentRow.amount), 0)).where(
                PaymentRow.user_id == user_id, PaymentRow.state == PaymentState.SUCCEEDED
            )
        )
        refunded = await self._session.scalar(
            select(func.coalesce(func.sum(RefundRow.amount), 0))
            .join(PaymentRow, PaymentRow.id == RefundRow.payment_id)
            .where(PaymentRow.user_id == user_id, RefundRow.state != RefundState.CANCELED)
        )
        referrals = await self._session.scalar(
            select(func.count()).select_from(ReferralRow).where(ReferralRow.referrer_id == user_id)
        )
        tickets = (
            await self._session.execute(
                select(
                    func.count(),
                    func.count().filter(TicketRow.status.in_(tuple(OPEN_STATUSES))),
                ).where(TicketRow.user_id == user_id)
            )
        ).one()
        return ClientFacts(
            user=user_from_row(row),
            ban_reason=row.ban_reason,
            banned_at=row.banned_at,
            banned_by=row.banned_by,
            staff_note=row.staff_note,
            bookings=int(bookings or 0),
            upcoming=int(upcoming or 0),
            paid=int(paid or 0),
            refunded=int(refunded or 0),
            referrals=int(referrals or 0),
            tickets=int(tickets[0] or 0),
            open_tickets=int(tickets[1] or 0),
        )
