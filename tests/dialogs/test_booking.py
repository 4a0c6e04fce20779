"""The booking dialog over the real dispatcher, services and database: the demo catalog, a free
trial day, meeting-room hours with a promo code, a monthly desk, a double tap, /cancel."""

from __future__ import annotations

import re
from datetime import date

import pytest
from aiogram.types import User as TgUser
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator

from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations, Translator
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_promo,
    bookings,
    click_prefix,
    msk,
    rub,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.fakes.yookassa import YooKassaStandIn


@pytest.fixture
async def demo(session_factory: Sessions) -> None:
    await seed_demo(session_factory)
    await add_promo(session_factory, "ROOM20")


@pytest.fixture
async def registered(
    demo: None, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await register(client, message_manager, ru)


async def book_meeting_room(
    client: BotClient,
    recorder: WindowRecorder,
    i18n: Translator,
    hours: int = 2,
    start: str = "12:00",
) -> None:
    """From /book to the promo step: Small room, 2 December, `start`, `hours` hours."""
    await client.send("/book")
    await click(client, recorder, "Переговорная «Малая»")
    await click_prefix(client, recorder, "Почасовая аренда")
    await click(client, recorder, "2")
    await click(client, recorder, start)
    await click(client, recorder, i18n.get("book-units", unit="hour", units=hours))


@pytest.mark.usefixtures("registered")
async def test_free_trial_day_is_confirmed_at_once_and_listed(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, session_factory: Sessions
) -> None:
    await click(client, message_manager, ru.get("btn-book"))
    assert button_texts(message_manager.last_message()) == [
        "Открытое пространство",
        "Переговорная «Малая»",
        "Переговорная «Большая»",
        "Офис на 4 человека",
        ru.get("btn-menu"),
    ]
    await click(client, message_manager, "Открытое пространство")
    await click(client, message_manager, "Пробный день — " + ru.get("tariffs-free"))
    calendar = message_manager.last_message()
    texts = button_texts(calendar)
    assert "🗓 Декабрь 2026" in texts
    assert texts[1:8] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert "Январь 2027 ▶️" in texts
    await click(client, message_manager, "2")
    # One day, no choice of duration: straight to the promo code.
    assert last_text(message_manager) == ru.get("book-promo-ask")
    await click(client, message_manager, ru.get("btn-no-promo"))
    summary = last_text(message_manager)
    assert "2 декабря 2026, Ср" in summary
    assert ru.get("book-price-free") in summary
    assert ru.get("book-summary-free") in summary

    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    assert ru.get("book-done-confirmed") in last_text(message_manager)
    rows = await bookings(session_factory)
    assert [(r.status, r.total) for r in rows] == [(BookingStatus.CONFIRMED, 0)]
    assert rows[0].starts_at == msk(DEC_2, 0)

    await click(client, message_manager, ru.get("btn-my-bookings"))
    assert button_texts(message_manager.last_message())[0] == "02.12, Ср · Открытое пространство"


@pytest.mark.usefixtures("registered")
async def test_meeting_room_hours_with_a_promo_code(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await book_meeting_room(client, message_manager, ru)
    await client.send(" room20 ")
    summary = last_text(message_manager)
    assert "2 декабря 2026, Ср, 12:00–14:00" in summary
    assert rub("2 часа × 1 200 ₽ = 2 400 ₽") in summary
    assert rub("Промокод ROOM20: −480 ₽") in summary
    assert rub("Итого: 1 920 ₽") in summary
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    paying = last_text(message_manager)
    # Straight to paying; held for 15 minutes from 12:00 Moscow time.
    assert ru.get("pay-held", until="12:15") in paying
    assert rub("1 920 ₽") in paying
    assert rub(ru.get("btn-pay", total="1 920 ₽")) in button_texts(message_manager.last_message())
    rows = await bookings(session_factory)
    assert len(rows) == 1
    assert (rows[0].status, rows[0].total, rows[0].promo_discount) == (
        BookingStatus.HELD,
        192_000,
        48_000,
    )
    assert rows[0].hold_expires_at is not None

    # The same code again: once per client.
    await book_meeting_room(client, message_manager, ru, start="15:00")
    await client.send("ROOM20")
    assert telegram.sent_texts(1)[-1] == ru.get("error-promo-already-used")
    assert last_text(message_manager) == ru.get("book-promo-ask")


@pytest.mark.usefixtures("registered")
async def test_a_second_tap_on_confirm_books_once(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    kassa: YooKassaStandIn,
) -> None:
    await book_meeting_room(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-no-promo"))
    summary = message_manager.last_message()
    confirm = InlineButtonTextLocator(re.escape(ru.get("btn-booking-confirm-client")))
    await client.click(summary, confirm)
    assert ru.get("pay-held", until="12:15") in last_text(message_manager)
    await client.click(summary, confirm)
    assert len(await bookings(session_factory)) == 1
    assert len(kassa.payments) == 1


@pytest.mark.usefixtures("registered")
async def test_cancel_mid_flow_keeps_nothing(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await book_meeting_room(client, message_manager, ru)
    await client.send("/cancel")
    assert telegram.sent_texts(1)[-1] == ru.get("cancelled")
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")
    assert await bookings(session_factory) == []
    # A fresh /book starts from the beginning.
    await client.send("/book")
    assert last_text(message_manager) == ru.get("book-pick-space")


@pytest.mark.usefixtures("registered")
async def test_monthly_desk_start_and_months(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, session_factory: Sessions
) -> None:
    await client.send("/book")
    await click(client, message_manager, "Открытое пространство")
    await click_prefix(client, message_manager, "Фиксированное место")
    await click(client, message_manager, "3")
    assert last_text(message_manager) == ru.get("book-pick-units")
    await click(client, message_manager, ru.get("book-units", unit="month", units=3))
    await click(client, message_manager, ru.get("btn-no-promo"))
    summary = last_text(message_manager)
    assert "с 3 декабря 2026, Чт по 2 марта 2027, Вт" in summary
    assert rub("3 месяца × 15 000 ₽ = 45 000 ₽") in summary
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    (row,) = await bookings(session_factory)
    assert (row.starts_at, row.ends_at, row.units) == (
        msk(date(2026, 12, 3), 0),
        msk(date(2027, 3, 3), 0),
        3,
    )


async def test_english_calendar_and_summary(
    demo: None,
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: Sessions,
) -> None:
    client.user = TgUser(id=1, is_bot=False, first_name="John", language_code="en")
    en = translations(Language.EN)
    await register(client, message_manager, en, name="John Smith")
    await click(client, message_manager, en.get("btn-book"))
    await click(client, message_manager, "Meeting room Small")
    await click_prefix(client, message_manager, "Hourly")
    texts = button_texts(message_manager.last_message())
    assert "🗓 December 2026" in texts
    assert texts[1:8] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, "3 hours")
    await click(client, message_manager, en.get("btn-no-promo"))
    summary = last_text(message_manager)
    assert "We, 2 December 2026, 12:00–15:00" in summary
    assert rub("3 hours × 1 200 ₽ = 3 600 ₽") in summary
    assert rub("Volume discount −10 %: −360 ₽") in summary
    assert rub("Total: 3 240 ₽") in summary
    assert await tariff_id(session_factory, "Hourly", "Meeting room Small") > 0
