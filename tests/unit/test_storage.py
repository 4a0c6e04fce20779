"""SqlStorage: aiogram's FSM storage in our database (SQLite file, or PostgreSQL when set)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BotStorageRow
from coworking_bot.db.storage import SqlStorage

Sessions = async_sessionmaker[AsyncSession]
KEY = StorageKey(bot_id=42, chat_id=1, user_id=1)


class Form(StatesGroup):
    name = State()
    phone = State()


def make(session_factory: Sessions, cache: bool) -> SqlStorage:
    return SqlStorage(session_factory, DefaultKeyBuilder(with_destiny=True), cache=cache)


async def rows(session_factory: Sessions) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(BotStorageRow)) or 0)


@pytest.fixture(params=[False, True], ids=["no-cache", "cache"])
def cache(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


async def test_nothing_stored_yet(session_factory: Sessions, cache: bool) -> None:
    storage = make(session_factory, cache)
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    assert await rows(session_factory) == 0


async def test_state_and_data_round_trip(session_factory: Sessions, cache: bool) -> None:
    storage = make(session_factory, cache)
    await storage.set_state(KEY, Form.name)
    await storage.set_data(KEY, {"name": "Анна", "n": 3, "tags": ["a", "b"], "nested": {"x": None}})
    assert await storage.get_state(KEY) == Form.name.state
    assert await storage.get_data(KEY) == {
        "name": "Анна",
        "n": 3,
        "tags": ["a", "b"],
        "nested": {"x": None},
    }
    await storage.set_state(KEY, "Form:phone")
    assert await storage.get_state(KEY) == Form.phone.state
    assert await storage.get_data(KEY) == {
        "name": "Анна",
        "n": 3,
        "tags": ["a", "b"],
        "nested": {"x": None},
    }
    assert await storage.update_data(KEY, {"n": 4}) == {
        "name": "Анна",
        "n": 4,
        "tags": ["a", "b"],
        "nested": {"x": None},
    }
    assert await rows(session_factory) == 1


async def test_survives_a_new_storage_instance(session_factory: Sessions, cache: bool) -> None:
    first = make(session_factory, cache)
    await first.set_state(KEY, Form.phone)
    await first.set_data(KEY, {"step": 2})
    await first.close()

    second = make(session_factory, cache)
    assert await second.get_state(KEY) == Form.phone.state
    assert await second.get_data(KEY) == {"step": 2}


async def test_returned_data_cannot_change_what_is_stored(
    session_factory: Sessions, cache: bool
) -> None:
    storage = make(session_factory, cache)
    data = {"items": [1]}
    await storage.set_data(KEY, data)
    data["items"].append(2)
    loaded = await storage.get_data(KEY)
    loaded["items"].append(3)
    assert await storage.get_data(KEY) == {"items": [1]}


async def test_keys_are_separate(session_factory: Sessions, cache: bool) -> None:
    storage = make(session_factory, cache)
    other_user = StorageKey(bot_id=42, chat_id=2, user_id=2)
    other_destiny = StorageKey(bot_id=42, chat_id=1, user_id=1, destiny="aiogd_stack")
    await storage.set_state(KEY, Form.name)
    await storage.set_data(other_user, {"who": "other"})
    await storage.set_data(other_destiny, {"stack": True})
    assert await storage.get_state(other_user) is None
    assert await storage.get_data(KEY) == {}
    assert await storage.get_data(other_destiny) == {"stack": True}
    assert await rows(session_factory) == 3


async def test_an_empty_row_is_deleted(session_factory: Sessions, cache: bool) -> None:
    storage = make(session_factory, cache)
    await storage.set_state(KEY, Form.name)
    await storage.set_data(KEY, {"a": 1})
    await storage.set_state(KEY, None)
    assert await rows(session_factory) == 1, "data is still there"
    await storage.set_data(KEY, {})
    assert await rows(session_factory) == 0
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}

    await storage.set_data(KEY, {"a": 1})
    await storage.set_data(KEY, {})
    assert await rows(session_factory) == 0
    assert await make(session_factory, cache=False).get_data(KEY) == {}


async def test_clearing_what_was_never_stored_writes_nothing(
    session_factory: Sessions, cache: bool
) -> None:
    storage = make(session_factory, cache)
    await storage.set_state(KEY, None)
    await storage.set_data(KEY, {})
    assert await rows(session_factory) == 0


async def test_data_that_would_not_survive_a_restart_fails_at_once(
    session_factory: Sessions, cache: bool
) -> None:
    storage = make(session_factory, cache)
    with pytest.raises(TypeError):
        await storage.set_data(KEY, {"when": datetime(2026, 1, 1, tzinfo=UTC)})
    assert await rows(session_factory) == 0
