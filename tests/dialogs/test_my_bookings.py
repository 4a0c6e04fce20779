"""My bookings: paging, details, the .ics file, cancelling with the terms shown (free and
late), and moving a booking to another free time."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.db.models import BookingRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.i18n import Translator
from tests.conftest import FakeClock
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    alerts,
    book_directly,
    bookings,
    click_prefix,
    msk,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, last_text
from tests.fakes.telegram import RecordingSession, WindowRecorder


@pytest.mark.usefixtures("registered")
async def test_list_pages_and_tabs(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    day_pass = await tariff_id(session_factory, "Day pass")
    for n in range(7):
        await book_directly(container, 1, day_pass, msk(DEC_2 + timedelta(days=n), 0))

    await client.send("/mybookings")
    first = message_manager.last_message()
    assert ru.get("my-bookings-upcoming", total=7) in (first.text or "")
    texts = button_texts(first)
    assert texts[:5] == [
        "02.12, Ср · Открытое пространство",
        "03.12, Чт · Открытое пространство",
        "04.12, Пт · Открытое пространство",
        "05.12, Сб · Открытое пространство",
        "06.12, Вс · Открытое пространство",
    ]
    assert "1/2" in texts
    await click(client, message_manager, ru.get("btn-page-next"))
    texts = button_texts(message_manager.last_message())
    assert texts[:2] == ["07.12, Пн · Открытое пространство", "08.12, Вт · Открытое пространство"]
    assert "2/2" in texts

    await click(client, message_manager, ru.get("btn-bookings-past"))
    assert ru.get("my-bookings-past", total=0) in last_text(message_manager)
    assert ru.get("my-bookings-empty") in last_text(message_manager)


@pytest.mark.usefixtures("registered")
async def test_details_ics_and_free_cancel(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    made = await book_directly(container, 1, room, msk(date(2026, 12, 3), 12), 2)

    await client.send("/mybookings")
    await click_prefix(client, message_manager, "03.12, Чт 12:00")
    details = last_text(message_manager)
    assert f"№{made.id}" in details
    assert "3 декабря 2026, Чт, 12:00–14:00" in details
    assert ru.get("book-status", status="held") in details

    await click(client, message_manager, ru.get("btn-ics"))
    documents = [call for call in telegram.calls if isinstance(call, SendDocument)]
    assert len(documents) == 1
    document = documents[0].document
    assert isinstance(document, BufferedInputFile)
    assert document.filename == f"booking-{made.id}.ics"
    assert b"BEGIN:VCALENDAR" in document.data
    assert b"DTSTART:20261203T090000Z" in document.data

    await click(client, message_manager, ru.get("btn-cancel-booking"))
    ask = last_text(message_manager)
    assert ru.get("pay-cancel-unpaid") in ask  # nothing paid: no refund policy to explain
    assert "24 ч" not in ask
    await click(client, message_manager, ru.get("btn-cancel-confirm"))
    assert alerts(telegram)[-1] == ru.get("book-cancelled")
    assert [r.status for r in await bookings(session_factory)] == [BookingStatus.CANCELLED]
    assert ru.get("my-bookings-empty") in last_text(message_manager)
    await click(client, message_manager, ru.get("btn-bookings-past"))
    assert button_texts(message_manager.last_message())[0].startswith("03.12, Чт 12:00")


@pytest.mark.usefixtures("registered")
async def test_cancelling_an_unpaid_booking_late_costs_nothing(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 1, room, msk(date(2026, 12, 1), 18), 1)
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "01.12, Вт 18:00")
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    ask = last_text(message_manager)
    assert ru.get("pay-cancel-unpaid") in ask
    assert "0 %" not in ask
    await click(client, message_manager, ru.get("btn-back"))
    assert ru.get("btn-cancel-booking") in button_texts(message_manager.last_message())
    assert [r.status for r in await bookings(session_factory)] == [BookingStatus.HELD]


@pytest.mark.usefixtures("registered")
async def test_reschedule_to_another_free_time(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 1, room, msk(DEC_2, 12), 2)
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    await click(client, message_manager, ru.get("btn-move"))
    assert "Декабрь 2026" in " ".join(button_texts(message_manager.last_message()))
    await click(client, message_manager, "4")
    await click(client, message_manager, "15:00")
    ask = last_text(message_manager)
    assert "2 декабря 2026, Ср, 12:00–14:00" in ask
    assert "4 декабря 2026, Пт, 15:00–17:00" in ask
    await click(client, message_manager, ru.get("btn-move-confirm"))
    assert alerts(telegram)[-1] == ru.get("book-moved")
    assert "4 декабря 2026, Пт, 15:00–17:00" in last_text(message_manager)
    (row,) = await bookings(session_factory)
    assert (row.starts_at, row.ends_at) == (msk(date(2026, 12, 4), 15), msk(date(2026, 12, 4), 17))


@pytest.mark.usefixtures("registered")
async def test_moving_offers_overlapping_own_time_and_only_starts_that_fit_its_length(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await add_client(session_factory, 2)
    await book_directly(container, 1, room, msk(DEC_2, 12), 2)  # 12:00-14:00, 15 min buffer
    await book_directly(container, 2, room, msk(DEC_2, 17), 1)  # someone else 17:00-18:00
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    await click(client, message_manager, ru.get("btn-move"))
    await click(client, message_manager, "2")
    offered = button_texts(message_manager.last_message())
    assert "13:00" in offered  # overlaps the booking being moved: still free for it
    assert "14:30" in offered  # 14:30-16:30 ends before 17:00 minus the buffer
    assert "15:00" not in offered  # 15:00-17:00 would touch the other booking's buffer


@pytest.mark.usefixtures("registered")
async def test_a_started_booking_offers_no_cancel_nor_move_and_old_buttons_say_why(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
    clock: FakeClock,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 1, room, msk(DEC_2, 12), 2)
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    before = message_manager.last_message()
    assert ru.get("btn-cancel-booking") in button_texts(before)

    clock.current = msk(DEC_2, 12, 30)  # it has started
    await click(client, message_manager, ru.get("btn-back"))
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    now_shown = button_texts(message_manager.last_message())
    assert ru.get("btn-cancel-booking") not in now_shown
    assert ru.get("btn-move") not in now_shown

    # The Cancel button of the screen from before the start is refused, with the reason.
    await client.click(before, InlineButtonTextLocator(re.escape(ru.get("btn-cancel-booking"))))
    assert alerts(telegram)[-1] == ru.get("error-booking-started")
    assert [row.status for row in await bookings(session_factory)] == [BookingStatus.HELD]


@pytest.mark.usefixtures("registered")
async def test_a_request_not_confirmed_yet_can_be_withdrawn_after_its_start_but_not_moved(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
    clock: FakeClock,
) -> None:
    office = await tariff_id(session_factory, "Monthly", "Private office for 4")
    booking = await book_directly(container, 1, office, msk(DEC_2, 0))
    await set_status(session_factory, booking.id, BookingStatus.PENDING)
    clock.current = msk(DEC_2 + timedelta(days=3), 12)  # started; staff still have not answered
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср")
    shown = button_texts(message_manager.last_message())
    assert ru.get("btn-cancel-booking") in shown
    assert ru.get("btn-move") not in shown
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    await click(client, message_manager, ru.get("btn-cancel-confirm"))
    assert [row.status for row in await bookings(session_factory)] == [BookingStatus.CANCELLED]


@pytest.mark.usefixtures("registered")
async def test_move_says_up_front_when_a_confirmed_office_is_too_late_to_move(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    """Its free cancellation ended (a day before the start); a move would send it back to staff,
    and a rejection would cost the client it all. The Move button says so before a day is
    picked, and nothing changes."""
    office = await tariff_id(session_factory, "Monthly", "Private office for 4")
    booking = await book_directly(container, 1, office, msk(DEC_2, 0))
    await set_status(session_factory, booking.id, BookingStatus.CONFIRMED)
    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср")
    details = message_manager.last_message()
    await click(client, message_manager, ru.get("btn-move"))
    assert alerts(telegram)[-1] == ru.get("error-booking-too-late-to-move")
    assert message_manager.last_message().text == details.text  # still the booking's details
    [row] = await bookings(session_factory)
    assert (row.status, row.starts_at, row.revision) == (BookingStatus.CONFIRMED, msk(DEC_2, 0), 0)


async def set_status(session_factory: Sessions, booking_id: int, status: BookingStatus) -> None:
    """Staff's answer (or a payment) as the database has it, without going through them."""
    async with session_factory() as session, session.begin():
        await session.execute(
            update(BookingRow)
            .where(BookingRow.id == booking_id)
            .values(status=status, hold_expires_at=None)
        )
