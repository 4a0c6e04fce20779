"""Running bot processes, told through the `instances` table.

Each `coworking-bot run` keeps a row up to date every HEARTBEAT_SECONDS and removes it when it
stops cleanly. A row seen within ALIVE_WITHIN belongs to a live process; a killed process leaves
a row that simply goes stale. Tools that must not run beside the bot (`restore`) ask
`alive_instances`; the database is the one place every host of a deployment shares.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.engine import Connection, CursorResult, make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.engine import begin_write, create_engine
from coworking_bot.db.models import InstanceRow

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
ALIVE_WITHIN = timedelta(seconds=3 * HEARTBEAT_SECONDS)

Now = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Instance:
    host: str
    pid: int
    seen_at: datetime

    def describe(self, now: datetime) -> str:
        ago = max(0, round((now - self.seen_at).total_seconds()))
        return f"pid {self.pid} on host {self.host}, seen {ago} s ago"


class Heartbeat:
    """This process's row in `instances`: written at start, refreshed every `interval`
    seconds, deleted on a clean stop. A failed write is logged and tried again on the next
    beat; it never stops the bot."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        interval: float = HEARTBEAT_SECONDS,
        now: Now = _utcnow,
    ) -> None:
        self._sessions = sessions
        self._interval = interval
        self._now = now
        self.id = str(uuid.uuid4())
        self.host = socket.gethostname()[:255]
        self.pid = os.getpid()
        self._started_at: datetime | None = None

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                await self._beat_logged()
                try:
                    async with asyncio.timeout(self._interval):
                        await stop.wait()
                except TimeoutError:
                    pass
        finally:
            await self._forget_logged()

    async def beat(self) -> None:
        """Say this process is alive: refresh its row, or write it when it is missing (the first
        beat, a first write that failed, or a restore that replaced the table)."""
        now = self._now()
        started_at = self._started_at = self._started_at or now
        async with self._sessions() as session:
            await begin_write(session)
            refreshed = cast(
                CursorResult[Any],
                await session.execute(
                    update(InstanceRow).where(InstanceRow.id == self.id).values(seen_at=now)
                ),
            )
            if refreshed.rowcount == 0:
                # Rows of killed processes would otherwise stay forever.
                await session.execute(
                    delete(InstanceRow).where(InstanceRow.seen_at < now - ALIVE_WITHIN)
                )
                session.add(
                    InstanceRow(
                        id=self.id, host=self.host, pid=self.pid, started_at=started_at, seen_at=now
                    )
                )
            await session.commit()

    async def forget(self) -> None:
        async with self._sessions() as session:
            await begin_write(session)
            await session.execute(delete(InstanceRow).where(InstanceRow.id == self.id))
            await session.commit()

    async def _beat_logged(self) -> None:
        try:
            await self.beat()
        # Whatever went wrong, the bot serves on: a missed beat only makes the row older.
        except Exception as error:
            logger.warning("heartbeat not written, trying again in %s s: %s", self._interval, error)

    async def _forget_logged(self) -> None:
        try:
            await self.forget()
        except Exception as error:
            logger.warning("heartbeat row not removed (it goes stale by itself): %s", error)


async def alive_instances(database_url: str, now: datetime | None = None) -> list[Instance]:
    """Bot processes seen within ALIVE_WITHIN. None when the database does not exist yet (a
    SQLite file not made) or predates the `instances` table."""
    if _no_sqlite_file(database_url):
        return []
    since = (now or _utcnow()) - ALIVE_WITHIN
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            if not await connection.run_sync(_has_instances_table):
                return []
            rows = await connection.execute(
                select(InstanceRow.host, InstanceRow.pid, InstanceRow.seen_at)
                .where(InstanceRow.seen_at >= since)
                .order_by(InstanceRow.seen_at.desc())
            )
            return [Instance(host, pid, seen_at) for host, pid, seen_at in rows]
    finally:
        await engine.dispose()


def _no_sqlite_file(database_url: str) -> bool:
    """A SQLite database that is not there: opening it would create an empty file."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return False
    path = url.database or ""
    return not path or path == ":memory:" or not Path(path).expanduser().is_file()


def _has_instances_table(connection: Connection) -> bool:
    return inspect(connection).has_table(InstanceRow.__tablename__)
