"""The waitlist in SQL. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    WaitlistEntryRow,
)
from coworking_bot.services.booking.ports import WaitlistEntry


class SqlWaitlistRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def join(
        self,
        *,
        user_id: int,
        space_id: int,
        tariff_id: int,
        starts_at: datetime,
        ends_at: datetime,
        units: int,
    ) -> WaitlistEntry:
        row = await self._session.scalar(
            select(WaitlistEntryRow).where(
                WaitlistEntryRow.user_id == user_id,
                WaitlistEntryRow.tariff_id == tariff_id,
                WaitlistEntryRow.starts_at == starts_at,
                WaitlistEntryRow.ends_at == ends_at,
            )
        )
        if row is None:
            row = WaitlistEntryRow(
                user_id=user_id,
                space_id=space_id,
                tariff_id=tariff_id,
                starts_at=starts_at,
                ends_at=ends_at,
                units=units,
            )
            self._session.add(row)
            await self._session.flush()
        return _entry(row)

    async def get(self, entry_id: int) -> WaitlistEntry | None:
        row = await self._session.get(WaitlistEntryRow, entry_id)
        return _entry(row) if row else None

    async def waiting_for(
        self, space_id: int, start: datetime, end: datetime
    ) -> list[WaitlistEntry]:
        """Entries whose wanted time overlaps [start, end), first come first."""
        rows = await self._session.scalars(
            select(WaitlistEntryRow)
            .where(
                WaitlistEntryRow.space_id == space_id,
                WaitlistEntryRow.starts_at < end,
                WaitlistEntryRow.ends_at > start,
            )
            .order_by(WaitlistEntryRow.created_at, WaitlistEntryRow.id)
        )
        return [_entry(row) for row in rows]

    async def requeue(self, entry_id: int) -> None:
        """Back in line: the next place that frees up is offered again."""
        await self._session.execute(
            update(WaitlistEntryRow).where(WaitlistEntryRow.id == entry_id).values(notified_at=None)
        )

    async def mark_notified(self, entry_id: int, now: datetime) -> None:
        await self._session.execute(
            update(WaitlistEntryRow).where(WaitlistEntryRow.id == entry_id).values(notified_at=now)
        )

    async def remove(self, entry_id: int) -> None:
        row = await self._session.get(WaitlistEntryRow, entry_id)
        if row is not None:
            await self._session.delete(row)


def _entry(row: WaitlistEntryRow) -> WaitlistEntry:
    return WaitlistEntry(
        id=row.id,
        user_id=row.user_id,
        space_id=row.space_id,
        tariff_id=row.tariff_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        units=row.units,
        notified_at=row.notified_at,
    )
