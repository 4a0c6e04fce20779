"""Fixtures shared by the dialog tests."""

import pytest
from aiogram_dialog.test_tools import BotClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.seed import seed_demo
from coworking_bot.i18n import Translator
from tests.dialogs.helpers import register
from tests.fakes.telegram import WindowRecorder


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
