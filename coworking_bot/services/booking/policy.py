"""The rules a booking is made and cancelled by: the policy from settings, what a client asks
for, and what cancelling costs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.payments import refund_share


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    tz: ZoneInfo
    hold_minutes: int = 15
    cancel_free_hours: int = 24
    late_refund_percent: int = 0
    # False without YooKassa settings: paid bookings then wait for staff and are paid on site.
    online_payments: bool = True


@dataclass(frozen=True, slots=True)
class BookingRequest:
    tariff_id: int
    start: datetime
    units: int
    promo_code: str | None = None
    # One per "confirm" screen: a second tap, or a retry, returns the booking already made.
    request_key: str | None = None


@dataclass(frozen=True, slots=True)
class CancelTerms:
    """What cancelling now means: free (full refund) or late (the policy's share)."""

    free: bool
    refund_percent: int
    free_until: datetime
    paid: int = 0  # kopecks taken online and not yet given back
    refund: int = 0  # kopecks that cancelling gives back

    @property
    def keeps(self) -> int:
        """What the coworking keeps of the money paid."""
        return self.paid - self.refund


@dataclass(frozen=True, slots=True)
class SeriesDate:
    start: datetime
    free: bool


def cancel_terms(
    booking: Booking, policy: BookingPolicy, now: datetime, paid: int = 0
) -> CancelTerms:
    """Free until `cancel_free_hours` before the start; later, the policy's share back.
    `paid` is what was taken online and not yet returned; the refund is its share."""
    free_until = booking.starts_at - timedelta(hours=policy.cancel_free_hours)
    free = now < free_until
    percent = 100 if free else policy.late_refund_percent
    return CancelTerms(
        free=free,
        refund_percent=percent,
        free_until=free_until,
        paid=paid,
        refund=refund_share(paid, 0, percent),
    )
