"""aiogram FSM storage in our database, so dialogs survive a restart without Redis.

Reads and writes are single Core statements (a write is one upsert), not ORM round trips. Two
options serve the single-process SQLite default, where this process is the only writer:

- `cache`: the whole table is read into memory on first use; from then on every read is
  answered from memory (a key not there is empty), since nobody else writes the table;
- `flush_interval`: writes land in memory at once and reach the database in one batched
  transaction every `flush_interval` seconds (and on `close()`, so a clean stop loses nothing).
  A crash can lose the last fraction of a second of dialog state; what users entered is stored
  by the services themselves, and `/start` resumes from it.

Several instances share state through Redis instead (`REDIS_URL`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.db.models import BotStorageRow

logger = logging.getLogger(__name__)

_EMPTY = "{}"
_table = cast(Table, BotStorageRow.__table__)


class SqlStorage(BaseStorage):
    def __init__(
        self,
        engine: AsyncEngine | async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        *,
        cache: bool = False,
        flush_interval: float | None = None,
    ) -> None:
        if isinstance(engine, async_sessionmaker):
            engine = engine.kw["bind"]
        assert isinstance(engine, AsyncEngine)
        if flush_interval is not None and not cache:
            raise ValueError("write-behind needs the read cache")
        self._engine = engine
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)
        # key -> (state, data as JSON text); JSON text so a caller can never mutate what we hold.
        self._cache: dict[str, tuple[str | None, str]] | None = {} if cache else None
        self._loaded = False
        self._load_lock = asyncio.Lock()
        self._flush_interval = flush_interval
        self._dirty: set[str] = set()
        self._flusher: asyncio.Task[None] | None = None
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(_table)
        self._upsert = statement.on_conflict_do_update(
            index_elements=[_table.c.key],
            set_={
                "state": statement.excluded.state,
                "data": statement.excluded.data,
                "updated_at": statement.excluded.updated_at,
            },
        )

    async def _load(self, key: str) -> tuple[str | None, str]:
        if self._cache is not None:
            if not self._loaded:
                await self._load_all()
            return self._cache.get(key, (None, _EMPTY))
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(_table.c.state, _table.c.data).where(_table.c.key == key)
                )
            ).first()
        return (row[0], json.dumps(row[1] or {}, ensure_ascii=False)) if row else (None, _EMPTY)

    async def _load_all(self) -> None:
        async with self._load_lock:
            if self._loaded or self._cache is None:
                return
            async with self._engine.connect() as connection:
                result = await connection.stream(
                    select(_table.c.key, _table.c.state, _table.c.data)
                )
                async for key, state, data in result:
                    self._cache.setdefault(key, (state, json.dumps(data or {}, ensure_ascii=False)))
            self._loaded = True

    async def _save(self, key: str, state: str | None, data: str) -> None:
        if self._cache is not None:
            if state is None and data == _EMPTY:
                self._cache.pop(key, None)
            else:
                self._cache[key] = (state, data)
        if self._flush_interval is None:
            async with self._engine.begin() as connection:
                await self._write(connection, {key: (state, data)})
            return
        self._dirty.add(key)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_later())

    async def _write(
        self, connection: AsyncConnection, values: Mapping[str, tuple[str | None, str]]
    ) -> None:
        now = datetime.now(UTC)
        upserts = [
            {"key": key, "state": state, "data": json.loads(data), "updated_at": now}
            for key, (state, data) in values.items()
            if state is not None or data != _EMPTY
        ]
        gone = [key for key, (state, data) in values.items() if state is None and data == _EMPTY]
        if upserts:
            await connection.execute(self._upsert, upserts)
        if gone:
            await connection.execute(delete(_table).where(_table.c.key.in_(gone)))

    async def _flush_later(self) -> None:
        assert self._flush_interval is not None
        await asyncio.sleep(self._flush_interval)
        await self.flush()

    async def flush(self) -> None:
        """Write every change still held in memory, in one transaction."""
        if not self._dirty or self._cache is None:
            return
        keys, self._dirty = self._dirty, set()
        values = {key: self._cache.get(key, (None, _EMPTY)) for key in keys}
        try:
            async with self._engine.begin() as connection:
                await self._write(connection, values)
        except Exception:
            self._dirty |= keys  # try again with the next flush
            logger.exception("could not save %d dialog states; will retry", len(keys))
            raise

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        storage_key = self._keys.build(key)
        current_state, data = await self._load(storage_key)
        if value != current_state:
            await self._save(storage_key, value, data)

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._load(self._keys.build(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # Serializing here means data that could not survive the database fails now, not later.
        text = json.dumps(dict(data), ensure_ascii=False)
        storage_key = self._keys.build(key)
        state, current = await self._load(storage_key)
        if text != current:
            await self._save(storage_key, state, text)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._load(self._keys.build(key))
        loaded: dict[str, Any] = json.loads(data)
        return loaded

    async def close(self) -> None:
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._flusher
        await self.flush()
        if self._cache is not None:
            self._cache.clear()
            self._loaded = False
