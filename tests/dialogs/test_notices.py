"""The buttons under outbox notices, tapped through the real dispatcher: the notice is delivered
by the real outbox sender, and the tap is a callback query on the message it sent."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText
from dishka import AsyncContainer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from tests.conftest import OWNER_ID
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession
from tests.unit.booking_helpers import (
    DAY,
    Demo,
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
BORIS = 2
CLARA = 3
MANAGER_ID = 3001
SUPPORT_ID = 3002

Factory = async_sessionmaker[AsyncSession]


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed(session_factory)
    for telegram_id, name in ((ANNA, "Анна"), (BORIS, "Борис"), (CLARA, "Клара")):
        await add_user(session_factory, telegram_id, name=name)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    return demo


@pytest.fixture
async def pending_id(container: AsyncContainer, session_factory: Factory, demo: Demo) -> int:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    booking = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    assert booking.status is BookingStatus.PENDING
    return booking.id


def answers(telegram: RecordingSession) -> list[AnswerCallbackQuery]:
    return [c for c in telegram.calls if isinstance(c, AnswerCallbackQuery)]


def edits(telegram: RecordingSession) -> list[EditMessageText | EditMessageReplyMarkup]:
    return [c for c in telegram.calls if isinstance(c, EditMessageText | EditMessageReplyMarkup)]


async def status_of(factory: Factory, booking_id: int) -> BookingStatus:
    [row] = [row for row in await bookings(factory) if row.id == booking_id]
    return row.status


async def test_a_manager_confirms_from_the_alert_and_the_alert_shows_it(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    session_factory: Factory,
    pending_id: int,
    ru: Translator,
) -> None:
    assert await outbox.deliver_due() == 2  # the owner and the manager
    alert = delivered(telegram, MANAGER_ID)
    assert f"№{pending_id}" in (alert.text or "")
    assert "Анна" in (alert.text or "")

    await tap(dispatcher, bot, MANAGER_ID, alert, button_data(alert, ru.get("btn-booking-confirm")))

    assert await status_of(session_factory, pending_id) is BookingStatus.CONFIRMED
    [answer] = answers(telegram)
    assert answer.text == ru.get("notice-staff-confirmed", staff="Staff3001")
    [edit] = edits(telegram)
    assert isinstance(edit, EditMessageText)
    assert edit.text == f"{alert.text}\n\n{ru.get('notice-staff-confirmed', staff='Staff3001')}"
    assert edit.reply_markup is None
    [told] = await notices(session_factory, "notice-booking-confirmed")
    assert told.chat_id == ANNA

    # The owner's copy of the alert is now out of date.
    owner_alert = delivered(telegram, OWNER_ID)
    await tap(dispatcher, bot, OWNER_ID, owner_alert, button_data(owner_alert, "✅ Подтвердить"))
    late = answers(telegram)[-1]
    assert (late.text, late.show_alert) == (ru.get("notice-staff-already-decided"), True)
    assert isinstance(edits(telegram)[-1], EditMessageReplyMarkup)
    assert await status_of(session_factory, pending_id) is BookingStatus.CONFIRMED


async def test_a_manager_rejects_from_the_alert(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    session_factory: Factory,
    pending_id: int,
    ru: Translator,
) -> None:
    await outbox.deliver_due()
    alert = delivered(telegram, MANAGER_ID)
    await tap(dispatcher, bot, MANAGER_ID, alert, button_data(alert, ru.get("btn-booking-reject")))
    assert await status_of(session_factory, pending_id) is BookingStatus.CANCELLED
    [answer] = answers(telegram)
    assert answer.text == ru.get("notice-staff-rejected", staff="Staff3001")
    [told] = await notices(session_factory, "notice-booking-cancelled")
    assert told.chat_id == ANNA


@pytest.mark.parametrize("user_id", [SUPPORT_ID, BORIS])
async def test_someone_without_the_permission_is_refused_and_nothing_changes(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    session_factory: Factory,
    pending_id: int,
    ru: Translator,
    user_id: int,
) -> None:
    await outbox.deliver_due()
    alert = delivered(telegram, MANAGER_ID)  # a forwarded or crafted button
    await tap(dispatcher, bot, user_id, alert, f"bk:ok:{pending_id}")
    [answer] = answers(telegram)
    assert (answer.text, answer.show_alert) == (ru.get("error-permission-denied"), True)
    assert edits(telegram) == []
    assert await status_of(session_factory, pending_id) is BookingStatus.PENDING


async def test_malformed_notice_data_is_a_stale_button(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    pending_id: int,
    ru: Translator,
) -> None:
    await outbox.deliver_due()
    alert = delivered(telegram, MANAGER_ID)
    for data in ("bk:ok:", "bk:no:12x", "wl:book:-1"):
        await tap(dispatcher, bot, MANAGER_ID, alert, data)
    assert [a.text for a in answers(telegram)] == [ru.get("error-stale-button")] * 3


async def test_the_first_waiting_client_to_tap_gets_the_freed_place(
    container: AsyncContainer,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    outbox: OutboxSender,
    session_factory: Factory,
    demo: Demo,
    ru: Translator,
) -> None:
    taken = await book(container, ANNA, demo.small_room, at(DAY, 10))
    for client in (BORIS, CLARA):
        async with booking_service(container) as service:
            await service.join_waitlist(client, demo.small_room, at(DAY, 10), 1)
    async with booking_service(container) as service:
        await service.cancel(ANNA, taken.id)
    await outbox.deliver_due()
    boris_offer, clara_offer = delivered(telegram, BORIS), delivered(telegram, CLARA)
    assert "3 декабря 2026, Чт, 10:00–11:00" in (boris_offer.text or "")
    book_it = ru.get("btn-waitlist-book")

    await tap(dispatcher, bot, BORIS, boris_offer, button_data(boris_offer, book_it))
    [answer] = answers(telegram)
    assert answer.text == ru.get("notice-waitlist-booked-short")
    [edit] = edits(telegram)
    assert isinstance(edit, EditMessageText)
    assert edit.reply_markup is None
    summary = str(edit.text)
    [mine] = [row for row in await bookings(session_factory) if row.user_id != taken.user_id]
    assert mine.status is BookingStatus.HELD
    assert f"№{mine.id}" in summary
    assert "3 декабря 2026, Чт, 10:00–11:00" in summary
    assert "1\u202f200 ₽" in summary
    assert ru.get("notice-waitlist-booked-hold", until="12:15") in summary  # now + 15 min, MSK

    await tap(dispatcher, bot, CLARA, clara_offer, button_data(clara_offer, book_it))
    assert (answers(telegram)[-1].text, answers(telegram)[-1].show_alert) == (
        ru.get("notice-waitlist-taken"),
        True,
    )
    await tap(dispatcher, bot, BORIS, boris_offer, button_data(boris_offer, book_it))
    assert answers(telegram)[-1].text == ru.get("notice-waitlist-gone")
    live = [row for row in await bookings(session_factory) if row.status is BookingStatus.HELD]
    assert len(live) == 1
