"""The life of a booking (DESIGN.md section 3) as an explicit state machine.

held --paid--> pending --staff confirms--> confirmed --> completed | no_show
  \\--hold expires--> expired        \\--staff rejects--> cancelled
any live state --user or staff cancels--> cancelled
expired --paid late, the place still free--> pending | confirmed (else the money goes back)
confirmed --moved, the tariff needs staff--> pending (staff look at the new time)
pending --ends with no answer from staff--> cancelled (everything paid goes back)

A client moves or cancels a booking only before it starts; a request staff have not answered
(pending) may be withdrawn until it ends, and lapses then. A confirmed booking is completed once
it ends.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coworking_bot.domain.availability import Interval, bookable_window, opening_window
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.pricing import Quote


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
    MOVED = "moved"
    LAPSED = "lapsed"  # staff did not answer a request before it ended


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
    (BookingStatus.PENDING, BookingEvent.LAPSED): BookingStatus.CANCELLED,
    (BookingStatus.CONFIRMED, BookingEvent.CANCELLED): BookingStatus.CANCELLED,
    (BookingStatus.CONFIRMED, BookingEvent.COMPLETED): BookingStatus.COMPLETED,
    (BookingStatus.CONFIRMED, BookingEvent.NO_SHOW): BookingStatus.NO_SHOW,
}


def next_status(
    current: BookingStatus, event: BookingEvent, *, needs_confirmation: bool = True
) -> BookingStatus:
    """The status after `event`; `needs_confirmation` (the tariff's) decides where PAID leads."""
    if event is BookingEvent.PAID:
        if current not in (BookingStatus.HELD, BookingStatus.EXPIRED):
            raise InvalidTransition(status=current.value, event=event.value)
        return status_after_payment(needs_confirmation)
    try:
        return _TRANSITIONS[(current, event)]
    except KeyError:
        raise InvalidTransition(status=current.value, event=event.value) from None


def status_after_move(current: BookingStatus, *, needs_confirmation: bool) -> BookingStatus:
    """A live booking moved to another time: one staff confirm goes back to them for the new
    time; held and pending ones stay as they are."""
    if current not in LIVE_STATUSES:
        raise InvalidTransition(status=current.value, event=BookingEvent.MOVED.value)
    if current is BookingStatus.CONFIRMED and needs_confirmation:
        return BookingStatus.PENDING
    return current


def status_after_payment(needs_confirmation: bool) -> BookingStatus:
    """Paid (or free): `pending` when staff must confirm the tariff, else `confirmed`."""
    return BookingStatus.PENDING if needs_confirmation else BookingStatus.CONFIRMED


def initial_status(price: Quote, tariff: Tariff, *, online_payments: bool) -> BookingStatus:
    """Where a new booking starts: a free one as if paid; a paid one `held` until the money comes
    online, or `pending` for staff when it is paid on site."""
    if price.is_free:
        return status_after_payment(tariff.needs_confirmation)
    return BookingStatus.HELD if online_payments else BookingStatus.PENDING


# How early before the start staff may mark a client as arrived.
CHECK_IN_EARLY = timedelta(hours=2)


class CannotCheckIn(DomainError):
    key = "error-booking-check-in"


@dataclass(frozen=True, slots=True)
class Booking:
    id: int
    user_id: int
    space_id: int
    tariff_id: int
    status: BookingStatus
    starts_at: datetime
    ends_at: datetime
    units: int
    unit_price: int
    subtotal: int
    volume_discount: int
    promo_discount: int
    total: int
    promo_code_id: int | None
    hold_expires_at: datetime | None
    series_id: str | None
    created_at: datetime
    # Until when cancelling gives everything back: fixed when the booking is made.
    free_cancel_until: datetime | None = None
    revision: int = 0
    checked_in_at: datetime | None = None  # staff marked the client as arrived

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def interval(self) -> Interval:
        return Interval(self.starts_at, self.ends_at)

    def has_started(self, now: datetime) -> bool:
        return self.starts_at <= now

    def client_may_cancel(self, now: datetime) -> bool:
        """Until it starts; a request staff have not answered yet, until it ends (the client is
        not held to a booking nobody confirmed)."""
        if not self.is_live:
            return False
        if self.status is BookingStatus.PENDING:
            return self.ends_at > now
        return not self.has_started(now)

    def client_may_move(self, now: datetime) -> bool:
        return self.is_live and not self.has_started(now)

    def may_check_in(self, now: datetime) -> bool:
        """Staff mark a confirmed client as arrived from a little before the start to the end."""
        return (
            self.status is BookingStatus.CONFIRMED
            and self.checked_in_at is None
            and self.starts_at - CHECK_IN_EARLY <= now < self.ends_at
        )

    def staff_may_cancel(self, now: datetime) -> bool:
        """Staff cancel a live booking until it ends (a client who left early, a closed room)."""
        return self.is_live and now < self.ends_at

    def hold_running(self, now: datetime) -> bool:
        """Held, and the hold not run out yet (the expiry job may lag a little behind it): the
        place waits for this client's money."""
        return self.status is BookingStatus.HELD and (
            self.hold_expires_at is None or self.hold_expires_at > now
        )


class PastTime(DomainError):
    key = "error-booking-past"


class TooFarAhead(DomainError):
    key = "error-booking-too-far"


class ClosedTime(DomainError):
    key = "error-booking-closed"


class NotOnGrid(DomainError):
    key = "error-booking-off-grid"


class PlaceTaken(DomainError):
    key = "error-booking-taken"


class TrialUsed(DomainError):
    key = "error-booking-trial-used"


class BookingNotFound(DomainError):
    key = "error-booking-not-found"


class TariffUnavailable(DomainError):
    key = "error-tariff-unavailable"


class BookingStarted(DomainError):
    """A client may cancel or move a booking only before it starts."""

    key = "error-booking-started"


class TooLateToMove(DomainError):
    """Moving would send a confirmed booking back to staff after its free cancellation ended: a
    rejected move would then cost the client the booking and its money."""

    key = "error-booking-too-late-to-move"


class TooManyWaiting(DomainError):
    """The client already has as many bookings waiting for payment or for staff as allowed."""

    key = "error-booking-too-many-waiting"


class ClientBanned(DomainError):
    """Staff may not confirm a booking for a client who is banned (rejecting it is fine)."""

    key = "error-booking-client-banned"


class RequestChanged(DomainError):
    """Staff acted on an alert about a request that has changed since (the client moved it)."""

    key = "error-booking-request-changed"


class BookingChanged(DomainError):
    """Staff act on a card that is out of date: the booking changed since (the client moved it)."""

    key = "error-booking-changed"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def booking_interval(tariff: Tariff, start: datetime, units: int, tz: ZoneInfo) -> Interval:
    """What a booking of `units` from `start` occupies. Days and months run midnight to midnight
    in the space's time zone; `start` of a day or month booking may be any moment of its day."""
    if tariff.unit is TariffUnit.HOUR:
        return Interval(start, start + timedelta(hours=units))
    day = start.astimezone(tz).date()
    if tariff.unit is TariffUnit.DAY:
        return Interval(local_midnight(day, tz), local_midnight(day + timedelta(days=units), tz))
    return Interval(local_midnight(day, tz), local_midnight(add_months(day, units), tz))


def check_bookable(
    space: Space, tariff: Tariff, interval: Interval, now: datetime, tz: ZoneInfo
) -> None:
    """Refuse a time that is past, beyond the horizon, closed, or off the slot grid."""
    allowed = bookable_window(space, now)
    if tariff.unit is TariffUnit.HOUR:
        if interval.start < allowed.start:
            raise PastTime()
        day = interval.start.astimezone(tz).date()
        window = opening_window(space, day, tz)
        if window is None or interval.start < window.start or interval.end > window.end:
            raise ClosedTime()
        step = timedelta(minutes=space.slot_step_minutes)
        if (interval.start - window.start) % step:
            raise NotOnGrid()
    else:
        first_day = interval.start.astimezone(tz).date()
        if first_day < now.astimezone(tz).date():
            raise PastTime()
        if opening_window(space, first_day, tz) is None:
            raise ClosedTime()
    if interval.start > allowed.end:
        raise TooFarAhead(days=space.booking_horizon_days)


class RejectReason(StrEnum):
    """Why staff turn a request down, picked from a short list; anything else is typed."""

    TAKEN = "taken"  # the place is not available at that time after all
    CLOSED = "closed"  # the coworking is closed or busy with an event then
    NO_CONTACT = "no_contact"  # staff could not reach the client to settle the details


REASON_MAX_LENGTH = 300


class InvalidReason(DomainError):
    key = "error-reason-invalid"


def typed_reason(raw: str | None) -> str:
    """A reason a member of staff typed: one line of plain text, not empty, not too long."""
    text = " ".join((raw or "").split())
    if not text or len(text) > REASON_MAX_LENGTH:
        raise InvalidReason(limit=REASON_MAX_LENGTH)
    return text
