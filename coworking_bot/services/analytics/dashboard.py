"""The dashboard's figures for a period (definitions: `domain.analytics.FIGURES`).

Each use case takes the viewer, checks VIEW_ANALYTICS, reads aggregates and does the calendar
arithmetic (opening hours, buckets) in Python. The summary, the series and the heatmap are sums
of per-day facts: those of closed days come from the rollup (`rollup`) when it still has them
right, the others are worked out from the bookings as asked. The reads are in one read block of
the request's session; given a `ReaderPool`, the independent reads of the summary, the series and
the heatmap run at the same time instead, each on a connection of its own (so each sees the
database as its own statement began; the figures of one answer may then straddle a write that
landed between them, which a dashboard can live with).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from coworking_bot.domain.analytics import (
    FINISHED_STATUSES,
    HOURS,
    LONGEST_MONTH_BOOKING,
    WEEKDAYS,
    Granularity,
    OpeningCalendar,
    Period,
    SpaceLoad,
    add_day,
    average_kopecks,
    bucket_edges,
    buckets,
    heatmap,
    is_used,
    median_minutes,
    monthly_amount,
    open_cells,
    open_hours,
    percent,
    total_load,
)
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.services.analytics.access import Viewer, require_analytics
from coworking_bot.services.analytics.ports import (
    AnalyticsReader,
    BookingGroup,
    Catalogue,
    FunnelCounts,
    Members,
    Money,
    Person,
    PromoUse,
    ReaderPool,
    Referrer,
    Totals,
)
from coworking_bot.services.analytics.rollup import (
    DayFacts,
    Fact,
    fingerprint,
    marked_days,
    runs,
    work_out,
)
from coworking_bot.services.common.ports import UnitOfWork

A = TypeVar("A")
B = TypeVar("B")
V = TypeVar("V")


class SpaceNotFound(LookupError):
    """A space id the dashboard was asked about that names no space (only the API says it)."""


@dataclass(frozen=True, slots=True)
class SpaceFigures:
    space_id: int
    name: str
    capacity: int
    occupancy_percent: float
    utilisation_percent: float


@dataclass(frozen=True, slots=True)
class Figures:
    date_from: date
    date_to: date
    revenue_kopecks: int
    payments: int
    average_check_kopecks: int
    bookings: int
    new_users: int
    referrals: int
    conversion_percent: float
    occupancy_percent: float
    utilisation_percent: float
    no_show_rate_percent: float
    mrr_kopecks: int
    active_members: int
    open_tickets: int
    median_first_response_minutes: float | None
    spaces: list[SpaceFigures]


@dataclass(frozen=True, slots=True)
class Comparison:
    current: Figures
    previous: Figures


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    date_from: date
    date_to: date
    revenue_kopecks: int
    bookings: int
    new_users: int
    occupancy_percent: float


@dataclass(frozen=True, slots=True)
class SpaceHeatmap:
    space_id: int
    name: str
    cells: list[list[float | None]]  # [weekday Monday..Sunday][local hour 0..23]


@dataclass(frozen=True, slots=True)
class TariffShare:
    tariff_id: int
    name: str
    space_id: int
    unit: TariffUnit
    bookings: int
    share_percent: float
    revenue_kopecks: int


@dataclass(frozen=True, slots=True)
class ReferralFigures:
    referrals: int
    converted: int
    conversion_percent: float
    top_referrers: list[Referrer]


@dataclass(frozen=True, slots=True)
class TopClient:
    person: Person
    revenue_kopecks: int
    bookings: int


class Dashboard:
    def __init__(
        self,
        reader: AnalyticsReader,
        uow: UnitOfWork,
        tz: ZoneInfo,
        pool: ReaderPool | None = None,
    ) -> None:
        self._reader = reader
        self._uow = uow
        self._tz = tz
        self._pool = pool

    async def summary(
        self, viewer: Viewer, period: Period, space_id: int | None = None
    ) -> Comparison:
        """The period's figures and those of the period of equal length just before it."""
        require_analytics(viewer)
        async with self._uow.read():
            catalogue = await self._catalogue(space_id)
            current, previous = await self._figures(
                catalogue, (period, period.previous()), space_id
            )
        return Comparison(current, previous)

    async def series(
        self,
        viewer: Viewer,
        period: Period,
        granularity: Granularity,
        space_id: int | None = None,
    ) -> list[SeriesPoint]:
        """Revenue, bookings, new clients and occupancy by day, week or month."""
        require_analytics(viewer)
        parts = buckets(period, granularity)
        edges = bucket_edges(parts, self._tz)
        # The money of one space is not kept by day (a payment's space is its booking's).
        facts = {Fact.GROUPS, Fact.PLACES} | ({Fact.MONEY} if space_id is None else set())
        async with self._uow.read():
            catalogue = await self._catalogue(space_id)
            days, found = await self._at_once(
                self._days(catalogue, period, frozenset(facts), space_id),
                self._together(
                    lambda reader: reader.new_users_by_bucket(edges),
                    *(
                        [lambda reader: reader.money_by_bucket(edges, space_id)]
                        if space_id is not None
                        else []
                    ),
                ),
            )
        users, money = found[0], (found[1] if space_id is not None else None)
        index = {day: i for i, part in enumerate(parts) for day in part.period.dates()}
        booked = [0.0] * len(parts)
        bookings = [0] * len(parts)
        revenue = [0] * len(parts)
        spaces = self._spaces_in_view(catalogue, space_id, ())
        for day, facts_of_day in zip(period.dates(), days, strict=True):
            i = index[day]
            revenue[i] += facts_of_day.money.revenue
            for group in _of_view(catalogue, facts_of_day.groups, space_id):
                bookings[i] += group.count
                tariff = catalogue.tariffs[group.tariff_id]
                spaces.add(tariff.space_id)
                if tariff.unit is TariffUnit.HOUR:
                    booked[i] += group.units
            for space_key, (hours, _) in _of_spaces(catalogue, facts_of_day.places, space_id):
                booked[i] += hours
                spaces.add(space_key)
        calendar = OpeningCalendar(self._tz)
        opened = [0.0] * len(parts)
        for space_key in spaces:
            space = catalogue.spaces[space_key]
            for day in period.dates():
                opened[index[day]] += space.capacity * open_hours(space, day, calendar)
        return [
            SeriesPoint(
                date_from=part.start,
                date_to=part.end,
                revenue_kopecks=(revenue[i] if money is None else money.get(i, Money()).revenue),
                bookings=bookings[i],
                new_users=users.get(i, 0),
                occupancy_percent=percent(booked[i], opened[i]),
            )
            for i, part in enumerate(parts)
        ]

    async def heatmaps(
        self, viewer: Viewer, period: Period, space_id: int | None = None
    ) -> list[SpaceHeatmap]:
        """Occupancy by weekday and local hour, one grid per space."""
        require_analytics(viewer)
        async with self._uow.read():
            catalogue = await self._catalogue(space_id)
            days = await self._days(catalogue, period, frozenset({Fact.CELLS}), space_id)
        grids: dict[int, list[list[float]]] = {}
        for day, facts in zip(period.dates(), days, strict=True):
            for space_key, hours in _of_spaces(catalogue, facts.cells, space_id):
                grid = grids.setdefault(space_key, [[0.0] * HOURS for _ in range(WEEKDAYS)])
                add_day(grid, day, hours)
        calendar = OpeningCalendar(self._tz)
        shown = self._spaces_in_view(catalogue, space_id, set(grids))
        result = []
        for space in sorted((catalogue.spaces[i] for i in shown), key=lambda s: s.id):
            opened = [
                (w, h, hours * space.capacity)
                for w, h, hours in open_cells(space, period, calendar)
            ]
            grid = grids.get(space.id, [])
            booked = [
                (w, h, value) for w, row in enumerate(grid) for h, value in enumerate(row) if value
            ]
            cells = heatmap(booked, opened)
            result.append(SpaceHeatmap(space.id, space.name, cells))
        return result

    async def funnel(self, viewer: Viewer, period: Period) -> FunnelCounts:
        require_analytics(viewer)
        start, end = _bounds(period, self._tz)
        async with self._uow.read():
            return await self._reader.funnel(start, end)

    async def tariff_mix(
        self, viewer: Viewer, period: Period, space_id: int | None = None
    ) -> list[TariffShare]:
        require_analytics(viewer)
        start, end = _bounds(period, self._tz)
        async with self._uow.read():
            catalogue = await self._catalogue(space_id)
            groups = _of_view(catalogue, await self._reader.booking_groups([start, end]), space_id)
            revenue = await self._reader.revenue_by_tariff(start, end, space_id)
        counts: dict[int, int] = defaultdict(int)
        for group in groups:
            counts[group.tariff_id] += group.count
        total = sum(counts.values())
        shown = sorted(
            set(counts) | {t for t, amount in revenue.items() if amount},
            key=lambda t: (-counts.get(t, 0), -revenue.get(t, 0), t),
        )
        return [
            TariffShare(
                tariff_id=t,
                name=catalogue.tariffs[t].name,
                space_id=catalogue.tariffs[t].space_id,
                unit=catalogue.tariffs[t].unit,
                bookings=counts.get(t, 0),
                share_percent=percent(counts.get(t, 0), total),
                revenue_kopecks=revenue.get(t, 0),
            )
            for t in shown
            if t in catalogue.tariffs
        ]

    async def promo_codes(self, viewer: Viewer, period: Period) -> list[PromoUse]:
        require_analytics(viewer)
        start, end = _bounds(period, self._tz)
        async with self._uow.read():
            return list(await self._reader.promo_uses(start, end))

    async def referrals(self, viewer: Viewer, period: Period, limit: int) -> ReferralFigures:
        require_analytics(viewer)
        start, end = _bounds(period, self._tz)
        async with self._uow.read():
            [totals] = await self._reader.totals([(start, end)], None)
            converted = await self._reader.referrals_converted(start, end)
            top = await self._reader.referrers(start, end, limit)
        return ReferralFigures(
            totals.referrals, converted, percent(converted, totals.referrals), list(top)
        )

    async def top_clients(
        self, viewer: Viewer, period: Period, limit: int, space_id: int | None = None
    ) -> list[TopClient]:
        """The clients who brought the most revenue; ties go to the earlier registered."""
        require_analytics(viewer)
        start, end = _bounds(period, self._tz)
        async with self._uow.read():
            await self._catalogue(space_id)
            revenue = await self._reader.revenue_by_user(start, end, space_id)
            best = sorted(revenue, key=lambda user: (-revenue[user], user))[:limit]
            people = await self._reader.people(best)
            bookings = await self._reader.bookings_of_users(best, start, end, space_id)
        return [
            TopClient(people[user], revenue[user], bookings.get(user, 0))
            for user in best
            if user in people
        ]

    # -- the summary's arithmetic ------------------------------------------------------------

    async def _catalogue(self, space_id: int | None) -> Catalogue:
        found: list[Catalogue] = await self._together(lambda reader: reader.catalogue())
        catalogue = found[0]
        if space_id is not None and space_id not in catalogue.spaces:
            raise SpaceNotFound()
        return catalogue

    async def _together(self, *reads: Callable[[AnalyticsReader], Awaitable[Any]]) -> list[Any]:
        """The results of independent reads, in order: at the same time on readers of the pool
        if there is one (no connection is held while waiting for another), else one after
        another on the request's reader."""
        if self._pool is None:
            return [await read(self._reader) for read in reads]
        pool = self._pool

        async def alone(read: Callable[[AnalyticsReader], Awaitable[Any]]) -> Any:
            async with pool.reader() as reader:
                return await read(reader)

        # A failing read cancels the others (their connections go back at once) and is raised.
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(alone(read)) for read in reads]
        return [task.result() for task in tasks]

    async def _figures(
        self, catalogue: Catalogue, periods: tuple[Period, Period], space_id: int | None
    ) -> tuple[Figures, Figures]:
        """The figures of two periods, the second ending the day before the first starts,
        read together: one statement per kind of figure for both."""
        current, previous = periods
        spans = [_bounds(current, self._tz), _bounds(previous, self._tz)]
        both = Period(previous.date_from, current.date_to)
        start, end = _bounds(both, self._tz)
        last_days = [_bounds(Period(p.date_to, p.date_to), self._tz) for p in periods]
        # A read per period for the totals: run at once, two short reads end sooner than one
        # long one (and a union costs more besides).
        # The money of all spaces is kept by day; a payment's space is its booking's, so the
        # money of one space is read with the totals.
        kept_money = space_id is None
        facts = {Fact.GROUPS, Fact.PLACES} | ({Fact.MONEY} if kept_money else set())
        days, (current_totals, previous_totals, members, responses) = await self._at_once(
            self._days(catalogue, both, frozenset(facts), space_id),
            self._together(
                *(
                    lambda reader, span=span: reader.totals([span], space_id, not kept_money)
                    for span in spans
                ),
                lambda reader: reader.members(
                    catalogue.tariff_ids(TariffUnit.MONTH),
                    last_days,
                    LONGEST_MONTH_BOOKING,
                    space_id,
                ),
                lambda reader: reader.first_responses(start, end),
            ),
        )
        totals = [*current_totals, *previous_totals]
        if kept_money:
            for index, its_days in enumerate([days[previous.days :], days[: previous.days]]):
                money = sum((day.money for day in its_days), Money())
                totals[index] = replace(
                    totals[index],
                    paid_kopecks=money.paid,
                    payments=money.payments,
                    refunded_kopecks=money.refunded,
                )
        calendar = OpeningCalendar(self._tz)
        split = previous.days  # the previous period's days come first
        figures = []
        for index, (period, its_days) in enumerate(
            [(current, days[split:]), (previous, days[:split])]
        ):
            figures.append(
                self._figures_of(
                    catalogue,
                    period,
                    space_id,
                    calendar,
                    totals[index],
                    its_days,
                    members[index],
                    [r.wait for r in responses if spans[index][0] <= r.opened_at < spans[index][1]],
                )
            )
        return figures[0], figures[1]

    def _figures_of(
        self,
        catalogue: Catalogue,
        period: Period,
        space_id: int | None,
        calendar: OpeningCalendar,
        totals: Totals,
        days: Sequence[DayFacts],
        members: Members,
        waits: Sequence[timedelta],
    ) -> Figures:
        groups = [group for day in days for group in _of_view(catalogue, day.groups, space_id)]
        loads = self._loads(catalogue, period, space_id, groups, days, calendar)
        occupancy, utilisation = total_load(loads)
        finished = sum(g.count for g in groups if g.status in FINISHED_STATUSES)
        no_shows = sum(g.count for g in groups if g.status is BookingStatus.NO_SHOW)
        return Figures(
            date_from=period.date_from,
            date_to=period.date_to,
            revenue_kopecks=totals.paid_kopecks - totals.refunded_kopecks,
            payments=totals.payments,
            average_check_kopecks=average_kopecks(totals.paid_kopecks, totals.payments),
            bookings=sum(g.count for g in groups),
            new_users=totals.new_users,
            referrals=totals.referrals,
            conversion_percent=percent(totals.converted, totals.new_users),
            occupancy_percent=occupancy,
            utilisation_percent=utilisation,
            no_show_rate_percent=percent(no_shows, finished),
            mrr_kopecks=sum(
                count * monthly_amount(total, months) for total, months, count in members.prices
            ),
            active_members=members.clients,
            open_tickets=totals.open_tickets,
            median_first_response_minutes=median_minutes(waits),
            spaces=[
                SpaceFigures(
                    load.space.id,
                    load.space.name,
                    load.space.capacity,
                    load.occupancy_percent,
                    load.utilisation_percent,
                )
                for load in loads
            ],
        )

    def _loads(
        self,
        catalogue: Catalogue,
        period: Period,
        space_id: int | None,
        groups: Iterable[BookingGroup],
        days: Iterable[DayFacts],
        calendar: OpeningCalendar,
    ) -> list[SpaceLoad]:
        booked: dict[int, float] = defaultdict(float)
        used: dict[int, float] = defaultdict(float)
        for group in groups:
            if _unit(catalogue, group.tariff_id) is TariffUnit.HOUR:
                space_key = catalogue.tariffs[group.tariff_id].space_id
                booked[space_key] += group.units
                if is_used(group.status, checked_in=False):
                    used[space_key] += group.units
                elif is_used(group.status, checked_in=True):
                    used[space_key] += group.checked_in_units
        for day in days:
            for space_key, (hours, used_hours) in _of_spaces(catalogue, day.places, space_id):
                booked[space_key] += hours
                used[space_key] += used_hours
        shown = self._spaces_in_view(catalogue, space_id, set(booked))
        loads = []
        for key in sorted(shown):
            space = catalogue.spaces[key]
            opened = space.capacity * sum(
                open_hours(space, day, calendar) for day in period.dates()
            )
            loads.append(SpaceLoad(space, opened, booked.get(key, 0.0), used.get(key, 0.0)))
        return loads

    async def _days(
        self,
        catalogue: Catalogue,
        period: Period,
        facts: frozenset[Fact],
        space_id: int | None,
    ) -> list[DayFacts]:
        """The facts of each day of the period: those the rollup keeps while still right (no
        mark touches the day, same fingerprint), the others worked out from the bookings now.
        The marks are read before the kept days: a refresh that settles a mark has written the
        day's new facts in the same transaction."""
        calendar = OpeningCalendar(self._tz)
        midnights = calendar.midnights(period)
        [marks] = await self._together(
            lambda reader: reader.marks_over(midnights[0], midnights[-1])
        )
        [kept] = await self._together(
            lambda reader: reader.kept_days(
                period.date_from, period.date_to, fingerprint(catalogue, self._tz)
            )
        )
        marked = marked_days(marks, period.date_from, period.date_to, self._tz)
        found = {day: DayFacts.from_json(text) for day, text in kept.items() if day not in marked}
        for run in runs((day for day in period.dates() if day not in found), period.days):
            worked = await work_out(self._together, catalogue, run, facts, space_id, calendar)
            found.update(zip(run.dates(), worked, strict=True))
        return [found[day] for day in period.dates()]

    async def _at_once(self, first: Awaitable[A], second: Awaitable[B]) -> tuple[A, B]:
        """Two reads at the same time on readers of the pool, else one after the other."""
        if self._pool is None:
            return await first, await second
        async with asyncio.TaskGroup() as group:
            one: asyncio.Task[A] = group.create_task(first)  # type: ignore[arg-type]
            two: asyncio.Task[B] = group.create_task(second)  # type: ignore[arg-type]
        return one.result(), two.result()

    @staticmethod
    def _spaces_in_view(
        catalogue: Catalogue, space_id: int | None, with_bookings: Iterable[int]
    ) -> set[int]:
        """The space asked for; else the active spaces and any other with bookings to show."""
        if space_id is not None:
            return {space_id}
        active = {key for key, space in catalogue.spaces.items() if space.is_active}
        return active | {key for key in with_bookings if key in catalogue.spaces}


def _of_spaces(
    catalogue: Catalogue, by_space: Mapping[int, V], space_id: int | None
) -> Iterator[tuple[int, V]]:
    """The items of the catalogue's spaces, of the space asked about if any."""
    for space_key, value in by_space.items():
        if space_key in catalogue.spaces and (space_id is None or space_key == space_id):
            yield space_key, value


def _of_view(
    catalogue: Catalogue, groups: Iterable[BookingGroup], space_id: int | None
) -> list[BookingGroup]:
    """The groups of the catalogue's tariffs, of the space asked about if any."""
    return [group for group in groups if _of_space(catalogue, group.tariff_id, space_id)]


def _of_space(catalogue: Catalogue, tariff_id: int, space_id: int | None) -> bool:
    tariff = catalogue.tariffs.get(tariff_id)
    return tariff is not None and (space_id is None or tariff.space_id == space_id)


def _unit(catalogue: Catalogue, tariff_id: int) -> TariffUnit | None:
    tariff = catalogue.tariffs.get(tariff_id)
    return tariff.unit if tariff else None


def _bounds(period: Period, tz: ZoneInfo) -> tuple[datetime, datetime]:
    interval = period.bounds(tz)
    return interval.start, interval.end
