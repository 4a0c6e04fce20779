"""What the dashboard reads. Every method aggregates in the database with portable SQL: bounds
are UTC moments computed in `domain.analytics`, never the database's date functions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.catalog import Space
from coworking_bot.domain.enums import TariffUnit


@dataclass(frozen=True, slots=True)
class TariffInfo:
    id: int
    space_id: int
    name: str
    name_en: str | None
    unit: TariffUnit


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every space and tariff, active or not: history refers to both."""

    spaces: Mapping[int, Space]
    tariffs: Mapping[int, TariffInfo]

    def tariff_ids(self, *units: TariffUnit) -> list[int]:
        return sorted(t.id for t in self.tariffs.values() if t.unit in units)


@dataclass(frozen=True, slots=True)
class BookingGroup:
    """Bookings that count of one tariff in one status, starting in span `bucket` (between
    the edges asked for): how many, their units, and the units of those a client checked in
    for."""

    bucket: int
    tariff_id: int
    status: BookingStatus
    count: int
    units: int
    checked_in_units: int


@dataclass(frozen=True, slots=True)
class LongBookings:
    """Day or month bookings that count of one space over the same time: how many, and how
    many of them were used (see `domain.analytics.is_used`)."""

    space_id: int
    starts_at: datetime
    ends_at: datetime
    count: int
    used: int


@dataclass(frozen=True, slots=True)
class Totals:
    """The figures one statement reads for a span (see `FIGURES`)."""

    paid_kopecks: int
    payments: int
    refunded_kopecks: int
    new_users: int
    referrals: int
    converted: int
    open_tickets: int


@dataclass(frozen=True, slots=True)
class Money:
    """Payments that succeeded (kopecks, how many) and refunds that did, over some time."""

    paid: int = 0
    payments: int = 0
    refunded: int = 0

    @property
    def revenue(self) -> int:
        return self.paid - self.refunded

    def __add__(self, other: Money) -> Money:
        return Money(
            self.paid + other.paid,
            self.payments + other.payments,
            self.refunded + other.refunded,
        )


@dataclass(frozen=True, slots=True)
class Members:
    """The monthly bookings running in a span: how many there are of each (total, months), and
    how many clients hold them."""

    prices: Sequence[tuple[int, int, int]]  # (total in kopecks, months, bookings)
    clients: int


@dataclass(frozen=True, slots=True)
class Response:
    """A support ticket's opening and the wait for its first answer."""

    opened_at: datetime
    wait: timedelta


@dataclass(frozen=True, slots=True)
class FunnelCounts:
    registered: int
    started: int
    held: int
    paid: int
    completed: int


@dataclass(frozen=True, slots=True)
class PromoUse:
    promo_code_id: int
    code: str
    uses: int
    discount_kopecks: int
    revenue_kopecks: int


@dataclass(frozen=True, slots=True)
class Person:
    user_id: int
    telegram_id: int
    name: str | None
    username: str | None


@dataclass(frozen=True, slots=True)
class Referrer:
    person: Person
    invited: int
    converted: int


@dataclass(frozen=True, slots=True)
class HourlyGroup:
    """Hourly bookings that count over the same [starts_at, ends_at) of one space."""

    space_id: int
    starts_at: datetime
    ends_at: datetime
    count: int


class AnalyticsReader(Protocol):
    async def catalogue(self) -> Catalogue: ...

    async def space_exists(self, space_id: int) -> bool: ...

    async def totals(
        self,
        spans: Sequence[tuple[datetime, datetime]],
        space_id: int | None,
        money: bool = True,
    ) -> Sequence[Totals]:
        """For each span, in order: money (of the space, if one is given; zeros unless
        `money`), new users, referrals, conversion, and tickets open at its end."""
        ...

    async def booking_groups(self, edges: Sequence[datetime]) -> Sequence[BookingGroup]:
        """Bookings that count starting between `edges[0]` and `edges[-1]`, by bucket, of every
        space: a tariff never changes its space, so the caller picks by tariff."""
        ...

    async def long_bookings(
        self,
        parts: Sequence[tuple[Collection[int], timedelta]],
        start: datetime,
        end: datetime,
        space_id: int | None,
    ) -> Sequence[LongBookings]:
        """Bookings that count of each part's tariffs overlapping [start, end), none of them
        longer than the part's longest, in one read."""
        ...

    async def members(
        self,
        tariff_ids: Collection[int],
        spans: Sequence[tuple[datetime, datetime]],
        longest: timedelta,
        space_id: int | None,
    ) -> Sequence[Members]:
        """For each span, in order: the bookings (members' statuses) of these tariffs
        overlapping it."""
        ...

    async def first_responses(self, start: datetime, end: datetime) -> Sequence[Response]: ...

    async def money_by_bucket(
        self, edges: Sequence[datetime], space_id: int | None
    ) -> Mapping[int, Money]:
        """The money of each bucket between `edges` that has any."""
        ...

    async def new_users_by_bucket(self, edges: Sequence[datetime]) -> Mapping[int, int]: ...

    async def hourly_intervals(
        self, tariff_ids: Collection[int], start: datetime, end: datetime, space_id: int | None
    ) -> Sequence[HourlyGroup]: ...

    async def funnel(self, start: datetime, end: datetime) -> FunnelCounts: ...

    async def revenue_by_tariff(
        self, start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]: ...

    async def promo_uses(self, start: datetime, end: datetime) -> Sequence[PromoUse]: ...

    async def referrers(self, start: datetime, end: datetime, limit: int) -> Sequence[Referrer]: ...

    async def referrals_converted(self, start: datetime, end: datetime) -> int: ...

    async def revenue_by_user(
        self, start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]: ...

    async def people(self, user_ids: Collection[int]) -> Mapping[int, Person]: ...

    async def bookings_of_users(
        self, user_ids: Collection[int], start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]: ...

    async def kept_days(self, first: date, last: date, fingerprint: str) -> Mapping[date, str]:
        """The rollup's facts (JSON) of the days from `first` to `last` kept with this
        fingerprint."""
        ...

    async def marks_over(self, start: datetime, end: datetime) -> Sequence[Mark]:
        """The marks (changes not yet rolled up) touching [start, end)."""
        ...


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of time whose figures changed since the rollup last saw it (ends included)."""

    id: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Kept:
    fingerprint: str
    revision: int


class RollupStore(Protocol):
    """Where the rollup keeps the facts of closed days (migration 0016)."""

    def marks(self, limit: int) -> AsyncIterator[Mark]:
        """The oldest marks, at most `limit`, as they are read."""
        ...

    async def first_moment(self) -> datetime | None:
        """The earliest moment any kept figure can count: a booking's start or a payment."""
        ...

    async def kept(self) -> Mapping[date, Kept]:
        """The fingerprint and revision of every kept day."""
        ...

    async def keep(
        self,
        facts: Mapping[date, str],
        fingerprint: str,
        settled: Sequence[int],
        seen: Mapping[date, Kept],
    ) -> None:
        """Within the caller's transaction: delete the marks `settled` (ids, ascending) and
        keep `facts` in place of those days', each only if its revision is still the one `seen`
        (or it is still not kept). Raises `AlreadySettled` when a mark was already gone or a
        day was written since: another refresh got there first, with facts at least as new (the
        caller's transaction is to be rolled back)."""
        ...


class AlreadySettled(Exception):
    pass


class ReaderPool(Protocol):
    """Readers on connections of their own, so that independent reads of one request run at the
    same time; each reader's snapshot ends when its block does."""

    def reader(self) -> AbstractAsyncContextManager[AnalyticsReader]: ...


class ExportReader(Protocol):
    def export_rows(
        self, kind: str, start: datetime, end: datetime
    ) -> AsyncIterator[Sequence[Any]]:
        """The rows of an export (`ExportKind`), in order, as plain values."""
        ...
