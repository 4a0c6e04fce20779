import pytest

from coworking_bot.domain.booking import (
    LIVE_STATUSES,
    BookingEvent,
    BookingStatus,
    InvalidTransition,
    next_status,
    status_after_payment,
)


def test_the_happy_path() -> None:
    status = next_status(BookingStatus.HELD, BookingEvent.PAID)
    status = next_status(status, BookingEvent.STAFF_CONFIRMED)
    assert next_status(status, BookingEvent.COMPLETED) is BookingStatus.COMPLETED


@pytest.mark.parametrize("status", sorted(LIVE_STATUSES))
def test_every_live_booking_can_be_cancelled(status: BookingStatus) -> None:
    assert next_status(status, BookingEvent.CANCELLED) is BookingStatus.CANCELLED


_FINISHED = (
    BookingStatus.EXPIRED,
    BookingStatus.CANCELLED,
    BookingStatus.COMPLETED,
    BookingStatus.NO_SHOW,
)


@pytest.mark.parametrize(
    ("status", "event"),
    [
        (status, event)
        for status in _FINISHED
        for event in BookingEvent
        # Late money may bring an expired booking back: the test below.
        if (status, event) != (BookingStatus.EXPIRED, BookingEvent.PAID)
    ],
)
def test_finished_bookings_never_move(status: BookingStatus, event: BookingEvent) -> None:
    with pytest.raises(InvalidTransition):
        next_status(status, event)


@pytest.mark.parametrize("needs_confirmation", [True, False])
def test_money_after_the_hold_ran_out_books_it_again(needs_confirmation: bool) -> None:
    expected = BookingStatus.PENDING if needs_confirmation else BookingStatus.CONFIRMED
    assert (
        next_status(BookingStatus.EXPIRED, BookingEvent.PAID, needs_confirmation=needs_confirmation)
        is expected
    )


def test_a_paid_hold_cannot_expire_and_money_is_needed_before_confirmation() -> None:
    with pytest.raises(InvalidTransition):
        next_status(BookingStatus.PENDING, BookingEvent.HOLD_EXPIRED)
    with pytest.raises(InvalidTransition):
        next_status(BookingStatus.HELD, BookingEvent.STAFF_CONFIRMED)


def test_payment_confirms_at_once_when_the_tariff_needs_no_staff() -> None:
    paid = next_status(BookingStatus.HELD, BookingEvent.PAID, needs_confirmation=False)
    assert paid is BookingStatus.CONFIRMED
    with pytest.raises(InvalidTransition):
        next_status(BookingStatus.PENDING, BookingEvent.PAID)


def test_status_after_payment_depends_on_the_tariff() -> None:
    assert status_after_payment(needs_confirmation=True) is BookingStatus.PENDING
    assert status_after_payment(needs_confirmation=False) is BookingStatus.CONFIRMED
