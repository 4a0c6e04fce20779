"""A coworking without YooKassa settings: paid bookings are requests that a manager confirms and
the client pays on site; nothing asks for money online."""

from __future__ import annotations

import pytest
from aiogram_dialog.test_tools import BotClient

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.i18n import Translator
from tests.conftest import OWNER_ID, without_payments
from tests.dialogs.booking_helpers import Sessions, bookings, click_prefix
from tests.dialogs.helpers import button_texts, click, last_text
from tests.fakes.telegram import WindowRecorder
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import notices


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return without_payments(settings)


@pytest.mark.usefixtures("registered")
async def test_a_paid_booking_is_a_request_paid_on_site(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    kassa: YooKassaStandIn,
    session_factory: Sessions,
) -> None:
    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=2))
    await click(client, message_manager, ru.get("btn-no-promo"))
    summary = last_text(message_manager)
    assert ru.get("book-summary-pay-on-site") in summary
    assert "онлайн" not in summary

    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    assert ru.get("book-done-pending-on-site") in last_text(message_manager)
    [row] = await bookings(session_factory)
    assert (row.status, row.hold_expires_at) == (BookingStatus.PENDING, None)
    [alert] = await notices(session_factory, "notice-staff-booking-waits-on-site")
    assert alert.chat_id == OWNER_ID
    assert kassa.requests == []

    await click(client, message_manager, ru.get("btn-my-bookings"))
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    assert ru.get("btn-pay-booking") not in button_texts(message_manager.last_message())
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    assert ru.get("pay-cancel-unpaid") in last_text(message_manager)


async def test_welcome_and_help_promise_no_online_payment(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/start")
    welcome = last_text(message_manager)
    assert welcome.startswith(ru.get("onboarding-welcome", coworking="Test Hub", payments="no"))
    assert "онлайн" not in welcome
    await client.send("/help")
    help_text = last_text(message_manager)
    assert help_text.startswith(
        ru.get("help-text", coworking="Test Hub", free_hours=24, payments="no")
    )
    assert "онлайн" not in help_text
    assert "оплатить" not in help_text
