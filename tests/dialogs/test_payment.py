"""Paying online through the real dialogs, services and database, with YooKassa played by the
local stand-in: the payment window after booking, checking the status, a slow or refusing
payment service, an expired hold, cancelling (with a refund from My bookings), the return link
from YooKassa's page, and a staff rejection that refunds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile, InlineKeyboardButton
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer

from coworking_bot.db.models import BookingRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from tests.conftest import OWNER_ID, FakeClock
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    alerts,
    book_directly,
    bookings,
    click_prefix,
    msk,
    rub,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, last_text
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import BOT_USERNAME, RecordingSession, WindowRecorder
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import notices

pytestmark = pytest.mark.usefixtures("registered")

ROOM_TOTAL = rub("2 400 ₽")  # Small meeting room, 2 hours


async def book_small_room(client: BotClient, recorder: WindowRecorder, i18n: Translator) -> str:
    """Small meeting room, 2 December 12:00–14:00, through the dialog; returns the summary."""
    await client.send("/book")
    await click(client, recorder, "Переговорная «Малая»")
    await click_prefix(client, recorder, "Почасовая аренда")
    await click(client, recorder, "2")
    await click(client, recorder, "12:00")
    await click(client, recorder, i18n.get("book-units", unit="hour", units=2))
    await click(client, recorder, i18n.get("btn-no-promo"))
    summary = last_text(recorder)
    await click(client, recorder, i18n.get("btn-booking-confirm-client"))
    return summary


def pay_button(recorder: WindowRecorder) -> InlineKeyboardButton | None:
    markup = recorder.last_message().reply_markup
    buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
    return next((button for button in buttons if button.url), None)


def payment_posts(kassa: YooKassaStandIn) -> int:
    return sum(
        1 for method, path, _ in kassa.requests if (method, path) == ("POST", "/v3/payments")
    )


async def only_booking(session_factory: Sessions) -> BookingRow:
    [row] = await bookings(session_factory)
    return row


async def test_paying_right_after_booking_confirms_the_booking(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    outbox: OutboxSender,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    summary = await book_small_room(client, message_manager, ru)
    assert ru.get("book-summary-pay-online", total=ROOM_TOTAL, minutes=15) in summary

    booking = await only_booking(session_factory)
    assert booking.status is BookingStatus.HELD
    window = last_text(message_manager)
    assert f"№{booking.id}" in window
    assert "2 декабря 2026, Ср, 12:00–14:00" in window
    assert ROOM_TOTAL in window
    assert ru.get("pay-held", until="12:15") in window
    assert ru.get("pay-open") in window
    [payment] = kassa.payments.values()
    assert payment["amount"] == {"value": "2400.00", "currency": "RUB"}
    assert payment["confirmation"]["return_url"] == (
        f"https://t.me/{BOT_USERNAME}?start=paid_{booking.id}"
    )
    button = pay_button(message_manager)
    assert button is not None
    assert button.text == ru.get("btn-pay", total=ROOM_TOTAL)
    assert button.url == payment["confirmation"]["confirmation_url"]

    # "I paid" before paying: nothing changes, and the client is told.
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-not-yet") in last_text(message_manager)
    assert alerts(telegram)[-1] == ru.get("pay-not-yet-short")
    assert (await only_booking(session_factory)).status is BookingStatus.HELD

    kassa.succeed(payment["id"])
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-confirmed") in last_text(message_manager)
    assert pay_button(message_manager) is None
    assert ru.get("btn-cancel-booking") not in button_texts(message_manager.last_message())
    assert (await only_booking(session_factory)).status is BookingStatus.CONFIRMED
    assert payment_posts(kassa) == 1

    await outbox.deliver_due()
    [confirmed] = await notices(session_factory, "notice-booking-confirmed")
    assert confirmed.chat_id == 1
    documents = [c for c in telegram.calls if isinstance(c, SendDocument) and c.chat_id == 1]
    assert len(documents) == 1
    document = documents[0].document
    assert isinstance(document, BufferedInputFile)
    assert document.filename == f"booking-{booking.id}.ics"
    [staff] = await notices(session_factory, "notice-staff-booking-paid")
    assert staff.chat_id == OWNER_ID


async def test_a_payment_page_on_a_host_telegram_refuses_in_buttons_is_shown_as_a_link(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, kassa: YooKassaStandIn
) -> None:
    kassa.checkout_base = "http://localhost:8090"  # a local stand-in: no dot in the host
    await book_small_room(client, message_manager, ru)
    [payment] = kassa.payments.values()
    url = payment["confirmation"]["confirmation_url"]
    assert url.startswith("http://localhost:8090/checkout/")
    assert pay_button(message_manager) is None
    window = last_text(message_manager)
    assert ru.get("pay-open-link", url=url) in window
    assert ru.get("btn-pay-check") in button_texts(message_manager.last_message())


async def test_a_slow_payment_service_is_asked_again_without_a_second_payment(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
) -> None:
    kassa.fail_next(202)
    await book_small_room(client, message_manager, ru)
    window = last_text(message_manager)
    assert ru.get("pay-delayed") in window
    assert ru.get("pay-held", until="12:15") in window
    assert pay_button(message_manager) is None
    assert payment_posts(kassa) == 1

    await click(client, message_manager, ru.get("btn-pay-recheck"))
    assert payment_posts(kassa) == 2  # the same request, with the same key...
    [payment] = kassa.payments.values()  # ...so still one payment
    assert ru.get("pay-open") in last_text(message_manager)
    button = pay_button(message_manager)
    assert button is not None
    assert button.url == payment["confirmation"]["confirmation_url"]


async def test_a_refused_or_failed_payment_is_tried_again_with_a_new_one(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
) -> None:
    shop_key = kassa.secret_key
    kassa.secret_key = "rotated"  # YooKassa refuses the request (401)
    await book_small_room(client, message_manager, ru)
    assert ru.get("pay-failed") in last_text(message_manager)
    assert pay_button(message_manager) is None
    assert kassa.payments == {}

    kassa.secret_key = shop_key
    await click(client, message_manager, ru.get("btn-pay-retry"))
    [first] = kassa.payments.values()
    assert ru.get("pay-open") in last_text(message_manager)

    # The client's bank declines: a new attempt, with its own page, on the next try.
    kassa.cancel(first["id"])
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-canceled") in last_text(message_manager)
    assert pay_button(message_manager) is None
    await click(client, message_manager, ru.get("btn-pay-retry"))
    assert len(kassa.payments) == 2
    second = next(p for p in kassa.payments.values() if p["id"] != first["id"])
    button = pay_button(message_manager)
    assert button is not None
    assert button.url == second["confirmation"]["confirmation_url"]
    assert (await only_booking(session_factory)).status is BookingStatus.HELD


async def test_when_the_hold_runs_out_the_window_offers_to_book_again(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    await book_small_room(client, message_manager, ru)
    clock.current += timedelta(minutes=16)
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-expired") in last_text(message_manager)
    assert pay_button(message_manager) is None
    assert payment_posts(kassa) == 1
    await click(client, message_manager, ru.get("btn-book-again"))
    assert last_text(message_manager) == ru.get("book-pick-space")


async def test_cancelling_from_the_payment_window(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
) -> None:
    await book_small_room(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    ask = last_text(message_manager)
    assert ru.get("pay-cancel-unpaid") in ask
    await click(client, message_manager, ru.get("btn-back"))
    assert ru.get("pay-open") in last_text(message_manager)

    await click(client, message_manager, ru.get("btn-cancel-booking"))
    await click(client, message_manager, ru.get("btn-cancel-confirm"))
    assert alerts(telegram)[-1] == ru.get("book-cancelled")
    assert ru.get("pay-cancelled") in last_text(message_manager)
    assert pay_button(message_manager) is None
    assert ru.get("btn-book-again") in button_texts(message_manager.last_message())
    assert (await only_booking(session_factory)).status is BookingStatus.CANCELLED
    assert kassa.refunds == {}


async def test_cancelling_a_paid_booking_a_day_ahead_refunds_all_of_it(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    kassa: YooKassaStandIn,
    outbox: OutboxSender,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    made = await book_directly(container, 1, room, msk(DEC_2 + timedelta(days=1), 12), 2)
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "03.12, Чт 12:00")
    assert ru.get("book-details-hold", until="12:15") in last_text(message_manager)
    await click(client, message_manager, ru.get("btn-pay-booking"))
    [payment] = kassa.payments.values()
    kassa.succeed(payment["id"])
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-confirmed") in last_text(message_manager)

    await click(client, message_manager, ru.get("btn-back"))  # back to the booking's details
    details = last_text(message_manager)
    assert ru.get("pay-details-paid", amount=ROOM_TOTAL) in details
    assert ru.get("btn-pay-booking") not in button_texts(message_manager.last_message())
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    ask = last_text(message_manager)
    assert (
        ru.get("book-cancel-free", until="2 декабря 2026, Ср, 12:00", hours=24, percent=100) in ask
    )
    assert ru.get("pay-cancel-paid-full", paid=ROOM_TOTAL, refund=ROOM_TOTAL) in ask
    await click(client, message_manager, ru.get("btn-cancel-confirm"))
    assert alerts(telegram)[-1] == ru.get("book-cancelled-refund", refund=ROOM_TOTAL)

    [refund] = kassa.refunds.values()
    assert (refund["payment_id"], refund["amount"]["value"]) == (payment["id"], "2400.00")
    assert [r.status for r in await bookings(session_factory)] == [BookingStatus.CANCELLED]
    [done] = await notices(session_factory, "notice-refund-done")
    assert done.chat_id == 1
    await outbox.deliver_due()
    assert any(str(made.id) in text for text in telegram.sent_texts(1))

    await click(client, message_manager, ru.get("btn-bookings-past"))
    await click_prefix(client, message_manager, "03.12, Чт 12:00")
    assert ru.get("pay-details-refunded", amount=ROOM_TOTAL) in last_text(message_manager)


async def test_late_cancel_of_a_paid_booking_says_nothing_comes_back(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    made = await book_directly(container, 1, room, msk(DEC_2 - timedelta(days=1), 18), 1)
    await client.send(f"/start paid_{made.id}")
    [payment] = kassa.payments.values()
    kassa.succeed(payment["id"])
    await click(client, message_manager, ru.get("btn-pay-check"))
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "01.12, Вт 18:00")
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    ask = last_text(message_manager)
    assert ru.get("book-cancel-late", until="30 ноября 2026, Пн, 18:00", hours=24, percent=0) in ask
    assert ru.get("pay-cancel-paid-none", paid=rub("1 200 ₽")) in ask
    await click(client, message_manager, ru.get("btn-back"))
    assert kassa.refunds == {}


async def test_the_return_link_from_yookassa_opens_the_window_and_checks(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
) -> None:
    await book_small_room(client, message_manager, ru)
    booking = await only_booking(session_factory)
    [payment] = kassa.payments.values()
    kassa.succeed(payment["id"])
    await client.send("/menu")

    await client.send(f"/start paid_{booking.id}")
    assert ru.get("pay-confirmed") in last_text(message_manager)
    assert (await only_booking(session_factory)).status is BookingStatus.CONFIRMED
    assert payment_posts(kassa) == 1


async def test_a_return_link_to_someone_elses_booking_shows_nothing_of_it(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    await add_client(session_factory, 2)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    theirs = await book_directly(container, 2, room, msk(DEC_2, 15), 1)
    await client.send(f"/start paid_{theirs.id}")
    assert last_text(message_manager).strip() == ru.get("error-booking-not-found")
    assert button_texts(message_manager.last_message()) == [ru.get("btn-menu")]
    assert kassa.requests == []


async def test_a_manager_rejecting_a_paid_request_refunds_it(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    outbox: OutboxSender,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
    dispatcher: Dispatcher,
    bot: Bot,
) -> None:
    office = await tariff_id(session_factory, "Monthly", "Private office for 4")
    made = await book_directly(container, 1, office, msk(DEC_2, 0))
    await client.send(f"/start paid_{made.id}")
    [payment] = kassa.payments.values()
    kassa.succeed(payment["id"])
    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-pending") in last_text(message_manager)
    assert (await only_booking(session_factory)).status is BookingStatus.PENDING
    [told] = await notices(session_factory, "notice-booking-paid-pending")
    assert told.chat_id == 1

    await outbox.deliver_due()
    alert = delivered(telegram, OWNER_ID)
    await tap(dispatcher, bot, OWNER_ID, alert, button_data(alert, ru.get("btn-booking-reject")))
    assert (await only_booking(session_factory)).status is BookingStatus.CANCELLED
    [refund] = kassa.refunds.values()
    assert (refund["payment_id"], refund["amount"]["value"]) == (payment["id"], "60000.00")
    [started] = await notices(session_factory, "notice-refund-started")
    [done] = await notices(session_factory, "notice-refund-done")
    assert started.chat_id == done.chat_id == 1
