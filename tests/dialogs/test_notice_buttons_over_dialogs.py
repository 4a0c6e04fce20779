"""Buttons under notices work whatever dialog the tapper has open, as every real user has one
after /start: the open dialog must not take the tap and redraw its window over the notice."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import EditMessageText
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from tests.conftest import OWNER_ID
from tests.dialogs.helpers import last_text, register
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import (
    DAY,
    add_promo,
    add_staff,
    add_user,
    at,
    book,
    booking_service,
    bookings,
    notices,
    seed,
)

ANNA = 1
MANAGER_ID = 3001
BORIS = 3002

Factory = async_sessionmaker[AsyncSession]


async def status_of(factory: Factory, booking_id: int) -> BookingStatus:
    [row] = [row for row in await bookings(factory) if row.id == booking_id]
    return row.status


async def test_a_manager_with_the_main_menu_open_confirms_from_the_alert(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    message_manager: WindowRecorder,
    container: AsyncContainer,
    session_factory: Factory,
    ru: Translator,
) -> None:
    demo = await seed(session_factory)
    await add_user(session_factory, ANNA, name="Анна")
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    manager = BotClient(dispatcher, user_id=MANAGER_ID, chat_id=MANAGER_ID, bot=bot)
    await register(manager, message_manager, ru, name="Мария Менеджер")
    assert ru.get("menu-title", name="Мария Менеджер").splitlines()[0] in last_text(message_manager)

    await add_promo(session_factory, "FREEOFFICE", value=100)
    booking = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    assert booking.status is BookingStatus.PENDING
    assert await outbox.deliver_due() == 2  # the owner and the manager
    alert = delivered(telegram, MANAGER_ID)
    message_manager.reset_history()

    await tap(dispatcher, bot, MANAGER_ID, alert, button_data(alert, ru.get("btn-booking-confirm")))

    assert await status_of(session_factory, booking.id) is BookingStatus.CONFIRMED
    [told] = await notices(session_factory, "notice-booking-confirmed")
    assert told.chat_id == ANNA
    # The menu was not redrawn over the alert, and the menu is still there under it.
    assert message_manager.sent_messages == []
    # The owner's copy of the alert now says who confirmed it.
    await outbox.deliver_due()
    [owner_edit] = [
        c for c in telegram.calls if isinstance(c, EditMessageText) and c.chat_id == OWNER_ID
    ]
    assert "Подтвердил(а): Мария Менеджер" in str(owner_edit.text)
    assert owner_edit.reply_markup is None


@pytest.mark.usefixtures("registered")
async def test_the_waitlist_offer_books_with_my_bookings_open(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    message_manager: WindowRecorder,
    container: AsyncContainer,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_user(session_factory, BORIS, name="Борис")
    demo = await seed(session_factory)
    taken = await book(container, BORIS, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        await service.join_waitlist(ANNA, demo.small_room, at(DAY, 10), 1)
    await client.send("/mybookings")  # a dialog is open
    async with booking_service(container) as service:
        await service.cancel(BORIS, taken.id)
    await outbox.deliver_due()
    offer = delivered(telegram, ANNA)
    message_manager.reset_history()

    await tap(dispatcher, bot, ANNA, offer, button_data(offer, ru.get("btn-waitlist-book")))

    mine = [row for row in await bookings(session_factory) if row.user_id != taken.user_id]
    assert [(row.starts_at, row.status) for row in mine] == [(at(DAY, 10), BookingStatus.HELD)]
    assert message_manager.sent_messages == []
