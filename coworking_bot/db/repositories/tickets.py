"""Support tickets and their threads in SQL. Never commits: the use case owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import TicketMessageRow, TicketRow
from coworking_bot.domain.tickets import (
    OPEN_STATUSES,
    Attachment,
    MediaKind,
    MessageKind,
    Ticket,
    TicketMessage,
    TicketNotFound,
    TicketStatus,
)
from coworking_bot.services.tickets.ports import TicketChanges


def ticket_from_row(row: TicketRow) -> Ticket:
    return Ticket(
        id=row.id,
        user_id=row.user_id,
        status=row.status,
        subject=row.subject,
        assigned_to=row.assigned_to,
        created_at=row.created_at,
        updated_at=row.updated_at,
        first_response_at=row.first_response_at,
        closed_at=row.closed_at,
        escalated_at=row.escalated_at,
        rating=row.rating,
    )


def message_from_row(row: TicketMessageRow) -> TicketMessage:
    return TicketMessage(
        id=row.id,
        ticket_id=row.ticket_id,
        kind=row.kind,
        author_telegram_id=row.author_telegram_id,
        text=row.text,
        media=tuple(_attachment(item) for item in row.media or ()),
        created_at=row.created_at,
    )


def _attachment(item: dict[str, Any]) -> Attachment:
    return Attachment(MediaKind(item["kind"]), str(item["file_id"]))


class SqlTicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, user_id: int, subject: str, now: datetime) -> Ticket:
        row = TicketRow(
            user_id=user_id,
            status=TicketStatus.NEW,
            subject=subject,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return ticket_from_row(row)

    async def get(self, ticket_id: int, *, lock: bool = False) -> Ticket | None:
        query = select(TicketRow).where(TicketRow.id == ticket_id)
        if lock:
            await begin_write(self._session)
            if self._session.bind is not None and self._session.bind.dialect.name != "sqlite":
                query = query.with_for_update()
            query = query.execution_options(populate_existing=True)
        row = await self._session.scalar(query)
        return ticket_from_row(row) if row else None

    async def update(self, ticket_id: int, changes: TicketChanges) -> Ticket:
        await self._session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id)
            .values(**changes)
            .execution_options(synchronize_session=False)
        )
        row = await self._session.scalar(
            select(TicketRow)
            .where(TicketRow.id == ticket_id)
            .execution_options(populate_existing=True)
        )
        if row is None:
            raise TicketNotFound()
        return ticket_from_row(row)

    async def add_message(
        self,
        *,
        ticket_id: int,
        kind: MessageKind,
        author_telegram_id: int,
        text: str,
        media: Sequence[Attachment],
        now: datetime,
    ) -> TicketMessage:
        row = TicketMessageRow(
            ticket_id=ticket_id,
            kind=kind,
            author_telegram_id=author_telegram_id,
            text=text,
            media=[{"kind": item.kind.value, "file_id": item.file_id} for item in media],
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return message_from_row(row)

    async def messages(
        self, ticket_id: int, *, with_notes: bool, offset: int, limit: int
    ) -> tuple[list[TicketMessage], int]:
        where = [TicketMessageRow.ticket_id == ticket_id]
        if not with_notes:
            where.append(TicketMessageRow.kind != MessageKind.NOTE)
        total = await self._session.scalar(select(func.count(TicketMessageRow.id)).where(*where))
        rows = await self._session.scalars(
            select(TicketMessageRow)
            .where(*where)
            .order_by(TicketMessageRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [message_from_row(row) for row in rows], int(total or 0)

    async def count_open(self, user_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(TicketRow)
            .where(TicketRow.user_id == user_id, TicketRow.status.in_(tuple(OPEN_STATUSES)))
        )
        return int(count or 0)

    async def for_user(self, user_id: int, *, offset: int, limit: int) -> tuple[list[Ticket], int]:
        total = await self._session.scalar(
            select(func.count(TicketRow.id)).where(TicketRow.user_id == user_id)
        )
        rows = await self._session.scalars(
            select(TicketRow)
            .where(TicketRow.user_id == user_id)
            .order_by(TicketRow.updated_at.desc(), TicketRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [ticket_from_row(row) for row in rows], int(total or 0)

    async def queue(
        self, status: TicketStatus, *, offset: int, limit: int
    ) -> tuple[list[Ticket], int]:
        total = await self._session.scalar(
            select(func.count(TicketRow.id)).where(TicketRow.status == status)
        )
        order = (
            (TicketRow.closed_at.desc(), TicketRow.id.desc())
            if status is TicketStatus.CLOSED
            else (TicketRow.created_at, TicketRow.id)
        )
        rows = await self._session.scalars(
            select(TicketRow)
            .where(TicketRow.status == status)
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        return [ticket_from_row(row) for row in rows], int(total or 0)

    async def counts(self) -> dict[TicketStatus, int]:
        rows = await self._session.execute(
            select(TicketRow.status, func.count(TicketRow.id)).group_by(TicketRow.status)
        )
        found = dict.fromkeys(TicketStatus, 0)
        for status, count in rows.all():
            found[TicketStatus(status)] = int(count)
        return found

    async def due_escalation(self, created_before: datetime, limit: int) -> list[int]:
        rows = await self._session.scalars(
            select(TicketRow.id)
            .where(
                TicketRow.status == TicketStatus.NEW,
                TicketRow.escalated_at.is_(None),
                TicketRow.first_response_at.is_(None),
                TicketRow.created_at <= created_before,
            )
            .order_by(TicketRow.created_at, TicketRow.id)
            .limit(limit)
        )
        return list(rows)

    async def claim_escalation(self, ticket_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(TicketRow)
            .where(
                TicketRow.id == ticket_id,
                TicketRow.status == TicketStatus.NEW,
                TicketRow.escalated_at.is_(None),
                TicketRow.first_response_at.is_(None),
            )
            .values(escalated_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
