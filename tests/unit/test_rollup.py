"""The rollup's calendar: which kept days a mark touches, and how days are read in runs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from coworking_bot.domain.analytics import Period
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.services.analytics.ports import BookingGroup, Mark, Money
from coworking_bot.services.analytics.rollup import DayFacts, days_of_marks, runs

MOSCOW = ZoneInfo("Europe/Moscow")  # UTC+3 all year
BERLIN = ZoneInfo("Europe/Berlin")
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)


def mark(starts: datetime, ends: datetime) -> Mark:
    return Mark(1, starts, ends)


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_a_mark_touches_the_local_days_of_its_span_ends_included() -> None:
    marks = [
        mark(utc(5, 9), utc(5, 11)),  # 12:00-14:00 on the 5th
        mark(utc(5, 20, 59), utc(5, 20, 59)),  # a payment at 23:59 on the 5th
        mark(utc(5, 21), utc(5, 21)),  # and one at midnight: the 6th's
        mark(utc(9, 21), utc(10, 21)),  # a day pass: the 10th, and the midnight ending it
        mark(utc(15, 21), utc(16, 21, month=12)),  # a month from the 16th, past the last day
        mark(utc(1, 0, month=10), utc(31, 20, month=10)),  # October only (Moscow)
        mark(utc(30, 21), utc(1, 9, month=12)),  # December 1st, after the last day
    ]
    d = date
    assert days_of_marks(marks, FIRST, LAST, MOSCOW) == [
        [d(2026, 11, 5)],
        [d(2026, 11, 5)],
        [d(2026, 11, 6)],
        [d(2026, 11, 10), d(2026, 11, 11)],
        [d(2026, 11, day) for day in range(16, 31)],
        [],
        [],
    ]
    assert days_of_marks(marks, LAST, FIRST, MOSCOW) == [[] for _ in marks]


def test_days_follow_the_time_zone_across_daylight_saving() -> None:
    # Berlin leaves summer time on October 25th, 2026: that day has 25 hours.
    late = mark(
        datetime(2026, 10, 25, 22, 30, tzinfo=UTC), datetime(2026, 10, 25, 22, 45, tzinfo=UTC)
    )
    assert days_of_marks([late], date(2026, 10, 24), date(2026, 10, 26), BERLIN) == [
        [date(2026, 10, 25)]
    ]
    assert days_of_marks([late], date(2026, 10, 24), date(2026, 10, 26), MOSCOW) == [
        [date(2026, 10, 26)]
    ]


def test_runs_are_consecutive_days_at_most_so_long() -> None:
    days = [date(2026, 11, d) for d in (1, 2, 3, 5, 6, 7, 8, 9, 20)]
    assert runs(reversed(days), 3) == [
        Period(date(2026, 11, 1), date(2026, 11, 3)),
        Period(date(2026, 11, 5), date(2026, 11, 7)),
        Period(date(2026, 11, 8), date(2026, 11, 9)),
        Period(date(2026, 11, 20), date(2026, 11, 20)),
    ]
    assert runs([], 31) == []


def test_facts_come_back_as_they_were_kept() -> None:
    facts = DayFacts(
        groups=[BookingGroup(0, 3, BookingStatus.COMPLETED, 2, 5, 3)],
        places={2: (12.5, 1 / 3)},
        cells={1: [0.0] * 9 + [0.1 + 0.2] + [0.0] * 14},
        money=Money(300000, 2, 15000),
    )
    assert DayFacts.from_json(facts.to_json()) == facts
