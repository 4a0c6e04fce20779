"""The owners' dashboard: what every figure means, written once, and the arithmetic that turns
counts read from the database into the figures. Pure: no I/O.

`FIGURES` holds each figure's definition in words: the API's documentation and the dashboard's
help both read it, so the words and the code that computes a figure live side by side here.

A period is whole local days of the coworking (`TIMEZONE`), `date_from` to `date_to` both
included; it runs from local midnight of its first day to local midnight after its last, in UTC.
The figures are the same on SQLite and PostgreSQL: the database only compares timestamps with
bounds computed here, counts and sums; calendar arithmetic (days, weeks, months, opening hours,
daylight saving) is done here, in Python.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import accumulate
from typing import TypeVar
from zoneinfo import ZoneInfo

from coworking_bot.domain.availability import Interval, opening_window
from coworking_bot.domain.booking import BookingStatus, add_months
from coworking_bot.domain.catalog import Space

# What a period may be: dates within these bounds, at most this many days long.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_PERIOD_DAYS = 731  # two years, a leap day included
# A moment as the calendar arithmetic compares it: a UTC datetime, or seconds from an origin.
Moment = TypeVar("Moment", datetime, float)

# A booking that counts: the place was taken for it and not given back. Held bookings (not paid
# yet), expired holds and cancelled bookings are not bookings in any figure.
BOOKED_STATUSES: frozenset[BookingStatus] = frozenset(
    {
        BookingStatus.PENDING,
        BookingStatus.CONFIRMED,
        BookingStatus.COMPLETED,
        BookingStatus.NO_SHOW,
    }
)
# Bookings that are over, for the no-show rate.
FINISHED_STATUSES: frozenset[BookingStatus] = frozenset(
    {BookingStatus.COMPLETED, BookingStatus.NO_SHOW}
)
# Monthly members: bookings of a monthly tariff that run (no-shows are not members).
MEMBER_STATUSES: frozenset[BookingStatus] = frozenset(
    {BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.COMPLETED}
)
# The longest a day or month booking can last (DURATION_MAX of the catalogue, plus a day of
# slack): a booking that ends later than this after a moment started after it.
LONGEST_DAY_BOOKING = timedelta(days=32)
LONGEST_MONTH_BOOKING = timedelta(days=12 * 31 + 1)

FIGURES: Mapping[str, str] = {
    "revenue_kopecks": "Money taken minus money given back, in kopecks: the payments that "
    "succeeded in the period (online, cash and card, by the moment they succeeded) minus the "
    "refunds that succeeded in it (by the moment they were settled), whatever period the "
    "bookings are in.",
    "payments": "How many payments succeeded in the period.",
    "average_check_kopecks": "The mean payment: the sum of the payments that succeeded in the "
    "period divided by their number, rounded to the nearest kopeck; 0 without payments. Refunds "
    "do not lower it (they are in the revenue).",
    "bookings": "Bookings that start in the period and count: pending (paid, waiting for staff), "
    "confirmed, completed or no-show. Holds not paid, expired holds and cancelled bookings are "
    "not counted.",
    "new_users": "Clients who finished registration in the period.",
    "referrals": "Clients who registered in the period through another client's referral link.",
    "conversion_percent": "Of the clients who registered in the period, the percent who made a "
    "booking that counts (see bookings) by the end of the period; 0 without new clients.",
    "occupancy_percent": "Booked place-hours over open place-hours: for each space, the hours of "
    "the bookings that count, within its opening hours, times one place each, divided by its "
    "open hours in the period times its capacity. A day or month booking counts the open hours "
    "of each day it covers; an hourly one its hours. Opening hours are the space's as set now. "
    "All spaces together: their booked place-hours over their open place-hours.",
    "utilisation_percent": "Used place-hours over open place-hours: like occupancy, but only "
    "bookings that were used count: completed ones, and confirmed ones whose client has checked "
    "in. No-shows, requests waiting for staff and bookings still ahead do not. Occupancy tells "
    "how much was sold, utilisation how much was really used.",
    "no_show_rate_percent": "Of the bookings that started in the period and are over (completed "
    "or no-show), the percent of no-shows; 0 when none is over.",
    "mrr_kopecks": "Monthly recurring revenue on the period's last day: for each booking of a "
    "monthly tariff that covers that day (pending, confirmed or completed), its total divided by "
    "its number of months, summed.",
    "active_members": "Clients with a booking of a monthly tariff that covers the period's last "
    "day (pending, confirmed or completed).",
    "open_tickets": "Support tickets open at the end of the period: opened before its end and "
    "not closed by then.",
    "median_first_response_minutes": "For the support tickets opened in the period that staff "
    "have answered, the median of the minutes from the ticket's opening to the first answer; "
    "null when none was answered.",
    "funnel": "Clients who registered in the period, and how many of them then: started a "
    "booking (made any booking), held a place (a booking that did not run out unpaid), paid (a "
    "booking that counts, or a cancelled one they had paid for; free bookings count as paid), "
    "completed (a completed booking). Counted up to now.",
    "heatmap": "Occupancy (see occupancy_percent) of each weekday and local hour over the "
    "period: the place-hours booked in that hour of those weekdays over the place-hours open "
    "then; null where the space is never open.",
    "promo_codes": "For each promo code used in the period: uses (bookings redeemed it in the "
    "period and kept it), the discount those bookings got, and the money taken for them "
    "(succeeded payments minus succeeded refunds, whenever).",
    "tariff_mix": "For each tariff: the bookings that count starting in the period, their share "
    "of all such bookings, and the revenue of its bookings (see revenue_kopecks).",
    "top_clients": "The clients with the most revenue (see revenue_kopecks) in the period, with "
    "their bookings that count starting in it.",
    "calendar": "Each day of a month: the bookings that count starting that day, and that day's "
    "occupancy (see occupancy_percent).",
}


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"


class InvalidPeriod(ValueError):
    """The dates given cannot make a period; the message says why."""


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days, both ends included."""

    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise InvalidPeriod("date_from must not be after date_to")

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> Period:
        """The period of equal length that ends the day before this one starts."""
        return Period(
            self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1)
        )

    def bounds(self, tz: ZoneInfo) -> Interval:
        """From local midnight of the first day to local midnight after the last, in UTC."""
        return Interval(local_midnight(self.date_from, tz), local_midnight(self.end_date, tz))

    @property
    def end_date(self) -> date:
        """The day after the last one."""
        return self.date_to + timedelta(days=1)

    def dates(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.date_from + timedelta(days=offset)


def requested_period(date_from: date, date_to: date) -> Period:
    """A period someone asked for: within the dates we serve and not too long (its previous
    period, and the arithmetic on both, then stay far from the calendar's ends)."""
    period = Period(date_from, date_to)
    if date_from < EARLIEST_DATE or date_to > LATEST_DATE:
        raise InvalidPeriod(f"dates must be between {EARLIEST_DATE} and {LATEST_DATE}")
    if period.days > MAX_PERIOD_DAYS:
        raise InvalidPeriod(f"a period is at most {MAX_PERIOD_DAYS} days long")
    return period


def month_period(year: int, month: int) -> Period:
    """A calendar month someone asked for (`requested_period`'s limits)."""
    if not (EARLIEST_DATE.year <= year <= LATEST_DATE.year and 1 <= month <= 12):
        raise InvalidPeriod(
            f"a month must be between {EARLIEST_DATE:%Y-%m} and {LATEST_DATE:%Y-%m}"
        )
    first = date(year, month, 1)
    return requested_period(first, add_months(first, 1) - timedelta(days=1))


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Bucket:
    """One point of a time series: `start` labels it; it covers `start`..`end` (included),
    clipped to the period."""

    start: date
    end: date

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def buckets(period: Period, granularity: Granularity) -> list[Bucket]:
    """The period cut into days, weeks (Monday to Sunday) or calendar months; the first and the
    last week or month are cut to the period."""
    result: list[Bucket] = []
    start = period.date_from
    while start <= period.date_to:
        if granularity is Granularity.DAY:
            following = start + timedelta(days=1)
        elif granularity is Granularity.WEEK:
            following = start + timedelta(days=7 - start.weekday())
        else:
            following = add_months(start.replace(day=1), 1)
        end = min(following - timedelta(days=1), period.date_to)
        result.append(Bucket(start, end))
        start = following
    return result


def bucket_edges(items: Sequence[Bucket], tz: ZoneInfo) -> list[datetime]:
    """The UTC moments between buckets: bucket i runs from edge i to edge i + 1."""
    if not items:
        return []
    return [local_midnight(b.start, tz) for b in items] + [
        local_midnight(items[-1].end + timedelta(days=1), tz)
    ]


def percent(part: float, whole: float) -> float:
    """`part` of `whole` in percent, to one decimal; 0 when `whole` is 0."""
    if whole <= 0:
        return 0.0
    return round(100.0 * part / whole, 1)


def average_kopecks(total: int, count: int) -> int:
    """The mean of `count` amounts summing to `total`, to the nearest kopeck (halves up)."""
    if count <= 0:
        return 0
    return (2 * total + count) // (2 * count)


def median_minutes(waits: Iterable[timedelta]) -> float | None:
    values = [wait.total_seconds() / 60 for wait in waits]
    if not values:
        return None
    return round(statistics.median(values), 1)


def monthly_amount(total: int, months: int) -> int:
    """What a booking of `months` months brings a month, to the nearest kopeck."""
    return average_kopecks(total, max(months, 1))


# --- place-hours ---------------------------------------------------------------------------


def _hours(interval_start: datetime, interval_end: datetime) -> float:
    return max((interval_end - interval_start).total_seconds(), 0.0) / 3600


class OpeningCalendar:
    """Opening windows of spaces by local day, each worked out once: a period's figures ask for
    the same days again and again."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._windows: dict[tuple[int, date], Interval | None] = {}
        self._midnights: dict[Period, list[datetime]] = {}
        self._hours: dict[date, list[datetime]] = {}

    def hour_starts(self, day: date) -> list[datetime]:
        """The UTC moments the local hours 0..23 of the day begin, and the next midnight (an
        hour that daylight saving skips begins where the next one does)."""
        if day not in self._hours:
            self._hours[day] = [
                datetime.combine(day, time(hour), tzinfo=self.tz).astimezone(UTC)
                for hour in range(HOURS)
            ] + [local_midnight(day + timedelta(days=1), self.tz)]
        return self._hours[day]

    def midnights(self, period: Period) -> list[datetime]:
        """The UTC moments the period's local days begin, and the one after its last day ends:
        day i runs from item i to item i + 1."""
        if period not in self._midnights:
            self._midnights[period] = bucket_edges(buckets(period, Granularity.DAY), self.tz)
        return self._midnights[period]

    def window(self, space: Space, day: date) -> Interval | None:
        key = (space.id, day)
        if key not in self._windows:
            self._windows[key] = opening_window(space, day, self.tz)
        return self._windows[key]


def open_hours(space: Space, day: date, calendar: OpeningCalendar) -> float:
    """Hours the space is open on a local day (daylight saving counted as it falls)."""
    window = calendar.window(space, day)
    return _hours(window.start, window.end) if window else 0.0


def open_place_hours(space: Space, period: Period, calendar: OpeningCalendar) -> float:
    return space.capacity * sum(open_hours(space, day, calendar) for day in period.dates())


def covered_open_hours(
    space: Space, start: datetime, end: datetime, period: Period, calendar: OpeningCalendar
) -> Iterator[tuple[date, float]]:
    """(local day, hours) of the open hours of `space` within [start, end) and within the
    period: what one place booked over [start, end) adds to each day's booked place-hours."""
    tz = calendar.tz
    first = max(start.astimezone(tz).date(), period.date_from)
    last = min((end - timedelta(microseconds=1)).astimezone(tz).date(), period.date_to)
    day = first
    while day <= last:
        window = calendar.window(space, day)
        if window is not None:
            hours = _hours(max(start, window.start), min(end, window.end))
            if hours > 0:
                yield day, hours
        day += timedelta(days=1)


def place_hours_by_day(
    space: Space,
    spans: Iterable[tuple[datetime, datetime, float]],
    period: Period,
    calendar: OpeningCalendar,
) -> list[float]:
    """The open hours of `space` booked by `spans` (start, end, how many places) on each day of
    the period (index 0 is `date_from`): what `covered_open_hours` gives, summed, but in time
    linear in spans plus days. A day inside a span is covered whole, so only a span's first and
    last day are intersected with the opening hours; the days between are counted with a
    difference array."""
    edges, covering = _days_touched(spans, calendar.midnights(period))
    hours = [0.0] * period.days
    for index, start, end, places in edges:
        window = calendar.window(space, period.date_from + timedelta(days=index))
        if window is not None:
            hours[index] += places * _hours(max(start, window.start), min(end, window.end))
    for index, places in enumerate(covering):
        if places:
            hours[index] += places * open_hours(
                space, period.date_from + timedelta(days=index), calendar
            )
    return hours


def _days_touched(
    spans: Iterable[tuple[Moment, Moment, float]], midnights: Sequence[Moment]
) -> tuple[list[tuple[int, Moment, Moment, float]], list[float]]:
    """For spans (start, end, places) over the days `midnights` bound (day i runs from item i
    to item i + 1): the first and the last day each span touches, as (day, start, end, places),
    to be intersected with that day's opening hours; and for each day, the places of the spans
    that cover it whole (a difference array: time linear in spans plus days). Days are found by
    binary search: converting each moment to local time costs more."""
    days = len(midnights) - 1
    edges: list[tuple[int, Moment, Moment, float]] = []
    whole = [0.0] * (days + 1)
    for start, end, places in spans:
        first = max(bisect_right(midnights, start) - 1, 0)
        last = min(bisect_left(midnights, end) - 1, days - 1)
        if first > last:
            continue
        for index in (first, last) if first != last else (first,):
            edges.append((index, start, end, places))
        if last - first > 1:
            whole[first + 1] += places
            whole[last] -= places
    return edges, list(accumulate(whole[:days]))


@dataclass(frozen=True, slots=True)
class SpaceLoad:
    """Place-hours of one space over a period: open, booked (occupancy), used (utilisation)."""

    space: Space
    open: float
    booked: float
    used: float

    @property
    def occupancy_percent(self) -> float:
        return percent(self.booked, self.open)

    @property
    def utilisation_percent(self) -> float:
        return percent(self.used, self.open)


def total_load(loads: Iterable[SpaceLoad]) -> tuple[float, float]:
    """Occupancy and utilisation of several spaces together, in percent."""
    items = list(loads)
    opened = sum(load.open for load in items)
    return (
        percent(sum(load.booked for load in items), opened),
        percent(sum(load.used for load in items), opened),
    )


def is_used(status: BookingStatus, checked_in: bool) -> bool:
    """A booking whose place was really used (utilisation)."""
    return status is BookingStatus.COMPLETED or (status is BookingStatus.CONFIRMED and checked_in)


# --- the heatmap -----------------------------------------------------------------------------

WEEKDAYS = 7
HOURS = 24


def hour_cells(
    start: datetime, end: datetime, space: Space, period: Period, calendar: OpeningCalendar
) -> Iterator[tuple[int, int, float]]:
    """(weekday, local hour, hours) of one place booked over [start, end): only the open hours
    within the period count."""
    midnights = calendar.midnights(period)
    first = max(bisect_right(midnights, start) - 1, 0)
    last = min(bisect_left(midnights, end) - 1, period.days - 1)
    for index in range(first, last + 1):
        day = period.date_from + timedelta(days=index)
        window = calendar.window(space, day)
        if window is not None:
            lo, hi = max(start, window.start), min(end, window.end)
            if lo < hi:
                yield from _split_by_hour(lo, hi, day, calendar)


def booked_cells(
    space: Space,
    spans: Iterable[tuple[datetime, datetime, float]],
    period: Period,
    calendar: OpeningCalendar,
) -> list[tuple[int, int, float]]:
    """(weekday, local hour, place-hours) of the open hours of `space` booked by `spans` (start,
    end, how many places): what `hour_cells` gives for each, weighted and summed by cell."""
    grid = [[0.0] * HOURS for _ in range(WEEKDAYS)]
    for index, hours in booked_hours_by_day(space, spans, period, calendar).items():
        add_day(grid, period.date_from + timedelta(days=index), hours)
    return [
        (weekday, hour, grid[weekday][hour])
        for weekday in range(WEEKDAYS)
        for hour in range(HOURS)
        if grid[weekday][hour]
    ]


def add_day(grid: list[list[float]], day: date, hours: Sequence[float]) -> None:
    """Adds a day's 24 place-hours to the weekday-by-hour grid."""
    row = grid[day.weekday()]
    for hour, value in enumerate(hours):
        row[hour] += value


def booked_hours_by_day(
    space: Space,
    spans: Iterable[tuple[datetime, datetime, float]],
    period: Period,
    calendar: OpeningCalendar,
) -> dict[int, list[float]]:
    """The open place-hours of `space` booked by `spans` (start, end, how many places) in each
    local hour, by day of the period (index 0 is `date_from`) the spans touch. A day inside a
    span is counted with a difference array and split into hours once (a month's booking would
    otherwise be split hour by hour for each of its days), and the moments are seconds from the
    period's first midnight (comparing floats costs less than datetimes)."""
    origin = calendar.midnights(period)[0]
    midnights = [(moment - origin).total_seconds() for moment in calendar.midnights(period)]
    hour_starts: dict[int, list[float]] = {}
    windows: dict[int, tuple[float, float] | None] = {}
    days: dict[int, list[float]] = {}

    def window_of(index: int) -> tuple[float, float] | None:
        if index not in windows:
            window = calendar.window(space, period.date_from + timedelta(days=index))
            windows[index] = None
            if window is not None:
                start, end = window.start - origin, window.end - origin
                windows[index] = (start.total_seconds(), end.total_seconds())
        return windows[index]

    def add(index: int, lo: float, hi: float, weight: float) -> None:
        """`weight` places over [lo, hi), within day `index`, to the cells of its hours."""
        if index not in hour_starts:
            day = period.date_from + timedelta(days=index)
            hour_starts[index] = [(t - origin).total_seconds() for t in calendar.hour_starts(day)]
        starts = hour_starts[index]
        row = days[index]
        hour = max(bisect_right(starts, lo) - 1, 0)
        while hour < HOURS and starts[hour] < hi:
            seconds = min(hi, starts[hour + 1]) - max(lo, starts[hour])
            if seconds > 0:
                row[hour] += weight * seconds / 3600
            hour += 1

    seconds = (
        ((start - origin).total_seconds(), (end - origin).total_seconds(), places)
        for start, end, places in spans
    )
    edges, covering = _days_touched(seconds, midnights)
    for index, begins, ends, places in edges:
        days.setdefault(index, [0.0] * HOURS)
        if (window := window_of(index)) is not None:
            lo, hi = max(begins, window[0]), min(ends, window[1])
            if lo < hi:
                add(index, lo, hi, places)
    for index, places in enumerate(covering):
        if places:
            days.setdefault(index, [0.0] * HOURS)
            if (window := window_of(index)) is not None:
                add(index, window[0], window[1], places)
    return days


def open_cells(
    space: Space, period: Period, calendar: OpeningCalendar
) -> Iterator[tuple[int, int, float]]:
    """(weekday, local hour, hours) the space is open over the period, one place."""
    for day in period.dates():
        window = calendar.window(space, day)
        if window is not None:
            yield from _split_by_hour(window.start, window.end, day, calendar)


def _split_by_hour(
    lo: datetime, hi: datetime, day: date, calendar: OpeningCalendar
) -> Iterator[tuple[int, int, float]]:
    weekday = day.weekday()
    starts = calendar.hour_starts(day)
    hour = max(bisect_right(starts, lo) - 1, 0)
    while hour < HOURS and starts[hour] < hi:
        hours = _hours(max(lo, starts[hour]), min(hi, starts[hour + 1]))
        if hours > 0:
            yield weekday, hour, hours
        hour += 1


def heatmap(
    booked: Iterable[tuple[int, int, float]], opened: Iterable[tuple[int, int, float]]
) -> list[list[float | None]]:
    """7 × 24 occupancy percents (Monday first; null where never open) from place-hour cells."""
    booked_grid = [[0.0] * HOURS for _ in range(WEEKDAYS)]
    open_grid = [[0.0] * HOURS for _ in range(WEEKDAYS)]
    for weekday, hour, hours in booked:
        booked_grid[weekday][hour] += hours
    for weekday, hour, hours in opened:
        open_grid[weekday][hour] += hours
    return [
        [
            percent(booked_grid[w][h], open_grid[w][h]) if open_grid[w][h] > 0 else None
            for h in range(HOURS)
        ]
        for w in range(WEEKDAYS)
    ]
