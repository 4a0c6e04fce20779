"""The life of a booking (DESIGN.md section 3) as an explicit state machine.

held --paid--> pending --staff confirms--> confirmed --> completed | no_show
  \\--hold expires--> expired        \\--staff rejects--> cancelled
any live state --user or staff cancels--> cancelled
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from coworking_bot.domain.errors import DomainError


class BookingStatus(StrEnum):
    HELD = "held"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class BookingEvent(StrEnum):
    PAID = "paid"
    HOLD_EXPIRED = "hold_expired"
    STAFF_CONFIRMED = "staff_confirmed"
    STAFF_REJECTED = "staff_rejected"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


class InvalidTransition(DomainError):
    key = "error-booking-state"


# Bookings in these states own their place: they count against capacity.
LIVE_STATUSES: frozenset[BookingStatus] = frozenset(
    {BookingStatus.HELD, BookingStatus.PENDING, BookingStatus.CONFIRMED}
)

_TRANSITIONS: Mapping[tuple[BookingStatus, BookingEvent], BookingStatus] = {
    (BookingStatus.HELD, BookingEvent.HOLD_EXPIRED): BookingStatus.EXPIRED,
    (BookingStatus.HELD, BookingEvent.CANCELLED): BookingStatus.CANCELLED,
    (BookingStatus.PENDING, BookingEvent.STAFF_CONFIRMED): BookingStatus.CONFIRMED,
    (BookingStatus.PENDING, BookingEvent.STAFF_REJECTED): BookingStatus.CANCELLED,
    (BookingStatus.PENDING, BookingEvent.CANCELLED): BookingStatus.CANCELLED,
    (BookingStatus.CONFIRMED, BookingEvent.CANCELLED): BookingStatus.CANCELLED,
    (BookingStatus.CONFIRMED, BookingEvent.COMPLETED): BookingStatus.COMPLETED,
    (BookingStatus.CONFIRMED, BookingEvent.NO_SHOW): BookingStatus.NO_SHOW,
}


def next_status(
    current: BookingStatus, event: BookingEvent, *, needs_confirmation: bool = True
) -> BookingStatus:
    """The status after `event`; `needs_confirmation` (the tariff's) decides where PAID leads."""
    if event is BookingEvent.PAID:
        if current is not BookingStatus.HELD:
            raise InvalidTransition(status=current.value, event=event.value)
        return status_after_payment(needs_confirmation)
    try:
        return _TRANSITIONS[(current, event)]
    except KeyError:
        raise InvalidTransition(status=current.value, event=event.value) from None


def status_after_payment(needs_confirmation: bool) -> BookingStatus:
    """Paid (or free): `pending` when staff must confirm the tariff, else `confirmed`."""
    return BookingStatus.PENDING if needs_confirmation else BookingStatus.CONFIRMED
