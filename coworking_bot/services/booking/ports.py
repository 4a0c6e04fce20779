"""What the booking use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.pricing import Quote
from coworking_bot.domain.promo import PromoCode
from coworking_bot.domain.reminders import ReminderKind


@dataclass(frozen=True, slots=True)
class NewBooking:
    user_id: int
    space_id: int
    tariff_id: int
    status: BookingStatus
    starts_at: datetime
    ends_at: datetime
    exclusive: bool
    units: int
    quote: Quote
    promo_code_id: int | None
    hold_expires_at: datetime | None
    series_id: str | None = None
    request_key: str | None = None
    free_cancel_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class WaitlistEntry:
    id: int
    user_id: int
    space_id: int
    tariff_id: int
    starts_at: datetime
    ends_at: datetime
    units: int
    notified_at: datetime | None


class BookingRepository(Protocol):
    async def lock_space(self, space_id: int) -> None: ...

    async def tariff_with_space(self, tariff_id: int) -> tuple[Tariff, Space] | None: ...

    async def live_intervals(
        self, space_id: int, start: datetime, end: datetime, *, exclude_ids: Sequence[int] = ()
    ) -> list[Interval]: ...

    async def add(self, booking: NewBooking) -> Booking: ...

    async def get(self, booking_id: int) -> Booking | None: ...

    async def by_request_key(self, request_key: str) -> Booking | None: ...

    async def change_status(
        self, booking_id: int, *, expected: BookingStatus, new: BookingStatus, **fields: Any
    ) -> bool: ...

    async def move(
        self,
        booking_id: int,
        *,
        expected: BookingStatus,
        status: BookingStatus,
        starts_at: datetime,
        ends_at: datetime,
        free_cancel_until: datetime,
    ) -> bool:
        """Move a booking still in `expected` to a new time (and `status`), bumping its
        revision; False when it changed meanwhile."""
        ...

    async def count_waiting(self, user_id: int) -> int:
        """How many of the user's bookings wait for payment or for staff."""
        ...

    async def unanswered_ended(self, now: datetime, limit: int) -> list[int]:
        """Requests still waiting for staff whose time is over."""
        ...

    async def complete_ended(self, now: datetime, limit: int) -> int:
        """Confirmed bookings that ended by `now` become completed; returns how many."""
        ...

    async def for_user(
        self, user_id: int, *, upcoming: bool, now: datetime, offset: int, limit: int
    ) -> tuple[list[Booking], int]: ...

    async def of_user(self, user_id: int, *, offset: int, limit: int) -> tuple[list[Booking], int]:
        """Every booking of one client, the latest start first, and how many there are."""
        ...

    async def reminders_pending(
        self, starts_from: datetime, starts_to: datetime, limit: int
    ) -> list[tuple[Booking, frozenset[ReminderKind]]]:
        """Confirmed bookings starting in the range with a day or hour reminder not done yet,
        and which of the two are left."""
        ...

    async def renewals_pending(
        self, ends_from: datetime, ends_to: datetime, limit: int
    ) -> list[Booking]:
        """Confirmed monthly bookings ending in the range with no renewal offer yet, whose client
        has not booked on already."""
        ...

    async def mark_reminded(
        self, booking_id: int, kind: ReminderKind, *, starts_at: datetime, now: datetime
    ) -> bool:
        """Claim one reminder of the booking at that start; False if done, moved or not live."""
        ...

    async def with_status(
        self, status: BookingStatus, *, newest_first: bool, offset: int, limit: int
    ) -> tuple[list[Booking], int]:
        """Bookings in one status, by start (the latest first when `newest_first`), and how
        many there are."""
        ...

    async def on_day(
        self, start: datetime, end: datetime, *, offset: int, limit: int
    ) -> tuple[list[Booking], int]:
        """Bookings that own or owned a place between `start` and `end`, by space and time."""
        ...

    async def unattended(self, started_before: datetime, now: datetime, limit: int) -> list[int]:
        """Confirmed bookings that ask for check-in, started before `started_before`, not over,
        with nobody checked in."""
        ...

    async def check_in(self, booking_id: int, *, at: datetime, by: int) -> bool:
        """Mark a confirmed booking as arrived once; False when it changed meanwhile."""
        ...

    async def waiting_for_staff(self, *, offset: int, limit: int) -> tuple[list[Booking], int]:
        """Requests waiting for staff, oldest first, and how many there are."""
        ...

    async def due_holds(
        self, now: datetime, limit: int, space_id: int | None = None
    ) -> list[int]: ...

    async def has_booked(self, user_id: int, *, trial_only: bool = False) -> bool: ...


class PromoRepository(Protocol):
    async def by_code(self, code: str) -> PromoCode | None: ...

    async def by_id(self, promo_id: int) -> PromoCode | None: ...

    async def reclaim(self, booking_id: int) -> bool: ...

    async def used_by(self, promo_id: int, user_id: int) -> int: ...

    async def redeem(self, promo_id: int, user_id: int, booking_id: int) -> bool: ...

    async def release(self, booking_id: int, now: datetime) -> None: ...


class WaitlistRepository(Protocol):
    async def join(
        self,
        *,
        user_id: int,
        space_id: int,
        tariff_id: int,
        starts_at: datetime,
        ends_at: datetime,
        units: int,
    ) -> WaitlistEntry: ...

    async def get(self, entry_id: int) -> WaitlistEntry | None: ...

    async def waiting_for(
        self, space_id: int, start: datetime, end: datetime
    ) -> list[WaitlistEntry]: ...

    async def requeue(self, entry_id: int) -> None: ...

    async def mark_notified(self, entry_id: int, now: datetime) -> None: ...

    async def remove(self, entry_id: int) -> None: ...
