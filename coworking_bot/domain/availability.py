"""When a space is open and free. Pure functions over aware datetimes; no I/O.

A booking holds one place of a space's `capacity` over [start, end). The buffer keeps that much
time clear before and after every booking. A start is free when, over the whole of
[start - buffer, end + buffer), fewer than `capacity` bookings are live at any one moment.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.catalog import Space


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime
    end: datetime


def _clock(value: str) -> timedelta:
    hours, minutes = value.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes))


def opening_window(space: Space, day: date, tz: ZoneInfo) -> Interval | None:
    """The space's opening hours on `day` (local), in UTC; None when it is closed that day."""
    hours = space.opening_hours.get(str(day.weekday()))
    if not hours:
        return None
    opens, closes = _clock(hours[0]), _clock(hours[1])
    if closes <= opens:
        return None
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    start = (midnight + opens).astimezone(UTC)
    end = (midnight + closes).astimezone(UTC)
    return Interval(start, end)


class Occupancy:
    """How many bookings are live over time: a step function built once, queried per slot."""

    def __init__(self, busy: Iterable[Interval]) -> None:
        events = sorted(
            [(i.start, 1) for i in busy] + [(i.end, -1) for i in busy],
            key=lambda event: (event[0], event[1]),
        )
        self._times: list[datetime] = []
        self._levels: list[int] = []
        level = 0
        for moment, change in events:
            level += change
            if self._times and self._times[-1] == moment:
                self._levels[-1] = level
            else:
                self._times.append(moment)
                self._levels.append(level)

    def peak(self, start: datetime, end: datetime) -> int:
        """The most bookings live at once within [start, end)."""
        index = bisect_right(self._times, start) - 1
        peak = self._levels[index] if index >= 0 else 0
        index += 1
        while index < len(self._times) and self._times[index] < end:
            peak = max(peak, self._levels[index])
            index += 1
        return peak


def peak_occupancy(busy: Iterable[Interval], start: datetime, end: datetime) -> int:
    """How many of `busy` are live at once, at the busiest moment of [start, end)."""
    return Occupancy(busy).peak(start, end)


def has_room(space: Space, occupancy: Occupancy, start: datetime, end: datetime) -> bool:
    buffer = timedelta(minutes=space.buffer_minutes)
    return occupancy.peak(start - buffer, end + buffer) < space.capacity


def is_free(space: Space, busy: Sequence[Interval], start: datetime, end: datetime) -> bool:
    return has_room(space, Occupancy(busy), start, end)


def bookable_window(space: Space, now: datetime) -> Interval:
    """From the earliest start the lead time allows to the end of the booking horizon."""
    return Interval(
        now + timedelta(minutes=space.min_lead_minutes),
        now + timedelta(days=space.booking_horizon_days),
    )


def grid_starts(
    space: Space, day: date, duration: timedelta, now: datetime, tz: ZoneInfo
) -> list[datetime]:
    """Every start on the space's slot grid of `day` where a booking of `duration` fits the
    opening hours and can still be booked (lead time, horizon), taken or not."""
    window = opening_window(space, day, tz)
    if window is None or duration <= timedelta(0):
        return []
    allowed = bookable_window(space, now)
    step = timedelta(minutes=space.slot_step_minutes)
    starts: list[datetime] = []
    start = window.start
    while start + duration <= window.end:
        if allowed.start <= start <= allowed.end:
            starts.append(start)
        start += step
    return starts


def free_starts(
    space: Space,
    day: date,
    duration: timedelta,
    busy: Sequence[Interval] | Occupancy,
    now: datetime,
    tz: ZoneInfo,
) -> list[datetime]:
    """The grid's starts (`grid_starts`) where a booking of `duration` finds a free place."""
    occupancy = busy if isinstance(busy, Occupancy) else Occupancy(busy)
    return [
        start
        for start in grid_starts(space, day, duration, now, tz)
        if has_room(space, occupancy, start, start + duration)
    ]
