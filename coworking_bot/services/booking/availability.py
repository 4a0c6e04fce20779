"""What can be booked when: month calendars, a day's free starts, durations, price previews."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coworking_bot.domain.availability import (
    Occupancy,
    bookable_window,
    free_starts,
    grid_starts,
    has_room,
    opening_window,
)
from coworking_bot.domain.booking import (
    ClosedTime,
    PastTime,
    TooFarAhead,
    booking_interval,
    check_bookable,
    local_midnight,
)
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.services.booking.lookups import bookable_tariff, occupancy_around
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock

# Read a little around the window so bookings whose buffer reaches into it are counted.
MARGIN = timedelta(days=1)


class DayState(StrEnum):
    FREE = "free"
    FULL = "full"
    CLOSED = "closed"
    PAST = "past"
    BEYOND = "beyond"


@dataclass(frozen=True, slots=True)
class Offer:
    tariff: Tariff
    space: Space


class AvailabilityService:
    def __init__(self, bookings: BookingRepository, clock: Clock, tz: ZoneInfo) -> None:
        self._bookings = bookings
        self._clock = clock
        self._tz = tz

    async def offer(self, tariff_id: int) -> Offer:
        return Offer(*await bookable_tariff(self._bookings, tariff_id))

    async def month(self, tariff_id: int, year: int, month: int) -> dict[date, DayState]:
        """Every day of the month: free, full, closed, past or beyond the booking horizon."""
        offer = await self.offer(tariff_id)
        first = date(year, month, 1)
        last = date(year, month, monthrange(year, month)[1])
        start = local_midnight(first, self._tz) - MARGIN
        end = local_midnight(last + timedelta(days=1), self._tz) + MARGIN
        busy = await self._bookings.live_intervals(offer.space.id, start, end)
        occupancy = Occupancy(busy)
        now = self._clock.now()
        return {
            first + timedelta(days=n): self._day_state(
                offer, first + timedelta(days=n), occupancy, now
            )
            for n in range(last.day)
        }

    async def day_state(self, tariff_id: int, day: date) -> DayState:
        """One day's state; the calendar checks it again when a (possibly old) button is tapped."""
        offer = await self.offer(tariff_id)
        occupancy = await self._day_occupancy(offer, day)
        return self._day_state(offer, day, occupancy, self._clock.now())

    async def starts(
        self,
        tariff_id: int,
        day: date,
        *,
        units: int | None = None,
        moving: int | None = None,
    ) -> list[datetime]:
        """Free start times of an hourly tariff on `day` for `units` (default: its shortest
        duration). `moving` is a booking being moved: its own time does not count as taken."""
        offer = await self.offer(tariff_id)
        occupancy = await self._day_occupancy(offer, day, exclude=(moving,) if moving else ())
        return free_starts(
            offer.space,
            day,
            self._unit(offer.tariff) * (units or offer.tariff.min_duration),
            occupancy,
            self._clock.now(),
            self._tz,
        )

    async def taken_starts(self, tariff_id: int, day: date) -> list[datetime]:
        """Starts of an hourly tariff on `day` that could be booked but are taken: the times one
        can wait for."""
        offer = await self.offer(tariff_id)
        duration = self._unit(offer.tariff) * offer.tariff.min_duration
        occupancy = await self._day_occupancy(offer, day)
        return [
            start
            for start in grid_starts(offer.space, day, duration, self._clock.now(), self._tz)
            if not has_room(offer.space, occupancy, start, start + duration)
        ]

    async def durations(self, tariff_id: int, start: datetime) -> list[int]:
        """How many units fit from `start` (bookable and free), shortest first."""
        offer = await self.offer(tariff_id)
        longest = booking_interval(offer.tariff, start, offer.tariff.max_duration, self._tz)
        occupancy = await occupancy_around(self._bookings, offer.space, longest)
        fitting: list[int] = []
        now = self._clock.now()
        for units in range(offer.tariff.min_duration, offer.tariff.max_duration + 1):
            interval = booking_interval(offer.tariff, start, units, self._tz)
            try:
                check_bookable(offer.space, offer.tariff, interval, now, self._tz)
            except DomainError:
                break
            if not has_room(offer.space, occupancy, interval.start, interval.end):
                break
            fitting.append(units)
        return fitting

    def _day_state(self, offer: Offer, day: date, occupancy: Occupancy, now: datetime) -> DayState:
        tariff, space = offer.tariff, offer.space
        if tariff.unit is TariffUnit.HOUR:
            if day < now.astimezone(self._tz).date():
                return DayState.PAST
            starts = free_starts(
                space, day, self._unit(tariff) * tariff.min_duration, occupancy, now, self._tz
            )
            if starts:
                return DayState.FREE
            return self._why_not(offer, day, now)
        interval = booking_interval(
            tariff, local_midnight(day, self._tz), tariff.min_duration, self._tz
        )
        try:
            check_bookable(space, tariff, interval, now, self._tz)
        except PastTime:
            return DayState.PAST
        except ClosedTime:
            return DayState.CLOSED
        except TooFarAhead:
            return DayState.BEYOND
        if has_room(space, occupancy, interval.start, interval.end):
            return DayState.FREE
        return DayState.FULL

    def _why_not(self, offer: Offer, day: date, now: datetime) -> DayState:
        """An hourly day with no free start: closed, beyond the horizon, too late today, or full."""
        window = opening_window(offer.space, day, self._tz)
        if window is None:
            return DayState.CLOSED
        allowed = bookable_window(offer.space, now)
        if window.start > allowed.end:
            return DayState.BEYOND
        duration = self._unit(offer.tariff) * offer.tariff.min_duration
        if window.end - duration < allowed.start:
            return DayState.PAST
        return DayState.FULL

    async def _day_occupancy(
        self, offer: Offer, day: date, exclude: Sequence[int] = ()
    ) -> Occupancy:
        start = local_midnight(day, self._tz) - MARGIN
        end = local_midnight(day + timedelta(days=1), self._tz) + MARGIN
        return Occupancy(
            await self._bookings.live_intervals(offer.space.id, start, end, exclude_ids=exclude)
        )

    @staticmethod
    def _unit(tariff: Tariff) -> timedelta:
        return timedelta(hours=1) if tariff.unit is TariffUnit.HOUR else timedelta(days=1)
