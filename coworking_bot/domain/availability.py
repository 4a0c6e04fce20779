"""When a space is open and free. Pure functions over aware datetimes; no I/O.

A booking holds one place of a space's `capacity` over [start, end). The buffer keeps that much
time clear before and after every booking. A start is free when, over the whole of
[start - buffer, end + buffer), fewer than `capacity` bookings are live at any one moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.catalog import Space


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


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


def peak_occupancy(busy: Iterable[Interval], start: datetime, end: datetime) -> int:
    """How many of `busy` are live at once, at the busiest moment of [start, end)."""
    events: list[tuple[datetime, int]] = []
    for interval in busy:
        if interval.overlaps(start, end):
            events.append((max(interval.start, start), 1))
            events.append((min(interval.end, end), -1))
    # Ends sort before starts at the same moment: back-to-back bookings do not overlap.
    events.sort(key=lambda event: (event[0], event[1]))
    live = peak = 0
    for _, change in events:
        live += change
        peak = max(peak, live)
    return peak


def is_free(space: Space, busy: Sequence[Interval], start: datetime, end: datetime) -> bool:
    buffer = timedelta(minutes=space.buffer_minutes)
    return peak_occupancy(busy, start - buffer, end + buffer) < space.capacity


def bookable_window(space: Space, now: datetime) -> Interval:
    """From the earliest start the lead time allows to the end of the booking horizon."""
    return Interval(
        now + timedelta(minutes=space.min_lead_minutes),
        now + timedelta(days=space.booking_horizon_days),
    )


def free_starts(
    space: Space,
    day: date,
    duration: timedelta,
    busy: Sequence[Interval],
    now: datetime,
    tz: ZoneInfo,
) -> list[datetime]:
    """Every start on the space's slot grid of `day` where a booking of `duration` fits."""
    window = opening_window(space, day, tz)
    if window is None or duration <= timedelta(0):
        return []
    allowed = bookable_window(space, now)
    step = timedelta(minutes=space.slot_step_minutes)
    starts: list[datetime] = []
    start = window.start
    while start + duration <= window.end:
        if allowed.start <= start <= allowed.end and is_free(space, busy, start, start + duration):
            starts.append(start)
        start += step
    return starts
