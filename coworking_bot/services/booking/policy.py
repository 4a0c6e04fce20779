"""How this coworking books, from its settings, and what a client asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.cancellation import free_cancel_until


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    tz: ZoneInfo
    hold_minutes: int = 15
    # A booking staff made and sent the client a payment link for: the client may read it later.
    payment_link_hold_minutes: int = 60
    cancel_free_hours: int = 24
    late_refund_percent: int = 0
    # False without YooKassa settings: paid bookings then wait for staff and are paid on site.
    online_payments: bool = True

    # At most this many bookings of one client may wait for payment or for staff at once.
    max_waiting: int = 10
    # Minutes after its start a booking that asks for check-in waits for the client; None: off.
    no_show_minutes: int | None = None

    def cancel_deadline(self, booking: Booking) -> datetime:
        """The free-cancellation deadline the booking was made under (bookings made before it
        was stored: the policy's hours before the start)."""
        return booking.free_cancel_until or free_cancel_until(
            booking.starts_at, self.cancel_free_hours
        )

    def refund_deadline(self, booking: Booking) -> datetime:
        """Until when cancelling gives everything back: the deadline the booking was made under;
        a request staff have not confirmed yet, until it ends (nobody held the client to it)."""
        if booking.status is BookingStatus.PENDING:
            return booking.ends_at
        return self.cancel_deadline(booking)


@dataclass(frozen=True, slots=True)
class BookingRequest:
    tariff_id: int
    start: datetime
    units: int
    promo_code: str | None = None
    # One per "confirm" screen: a second tap, or a retry, returns the booking already made.
    request_key: str | None = None


@dataclass(frozen=True, slots=True)
class SeriesDate:
    start: datetime
    free: bool
