"""End to end: `coworking-bot run` with an https PUBLIC_BASE_URL gives the owner the dashboard as
the chat's menu button (the Bot API stand-in checks it as Telegram does), serves the Mini App at
/app/, and its API refuses forged init data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from admin_api.routes.webapp import built_app
from tests.conftest import OWNER_ID
from tests.e2e.conftest import BotProcess, wait_for_http
from tests.fakes.bot_api import BotApiStandIn

BASE = "https://hub.example.com"


@pytest.fixture
async def dashboard_process(
    api: BotApiStandIn, database_url: str, engine: AsyncEngine, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(api, database_url, tmp_path)
    process.env["PUBLIC_BASE_URL"] = BASE
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


async def test_the_owner_gets_the_dashboard_and_forged_init_data_gets_401(
    api: BotApiStandIn, dashboard_process: BotProcess
) -> None:
    status, page = await wait_for_http(f"{dashboard_process.base_url}/app/")
    if built_app() is not None:
        assert status == 200
        assert '<div id="root">' in page
    else:
        assert status == 503
        assert "make run" in page

    button = api.menu_buttons[OWNER_ID]
    assert button["type"] == "web_app"
    assert button["web_app"]["url"] == f"{BASE}/app/"
    assert button["text"] == "📊 Дашборд"

    forged = "auth_date=1&user=%7B%22id%22%3A1000%7D&hash=" + "0" * 64
    timeout = aiohttp.ClientTimeout(total=5)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.get(
            f"{dashboard_process.base_url}/api/v1/me", headers={"Authorization": f"tma {forged}"}
        ) as response,
    ):
        assert response.status == 401
