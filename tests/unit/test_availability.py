from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from coworking_bot.domain.availability import (
    Interval,
    free_starts,
    is_free,
    opening_window,
    peak_occupancy,
)
from coworking_bot.domain.catalog import Space
from coworking_bot.domain.enums import SpaceKind

MOSCOW = ZoneInfo("Europe/Moscow")
DAY = date(2026, 12, 2)  # a Wednesday
BASE = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)


def room(capacity: int = 1, buffer: int = 0, step: int = 60, lead: int = 0) -> Space:
    return Space(
        id=1,
        name="Room",
        kind=SpaceKind.MEETING_ROOM,
        capacity=capacity,
        opening_hours={"2": ["09:00", "21:00"]},
        slot_step_minutes=step,
        buffer_minutes=buffer,
        min_lead_minutes=lead,
    )


def at(hour: int, minute: int = 0) -> datetime:
    """Local Moscow time on DAY, as UTC."""
    return datetime(2026, 12, 2, hour, minute, tzinfo=MOSCOW).astimezone(UTC)


def test_opening_window_is_local_time_in_utc_and_closed_days_are_none() -> None:
    window = opening_window(room(), DAY, MOSCOW)
    assert window == Interval(at(9), at(21))
    assert opening_window(room(), DAY + timedelta(days=1), MOSCOW) is None


def test_free_starts_skip_a_booked_hour_and_respect_the_buffer() -> None:
    busy = [Interval(at(12), at(13))]
    starts = free_starts(room(), DAY, timedelta(hours=1), busy, now=at(0), tz=MOSCOW)
    assert at(12) not in starts
    assert at(11) in starts
    assert at(13) in starts
    buffered = free_starts(room(buffer=15), DAY, timedelta(hours=1), busy, now=at(0), tz=MOSCOW)
    assert at(11) not in buffered
    assert at(13) not in buffered


def test_past_and_lead_time_starts_are_not_offered() -> None:
    starts = free_starts(room(lead=60), DAY, timedelta(hours=1), [], now=at(10, 30), tz=MOSCOW)
    assert starts[0] == at(12)


def test_capacity_counts_simultaneous_bookings_not_all_of_them() -> None:
    desks = room(capacity=2)
    busy = [Interval(at(9), at(12)), Interval(at(12), at(15))]
    assert is_free(desks, busy, at(9), at(21))  # never more than one at a time
    busy.append(Interval(at(11), at(13)))
    assert not is_free(desks, busy, at(11), at(12))


def reference_peak(busy: list[Interval], start: datetime, end: datetime) -> int:
    peak = 0
    moment = start
    while moment < end:
        peak = max(peak, sum(1 for b in busy if b.start <= moment < b.end))
        moment += timedelta(minutes=15)
    return peak


quarter = st.integers(0, 96)
intervals = st.builds(
    lambda a, length: Interval(
        BASE + timedelta(minutes=15 * a), BASE + timedelta(minutes=15 * (a + length))
    ),
    quarter,
    st.integers(1, 16),
)


@settings(max_examples=300)
@given(busy=st.lists(intervals, max_size=12), window=intervals)
def test_peak_occupancy_matches_a_minute_by_minute_count(
    busy: list[Interval], window: Interval
) -> None:
    assert peak_occupancy(busy, window.start, window.end) == reference_peak(
        busy, window.start, window.end
    )


@settings(max_examples=200)
@given(
    busy=st.lists(intervals, max_size=10),
    capacity=st.integers(1, 3),
    hours=st.integers(1, 4),
)
def test_every_offered_start_really_fits(busy: list[Interval], capacity: int, hours: int) -> None:
    space = room(capacity=capacity, step=30)
    duration = timedelta(hours=hours)
    for start in free_starts(space, DAY, duration, busy, now=BASE - timedelta(days=1), tz=MOSCOW):
        assert reference_peak(busy, start, start + duration) < capacity
        assert at(9) <= start
        assert start + duration <= at(21)
