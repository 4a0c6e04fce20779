"""Fixtures for the HTTP API tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from dishka import AsyncContainer

from coworking_bot.config import Settings
from coworking_bot.main.web import create_app
from tests.api.webhook_helpers import ANNA, BORIS, Sessions, client_for
from tests.unit.booking_helpers import (
    Demo,
    add_user,
    seed,
)


@pytest.fixture
async def api(settings: Settings, container: AsyncContainer) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(create_app(settings, container)) as client:
        yield client


@pytest.fixture
async def demo(session_factory: Sessions) -> Demo:
    demo = await seed(session_factory)
    await add_user(session_factory, ANNA)
    await add_user(session_factory, BORIS)
    return demo
