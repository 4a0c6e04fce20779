"""The heartbeat of a running bot over a real database, and how `restore` reads it."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.instances import ALIVE_WITHIN, Heartbeat, Instance, alive_instances
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import InstanceRow

Sessions = async_sessionmaker[AsyncSession]
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Ticking:
    """A wall clock that moves one second on each reading; `read_thrice` is set at the third."""

    def __init__(self) -> None:
        self.current = START
        self.readings = 0
        self.read_thrice = asyncio.Event()

    def __call__(self) -> datetime:
        self.current += timedelta(seconds=1)
        self.readings += 1
        if self.readings >= 3:
            self.read_thrice.set()
        return self.current


async def _rows(sessions: Sessions) -> list[InstanceRow]:
    async with sessions() as session:
        return list(await session.scalars(select(InstanceRow)))


async def test_a_running_bot_keeps_its_row_fresh_and_removes_it_on_stop(
    session_factory: Sessions,
) -> None:
    clock = Ticking()
    heartbeat = Heartbeat(session_factory, interval=0.01, now=clock)
    stop = asyncio.Event()
    task = asyncio.create_task(heartbeat.run(stop))

    await asyncio.wait_for(clock.read_thrice.wait(), 5)
    [row] = await _rows(session_factory)
    assert (row.id, row.host, row.pid) == (heartbeat.id, heartbeat.host, heartbeat.pid)
    assert row.started_at == START + timedelta(seconds=1)
    assert row.seen_at > row.started_at

    stop.set()
    await asyncio.wait_for(task, 5)
    assert await _rows(session_factory) == []


async def test_a_failing_write_is_logged_and_tried_again(
    session_factory: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    calls = 0
    recovered = asyncio.Event()

    def flaky() -> AsyncSession:
        nonlocal calls
        calls += 1
        if calls <= 2:
            raise OSError("the database is away")
        if calls > 3:
            recovered.set()  # the third call wrote the row
        return session_factory()

    heartbeat = Heartbeat(flaky, interval=0.01)  # type: ignore[arg-type]
    stop = asyncio.Event()
    with caplog.at_level(logging.WARNING):
        task = asyncio.create_task(heartbeat.run(stop))
        await asyncio.wait_for(recovered.wait(), 5)
        assert [row.id for row in await _rows(session_factory)] == [heartbeat.id]
        stop.set()
        await asyncio.wait_for(task, 5)
    assert task.exception() is None
    assert caplog.text.count("heartbeat not written") == 2
    assert await _rows(session_factory) == []


async def test_only_recently_seen_rows_count_as_running(
    database_url: str, session_factory: Sessions
) -> None:
    now = datetime.now(UTC)
    fresh = Heartbeat(session_factory, now=lambda: now - ALIVE_WITHIN + timedelta(seconds=1))
    killed = Heartbeat(session_factory, now=lambda: now - ALIVE_WITHIN - timedelta(seconds=1))
    await killed.beat()
    await fresh.beat()

    alive = await alive_instances(database_url, now)

    assert alive == [Instance(fresh.host, fresh.pid, now - ALIVE_WITHIN + timedelta(seconds=1))]
    assert alive[0].describe(now) == f"pid {fresh.pid} on host {fresh.host}, seen 29 s ago"


async def test_a_new_bot_clears_the_rows_of_killed_ones(session_factory: Sessions) -> None:
    killed = Heartbeat(session_factory, now=lambda: START)
    await killed.beat()
    await Heartbeat(session_factory, now=lambda: START + ALIVE_WITHIN * 2).beat()
    assert killed.id not in {row.id for row in await _rows(session_factory)}


async def test_nothing_runs_on_a_database_that_is_not_there_or_older(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert await alive_instances(f"sqlite+aiosqlite:///{missing}") == []
    assert not missing.exists()  # asking did not create it

    older = tmp_path / "older.db"
    await asyncio.to_thread(upgrade, f"sqlite+aiosqlite:///{older}", "0004")
    assert await alive_instances(f"sqlite+aiosqlite:///{older}") == []
