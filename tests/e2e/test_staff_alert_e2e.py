"""End to end, as the issue's "done when" tries it: with payments on (the YooKassa stand-in), a
manager who has the main menu open confirms a paid office request right from its alert; the
client is told, and the owner's copy of the alert says who confirmed it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.db.models import StaffMemberRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from tests.conftest import OWNER_ID
from tests.e2e.conftest import BotProcess
from tests.e2e.test_payment_e2e import (
    booking_status,
    button_texts,
    pick_a_free_day,
    post_webhook,
    running_bot,
)
from tests.e2e.test_registration_e2e import RU, assert_telegram_accepted_everything, register, shows
from tests.fakes.bot_api import BotApiStandIn, FakeUser
from tests.fakes.yookassa import YooKassaStandIn

MANAGER = FakeUser(5301, "Maria", "ru")
ANNA = FakeUser(5302, "Anna", "ru")


@pytest.fixture
async def staffed_bot(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> AsyncIterator[BotProcess]:
    async with running_bot(api, kassa, database_url, session_factory, tmp_path) as process:
        async with session_factory() as session:
            session.add(
                StaffMemberRow(telegram_id=MANAGER.id, role=StaffRole.MANAGER, added_by=OWNER_ID)
            )
            await session.commit()
        yield process


async def test_a_manager_with_the_menu_open_confirms_a_paid_office_request_from_the_alert(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    staffed_bot: BotProcess,
    engine: AsyncEngine,
    ru: Translator,
) -> None:
    menu = await register(api, MANAGER, RU, "Мария Менеджер", "+7 916 000-00-01")
    assert ru.get("btn-admin") in button_texts(menu)  # the manager sits in the main menu
    await register(api, ANNA, RU, "Анна Иванова", "+7 916 123-45-67")

    api.user_sends_text(ANNA, "/book")
    spaces = await api.wait_for_bot_message(ANNA.id, shows("Бронирование"))
    api.user_clicks(ANNA, spaces, "Офис на 4 человека")
    tariffs = await api.wait_for_bot_message(ANNA.id, shows("Офис на 4 человека"))
    api.user_clicks(ANNA, tariffs, "Аренда на месяц")
    calendar = await api.wait_for_bot_message(
        ANNA.id, lambda m: any(t.isdigit() for t in button_texts(m))
    )
    await pick_a_free_day(api, ANNA, calendar)
    month = ru.get("book-units", unit="month", units=1)
    units = await api.wait_for_bot_message(ANNA.id, lambda m: month in button_texts(m))
    api.user_clicks(ANNA, units, month)
    promo = await api.wait_for_bot_message(ANNA.id, shows("промокод"))
    api.user_clicks(ANNA, promo, ru.get("btn-no-promo"))
    summary = await api.wait_for_bot_message(ANNA.id, shows("60\u202f000 ₽"))
    assert ru.get("book-summary-confirmation") in (summary.text or "")
    api.user_clicks(ANNA, summary, ru.get("btn-booking-confirm-client"))
    pay_text = ru.get("btn-pay", total="60\u202f000 ₽")
    await api.wait_for_bot_message(ANNA.id, lambda m: pay_text in button_texts(m))
    [payment] = kassa.payments.values()
    booking_id = int(payment["metadata"]["booking_id"])

    paid = kassa.succeed(payment["id"])
    body = kassa.webhook_body("payment.succeeded", paid)
    assert await post_webhook(staffed_bot.base_url, body) == (200, {"status": "applied"})
    assert await booking_status(engine, booking_id) == "pending"
    waits = f"заявка №{booking_id} ждёт подтверждения"
    alert = await api.wait_for_bot_message(MANAGER.id, shows(waits), timeout=10)
    owner_alert = await api.wait_for_bot_message(OWNER_ID, shows(waits), timeout=10)

    api.user_clicks(MANAGER, alert, ru.get("btn-booking-confirm"))

    confirmed = await api.wait_for_bot_message(
        ANNA.id, shows(f"Бронирование №{booking_id} подтверждено"), timeout=10
    )
    assert "Офис на 4 человека" in (confirmed.text or "")
    assert await booking_status(engine, booking_id) == "confirmed"
    tapped = api._chats[MANAGER.id].messages[alert.message_id]
    assert "✅ Подтверждено: Maria" in (tapped.text or "")
    assert tapped.buttons == []
    edited = await api.wait_for_bot_message(
        OWNER_ID,
        lambda m: m.message_id == owner_alert.message_id and "Мария Менеджер" in (m.text or ""),
        timeout=10,
        since=owner_alert.version,
    )
    assert "Подтвердил(а): Мария Менеджер" in (edited.text or "")
    assert edited.buttons == []
    await assert_telegram_accepted_everything(api)
