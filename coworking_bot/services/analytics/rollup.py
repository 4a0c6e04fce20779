"""The dashboard's rollup: the figures of each closed local day, worked out once and kept.

A period's summary, series and heatmap are sums over its days of a few per-day facts (`DayFacts`):
the bookings starting that day by tariff and status, the place-hours day and month bookings
take that day, the booked place-hours of each local hour, the money taken that day. The
dashboard works them out from the bookings for any day (`work_out`), and the scheduler keeps
those of closed days (`Rollup.refresh`), so that a month is read as thirty rows.

A kept day is used only while it is still right:
- database triggers (migration 0016) write a mark for the span of time of every change a fact
  could see (a booking written, moved, cancelled, checked in, marked a no-show; a payment or
  refund succeeding), whoever makes it; a day a mark touches is worked out afresh, and the
  refresh deletes exactly the marks it has read, with the facts it worked out after reading them;
- each kept day carries the fingerprint of what its facts were worked out with (the time zone,
  the spaces' opening hours, the tariffs' units and spaces, the version of this arithmetic);
  a day kept with another one is worked out afresh.
So the figures are the same with or without the rollup (tests/api/test_dashboard_rollup.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from coworking_bot.domain.analytics import (
    LONGEST_DAY_BOOKING,
    LONGEST_MONTH_BOOKING,
    OpeningCalendar,
    Period,
    booked_hours_by_day,
    place_hours_by_day,
)
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.services.analytics.ports import (
    AlreadySettled,
    AnalyticsReader,
    BookingGroup,
    Catalogue,
    LongBookings,
    Mark,
    Money,
    RollupStore,
)
from coworking_bot.services.common.ports import Clock, UnitOfWork

logger = logging.getLogger(__name__)

# Bumped whenever the arithmetic of a day's facts changes: every kept day is then worked out anew.
FACTS_VERSION = 1
# A refresh reads at most this many marks (a bulk import may leave millions) and works out at
# most this many days (three years: a longer history is filled over a few refreshes), a month's
# days at a time.
MARKS_A_REFRESH = 2_000_000
DAYS_A_REFRESH = 1_100
DAYS_A_READ = 31


class Fact(Enum):
    """What a day's facts hold; a figure asks only for the ones it needs."""

    GROUPS = "groups"
    PLACES = "places"
    CELLS = "cells"
    MONEY = "money"


EVERY_FACT = frozenset(Fact)


@dataclass(frozen=True, slots=True)
class DayFacts:
    """One local day: the bookings that count starting that day (`BookingGroup`, bucket 0);
    the open place-hours day and month bookings take that day, booked and used, by space; the
    open place-hours every booking takes in each local hour, by space; the payments and refunds
    that succeeded that day. A space with a booking touching the day is listed even
    when the booking falls outside the opening hours."""

    groups: Sequence[BookingGroup] = ()
    places: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    cells: Mapping[int, Sequence[float]] = field(default_factory=dict)
    money: Money = field(default_factory=Money)

    def to_json(self) -> str:
        return json.dumps(
            {
                "groups": [
                    [g.tariff_id, g.status.value, g.count, g.units, g.checked_in_units]
                    for g in self.groups
                ],
                "places": {str(space): list(hours) for space, hours in self.places.items()},
                "cells": {str(space): list(hours) for space, hours in self.cells.items()},
                "money": [self.money.paid, self.money.payments, self.money.refunded],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> DayFacts:
        data = json.loads(text)
        return cls(
            groups=[
                BookingGroup(0, tariff, BookingStatus(status), count, units, checked)
                for tariff, status, count, units, checked in data["groups"]
            ],
            places={int(space): (hours[0], hours[1]) for space, hours in data["places"].items()},
            cells={int(space): hours for space, hours in data["cells"].items()},
            money=Money(*data["money"]),
        )


def fingerprint(catalogue: Catalogue, tz: ZoneInfo) -> str:
    """What a day's facts depend on besides the bookings and the money."""
    source = {
        "version": FACTS_VERSION,
        "tz": tz.key,
        "spaces": sorted([s.id, s.opening_hours] for s in catalogue.spaces.values()),
        "tariffs": sorted([t.id, t.space_id, t.unit.value] for t in catalogue.tariffs.values()),
    }
    return hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()


def long_parts(catalogue: Catalogue) -> list[tuple[Collection[int], timedelta]]:
    """The tariffs of day and month bookings, each with the longest booking they allow."""
    return [
        (catalogue.tariff_ids(TariffUnit.DAY), LONGEST_DAY_BOOKING),
        (catalogue.tariff_ids(TariffUnit.MONTH), LONGEST_MONTH_BOOKING),
    ]


Together = Callable[..., Awaitable[list[Any]]]
Span = tuple[datetime, datetime, float]


async def work_out(
    together: Together,
    catalogue: Catalogue,
    period: Period,
    facts: frozenset[Fact],
    space_id: int | None,
    calendar: OpeningCalendar,
) -> list[DayFacts]:
    """The facts of each day of the period (of one space, if given) from the bookings and the
    money, with the reads `together` runs."""
    edges = calendar.midnights(period)
    start, end = edges[0], edges[-1]
    reads: dict[Fact | str, Callable[[AnalyticsReader], Awaitable[Any]]] = {}
    if Fact.GROUPS in facts:
        reads[Fact.GROUPS] = lambda reader: reader.booking_groups(edges)
    if facts & {Fact.PLACES, Fact.CELLS}:
        parts = long_parts(catalogue)
        reads["long"] = lambda reader: reader.long_bookings(parts, start, end, space_id)
    if Fact.CELLS in facts:
        hourly = catalogue.tariff_ids(TariffUnit.HOUR)
        reads[Fact.CELLS] = lambda reader: reader.hourly_intervals(hourly, start, end, space_id)
    if Fact.MONEY in facts:
        reads[Fact.MONEY] = lambda reader: reader.money_by_bucket(edges, space_id)
    found = dict(zip(reads, await together(*reads.values()), strict=True))
    days = period.days
    groups: list[list[BookingGroup]] = [[] for _ in range(days)]
    for group in found.get(Fact.GROUPS, ()):
        tariff = catalogue.tariffs.get(group.tariff_id)
        if tariff is not None and (space_id is None or tariff.space_id == space_id):
            groups[group.bucket].append(replace(group, bucket=0))
    places: list[dict[int, tuple[float, float]]] = [{} for _ in range(days)]
    cells: list[dict[int, Sequence[float]]] = [{} for _ in range(days)]
    long: Sequence[LongBookings] = found.get("long", ())
    if Fact.PLACES in facts:
        for space_key, (booked, used) in _spans(long).items():
            if (space := catalogue.spaces.get(space_key)) is None:
                continue
            booked_hours = place_hours_by_day(space, booked, period, calendar)
            used_hours = place_hours_by_day(space, used, period, calendar)
            for index in _touched(booked, edges):
                places[index][space_key] = (booked_hours[index], used_hours[index])
    if Fact.CELLS in facts:
        spans: dict[int, list[Span]] = defaultdict(list)
        for item in [*found[Fact.CELLS], *long]:
            spans[item.space_id].append((item.starts_at, item.ends_at, float(item.count)))
        for space_key, items in spans.items():
            if (space := catalogue.spaces.get(space_key)) is not None:
                for index, hours in booked_hours_by_day(space, items, period, calendar).items():
                    cells[index][space_key] = hours
    money = found.get(Fact.MONEY, {})
    return [DayFacts(groups[i], places[i], cells[i], money.get(i, Money())) for i in range(days)]


def _spans(items: Iterable[LongBookings]) -> dict[int, tuple[list[Span], list[Span]]]:
    """By space: (start, end, places) of the bookings, and of the used ones."""
    spans: dict[int, tuple[list[Span], list[Span]]] = defaultdict(lambda: ([], []))
    for item in items:
        booked, used = spans[item.space_id]
        booked.append((item.starts_at, item.ends_at, float(item.count)))
        if item.used:
            used.append((item.starts_at, item.ends_at, float(item.used)))
    return spans


def _touched(spans: Iterable[Span], midnights: Sequence[datetime]) -> set[int]:
    """The days (between `midnights`) the spans overlap."""
    days = len(midnights) - 1
    found: set[int] = set()
    for start, end, _ in spans:
        first = max(bisect_right(midnights, start) - 1, 0)
        last = min(bisect_left(midnights, end) - 1, days - 1)
        found.update(range(first, last + 1))
    return found


def marked_days(marks: Iterable[Mark], first: date, last: date, tz: ZoneInfo) -> set[date]:
    """The days from `first` to `last` that marks touch."""
    return {day for days in days_of_marks(marks, first, last, tz) for day in days}


def days_of_marks(marks: Iterable[Mark], first: date, last: date, tz: ZoneInfo) -> list[list[date]]:
    """For each mark, the days from `first` to `last` it touches."""
    if last < first:
        return [[] for _ in marks]
    period = Period(first, last)
    midnights = OpeningCalendar(tz).midnights(period)
    found: list[list[date]] = []
    for mark in marks:
        touched = _touched_by(mark, midnights)
        lo, hi = touched if touched else (0, -1)
        found.append([first + timedelta(days=i) for i in range(lo, hi + 1)])
    return found


def _touched_by(mark: Mark, midnights: Sequence[datetime]) -> tuple[int, int] | None:
    """The first and last of the days between `midnights` a mark touches, if any: a mark [s, e]
    touches a day running from midnight m0 to midnight m1 when s < m1 and e >= m0."""
    if mark.starts_at >= midnights[-1] or mark.ends_at < midnights[0]:
        return None
    lo = max(bisect_right(midnights, mark.starts_at) - 1, 0)
    hi = min(bisect_right(midnights, mark.ends_at) - 1, len(midnights) - 2)
    return lo, hi


def runs(days: Iterable[date], longest: int) -> list[Period]:
    """Consecutive days as periods of at most `longest` days."""
    result: list[Period] = []
    for day in sorted(days):
        if result and result[-1].date_to + timedelta(days=1) == day and result[-1].days < longest:
            result[-1] = Period(result[-1].date_from, day)
        else:
            result.append(Period(day, day))
    return result


class Rollup:
    """Keeps the facts of closed days (before today, local) up to date; the scheduler calls
    `refresh` every minute. Several instances may: a refresh that finds its marks gone changes
    nothing."""

    def __init__(
        self,
        reader: AnalyticsReader,
        store: RollupStore,
        uow: UnitOfWork,
        clock: Clock,
        tz: ZoneInfo,
    ) -> None:
        self._reader = reader
        self._store = store
        self._uow = uow
        self._clock = clock
        self._tz = tz

    async def refresh(self) -> int:
        """Works out the days marks touch and the closed days not kept (or kept with another
        fingerprint), at most DAYS_A_REFRESH; deletes the marks whose days are all done.
        Returns the number of days worked out."""
        started = time.perf_counter()
        today = self._clock.now().astimezone(self._tz).date()
        last = today - timedelta(days=1)
        calendar = OpeningCalendar(self._tz)
        # The ids of the marks read, by the span of days (indices from `first`) they touch;
        # None for a mark touching no day that could be kept.
        touching: dict[tuple[int, int] | None, array[int]] = defaultdict(lambda: array("q"))
        async with self._uow.read():
            catalogue = await self._reader.catalogue()
            first_moment = await self._store.first_moment()
            kept = await self._store.kept()
            first = first_moment.astimezone(self._tz).date() if first_moment else today
            closed = Period(first, last) if first <= last else None
            midnights = calendar.midnights(closed) if closed else []
            async for mark in self._store.marks(MARKS_A_REFRESH):
                touching[_touched_by(mark, midnights) if closed else None].append(mark.id)
        current = fingerprint(catalogue, self._tz)
        days = closed.days if closed else 0
        marked = {i for span in touching if span for i in range(span[0], span[1] + 1)}
        stale = {
            i
            for i in range(days)
            if (day := kept.get(first + timedelta(days=i))) is None or day.fingerprint != current
        }
        chosen = sorted(marked)[:DAYS_A_REFRESH]
        chosen += sorted(stale - set(chosen))[: DAYS_A_REFRESH - len(chosen)]
        done = set(chosen)
        settled = array("q")
        for span, ids in touching.items():
            if span is None or done.issuperset(range(span[0], span[1] + 1)):
                settled.extend(ids)
        settled = array("q", sorted(settled))
        todo = {first + timedelta(days=i) for i in chosen}
        if not todo and not settled:
            return 0
        facts: dict[date, str] = {}
        async with self._uow.read():
            for period in runs(todo, DAYS_A_READ):
                found = await work_out(
                    self._one_by_one, catalogue, period, EVERY_FACT, None, calendar
                )
                facts.update(
                    (period.date_from + timedelta(days=i), day.to_json())
                    for i, day in enumerate(found)
                )
        try:
            async with self._uow.write():
                await self._store.keep(facts, current, settled, kept)
        except AlreadySettled:
            logger.info("rollup: another refresh kept these days first")
            return 0
        logger.info(
            "rollup: %d days worked out, %d marks settled in %.2f s",
            len(facts),
            len(settled),
            time.perf_counter() - started,
        )
        return len(facts)

    async def _one_by_one(self, *reads: Callable[[AnalyticsReader], Awaitable[Any]]) -> list[Any]:
        return [await read(self._reader) for read in reads]
