"""Exports through a signed link (what the Mini App's `downloadFile` fetches) and through the
bot, to the staff member's chat."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SendDocument
from sqlalchemy import update

from coworking_bot.config import Settings
from coworking_bot.db.models import StaffMemberRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translations
from coworking_bot.main.web import create_app
from tests.api.dashboard_helpers import ADMIN_ID, NOVEMBER, World, build_world, tma
from tests.api.webhook_helpers import Sessions, client_for
from tests.conftest import OWNER_ID, FakeClock, build_container
from tests.fakes.telegram import RecordingSession


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await build_world(session_factory)


async def _link(api: httpx.AsyncClient, export: str, telegram_id: int = OWNER_ID) -> str:
    response = await api.post(
        f"/api/v1/exports/{export}/link", params=NOVEMBER, headers=tma(telegram_id)
    )
    assert response.status_code == 200, response.text
    return str(response.json()["url"])


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def test_a_signed_link_downloads_without_headers(
    api: httpx.AsyncClient, world: World
) -> None:
    url = await _link(api, "payments.xlsx")
    assert url.startswith("http://test/api/v1/exports/payments.xlsx?")
    response = await api.get(_path(url))
    assert response.status_code == 200
    assert response.content.startswith(b"PK")  # a zip: XLSX


async def test_a_link_names_its_export_period_and_time(
    api: httpx.AsyncClient, world: World, clock: FakeClock
) -> None:
    url = await _link(api, "bookings.csv")
    token = parse_qs(urlsplit(url).query)["token"][0]
    other_export = {"token": token, **NOVEMBER}
    assert (await api.get("/api/v1/exports/users.csv", params=other_export)).status_code == 401
    other_format = await api.get("/api/v1/exports/bookings.xlsx", params=other_export)
    assert other_format.status_code == 401
    other_period = {"token": token, "date_from": "2026-11-01", "date_to": "2026-11-29"}
    assert (await api.get("/api/v1/exports/bookings.csv", params=other_period)).status_code == 401
    forged = {**other_export, "token": token[:-1] + ("0" if token[-1] != "0" else "1")}
    assert (await api.get("/api/v1/exports/bookings.csv", params=forged)).status_code == 401
    for junk in ("", "x", "1.2", "1.2.3.4", "٣.1.abc", "9" * 100):
        params = {**NOVEMBER, "token": junk}
        assert (await api.get("/api/v1/exports/bookings.csv", params=params)).status_code in (
            401,
            422,
        )
    assert (await api.get(_path(url))).status_code == 200
    clock.current += timedelta(minutes=5)
    assert (await api.get(_path(url))).status_code == 401


async def test_a_link_checks_the_staff_member_again_when_used(
    api: httpx.AsyncClient, world: World, session_factory: Sessions
) -> None:
    url = await _link(api, "users.csv", ADMIN_ID)
    async with session_factory() as session:
        await session.execute(
            update(StaffMemberRow)
            .where(StaffMemberRow.telegram_id == ADMIN_ID)
            .values(role=StaffRole.SUPPORT)
        )
        await session.commit()
    assert (await api.get(_path(url))).status_code == 403


async def test_public_base_url_makes_the_link(
    world: World,
    settings: Settings,
    bot: Bot,
    session_factory: Sessions,
    translations: Translations,
    clock: FakeClock,
) -> None:
    public = settings.model_copy(update={"public_base_url": "https://cowork.example.com"})
    container = build_container(public, bot, session_factory, translations, clock)
    try:
        async with client_for(create_app(public, container)) as api:
            url = await _link(api, "users.csv")
    finally:
        await container.close()
    assert url.startswith("https://cowork.example.com/api/v1/exports/users.csv?date_from=")


async def test_the_bot_sends_the_file_to_the_staff_members_chat(
    api: httpx.AsyncClient, world: World, telegram: RecordingSession
) -> None:
    response = await api.post(
        "/api/v1/exports/bookings.xlsx/send", params=NOVEMBER, headers=tma(ADMIN_ID)
    )
    assert response.status_code == 200, response.text
    assert response.json()["filename"] == "bookings_2026-11-01_2026-11-30.xlsx"
    [sent] = [call for call in telegram.calls if isinstance(call, SendDocument)]
    assert sent.chat_id == ADMIN_ID
    assert sent.document.filename == "bookings_2026-11-01_2026-11-30.xlsx"  # type: ignore[union-attr]


async def test_a_chat_the_bot_may_not_write_to_is_409(
    api: httpx.AsyncClient, world: World, telegram: RecordingSession
) -> None:
    telegram.fail_next(
        SendDocument,
        TelegramForbiddenError(method=SendDocument(chat_id=1, document="x"), message="blocked"),
    )
    response = await api.post(
        "/api/v1/exports/users.csv/send", params=NOVEMBER, headers=tma(OWNER_ID)
    )
    assert response.status_code == 409
