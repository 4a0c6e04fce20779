"""Timed housekeeping: the outbox forgets what it sent (or gave up on) after the retention period,
so the table does not grow without end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from coworking_bot.services.common.ports import Clock, UnitOfWork

BATCH = 5_000


class OutboxArchive(Protocol):
    async def purge_done_before(self, moment: datetime, limit: int) -> int:
        """Delete up to `limit` rows sent or failed before `moment`; returns how many."""
        ...


@dataclass(frozen=True, slots=True)
class Retention:
    outbox: timedelta


class Housekeeping:
    def __init__(
        self, archive: OutboxArchive, uow: UnitOfWork, clock: Clock, retention: Retention
    ) -> None:
        self._archive = archive
        self._uow = uow
        self._clock = clock
        self._retention = retention

    async def purge_outbox(self) -> int:
        """Rows done with for longer than the retention period are deleted, a batch at a time
        (each its own short transaction, so writers are not held up)."""
        moment = self._clock.now() - self._retention.outbox
        purged = 0
        while True:
            async with self._uow.write():
                batch = await self._archive.purge_done_before(moment, BATCH)
            purged += batch
            if batch < BATCH:
                return purged
