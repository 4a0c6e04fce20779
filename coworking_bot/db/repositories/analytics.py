"""The dashboard's reads: counts and sums in the database, with portable SQL only.

Time bounds come in as UTC moments (`domain.analytics` computes them from local dates), so the
database only compares timestamps; a time series puts each row in its bucket with a balanced
`CASE` over the bucket edges (about log2(buckets) comparisons a row), the same on SQLite and
PostgreSQL. Grouped expressions are wrapped in a subquery, since PostgreSQL refuses a GROUP BY
whose bound parameters differ from the SELECT's.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Executable

from coworking_bot.db.base import UTCDateTime
from coworking_bot.db.models import (
    AnalyticsDayRow,
    AnalyticsMarkRow,
    BookingRow,
    PaymentRow,
    PromoCodeRow,
    PromoRedemptionRow,
    ReferralRow,
    RefundRow,
    SpaceRow,
    TariffRow,
    TicketRow,
    UserRow,
)
from coworking_bot.db.repositories.catalog import space_from_row
from coworking_bot.domain.analytics import BOOKED_STATUSES, MEMBER_STATUSES
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.payments import PaymentState, RefundState
from coworking_bot.domain.tickets import OPEN_STATUSES, TicketStatus
from coworking_bot.services.analytics.ports import (
    BookingGroup,
    Catalogue,
    FunnelCounts,
    HourlyGroup,
    LongBookings,
    Mark,
    Members,
    Money,
    Person,
    PromoUse,
    Referrer,
    Response,
    TariffInfo,
    Totals,
)

_BOOKED = tuple(BOOKED_STATUSES)
_MEMBERS = tuple(MEMBER_STATUSES)
_OPEN_TICKETS = tuple(OPEN_STATUSES)
_PAID = PaymentState.SUCCEEDED
_REFUNDED = RefundState.SUCCEEDED
_ONE: ColumnElement[int] = literal_column("1")
_ZERO: ColumnElement[int] = literal_column("0")
# A booking whose place was used (`domain.analytics.is_used`), as 1 or 0.
_USED = case(
    (BookingRow.status == BookingStatus.COMPLETED, _ONE),
    (
        and_(BookingRow.status == BookingStatus.CONFIRMED, BookingRow.checked_in_at.is_not(None)),
        _ONE,
    ),
    else_=_ZERO,
)


def bucket_of(column: Any, edges: int) -> ColumnElement[Any]:
    """The index of the bucket [edge<i>, edge<i + 1>) that `column` falls in, for rows already
    within [edge0, edge<edges - 1>): a binary search over the bound parameters edge0, edge1, ..."""

    def node(lo: int, hi: int) -> ColumnElement[Any]:
        if hi - lo == 1:
            return literal_column(str(lo))
        mid = (lo + hi) // 2
        return case((column < _edge(mid), node(lo, mid)), else_=node(mid, hi))

    return node(0, edges - 1)


def _edge(index: int) -> Any:
    return bindparam(f"edge{index}", type_=UTCDateTime())


def _edges(edges: Sequence[datetime]) -> dict[str, Any]:
    return {f"edge{index}": edge for index, edge in enumerate(edges)}


def _int(value: Any) -> int:
    return int(value or 0)


class SqlReaderPool:
    """`ReaderPool` over the engine's connection pool: a session per reader, closed (its
    connection back in the pool, its read transaction rolled back) when the block ends. At most
    `limit` readers of the process are open at once, so dashboards opened together wait for each
    other here rather than take every connection the bot needs."""

    def __init__(self, factory: async_sessionmaker[AsyncSession], limit: int) -> None:
        self._factory = factory
        self._turns = asyncio.Semaphore(limit)

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[SqlAnalytics]:
        async with self._turns, self._factory() as session:
            yield SqlAnalytics(session)


class SqlAnalytics:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _execute(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Result[*tuple[Any, ...]]:
        """A Core statement on the session's connection (in its transaction): these reads
        load no ORM objects, and skipping the ORM's execution path saves a little each time."""
        connection = await self._session.connection()
        return await connection.execute(statement, dict(parameters or {}))

    # -- the catalogue ---------------------------------------------------------------------

    async def catalogue(self) -> Catalogue:
        spaces = {
            row.id: space_from_row(row) for row in await self._session.scalars(select(SpaceRow))
        }
        rows = await self._execute(
            select(
                TariffRow.id, TariffRow.space_id, TariffRow.name, TariffRow.name_en, TariffRow.unit
            )
        )
        tariffs = {
            row.id: TariffInfo(row.id, row.space_id, row.name, row.name_en, row.unit)
            for row in rows
        }
        return Catalogue(spaces, tariffs)

    async def space_exists(self, space_id: int) -> bool:
        found = await self._session.scalar(select(SpaceRow.id).where(SpaceRow.id == space_id))
        return found is not None

    # -- the summary -----------------------------------------------------------------------

    async def totals(
        self,
        spans: Sequence[tuple[datetime, datetime]],
        space_id: int | None,
        money: bool = True,
    ) -> Sequence[Totals]:
        # A row of single-row aggregates per span, all in one round trip. The statement is
        # built once per shape (building and keying it cost more than running it).
        parameters: dict[str, Any] = {"space_id": space_id}
        for index, (start, end) in enumerate(spans):
            parameters[f"start{index}"], parameters[f"end{index}"] = start, end
        statement = _totals_statement(len(spans), space_id is not None, money)
        rows = sorted((await self._execute(statement, parameters)).all(), key=lambda row: row[0])
        return [
            Totals(
                paid_kopecks=_int(paid),
                payments=_int(payments),
                refunded_kopecks=_int(refunded),
                new_users=_int(new_users),
                referrals=_int(referrals),
                converted=_int(converted),
                open_tickets=_int(tickets),
            )
            for _, paid, payments, refunded, new_users, converted, referrals, tickets in rows
        ]

    @staticmethod
    def _totals_of(
        index: int, start: Any, end: Any, space_id: Any, money: bool
    ) -> Select[*tuple[Any, ...]]:
        paid = (
            _payments_in(start, end, space_id)
            .with_only_columns(
                func.coalesce(func.sum(PaymentRow.amount), 0).label("amount"),
                func.count().label("count"),
            )
            .subquery()
        )
        refunded = (
            _refunds_in(start, end, space_id)
            .with_only_columns(func.coalesce(func.sum(RefundRow.amount), 0).label("amount"))
            .subquery()
        )
        booked_by_end = exists().where(
            BookingRow.user_id == UserRow.id,
            BookingRow.status.in_(_BOOKED),
            BookingRow.created_at < end,
        )
        users = (
            _registered_in(start, end)
            .with_only_columns(
                func.count().label("count"),
                func.coalesce(func.sum(case((booked_by_end, _ONE), else_=_ZERO)), 0).label(
                    "converted"
                ),
            )
            .subquery()
        )
        referrals = (
            select(func.count().label("count"))
            .select_from(ReferralRow)
            .where(ReferralRow.created_at >= start, ReferralRow.created_at < end)
            .subquery()
        )
        # Open at the end: open now and opened before it, or closed only after it.
        still_open = (
            select(func.count().label("count"))
            .select_from(TicketRow)
            .where(TicketRow.status.in_(_OPEN_TICKETS), TicketRow.created_at < end)
            .subquery()
        )
        closed_later = (
            select(func.count().label("count"))
            .select_from(TicketRow)
            .where(
                TicketRow.status == TicketStatus.CLOSED,
                TicketRow.closed_at >= end,
                TicketRow.created_at < end,
            )
            .subquery()
        )
        if not money:  # the caller has it from elsewhere (the rollup)
            paid = select(_ZERO.label("amount"), _ZERO.label("count")).subquery()
            refunded = select(_ZERO.label("amount")).subquery()
        return select(
            literal_column(str(index)).label("span"),
            paid.c.amount,
            paid.c.count,
            refunded.c.amount.label("refunded"),
            users.c.count.label("new_users"),
            users.c.converted,
            referrals.c.count.label("referrals"),
            (still_open.c.count + closed_later.c.count).label("tickets"),
        ).select_from(
            paid.join(refunded, true())
            .join(users, true())
            .join(referrals, true())
            .join(still_open, true())
            .join(closed_later, true())
        )

    async def booking_groups(self, edges: Sequence[datetime]) -> Sequence[BookingGroup]:
        rows = await self._execute(_booking_groups_statement(len(edges)), _edges(edges))
        return [
            BookingGroup(
                int(bucket), tariff, BookingStatus(status), count, _int(units), _int(checked)
            )
            for bucket, tariff, status, count, units, checked in rows
            if status in BOOKED_STATUSES
        ]

    async def long_bookings(
        self,
        parts: Sequence[tuple[Collection[int], timedelta]],
        start: datetime,
        end: datetime,
        space_id: int | None,
    ) -> Sequence[LongBookings]:
        selects = [
            select(
                BookingRow.space_id,
                BookingRow.starts_at,
                BookingRow.ends_at,
                _USED.label("used"),
            ).where(
                *_overlapping(tariff_ids, start, end, longest),
                BookingRow.status.in_(_BOOKED),
                *((BookingRow.space_id == space_id,) if space_id is not None else ()),
            )
            for tariff_ids, longest in parts
            if tariff_ids
        ]
        if not selects:
            return []
        sub = (selects[0] if len(selects) == 1 else union_all(*selects)).subquery()
        rows = await self._execute(
            select(
                sub.c.space_id, sub.c.starts_at, sub.c.ends_at, func.count(), func.sum(sub.c.used)
            ).group_by(sub.c.space_id, sub.c.starts_at, sub.c.ends_at)
        )
        return [
            LongBookings(space, _aware(starts), _aware(ends), count, _int(used))
            for space, starts, ends, count, used in rows
        ]

    async def members(
        self,
        tariff_ids: Collection[int],
        spans: Sequence[tuple[datetime, datetime]],
        longest: timedelta,
        space_id: int | None,
    ) -> Sequence[Members]:
        if not tariff_ids or not spans:
            return [Members((), 0) for _ in spans]
        selects: list[Select[*tuple[Any, ...]]] = [
            select(
                literal_column(str(index)).label("span"),
                BookingRow.user_id,
                BookingRow.total,
                BookingRow.units,
            ).where(
                *_overlapping(tariff_ids, start, end, longest),
                BookingRow.status.in_(_MEMBERS),
                *((BookingRow.space_id == space_id,) if space_id is not None else ()),
            )
            for index, (start, end) in enumerate(spans)
        ]
        prices: list[dict[tuple[int, int], int]] = [{} for _ in spans]
        clients: list[set[int]] = [set() for _ in spans]
        # A statement per span: PostgreSQL plans their union much worse than each alone.
        for statement in selects:
            for span, user_id, total, units in await self._execute(statement):
                key = (total, units)
                prices[int(span)][key] = prices[int(span)].get(key, 0) + 1
                clients[int(span)].add(user_id)
        return [
            Members([(total, units, n) for (total, units), n in p.items()], len(c))
            for p, c in zip(prices, clients, strict=True)
        ]

    async def first_responses(self, start: datetime, end: datetime) -> Sequence[Response]:
        rows = await self._execute(
            select(TicketRow.created_at, TicketRow.first_response_at).where(
                TicketRow.created_at >= start,
                TicketRow.created_at < end,
                TicketRow.first_response_at.is_not(None),
            )
        )
        return [
            Response(opened, answered - opened) for opened, answered in rows if answered is not None
        ]

    # -- time series -----------------------------------------------------------------------

    async def money_by_bucket(
        self, edges: Sequence[datetime], space_id: int | None
    ) -> Mapping[int, Money]:
        statement = _money_statement(len(edges), space_id is not None)
        rows = await self._execute(statement, {**_edges(edges), "space_id": space_id})
        return {
            int(bucket): Money(_int(paid), _int(payments), _int(refunded))
            for bucket, paid, payments, refunded in rows
        }

    async def new_users_by_bucket(self, edges: Sequence[datetime]) -> Mapping[int, int]:
        rows = await self._execute(_new_users_statement(len(edges)), _edges(edges))
        return {int(bucket): int(count) for bucket, count in rows}

    # -- the other panels ------------------------------------------------------------------

    async def hourly_intervals(
        self, tariff_ids: Collection[int], start: datetime, end: datetime, space_id: int | None
    ) -> Sequence[HourlyGroup]:
        if not tariff_ids:
            return []
        statement = (
            select(BookingRow.space_id, BookingRow.starts_at, BookingRow.ends_at, func.count())
            .where(
                BookingRow.starts_at >= start,
                BookingRow.starts_at < end,
                BookingRow.status.in_(_BOOKED),
                BookingRow.tariff_id.in_(tuple(tariff_ids)),
            )
            .group_by(BookingRow.space_id, BookingRow.starts_at, BookingRow.ends_at)
        )
        if space_id is not None:
            statement = statement.where(BookingRow.space_id == space_id)
        rows = await self._execute(statement)
        return [
            HourlyGroup(space, _aware(starts), _aware(ends), count)
            for space, starts, ends, count in rows
        ]

    async def funnel(self, start: datetime, end: datetime) -> FunnelCounts:
        cohort = _registered_in(start, end)

        def reached(*conditions: Any) -> Any:
            condition = exists().where(BookingRow.user_id == UserRow.id, *conditions)
            return cohort.with_only_columns(func.count()).where(condition).scalar_subquery()

        paid_for = exists().where(PaymentRow.booking_id == BookingRow.id, PaymentRow.state == _PAID)
        statement = select(
            cohort.with_only_columns(func.count()).scalar_subquery(),
            reached(),
            reached(BookingRow.status != BookingStatus.EXPIRED),
            reached(
                or_(
                    BookingRow.status.in_(_BOOKED),
                    and_(BookingRow.status == BookingStatus.CANCELLED, paid_for),
                )
            ),
            reached(BookingRow.status == BookingStatus.COMPLETED),
        )
        registered, started, held, paid, completed = (await self._execute(statement)).one()
        return FunnelCounts(
            _int(registered), _int(started), _int(held), _int(paid), _int(completed)
        )

    async def revenue_by_tariff(
        self, start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]:
        return await self._revenue_by(BookingRow.tariff_id, start, end, space_id)

    async def revenue_by_user(
        self, start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]:
        return await self._revenue_by(BookingRow.user_id, start, end, space_id)

    async def _revenue_by(
        self, key: Any, start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]:
        paid = (
            select(key.label("key"), PaymentRow.amount.label("amount"))
            .select_from(PaymentRow)
            .join(BookingRow, BookingRow.id == PaymentRow.booking_id)
            .where(PaymentRow.state == _PAID, PaymentRow.paid_at >= start, PaymentRow.paid_at < end)
        )
        refunded = (
            select(key.label("key"), (-RefundRow.amount).label("amount"))
            .select_from(RefundRow)
            .join(BookingRow, BookingRow.id == RefundRow.booking_id)
            .where(
                RefundRow.state == _REFUNDED,
                RefundRow.checked_at >= start,
                RefundRow.checked_at < end,
            )
        )
        if space_id is not None:
            paid = paid.where(BookingRow.space_id == space_id)
            refunded = refunded.where(BookingRow.space_id == space_id)
        sub = paid.union_all(refunded).subquery()
        rows = await self._execute(select(sub.c.key, func.sum(sub.c.amount)).group_by(sub.c.key))
        return {int(k): _int(amount) for k, amount in rows}

    async def promo_uses(self, start: datetime, end: datetime) -> Sequence[PromoUse]:
        used = (
            select(
                PromoRedemptionRow.promo_code_id.label("code_id"),
                func.count().label("uses"),
                func.coalesce(func.sum(BookingRow.promo_discount), 0).label("discount"),
            )
            .join(BookingRow, BookingRow.id == PromoRedemptionRow.booking_id)
            .where(
                PromoRedemptionRow.created_at >= start,
                PromoRedemptionRow.created_at < end,
                PromoRedemptionRow.released_at.is_(None),
            )
            .group_by(PromoRedemptionRow.promo_code_id)
        ).subquery()
        redeemed = (
            select(PromoRedemptionRow.booking_id, PromoRedemptionRow.promo_code_id)
            .where(
                PromoRedemptionRow.created_at >= start,
                PromoRedemptionRow.created_at < end,
                PromoRedemptionRow.released_at.is_(None),
            )
            .subquery()
        )
        paid = select(
            redeemed.c.promo_code_id.label("code_id"), PaymentRow.amount.label("amount")
        ).join(
            PaymentRow,
            and_(PaymentRow.booking_id == redeemed.c.booking_id, PaymentRow.state == _PAID),
        )
        refunded = select(
            redeemed.c.promo_code_id.label("code_id"), (-RefundRow.amount).label("amount")
        ).join(
            RefundRow,
            and_(RefundRow.booking_id == redeemed.c.booking_id, RefundRow.state == _REFUNDED),
        )
        money_rows = paid.union_all(refunded).subquery()
        money = (
            select(money_rows.c.code_id, func.sum(money_rows.c.amount).label("revenue"))
            .group_by(money_rows.c.code_id)
            .subquery()
        )
        rows = await self._execute(
            select(
                PromoCodeRow.id, PromoCodeRow.code, used.c.uses, used.c.discount, money.c.revenue
            )
            .join(used, used.c.code_id == PromoCodeRow.id)
            .outerjoin(money, money.c.code_id == PromoCodeRow.id)
            .order_by(used.c.uses.desc(), PromoCodeRow.code)
        )
        return [
            PromoUse(code_id, code, int(uses), _int(discount), _int(revenue))
            for code_id, code, uses, discount, revenue in rows
        ]

    async def referrers(self, start: datetime, end: datetime, limit: int) -> Sequence[Referrer]:
        referrer = aliased(UserRow)
        booked = exists().where(
            BookingRow.user_id == ReferralRow.invited_id, BookingRow.status.in_(_BOOKED)
        )
        converted = func.sum(case((booked, _ONE), else_=_ZERO))
        rows = await self._execute(
            select(
                referrer.id,
                referrer.telegram_id,
                referrer.full_name,
                referrer.username,
                func.count().label("invited"),
                converted.label("converted"),
            )
            .select_from(ReferralRow)
            .join(referrer, referrer.id == ReferralRow.referrer_id)
            .where(ReferralRow.created_at >= start, ReferralRow.created_at < end)
            .group_by(referrer.id, referrer.telegram_id, referrer.full_name, referrer.username)
            .order_by(func.count().desc(), referrer.id)
            .limit(limit)
        )
        return [
            Referrer(Person(user_id, telegram_id, name, username), int(count), _int(conv))
            for user_id, telegram_id, name, username, count, conv in rows
        ]

    async def referrals_converted(self, start: datetime, end: datetime) -> int:
        booked = exists().where(
            BookingRow.user_id == ReferralRow.invited_id, BookingRow.status.in_(_BOOKED)
        )
        return _int(
            await self._session.scalar(
                select(func.count())
                .select_from(ReferralRow)
                .where(ReferralRow.created_at >= start, ReferralRow.created_at < end, booked)
            )
        )

    async def people(self, user_ids: Collection[int]) -> Mapping[int, Person]:
        if not user_ids:
            return {}
        rows = await self._execute(
            select(UserRow.id, UserRow.telegram_id, UserRow.full_name, UserRow.username).where(
                UserRow.id.in_(tuple(user_ids))
            )
        )
        return {
            row.id: Person(row.id, row.telegram_id, row.full_name, row.username) for row in rows
        }

    async def bookings_of_users(
        self, user_ids: Collection[int], start: datetime, end: datetime, space_id: int | None
    ) -> Mapping[int, int]:
        if not user_ids:
            return {}
        statement = (
            select(BookingRow.user_id, func.count())
            .where(
                BookingRow.user_id.in_(tuple(user_ids)),
                BookingRow.starts_at >= start,
                BookingRow.starts_at < end,
                BookingRow.status.in_(_BOOKED),
            )
            .group_by(BookingRow.user_id)
        )
        if space_id is not None:
            statement = statement.where(BookingRow.space_id == space_id)
        return {user_id: int(count) for user_id, count in await self._execute(statement)}

    # -- the rollup --------------------------------------------------------------------------

    async def kept_days(self, first: date, last: date, fingerprint: str) -> Mapping[date, str]:
        rows = await self._execute(
            select(AnalyticsDayRow.day, AnalyticsDayRow.facts).where(
                AnalyticsDayRow.day >= first,
                AnalyticsDayRow.day <= last,
                AnalyticsDayRow.fingerprint == fingerprint,
            )
        )
        return {row[0]: row[1] for row in rows}

    async def marks_over(self, start: datetime, end: datetime) -> Sequence[Mark]:
        rows = await self._execute(
            select(AnalyticsMarkRow.id, AnalyticsMarkRow.starts_at, AnalyticsMarkRow.ends_at).where(
                AnalyticsMarkRow.ends_at >= start, AnalyticsMarkRow.starts_at < end
            )
        )
        return [Mark(id, _aware(starts), _aware(ends)) for id, starts, ends in rows]


def _aware(moment: datetime) -> datetime:
    """Grouped columns come back without the column type's processing on some drivers."""
    if moment.tzinfo is UTC:  # asyncpg's, as is
        return moment
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _overlapping(
    tariff_ids: Collection[int], start: datetime, end: datetime, longest: timedelta
) -> tuple[ColumnElement[bool], ...]:
    """Bookings of these tariffs over [start, end): bounding `ends_at` from above too (no booking
    is longer than `longest`) keeps the index range short for periods long past."""
    return (
        BookingRow.tariff_id.in_(tuple(tariff_ids)),
        BookingRow.ends_at > start,
        BookingRow.ends_at <= end + longest,
        BookingRow.starts_at < end,
    )


@functools.cache
def _totals_statement(spans: int, by_space: bool, money: bool) -> Executable:
    """The totals of `spans` periods (parameters start<n>, end<n>, and space_id when
    `by_space`; the money as zeros unless `money`), built once per shape."""
    space = bindparam("space_id", type_=Integer) if by_space else None
    statements = [
        SqlAnalytics._totals_of(
            index,
            bindparam(f"start{index}", type_=UTCDateTime()),
            bindparam(f"end{index}", type_=UTCDateTime()),
            space,
            money,
        )
        for index in range(spans)
    ]
    return statements[0] if spans == 1 else union_all(*statements)


# Statements over buckets are built once per number of edges (and space or not), the last few
# dozen shapes kept: building the binary search cost more than running it.


@functools.lru_cache(maxsize=64)
def _booking_groups_statement(edges: int) -> Executable:
    # Only the time range in SQL, so the read stays within the covering index
    # ix_bookings_analytics_starts, and few columns to group by (sorting them is most of the
    # cost): statuses that count are picked from the groups.
    sub = (
        select(
            bucket_of(BookingRow.starts_at, edges).label("bucket"),
            BookingRow.tariff_id,
            BookingRow.status,
            BookingRow.units,
            case((BookingRow.checked_in_at.is_not(None), BookingRow.units), else_=_ZERO).label(
                "checked_units"
            ),
        )
        .where(BookingRow.starts_at >= _edge(0), BookingRow.starts_at < _edge(edges - 1))
        .subquery()
    )
    return select(
        sub.c.bucket,
        sub.c.tariff_id,
        sub.c.status,
        func.count(),
        func.sum(sub.c.units),
        func.sum(sub.c.checked_units),
    ).group_by(sub.c.bucket, sub.c.tariff_id, sub.c.status)


@functools.lru_cache(maxsize=64)
def _money_statement(edges: int, by_space: bool) -> Executable:
    start, end = _edge(0), _edge(edges - 1)
    space = bindparam("space_id", type_=Integer) if by_space else None
    paid = _payments_in(start, end, space).with_only_columns(
        bucket_of(PaymentRow.paid_at, edges).label("bucket"),
        PaymentRow.amount.label("paid"),
        _ONE.label("payments"),
        _ZERO.label("refunded"),
    )
    refunded = _refunds_in(start, end, space).with_only_columns(
        bucket_of(RefundRow.checked_at, edges).label("bucket"),
        _ZERO.label("paid"),
        _ZERO.label("payments"),
        RefundRow.amount.label("refunded"),
    )
    sub = paid.union_all(refunded).subquery()
    return select(
        sub.c.bucket, func.sum(sub.c.paid), func.sum(sub.c.payments), func.sum(sub.c.refunded)
    ).group_by(sub.c.bucket)


@functools.lru_cache(maxsize=64)
def _new_users_statement(edges: int) -> Executable:
    sub = (
        _registered_in(_edge(0), _edge(edges - 1))
        .with_only_columns(bucket_of(UserRow.registered_at, edges).label("bucket"))
        .subquery()
    )
    return select(sub.c.bucket, func.count()).group_by(sub.c.bucket)


def _payments_in(start: Any, end: Any, space_id: Any) -> Select[*tuple[Any, ...]]:
    statement = select(PaymentRow.id).where(
        PaymentRow.state == _PAID, PaymentRow.paid_at >= start, PaymentRow.paid_at < end
    )
    if space_id is not None:
        statement = statement.join(BookingRow, BookingRow.id == PaymentRow.booking_id).where(
            BookingRow.space_id == space_id
        )
    return statement


def _refunds_in(start: Any, end: Any, space_id: Any) -> Select[*tuple[Any, ...]]:
    # A settled refund is never checked again: `checked_at` is the moment it succeeded.
    statement = select(RefundRow.id).where(
        RefundRow.state == _REFUNDED, RefundRow.checked_at >= start, RefundRow.checked_at < end
    )
    if space_id is not None:
        statement = statement.join(BookingRow, BookingRow.id == RefundRow.booking_id).where(
            BookingRow.space_id == space_id
        )
    return statement


def _registered_in(start: Any, end: Any) -> Select[*tuple[Any, ...]]:
    return select(UserRow.id).where(UserRow.registered_at >= start, UserRow.registered_at < end)
