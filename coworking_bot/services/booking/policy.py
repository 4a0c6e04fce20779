"""How this coworking books, from its settings, and what a client asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    tz: ZoneInfo
    hold_minutes: int = 15
    cancel_free_hours: int = 24
    late_refund_percent: int = 0
    # False without YooKassa settings: paid bookings then wait for staff and are paid on site.
    online_payments: bool = True

    def free_cancel_until(self, starts_at: datetime) -> datetime:
        """The free-cancellation deadline of a booking that starts at `starts_at`."""
        return starts_at - timedelta(hours=self.cancel_free_hours)


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
