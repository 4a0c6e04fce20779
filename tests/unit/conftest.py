"""Fixtures for the unit tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.i18n import Translations
from tests.conftest import FakeClock, build_container

ContainerFor = Callable[[Settings], Awaitable[AsyncContainer]]


@pytest.fixture
async def container_for(
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    clock: FakeClock,
) -> AsyncIterator[ContainerFor]:
    """The real container over other settings (closed after the test)."""
    made: list[AsyncContainer] = []

    async def make(settings: Settings) -> AsyncContainer:
        made.append(build_container(settings, bot, session_factory, translations, clock))
        return made[-1]

    yield make
    for container in made:
        await container.close()
