"""Timed housekeeping: the outbox forgets what it sent (or gave up on) after the retention period,
so the table does not grow without end. A message that is part of a topic (a staff alert about a
request) is kept for a year at least: a booking made far ahead may still change, and its alerts
are edited then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from coworking_bot.services.common.ports import Clock, UnitOfWork

BATCH = 5_000


TOPIC_RETENTION = timedelta(days=365)


class OutboxArchive(Protocol):
    async def purge_done_before(self, moment: datetime, limit: int, *, topics: datetime) -> int:
        """Delete up to `limit` rows sent or failed before `moment` (those of a topic, before
        `topics`); returns how many."""
        ...


@dataclass(frozen=True, slots=True)
class Retention:
    outbox: timedelta

    @property
    def topics(self) -> timedelta:
        return max(self.outbox, TOPIC_RETENTION)


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
        now = self._clock.now()
        moment, topics = now - self._retention.outbox, now - self._retention.topics
        purged = 0
        while True:
            async with self._uow.write():
                batch = await self._archive.purge_done_before(moment, BATCH, topics=topics)
            purged += batch
            if batch < BATCH:
                return purged
