"""The booking card's actions in the staff desk, through the real dispatcher, dialogs, services
and database: money taken at the desk, a move to another free time from the calendar, bookings by
status, and a manager who lost the right to manage bookings while a card was open."""

from __future__ import annotations

import re

from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.db.models import StaffMemberRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.payments import PaymentMethod
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from tests.dialogs.booking_helpers import alerts, click_prefix
from tests.dialogs.helpers import button_texts, click, last_text
from tests.dialogs.test_admin_desk import MANAGER_ID, Factory, a_manager, status_of
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import DAY, at, book
from tests.unit.payment_helpers import (
    ANNA,
    booking_row,
    paid_booking,
    payment_rows,
    seed_clients,
)

ROOM = format_rub(240_000)  # the demo small room, two hours


async def open_day_after_tomorrow(
    manager: BotClient, recorder: WindowRecorder, ru: Translator
) -> None:
    """The schedule of DAY (the test clock's today is two days before it)."""
    await manager.send("/admin")
    await click(manager, recorder, ru.get("btn-admin-schedule"))
    await click(manager, recorder, ru.get("btn-desk-day-on"))
    await click(manager, recorder, ru.get("btn-desk-day-on"))
    assert "3 декабря" in last_text(recorder)


async def test_a_manager_takes_cash_for_a_booking_waiting_for_payment(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    assert booking.status is BookingStatus.HELD

    await open_day_after_tomorrow(manager, message_manager, ru)
    await click_prefix(manager, message_manager, "💳 10:00–12:00")
    assert f"К оплате: {ROOM}" in last_text(message_manager)
    await click(manager, message_manager, ru.get("btn-desk-pay"))
    assert f"К оплате: {ROOM}" in last_text(message_manager)
    await click(manager, message_manager, ru.get("btn-desk-pay-cash", amount=ROOM))

    assert alerts(telegram)[-1] == ru.get("desk-paid-on-site", amount=ROOM, method="cash")
    card = last_text(message_manager)
    assert f"Оплачено на месте: {ROOM}" in card
    assert "К оплате" not in card
    assert ru.get("btn-desk-pay") not in button_texts(message_manager.last_message())
    assert await status_of(session_factory, booking.id) is BookingStatus.CONFIRMED
    [payment] = await payment_rows(session_factory)
    assert (payment.method, payment.recorded_by) == (PaymentMethod.CASH, MANAGER_ID)
    await outbox.deliver_due()
    told = "\n".join(telegram.sent_texts(ANNA))
    assert f"Получили {ROOM} наличными" in told
    assert "подтверждено" in told


async def test_a_manager_moves_a_booking_to_a_free_time_and_the_client_is_told(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking_id, _ = await paid_booking(container, kassa, demo)  # 3 Dec, 10:00-12:00

    await open_day_after_tomorrow(manager, message_manager, ru)
    await click_prefix(manager, message_manager, "✅ 10:00–12:00")
    await click(manager, message_manager, ru.get("btn-desk-move"))
    assert "Декабрь 2026" in " ".join(button_texts(message_manager.last_message()))
    await click(manager, message_manager, "4")
    await click(manager, message_manager, "15:00")
    ask = last_text(message_manager)
    assert "3 декабря 2026, Чт, 10:00–12:00" in ask
    assert "4 декабря 2026, Пт, 15:00–17:00" in ask
    await click(manager, message_manager, ru.get("btn-move-confirm"))

    assert alerts(telegram)[-1] == ru.get("desk-moved")
    assert "4 декабря 2026, Пт, 15:00–17:00" in last_text(message_manager)
    assert await status_of(session_factory, booking_id) is BookingStatus.CONFIRMED
    await outbox.deliver_due()
    told = "\n".join(telegram.sent_texts(ANNA))
    assert "Коворкинг перенёс вашу бронь" in told
    assert "Стало: 4 декабря 2026, Пт, 15:00–17:00" in told


async def test_bookings_by_status_open_their_card_and_come_back(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking_id, _ = await paid_booking(container, kassa, demo)

    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-requests", requests=0))
    await click(manager, message_manager, ru.get("btn-desk-statuses"))
    await click_prefix(manager, message_manager, "⏳ " + ru.get("desk-status", status="pending"))
    assert ru.get("desk-by-status-empty") in last_text(message_manager)
    await click(manager, message_manager, ru.get("btn-desk-statuses"))
    await click_prefix(manager, message_manager, "✅ " + ru.get("desk-status", status="confirmed"))
    listed = last_text(message_manager)
    assert "Всего: 1" in listed
    await click_prefix(manager, message_manager, f"✅ №{booking_id}")
    assert f"Бронь №{booking_id}" in last_text(message_manager)
    await click(manager, message_manager, ru.get("btn-desk-to-status"))
    assert last_text(message_manager) == listed


async def test_a_manager_who_lost_the_right_cannot_cancel_from_the_card_left_open(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking_id, _ = await paid_booking(container, kassa, demo)
    await open_day_after_tomorrow(manager, message_manager, ru)
    await click_prefix(manager, message_manager, "✅ 10:00–12:00")
    card = message_manager.last_message()

    # The owner makes them support in the meantime (another instance, say): checks read the
    # database, so the change counts at once.
    async with session_factory() as session:
        await session.execute(
            update(StaffMemberRow)
            .where(StaffMemberRow.telegram_id == MANAGER_ID)
            .values(role=StaffRole.SUPPORT)
        )
        await session.commit()

    await click(manager, message_manager, ru.get("btn-desk-cancel"))
    assert alerts(telegram)[-1] == ru.get("error-permission-denied")
    assert f"Бронь №{booking_id}" not in last_text(message_manager)
    assert ru.get("btn-admin-requests", requests=0) not in button_texts(
        message_manager.last_message()
    )
    # The card's other buttons, tapped on the old message, change nothing either.
    for button in ("btn-desk-move", "btn-desk-cancel"):
        await manager.click(card, InlineButtonTextLocator(re.escape(ru.get(button))))
        assert alerts(telegram)[-1] in {
            ru.get("error-permission-denied"),
            ru.get("error-stale-button"),
        }
    assert await status_of(session_factory, booking_id) is BookingStatus.CONFIRMED
    assert (await booking_row(session_factory, booking_id)).starts_at == at(DAY, 10)


async def test_new_booking_starts_from_the_desk_and_from_the_client_card(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await seed_clients(session_factory)

    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-requests", requests=0))
    await click(manager, message_manager, ru.get("btn-desk-new-booking"))
    assert "Для кого бронируем?" in last_text(message_manager)

    # From the client card the client is known: the first question is what to book.
    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-clients"))
    await manager.send("Client 1")
    if ru.get("btn-clients-book") not in button_texts(message_manager.last_message()):
        await click_prefix(manager, message_manager, "Client 1")  # a list: open the card
    await click(manager, message_manager, ru.get("btn-clients-book"))
    assert "Что бронируем?" in last_text(message_manager)
    assert "Client 1" in last_text(message_manager)
