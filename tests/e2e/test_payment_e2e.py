"""End to end: a client books and pays in the real `coworking-bot run`, which talks to the Bot
API stand-in as Telegram and to the YooKassa stand-in as YooKassa (through YOOKASSA_API_URL);
YooKassa's notification reaches the process's HTTP API, and the confirmation lands in the chat."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
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
    """`coworking-bot run` with the demo catalog and YooKassa configured (the stand-in)."""
    if TEST_REDIS_URL:
        from redis.asyncio import Redis

        async with Redis.from_url(TEST_REDIS_URL) as redis:
            await redis.flushdb()
    await seed_demo(session_factory)
    process = BotProcess(api, database_url, tmp_path)
    process.env.update(
        {
            "YOKASSA_ACCOUNT_ID": kassa.shop_id,
            "YOKASSA_SECRET_KEY": kassa.secret_key,
            "YOOKASSA_API_URL": kassa.url,
            "YOOKASSA_WEBHOOK_IPS": "127.0.0.1",
        }
    )
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


async def post_webhook(base_url: str, body: dict[str, Any]) -> tuple[int, Any]:
    timeout = aiohttp.ClientTimeout(total=10)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.post(f"{base_url}/webhooks/yookassa", data=json.dumps(body)) as response,
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
