"""Engine setup. SQLite gets WAL, foreign keys, a busy timeout and explicit transaction control.

aiosqlite on Python 3.11 uses the sqlite3 module's legacy transaction handling, which issues no
BEGIN before reads. We switch it off (`isolation_level = None`) and emit BEGIN ourselves; a
session that will write asks for `BEGIN IMMEDIATE` through `begin_write`, so a read-then-write
transaction takes the write lock up front instead of failing with "database is locked".
"""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, SessionTransaction

SQLITE_BUSY_TIMEOUT_MS = 15_000
_IMMEDIATE = "coworking_begin_immediate"
_WRITE_TURN = "coworking_write_turn"

# One queue of writers per SQLite engine (the process is the file's only writer). Writers wait
# their turn here, first come first served, instead of in SQLite's busy handler, which polls with
# sleeps of up to 100 ms and lets an unlucky writer starve for seconds under load.
_write_turns: weakref.WeakKeyDictionary[Engine, asyncio.Lock] = weakref.WeakKeyDictionary()


@event.listens_for(Session, "after_transaction_end")
def _end_write_turn(session: Session, transaction: SessionTransaction) -> None:
    """The writer's transaction ended (commit, rollback or close): the next writer's turn."""
    if transaction.parent is None:
        turn: asyncio.Lock | None = session.info.pop(_WRITE_TURN, None)
        if turn is not None:
            turn.release()


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_async_engine(url, echo=echo, pool_pre_ping=True, pool_size=10)

    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    _install_sqlite_hooks(engine)
    return engine


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()
        # SQLite's lower() folds only ASCII: searching names in any script needs Python's.
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def begin_write(session: AsyncSession) -> None:
    """Start the session's transaction as a writer.

    SQLite: `BEGIN IMMEDIATE` (takes the database write lock now). PostgreSQL: a plain BEGIN; row
    locks are taken where the use case needs them. Does nothing if a write transaction already
    runs. On SQLite a read transaction the session opened earlier (the update's user lookup) is
    ended first: upgrading its old snapshot to a writer fails at once with "database is locked"
    when another connection has committed since.
    """
    sqlite = session.bind is not None and session.bind.dialect.name == "sqlite"
    if session.in_transaction():
        if not sqlite or session.new or session.dirty or session.deleted:
            return
        connection = (await session.connection()).sync_connection
        if connection is None or connection.get_execution_options().get(_IMMEDIATE, False):
            return
        await session.commit()  # only reads happened: nothing to lose
    if sqlite:
        await _wait_for_write_turn(session)
        try:
            await session.connection(execution_options={_IMMEDIATE: True})
        except BaseException:
            turn = session.sync_session.info.pop(_WRITE_TURN, None)
            if turn is not None:
                turn.release()
            raise
    else:
        await session.connection()


async def _wait_for_write_turn(session: AsyncSession) -> None:
    if _WRITE_TURN in session.sync_session.info:
        return
    bind = session.sync_session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    turn = _write_turns.setdefault(engine, asyncio.Lock())
    try:
        async with asyncio.timeout(SQLITE_BUSY_TIMEOUT_MS / 1000):
            await turn.acquire()
    except TimeoutError:
        # What SQLite itself would have said after its busy timeout.
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked")) from None
    session.sync_session.info[_WRITE_TURN] = turn
