"""Fixtures shared by the dialog tests."""

import itertools

import pytest
from aiogram_dialog.api.entities import stack
from aiogram_dialog.test_tools import BotClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.seed import seed_demo
from coworking_bot.i18n import Translator
from tests.dialogs.helpers import register
from tests.fakes.telegram import WindowRecorder


class _DistinctIntentIds:
    """aiogram-dialog makes an intent id from the current second plus a random number below 100,
    so two dialogs started within one second share an id once in a hundred: an old button then
    reaches the new dialog instead of being refused as stale. Tests that tap an old button right
    after a restart would fail now and then; here the ids of one second never repeat."""

    def __init__(self) -> None:
        self._next = itertools.cycle(range(100))

    def randint(self, low: int, high: int) -> int:
        return low + next(self._next) % (high - low + 1)


@pytest.fixture(autouse=True)
def distinct_intent_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stack, "random", _DistinctIntentIds())


@pytest.fixture
async def registered(
    session_factory: async_sessionmaker[AsyncSession],
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    """The demo coworking, and user 1 registered in Russian."""
    await seed_demo(session_factory)
    await register(client, message_manager, ru)
