"""End to end: a client books and pays in the real `coworking-bot run`, which talks to the Bot
API stand-in as Telegram and to the YooKassa stand-in as YooKassa (through YOOKASSA_API_URL);
YooKassa's notification reaches the process's HTTP API, and the confirmation lands in the chat."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.db.seed import seed_demo
from coworking_bot.i18n import Translator
from tests.conftest import TEST_REDIS_URL
from tests.e2e.conftest import BotProcess
from tests.e2e.test_registration_e2e import RU, assert_telegram_accepted_everything, register, shows
from tests.fakes.bot_api import BotApiStandIn, FakeMessage, FakeUser
from tests.fakes.yookassa import YooKassaStandIn

TIME = re.compile(r"^\d\d:\d\d$")


@pytest.fixture
async def paying_bot(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> AsyncIterator[BotProcess]:
    """`coworking-bot run` with the demo catalog and YooKassa configured (the stand-in, which
    may notify from 127.0.0.1)."""
    async with running_bot(api, kassa, database_url, session_factory, tmp_path) as process:
        yield process


@asynccontextmanager
async def running_bot(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
    workdir: Path,
    webhook_ips: str | None = "127.0.0.1",
) -> AsyncIterator[BotProcess]:
    if TEST_REDIS_URL:
        from redis.asyncio import Redis

        async with Redis.from_url(TEST_REDIS_URL) as redis:
            await redis.flushdb()
    await seed_demo(session_factory)
    process = BotProcess(api, database_url, workdir)
    process.env.update(
        {
            "YOKASSA_ACCOUNT_ID": kassa.shop_id,
            "YOKASSA_SECRET_KEY": kassa.secret_key,
            "YOOKASSA_API_URL": kassa.url,
        }
    )
    if webhook_ips is not None:
        process.env["YOOKASSA_WEBHOOK_IPS"] = webhook_ips
    await process.start()
    try:
        yield process
    finally:
        code = await process.stop()
        if code not in (0, None):
            print(process.log)


def button_texts(message: FakeMessage) -> list[str]:
    return [button["text"] for button in message.buttons]


async def pick_a_free_day(api: BotApiStandIn, user: FakeUser, calendar: FakeMessage) -> None:
    """The first free day after today, on this month's page or the next one's."""
    today = date.today().day
    days = [t for t in button_texts(calendar) if t.isdigit() and int(t) > today]
    if not days:
        api.user_clicks(user, calendar, "▶️")
        calendar = await api.wait_for_bot_message(
            user.id, lambda m: any(t.isdigit() for t in button_texts(m))
        )
        days = [t for t in button_texts(calendar) if t.isdigit()]
    api.user_clicks(user, calendar, days[0])


async def post_webhook(
    base_url: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    timeout = aiohttp.ClientTimeout(total=10)
    url = f"{base_url}/webhooks/yookassa"
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.post(url, data=json.dumps(body), headers=headers) as response,
    ):
        return response.status, await response.json()


async def booking_status(engine: AsyncEngine, booking_id: int) -> str:
    async with engine.connect() as connection:
        result = await connection.execute(
            text("SELECT status FROM bookings WHERE id = :id"), {"id": booking_id}
        )
        return str(result.scalar_one())


async def test_a_client_pays_and_the_webhook_confirms_the_booking(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    paying_bot: BotProcess,
    engine: AsyncEngine,
    ru: Translator,
) -> None:
    anna = FakeUser(5101, "Anna", "ru")
    await register(api, anna, RU, "Анна Иванова", "+7 916 123-45-67")

    api.user_sends_text(anna, "/book")
    spaces = await api.wait_for_bot_message(anna.id, shows("Бронирование"))
    api.user_clicks(anna, spaces, "Переговорная «Малая»")
    tariffs = await api.wait_for_bot_message(anna.id, shows("Переговорная «Малая»"))
    api.user_clicks(anna, tariffs, "Почасовая аренда")
    calendar = await api.wait_for_bot_message(
        anna.id, lambda m: any(t.isdigit() for t in button_texts(m))
    )
    await pick_a_free_day(api, anna, calendar)
    starts = await api.wait_for_bot_message(
        anna.id, lambda m: any(TIME.match(t) for t in button_texts(m))
    )
    api.user_clicks(anna, starts, next(t for t in button_texts(starts) if TIME.match(t)))
    hours = ru.get("book-units", unit="hour", units=1)
    units = await api.wait_for_bot_message(anna.id, lambda m: hours in button_texts(m))
    api.user_clicks(anna, units, hours)
    promo = await api.wait_for_bot_message(anna.id, shows("промокод"))
    api.user_clicks(anna, promo, ru.get("btn-no-promo"))
    summary = await api.wait_for_bot_message(anna.id, shows("1\u202f200 ₽"))
    assert "оплатите 1\u202f200 ₽ онлайн" in (summary.text or "")
    api.user_clicks(anna, summary, ru.get("btn-booking-confirm-client"))

    pay_text = ru.get("btn-pay", total="1\u202f200 ₽")
    window = await api.wait_for_bot_message(anna.id, lambda m: pay_text in button_texts(m))
    [payment] = kassa.payments.values()
    [pay_button] = [b for b in window.buttons if b["text"] == pay_text]
    assert pay_button["url"] == payment["confirmation"]["confirmation_url"]
    assert payment["amount"] == {"value": "1200.00", "currency": "RUB"}
    booking_id = int(payment["metadata"]["booking_id"])
    assert await booking_status(engine, booking_id) == "held"

    # Anna pays on YooKassa's page; YooKassa tells the bot.
    paid = kassa.succeed(payment["id"])
    body = kassa.webhook_body("payment.succeeded", paid)
    assert await post_webhook(paying_bot.base_url, body) == (200, {"status": "applied"})
    confirmed = await api.wait_for_bot_message(
        anna.id, shows(f"Бронирование №{booking_id} подтверждено"), timeout=10
    )
    assert "Переговорная «Малая»" in (confirmed.text or "")
    await api.wait_for_bot_message(anna.id, lambda m: m.kind == "document", timeout=10)
    assert await booking_status(engine, booking_id) == "confirmed"

    # The same notification five more times changes nothing and says nothing.
    for _ in range(5):
        assert await post_webhook(paying_bot.base_url, body) == (200, {"status": "unchanged"})
    await asyncio.sleep(1.5)  # what the outbox would send by now
    told = [m for m in api.messages(anna.id) if f"№{booking_id} подтверждено" in (m.text or "")]
    assert len(told) == 1
    assert await booking_status(engine, booking_id) == "confirmed"
    await assert_telegram_accepted_everything(api)


async def test_a_webhook_claiming_to_come_from_yookassa_through_a_header_is_refused(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    """With YooKassa's own address ranges (the default), a local sender that writes one of them
    into X-Forwarded-For is still the local sender: no proxy is trusted."""
    async with running_bot(
        api, kassa, database_url, session_factory, tmp_path, webhook_ips=None
    ) as process:
        body = kassa.webhook_body("payment.succeeded", {"id": "2f0c8f5e-000f-5000-8000-1"})
        forged = {"X-Forwarded-For": "185.71.76.1"}
        status, answer = await post_webhook(process.base_url, body, forged)
    assert status == 403
    assert answer == {"detail": "sender not allowed"}
    assert kassa.requests == []
