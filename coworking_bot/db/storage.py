"""aiogram FSM storage in our database, so dialogs survive a restart without Redis.

Each write is its own short transaction on its own session. A single-process deployment (the
SQLite default) may keep a read cache, because its process is then the only writer of the table;
several instances share state through Redis instead (`REDIS_URL`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import BotStorageRow

_EMPTY = "{}"


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        *,
        cache: bool = False,
    ) -> None:
        self._sessions = session_factory
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)
        # key -> (state, data as JSON text); JSON text so a caller can never mutate what we hold.
        self._cache: dict[str, tuple[str | None, str]] | None = {} if cache else None

    async def _load(self, key: str) -> tuple[str | None, str]:
        if self._cache is not None and (cached := self._cache.get(key)) is not None:
            return cached
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(BotStorageRow.state, BotStorageRow.data).where(BotStorageRow.key == key)
                )
            ).first()
        value = (row[0], json.dumps(row[1] or {}, ensure_ascii=False)) if row else (None, _EMPTY)
        if self._cache is not None:
            self._cache[key] = value
        return value

    async def _save(self, key: str, state: str | None, data: str) -> None:
        async with self._sessions() as session:
            await begin_write(session)
            row = await session.get(BotStorageRow, key)
            if state is None and data == _EMPTY:
                if row is not None:
                    await session.delete(row)
            elif row is None:
                session.add(BotStorageRow(key=key, state=state, data=json.loads(data)))
            else:
                row.state = state
                row.data = json.loads(data)
            await session.commit()
        if self._cache is not None:
            self._cache[key] = (state, data)

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
        if self._cache is not None:
            self._cache.clear()
