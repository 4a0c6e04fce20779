"""The dashboard's calendar arithmetic (domain/analytics.py): periods, buckets and place-hours,
also across daylight saving time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coworking_bot.domain.analytics import (
    Granularity,
    InvalidPeriod,
    OpeningCalendar,
    Period,
    average_kopecks,
    booked_cells,
    buckets,
    covered_open_hours,
    hour_cells,
    month_period,
    open_place_hours,
    place_hours_by_day,
    requested_period,
)
from coworking_bot.domain.catalog import Space
from coworking_bot.domain.enums import SpaceKind

BERLIN = ZoneInfo("Europe/Berlin")  # daylight saving ends on 2026-10-25
SPACE = Space(
    id=1,
    name="Desks",
    kind=SpaceKind.OPEN_SPACE,
    capacity=3,
    opening_hours={**{str(d): ["00:00", "24:00"] for d in range(5)}, "5": ["10:00", "14:00"]},
)


def test_previous_period_and_limits() -> None:
    period = requested_period(date(2026, 11, 1), date(2026, 11, 30))
    assert period.previous() == Period(date(2026, 10, 2), date(2026, 10, 31))
    assert requested_period(date(2000, 1, 1), date(2000, 1, 1)).previous().date_from == date(
        1999, 12, 31
    )
    for bad in (
        (date(2026, 11, 2), date(2026, 11, 1)),
        (date(1999, 12, 31), date(2000, 1, 1)),
        (date(2024, 1, 1), date(2026, 1, 1)),
    ):
        with pytest.raises(InvalidPeriod):
            requested_period(*bad)
    assert month_period(2028, 2).days == 29
    with pytest.raises(InvalidPeriod):
        month_period(2026, 13)


def test_buckets_cover_the_period_once() -> None:
    period = Period(date(2026, 10, 30), date(2027, 1, 3))
    for granularity in Granularity:
        parts = buckets(period, granularity)
        days = [day for part in parts for day in part.period.dates()]
        assert days == list(period.dates())
    months = buckets(period, Granularity.MONTH)
    assert (months[0].start, months[0].end) == (date(2026, 10, 30), date(2026, 10, 31))
    weeks = buckets(period, Granularity.WEEK)
    assert all(w.start.weekday() == 0 for w in weeks[1:])


def test_open_hours_follow_daylight_saving() -> None:
    calendar = OpeningCalendar(BERLIN)
    # Sunday 2026-10-25 is closed (no hours for "6"); Monday the 26th has 24 hours, and the
    # night the clocks went back belongs to Sunday.
    assert open_place_hours(SPACE, Period(date(2026, 10, 26), date(2026, 10, 26)), calendar) == 72
    saturday = Period(date(2026, 10, 24), date(2026, 10, 24))
    assert open_place_hours(SPACE, saturday, calendar) == 12


def test_average_rounds_halves_up() -> None:
    assert average_kopecks(3, 2) == 2
    assert average_kopecks(1_850_000, 7) == 264_286
    assert average_kopecks(0, 0) == 0


@given(
    spans=st.lists(
        st.tuples(
            st.integers(min_value=-72, max_value=24 * 40),
            st.integers(min_value=1, max_value=24 * 35),
            st.integers(min_value=1, max_value=3),
        ),
        max_size=12,
    )
)
def test_place_hours_by_day_agree_with_the_plain_sum(spans: list[tuple[int, int, int]]) -> None:
    """The fast count (difference array) is the day-by-day intersection, across DST too."""
    calendar = OpeningCalendar(BERLIN)
    period = Period(date(2026, 10, 10), date(2026, 11, 8))
    origin = datetime(2026, 10, 10, 0, tzinfo=BERLIN).astimezone(UTC)
    items = [
        (origin + timedelta(hours=at), origin + timedelta(hours=at + length), float(weight))
        for at, length, weight in spans
    ]
    fast = place_hours_by_day(SPACE, items, period, calendar)
    plain = [0.0] * period.days
    for start, end, weight in items:
        for day, hours in covered_open_hours(SPACE, start, end, period, calendar):
            plain[(day - period.date_from).days] += weight * hours
    assert fast == pytest.approx(plain)


# Open around the clock every day: daylight saving changes on a Sunday.
ALWAYS = Space(
    id=2,
    name="Lounge",
    kind=SpaceKind.OPEN_SPACE,
    capacity=1,
    opening_hours={str(d): ["00:00", "24:00"] for d in range(7)},
)


def _plain_hour_cells(
    start: datetime, end: datetime, period: Period, calendar: OpeningCalendar
) -> dict[tuple[int, int], float]:
    """The heatmap's cells the slow way: every local hour of every day, converted on its own."""
    cells: dict[tuple[int, int], float] = {}
    for day in period.dates():
        window = calendar.window(ALWAYS, day)
        if window is None:
            continue
        for hour in range(24):
            cell_start = datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC)
            cell_end = (
                datetime.combine(day, time(hour + 1), tzinfo=BERLIN).astimezone(UTC)
                if hour < 23
                else datetime.combine(day + timedelta(days=1), time(0), tzinfo=BERLIN).astimezone(
                    UTC
                )
            )
            lo = max(start, window.start, cell_start)
            hi = min(end, window.end, cell_end)
            if lo < hi:
                key = (day.weekday(), hour)
                cells[key] = cells.get(key, 0.0) + (hi - lo).total_seconds() / 3600
    return cells


@given(
    first=st.sampled_from([date(2026, 10, 20), date(2026, 3, 25)]),  # DST ends; DST begins
    at=st.integers(min_value=-48 * 60, max_value=10 * 24 * 60),
    length=st.integers(min_value=1, max_value=4 * 24 * 60),
)
def test_hour_cells_agree_with_the_plain_split(first: date, at: int, length: int) -> None:
    """The heatmap's split of a booking into local hours (a binary search over each day's hour
    starts) is the hour-by-hour intersection, across daylight saving both ways."""
    calendar = OpeningCalendar(BERLIN)
    period = Period(first, first + timedelta(days=9))
    origin = datetime.combine(first, time(0), tzinfo=BERLIN).astimezone(UTC)
    start = origin + timedelta(minutes=at)
    end = start + timedelta(minutes=length)
    fast: dict[tuple[int, int], float] = {}
    for weekday, hour, hours in hour_cells(start, end, ALWAYS, period, calendar):
        fast[(weekday, hour)] = fast.get((weekday, hour), 0.0) + hours
    plain = _plain_hour_cells(start, end, period, calendar)
    assert fast.keys() == plain.keys()
    assert fast == pytest.approx(plain)


@given(
    first=st.sampled_from([date(2026, 10, 20), date(2026, 3, 25)]),
    spans=st.lists(
        st.tuples(
            st.integers(min_value=-72 * 60, max_value=12 * 24 * 60),
            st.integers(min_value=1, max_value=14 * 24 * 60),
            st.integers(min_value=1, max_value=3),
        ),
        max_size=8,
    ),
)
def test_booked_cells_agree_with_the_split_of_each_booking(
    first: date, spans: list[tuple[int, int, int]]
) -> None:
    """Whole days counted once (difference array) give the cells of splitting every booking."""
    calendar = OpeningCalendar(BERLIN)
    period = Period(first, first + timedelta(days=9))
    origin = datetime.combine(first, time(0), tzinfo=BERLIN).astimezone(UTC)
    items = [
        (origin + timedelta(minutes=at), origin + timedelta(minutes=at + length), float(weight))
        for at, length, weight in spans
    ]
    for space in (ALWAYS, SPACE):
        fast: dict[tuple[int, int], float] = {}
        for weekday, hour, hours in booked_cells(space, items, period, calendar):
            fast[(weekday, hour)] = fast.get((weekday, hour), 0.0) + hours
        plain: dict[tuple[int, int], float] = {}
        for start, end, weight in items:
            for weekday, hour, hours in hour_cells(start, end, space, period, calendar):
                plain[(weekday, hour)] = plain.get((weekday, hour), 0.0) + hours * weight
        assert fast.keys() == plain.keys()
        assert fast == pytest.approx(plain)
