"""The buttons under a booking reminder, tapped through the real dispatcher whatever dialog is
open: Open, Reschedule and Cancel reach that booking's windows in My bookings; a booking that
started meanwhile says why it can no longer be moved; a stranger's tap shows nothing; Extend under
a renewal offer opens the calendar of the same tariff. The news switch in the profile and the
morning schedule switch in the staff menu."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.booking.reminders import BookingReminders
from tests.conftest import FakeClock
from tests.dialogs.booking_helpers import alerts
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import DAY, add_promo, add_staff, at, book, booking_service, seed

ANNA = 1
MANAGER_ID = 3001
Factory = async_sessionmaker[AsyncSession]


async def remind(container: AsyncContainer) -> None:
    async with container() as request:
        await (await request.get(BookingReminders)).send_due()


@pytest.fixture
async def reminded(
    client: BotClient,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    clock: FakeClock,
    ru: Translator,
) -> int:
    """Anna registered, her free trial day on 3 December confirmed, and its day-before reminder
    delivered; returns the booking's id."""
    demo = await seed(session_factory)
    await register(client, message_manager, ru, name="Анна Петрова")
    booking = await book(container, ANNA, demo.trial, at(DAY, 0))
    clock.current = at(DAY, 8) - timedelta(hours=24)  # the open space opens at 8 on weekdays
    await remind(container)
    assert await outbox.deliver_due() == 1
    await client.send("/menu")  # a dialog open, as every real user has
    return booking.id


async def test_reminder_buttons_open_the_booking_its_move_and_its_cancel(
    reminded: int,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    reminder = delivered(telegram, ANNA)
    assert "Завтра в 08:00" in (reminder.text or "")  # when the open space opens

    await tap(dispatcher, bot, ANNA, reminder, button_data(reminder, ru.get("btn-reminder-open")))
    assert f"Бронь №{reminded}" in last_text(message_manager)

    await tap(dispatcher, bot, ANNA, reminder, button_data(reminder, ru.get("btn-reminder-move")))
    assert "Перенос брони" in last_text(message_manager)
    assert "Декабрь 2026" in " ".join(button_texts(message_manager.last_message()))

    await tap(dispatcher, bot, ANNA, reminder, button_data(reminder, ru.get("btn-reminder-cancel")))
    assert "Отменить бронь?" in last_text(message_manager)
    await click(
        BotClient(dispatcher, user_id=ANNA, chat_id=ANNA, bot=bot),
        message_manager,
        ru.get("btn-cancel-confirm"),
    )
    assert alerts(telegram)[-1].startswith("Бронь отменена")


async def test_after_the_start_move_says_why_and_a_stranger_sees_nothing(
    reminded: int,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    clock: FakeClock,
    ru: Translator,
) -> None:
    reminder = delivered(telegram, ANNA)
    clock.current = at(DAY, 10)  # the day pass started
    await tap(dispatcher, bot, ANNA, reminder, button_data(reminder, ru.get("btn-reminder-move")))
    assert alerts(telegram)[-1] == ru.get("error-booking-started")
    assert f"Бронь №{reminded}" in last_text(message_manager)

    message_manager.reset_history()
    await tap(dispatcher, bot, 4242, reminder, button_data(reminder, ru.get("btn-reminder-open")))
    assert alerts(telegram)[-1] in {
        ru.get("error-booking-not-found"),
        ru.get("error-user-not-found"),
    }
    assert message_manager.sent_messages == []


async def test_extend_under_a_renewal_offer_opens_the_same_tariffs_calendar(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    clock: FakeClock,
    ru: Translator,
) -> None:
    demo = await seed(session_factory)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await register(client, message_manager, ru, name="Анна Петрова")
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    async with booking_service(container) as service:
        confirmed = await service.confirm(Actor(MANAGER_ID, StaffRole.MANAGER), office.id)
    await outbox.deliver_due()
    clock.current = confirmed.ends_at - timedelta(days=3)
    await remind(container)
    await outbox.deliver_due()
    offer = delivered(telegram, ANNA)

    await tap(dispatcher, bot, ANNA, offer, button_data(offer, ru.get("btn-reminder-extend")))
    window = last_text(message_manager)
    assert "Офис на 4 человека" in window or "Аренда на месяц" in window
    assert "Январь 2027" in " ".join(button_texts(message_manager.last_message()))


async def test_news_can_be_turned_off_and_on_in_the_profile(
    client: BotClient,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed(session_factory)
    await register(client, message_manager, ru, name="Анна Петрова")
    await client.send("/profile")
    await click(client, message_manager, ru.get("btn-profile-news", news="on"))
    assert alerts(telegram)[-1] == ru.get("profile-news-off")
    assert ru.get("btn-profile-news", news="off") in button_texts(message_manager.last_message())
    async with session_factory() as session:
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == ANNA))
    assert row is not None
    assert row.news_enabled is False
    await click(client, message_manager, ru.get("btn-profile-news", news="off"))
    assert alerts(telegram)[-1] == ru.get("profile-news-on")


async def test_a_manager_turns_the_morning_schedule_on_in_the_staff_menu(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed(session_factory)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    manager = BotClient(dispatcher, user_id=MANAGER_ID, chat_id=MANAGER_ID, bot=bot)
    await register(manager, message_manager, ru, name="Мария Менеджер")
    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-morning", morning="off"))
    assert alerts(telegram)[-1] == ru.get("admin-morning-switched", morning="on", hour="08")
    assert ru.get("btn-admin-morning", morning="on") in button_texts(message_manager.last_message())


async def test_crafted_reminder_buttons_are_refused_and_change_nothing(
    reminded: int,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    reminder = delivered(telegram, ANNA)
    message_manager.reset_history()
    for data in (
        "myb:open:0",
        "myb:sell:1",
        "myb:open:99999999999",
        "myb:",
        f"myb:move:{reminded}x",
    ):
        await tap(dispatcher, bot, ANNA, reminder, data)
        assert alerts(telegram)[-1] == ru.get("error-stale-button")
    assert message_manager.sent_messages == []
