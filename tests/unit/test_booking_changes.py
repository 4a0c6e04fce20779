"""Changing a booking under the terms it was bought with: moving never buys better cancellation
terms, a booking that has started can be neither cancelled nor moved, bookings are completed
when they end, and moving a booking staff confirm sends it back to them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram.methods import EditMessageText
from dishka import AsyncContainer

from coworking_bot.domain.booking import (
    BookingStarted,
    BookingStatus,
    InvalidTransition,
    RequestChanged,
    TooLateToMove,
)
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.scheduler import JOBS
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.timers import BookingTimers
from coworking_bot.services.common.notices import Button, NoticeAction, decode_buttons
from dialogs.callbacks import BookingDecision, BookingOpen
from tests.conftest import OWNER_ID, FakeClock
from tests.fakes.telegram import RecordingSession
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    add_staff,
    at,
    book,
    booking_service,
    client,
    notices,
)
from tests.unit.payment_helpers import (
    ANNA,
    Factory,
    booking_row,
    check,
    paid_booking,
    paying,
    payment_service,
    refund_rows,
    seed_clients,
)

MANAGER_ID = 3001
NEXT_WEEK = DAY + timedelta(days=7)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed_clients(session_factory)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    return demo


# --- the cancellation terms a booking was bought with -----------------------------------------


async def test_a_late_booking_moved_to_next_week_and_cancelled_refunds_nothing(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)  # Thursday 10:00, 2 400 ₽
    clock.current = at(DAY, 9)  # an hour before it starts: inside the late window (0 % back)
    async with booking_service(container) as service:
        moved = await service.move(ANNA, booking_id, at(NEXT_WEEK, 10))
    assert moved.starts_at == at(NEXT_WEEK, 10)
    async with booking_service(container) as service:
        terms = await service.cancel(ANNA, booking_id)
    async with payment_service(container) as service:
        await service.send_refunds_of(booking_id)

    assert (terms.free, terms.paid, terms.refund) == (False, 240_000, 0)
    assert await refund_rows(session_factory) == []
    assert (await booking_row(session_factory, booking_id)).status is BookingStatus.CANCELLED


async def test_the_move_screen_shows_the_terms_the_booking_keeps(
    container: AsyncContainer, demo: Demo, clock: FakeClock
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(NEXT_WEEK, 10))
    async with container() as request:
        changes = await request.get(ChangeBooking)
        # Moved closer, the deadline comes closer too: a day before the new start.
        closer = await changes.move_preview(client(ANNA), booking.id, at(DAY, 12))
        # Moved further, it stays where it was.
        later = await changes.move_preview(
            client(ANNA), booking.id, at(NEXT_WEEK + timedelta(days=7), 12)
        )
    assert (closer.terms.free, closer.terms.free_until) == (True, at(DAY - timedelta(days=1), 12))
    assert (later.terms.free, later.terms.free_until) == (True, at(NEXT_WEEK - timedelta(1), 10))
    assert not closer.to_staff


async def test_a_booking_moved_closer_keeps_no_free_cancel_past_a_day_before_it(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with booking_service(container) as service:
        await service.move(ANNA, booking_id, at(NEXT_WEEK, 10))  # deadline stays Wed 10:00
    async with booking_service(container) as service:
        await service.move(ANNA, booking_id, at(DAY, 14))
    clock.current = at(DAY, 9)
    async with booking_service(container) as service:
        terms = await service.cancel(ANNA, booking_id)
    assert (terms.free, terms.refund) == (False, 0)


# --- a booking that has started ---------------------------------------------------------------


async def test_a_started_booking_can_be_neither_cancelled_nor_moved(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)  # Thursday 10:00-12:00
    clock.current = at(DAY, 10, 30)
    async with booking_service(container) as service:
        with pytest.raises(BookingStarted):
            await service.cancel(ANNA, booking_id)
        with pytest.raises(BookingStarted):
            await service.move(ANNA, booking_id, at(NEXT_WEEK, 10))
        with pytest.raises(BookingStarted):
            await service.cancel_terms(ANNA, booking_id)
    row = await booking_row(session_factory, booking_id)
    assert (row.status, row.starts_at) == (BookingStatus.CONFIRMED, at(DAY, 10))
    assert await refund_rows(session_factory) == []


async def paid_office(container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo) -> int:
    """Anna's private office for a month from Thursday, paid online (20 000 ₽ and up), waiting
    for staff."""
    booking, provider_id = await paying(container, ANNA, demo.office, at(DAY, 0), 1)
    kassa.succeed(provider_id)
    assert (await check(container, ANNA, booking.id)).booking.status is BookingStatus.PENDING
    return booking.id


async def test_a_request_staff_have_not_answered_may_be_withdrawn_after_its_start_in_full(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    office = await paid_office(container, kassa, demo)
    paid = (await booking_row(session_factory, office)).total
    clock.current = at(DAY + timedelta(days=2), 12)  # it started two days ago; nobody answered
    async with booking_service(container) as service:
        with pytest.raises(BookingStarted):
            await service.move(ANNA, office, at(NEXT_WEEK, 0))
        terms = await service.cancel_terms(ANNA, office)
    assert (terms.free, terms.paid, terms.refund) == (True, paid, paid)
    async with booking_service(container) as service:
        await service.cancel(ANNA, office)
    [refund] = await refund_rows(session_factory)
    assert refund.amount == paid
    assert (await booking_row(session_factory, office)).status is BookingStatus.CANCELLED


async def test_a_request_nobody_answered_lapses_at_its_end_and_all_money_goes_back(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    office = await paid_office(container, kassa, demo)
    row = await booking_row(session_factory, office)
    timers = BookingTimers
    clock.current = row.ends_at - timedelta(minutes=1)
    async with container() as request:
        assert await (await request.get(timers)).lapse_unanswered() == 0
    clock.current = row.ends_at
    async with container() as request:
        assert await (await request.get(timers)).lapse_unanswered() == 1
    async with container() as request:
        assert await (await request.get(timers)).lapse_unanswered() == 0

    after = await booking_row(session_factory, office)
    assert (after.status, after.cancel_reason) == (BookingStatus.CANCELLED, "unanswered")
    [refund] = await refund_rows(session_factory)
    assert (refund.amount, refund.reason) == (row.total, RefundReason.STAFF_REJECTED)
    assert [n.chat_id for n in await notices(session_factory, "notice-booking-lapsed")] == [ANNA]
    closed = await notices(session_factory, "notice-staff-booking-lapsed")
    assert sorted(n.chat_id for n in closed) == [OWNER_ID, MANAGER_ID]
    # A Confirm tapped on the alert afterwards changes nothing.
    async with booking_service(container) as service:
        with pytest.raises(InvalidTransition):
            await service.confirm(Actor(MANAGER_ID, StaffRole.MANAGER), office, revision=0)
    assert "complete-bookings" in {job.name for job in JOBS}


async def test_a_confirmed_office_past_its_free_cancellation_cannot_be_moved_back_to_staff(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    """Moving would send it back to staff; were they to reject the new time, the client would
    lose the booking and, past the free cancellation, the money. So it is refused up front."""
    office = await paid_office(container, kassa, demo)
    async with booking_service(container) as service:
        await service.confirm(Actor(MANAGER_ID, StaffRole.MANAGER), office)
    clock.current = at(DAY, 0) - timedelta(hours=2)  # inside the late window
    async with container() as request:
        changes = await request.get(ChangeBooking)
        with pytest.raises(TooLateToMove):
            await changes.check_move(client(ANNA), office)
        with pytest.raises(TooLateToMove):
            await changes.move_preview(client(ANNA), office, at(NEXT_WEEK, 0))
    async with booking_service(container) as service:
        with pytest.raises(TooLateToMove):
            await service.move(ANNA, office, at(NEXT_WEEK, 0))
    row = await booking_row(session_factory, office)
    assert (row.status, row.starts_at, row.revision) == (BookingStatus.CONFIRMED, at(DAY, 0), 0)


async def test_a_confirmed_office_moved_too_close_to_keep_free_cancellation_is_refused(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    office = await paid_office(container, kassa, demo)
    async with booking_service(container) as service:
        await service.confirm(Actor(MANAGER_ID, StaffRole.MANAGER), office)
    async with container() as request:
        changes = await request.get(ChangeBooking)
        await changes.check_move(client(ANNA), office)  # far enough ahead: it may be moved
        later = await changes.move_preview(client(ANNA), office, at(NEXT_WEEK, 0))
        assert (later.terms.free, later.to_staff) == (True, True)
        with pytest.raises(TooLateToMove):  # tomorrow: its free cancellation would be over
            await changes.move_preview(client(ANNA), office, at(DAY - timedelta(days=1), 0))


async def test_confirmed_bookings_are_completed_once_they_end(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    await add_promo(session_factory, "FREE", value=100, per_user_limit=5)
    ended = await book(container, ANNA, demo.small_room, at(DAY, 10), promo_code="FREE")
    later = await book(container, ANNA, demo.small_room, at(DAY, 14), promo_code="FREE")
    assert ended.status is later.status is BookingStatus.CONFIRMED
    assert "complete-bookings" in {job.name for job in JOBS}

    clock.current = at(DAY, 10, 59)
    async with container() as request:
        assert await (await request.get(BookingTimers)).complete_ended() == 0
    clock.current = at(DAY, 11)  # the hour booked is over
    async with container() as request:
        assert await (await request.get(BookingTimers)).complete_ended() == 1
    async with container() as request:
        assert await (await request.get(BookingTimers)).complete_ended() == 0
    assert (await booking_row(session_factory, ended.id)).status is BookingStatus.COMPLETED
    assert (await booking_row(session_factory, later.id)).status is BookingStatus.CONFIRMED


# --- moving a booking that staff confirm --------------------------------------------------------


async def test_moving_a_confirmed_office_sends_it_back_to_staff(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    manager = Actor(MANAGER_ID, StaffRole.MANAGER)
    async with booking_service(container) as service:
        await service.confirm(manager, office.id)
    async with container() as request:
        preview = await (await request.get(ChangeBooking)).move_preview(
            client(ANNA), office.id, at(DAY + timedelta(days=2), 0)
        )
    assert preview.to_staff

    async with booking_service(container) as service:
        moved = await service.move(ANNA, office.id, at(DAY + timedelta(days=2), 0))

    assert (moved.status, moved.revision) == (BookingStatus.PENDING, 1)
    # Staff get a new alert (the old ones say who confirmed it, and stay as they are).
    alerts = await notices(session_factory, "notice-staff-booking-waits")
    fresh = [row for row in alerts if decode_buttons(row.buttons)[0][0].args == (office.id, 1)]
    assert sorted(row.chat_id for row in fresh) == [OWNER_ID, MANAGER_ID]
    assert {row.topic for row in alerts} == {f"booking:{office.id}:request"}
    assert decode_buttons(fresh[0].buttons)[0][0] == Button(
        "btn-booking-confirm", NoticeAction.CONFIRM_BOOKING, (office.id, 1)
    )
    # A Confirm from an alert about the old time is refused; the new alert's works.
    async with booking_service(container) as service:
        with pytest.raises(RequestChanged):
            await service.confirm(manager, office.id, revision=0)
    async with booking_service(container) as service:
        confirmed = await service.confirm(manager, office.id, revision=1)
    assert confirmed.status is BookingStatus.CONFIRMED
    assert len(await notices(session_factory, "notice-booking-confirmed")) == 2


async def test_moving_a_pending_request_rewrites_its_unsent_alerts(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    assert office.status is BookingStatus.PENDING
    async with booking_service(container) as service:
        await service.move(ANNA, office.id, at(DAY + timedelta(days=1), 0))

    # The alerts were not sent yet: they go out once, showing the new time and its buttons.
    rows = await notices(session_factory)
    staff = [row for row in rows if row.topic == f"booking:{office.id}:request"]
    assert sorted(row.chat_id for row in staff) == [OWNER_ID, MANAGER_ID]
    assert {row.key for row in staff} == {"notice-staff-booking-moved"}
    assert {decode_buttons(row.buttons)[0][0].args for row in staff} == {(office.id, 1)}
    assert all(row.failed_at is None and row.kind == "message" for row in staff)


async def test_a_request_moved_after_its_alert_was_sent_says_so_in_the_old_alert(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    await outbox.deliver_due()  # the owner and the manager have the alert
    async with booking_service(container) as service:
        await service.move(ANNA, office.id, at(DAY + timedelta(days=1), 0))
    edits = await notices(session_factory, "notice-staff-booking-moved")
    assert sorted(row.chat_id for row in edits) == [OWNER_ID, MANAGER_ID]
    assert {row.kind for row in edits} == {"edit"}
    await outbox.deliver_due()
    changed = [call for call in telegram.calls if isinstance(call, EditMessageText)]
    assert sorted(int(call.chat_id or 0) for call in changed) == [OWNER_ID, MANAGER_ID]
    assert all("клиент перенёс время" in call.text for call in changed)
    # The alert now shows the new time with buttons for it: no second message per move.
    buttons = {
        button.callback_data
        for call in changed
        for row in call.reply_markup.inline_keyboard  # type: ignore[union-attr]
        for button in row
    }
    assert buttons == {
        BookingDecision(confirm=True, booking_id=office.id, revision=1).pack(),
        BookingDecision(confirm=False, booking_id=office.id, revision=1).pack(),
        BookingOpen(booking_id=office.id).pack(),
    }
    assert len(await notices(session_factory, "notice-staff-booking-waits")) == 2
    # A tap on the alert as it was before the move is refused; on the new buttons it works.
    manager = Actor(MANAGER_ID, StaffRole.MANAGER)
    async with booking_service(container) as service:
        with pytest.raises(RequestChanged):
            await service.confirm(manager, office.id, revision=0)
    async with booking_service(container) as service:
        assert (await service.confirm(manager, office.id, revision=1)).status is (
            BookingStatus.CONFIRMED
        )
