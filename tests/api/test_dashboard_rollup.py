"""The rollup (figures of closed days kept by the scheduler) over a real database (SQLite, and
PostgreSQL with TEST_DATABASE_URL), on the coworking of `dashboard_helpers.build_world`.

What the dashboard answers with kept days must be what it answers working every day out from
the bookings, before and after each kind of change (the triggers of migration 0016 mark it, so
the change shows at once, without waiting for the next refresh), and again after the refresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    AnalyticsDayRow,
    AnalyticsMarkRow,
    BookingRow,
    PaymentRow,
    RefundRow,
    SpaceRow,
)
from coworking_bot.db.repositories.analytics import SqlAnalytics, SqlReaderPool
from coworking_bot.db.repositories.rollup import SqlRollup
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.domain.analytics import Granularity, Period
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.payments import PaymentState, RefundReason, RefundState
from coworking_bot.domain.users import Actor
from coworking_bot.services.analytics.access import Viewer
from coworking_bot.services.analytics.dashboard import Dashboard
from coworking_bot.services.analytics.ports import AlreadySettled, Money
from coworking_bot.services.analytics.rollup import DayFacts, Rollup
from tests.api.dashboard_helpers import TZ, World, at, build_world, nov
from tests.api.webhook_helpers import Sessions
from tests.conftest import OWNER_ID, FakeClock

VIEWER = Viewer(Actor(OWNER_ID, StaffRole.OWNER), None)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
# The morning of December 1st: November is closed, December 1st is today.
MORNING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class WithoutRollup(SqlAnalytics):
    """Reads as if nothing were kept: every day worked out from the bookings."""

    async def kept_days(self, first: date, last: date, fingerprint: str) -> dict[date, str]:
        return {}


async def answers(
    factory: Sessions, world: World, *, kept: bool = True, tz: ZoneInfo = TZ
) -> list[Any]:
    """Every figure the rollup serves: the summaries, series and heatmaps of November (all
    spaces and each one), and of December 1st so far."""
    december = Period(date(2026, 12, 1), date(2026, 12, 1))
    async with factory() as session:
        reader = SqlAnalytics(session) if kept else WithoutRollup(session)
        pool = SqlReaderPool(factory, 4) if kept else None
        dashboard = Dashboard(reader, SqlUnitOfWork(session), tz, pool)
        found: list[Any] = []
        for period in (NOVEMBER, december):
            for space in (None, world.room, world.desks):
                found += [
                    await dashboard.summary(VIEWER, period, space),
                    await dashboard.series(VIEWER, period, Granularity.DAY, space),
                    await dashboard.series(VIEWER, period, Granularity.WEEK, space),
                    await dashboard.heatmaps(VIEWER, period, space),
                ]
    return found


async def refresh(factory: Sessions, now: datetime = MORNING, tz: ZoneInfo = TZ) -> int:
    """Refreshes until there is nothing left to do; the days worked out."""
    total = 0
    for _ in range(10):
        async with factory() as session:
            rollup = Rollup(
                SqlAnalytics(session),
                SqlRollup(session),
                SqlUnitOfWork(session),
                FakeClock(now),
                tz,
            )
            done = await rollup.refresh()
        if not done:
            return total
        total += done
    raise AssertionError("the refresh never settled")


async def count(factory: Sessions, row: Any) -> int:
    async with factory() as session:
        return int(await session.scalar(select(func.count()).select_from(row)) or 0)


async def change(factory: Sessions, work: Callable[[AsyncSession], Awaitable[object]]) -> None:
    async with factory() as session, session.begin():
        await work(session)


async def booking_at(session: AsyncSession, starts: datetime) -> BookingRow:
    found = await session.scalar(select(BookingRow).where(BookingRow.starts_at == starts))
    assert found is not None
    return found


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await build_world(session_factory)


async def test_kept_days_give_the_same_figures_and_are_read(
    session_factory: Sessions, world: World
) -> None:
    live = await answers(session_factory, world, kept=False)
    assert await count(session_factory, AnalyticsMarkRow) > 0  # the world's own rows

    done = await refresh(session_factory)

    # From the earliest booking or payment (October 19th) to yesterday; today is not kept.
    assert done == (date(2026, 11, 30) - date(2026, 10, 19)).days + 1
    assert await count(session_factory, AnalyticsDayRow) == done
    assert await count(session_factory, AnalyticsMarkRow) == 0
    assert await answers(session_factory, world) == live
    assert await refresh(session_factory) == 0  # nothing left to do

    # What is kept is what is read: a kept day's facts changed by hand show in the series.
    async with session_factory() as session, session.begin():
        await session.execute(
            update(AnalyticsDayRow)
            .where(AnalyticsDayRow.day == date(2026, 11, 15))
            .values(facts=DayFacts(money=Money(paid=123)).to_json())
        )
    async with session_factory() as session:
        dashboard = Dashboard(SqlAnalytics(session), SqlUnitOfWork(session), TZ, None)
        series = await dashboard.series(VIEWER, NOVEMBER, Granularity.DAY)
    assert series[14].revenue_kopecks == 123


async def move_a_visit(session: AsyncSession) -> None:
    b1 = await booking_at(session, nov(5, 12))
    b1.starts_at, b1.ends_at = nov(25, 12), nov(25, 14)


async def cancel_the_running_month(session: AsyncSession) -> None:
    (await booking_at(session, nov(16))).status = BookingStatus.CANCELLED


async def check_in_late(session: AsyncSession) -> None:
    b5 = await booking_at(session, nov(9))
    b5.checked_in_at = nov(9, 11)


async def mark_a_no_show_the_day_after(session: AsyncSession) -> None:
    (await booking_at(session, nov(6, 10))).status = BookingStatus.NO_SHOW


async def book_a_past_day(session: AsyncSession) -> None:
    b2 = await booking_at(session, nov(6, 10))
    session.add(
        BookingRow(
            user_id=b2.user_id,
            space_id=b2.space_id,
            tariff_id=b2.tariff_id,
            starts_at=nov(11, 10),
            ends_at=nov(11, 12),
            status=BookingStatus.COMPLETED,
            units=2,
            unit_price=100000,
            subtotal=200000,
            total=200000,
            created_at=nov(10, 9),
            updated_at=nov(10, 9),
        )
    )


async def confirm_a_hold(session: AsyncSession) -> None:
    (await booking_at(session, nov(20, 10))).status = BookingStatus.CONFIRMED


async def refund_an_old_payment(session: AsyncSession) -> None:
    payment = await session.scalar(select(PaymentRow).where(PaymentRow.paid_at == nov(15, 10)))
    assert payment is not None
    session.add(
        RefundRow(
            payment_id=payment.id,
            booking_id=payment.booking_id,
            amount=300000,
            state=RefundState.SUCCEEDED,
            reason=RefundReason.CLIENT_CANCELLED,
            idempotence_key="late-refund",
            checked_at=nov(17, 12),
        )
    )


async def settle_a_pending_refund(session: AsyncSession) -> None:
    await session.execute(
        update(RefundRow)
        .where(RefundRow.state == RefundState.PENDING)
        .values(state=RefundState.SUCCEEDED)
    )


async def a_payment_found_to_have_failed(session: AsyncSession) -> None:
    await session.execute(
        update(PaymentRow)
        .where(PaymentRow.paid_at == nov(7, 10))
        .values(state=PaymentState.CANCELED)
    )


@pytest.mark.parametrize(
    "work",
    [
        move_a_visit,
        cancel_the_running_month,
        check_in_late,
        mark_a_no_show_the_day_after,
        book_a_past_day,
        confirm_a_hold,
        refund_an_old_payment,
        settle_a_pending_refund,
        a_payment_found_to_have_failed,
    ],
)
async def test_a_change_to_a_kept_day_shows_at_once(
    session_factory: Sessions, world: World, work: Callable[[AsyncSession], Awaitable[None]]
) -> None:
    await refresh(session_factory)
    before = await answers(session_factory, world)

    await change(session_factory, work)

    live = await answers(session_factory, world, kept=False)
    assert live != before  # the change moves a figure
    assert await count(session_factory, AnalyticsMarkRow) > 0
    assert await answers(session_factory, world) == live  # before any refresh
    assert await refresh(session_factory) > 0
    assert await count(session_factory, AnalyticsMarkRow) == 0
    assert await answers(session_factory, world) == live


async def test_what_no_figure_sees_marks_nothing(session_factory: Sessions, world: World) -> None:
    await refresh(session_factory)

    async def quiet(session: AsyncSession) -> None:
        b5 = await booking_at(session, nov(9))
        b5.day_reminded_at = nov(8, 9)  # a reminder went out
        pending = await session.scalar(
            select(PaymentRow).where(PaymentRow.state == PaymentState.PENDING)
        )
        assert pending is not None
        pending.checked_at = nov(20, 12)  # the provider was asked again

    await change(session_factory, quiet)

    assert await count(session_factory, AnalyticsMarkRow) == 0

    async def delete_a_lapsed_hold(session: AsyncSession) -> None:
        await session.execute(delete(BookingRow).where(BookingRow.starts_at == nov(12, 10)))

    await change(session_factory, delete_a_lapsed_hold)
    assert await count(session_factory, AnalyticsMarkRow) == 1


async def test_new_opening_hours_or_time_zone_are_worked_out_again(
    session_factory: Sessions, world: World
) -> None:
    await refresh(session_factory)

    async def shorter_hours(session: AsyncSession) -> None:
        room = await session.get(SpaceRow, world.room)
        assert room is not None
        room.opening_hours = {str(day): ["12:00", "18:00"] for day in range(7)}

    await change(session_factory, shorter_hours)
    live = await answers(session_factory, world, kept=False)
    assert await answers(session_factory, world) == live  # kept days no longer fit
    assert await refresh(session_factory) == 43  # every kept day again
    assert await answers(session_factory, world) == live

    berlin = ZoneInfo("Europe/Berlin")
    in_berlin = await answers(session_factory, world, kept=False, tz=berlin)
    assert await answers(session_factory, world, tz=berlin) == in_berlin
    await refresh(session_factory, tz=berlin)
    assert await answers(session_factory, world, tz=berlin) == in_berlin


async def test_a_day_closes_and_is_kept(session_factory: Sessions, world: World) -> None:
    await refresh(session_factory)
    async with session_factory() as session:
        kept = await session.scalar(select(func.max(AnalyticsDayRow.day)))
    assert kept == date(2026, 11, 30)

    assert await refresh(session_factory, MORNING + timedelta(days=1)) == 1
    async with session_factory() as session:
        assert await session.scalar(select(func.max(AnalyticsDayRow.day))) == date(2026, 12, 1)
    assert await answers(session_factory, world) == await answers(
        session_factory, world, kept=False
    )


async def test_refreshes_at_once_leave_right_figures(
    session_factory: Sessions, world: World
) -> None:
    """Two instances refreshing together: whichever settles a mark first keeps its days; the
    other changes nothing, and no mark is lost."""
    await refresh(session_factory)
    for work in (move_a_visit, refund_an_old_payment):
        await change(session_factory, work)
        await asyncio.gather(refresh(session_factory), refresh(session_factory))
        await refresh(session_factory)
        assert await count(session_factory, AnalyticsMarkRow) == 0
        assert await answers(session_factory, world) == await answers(
            session_factory, world, kept=False
        )


async def test_a_mark_outside_the_kept_days_is_settled(
    session_factory: Sessions, world: World
) -> None:
    """A booking next month marks days not kept yet: the refresh lets the mark go, and the
    days are worked out when they close."""
    await refresh(session_factory)

    async def book_next_month(session: AsyncSession) -> None:
        b9 = await booking_at(session, at(date(2026, 12, 1), 10))
        b9.starts_at, b9.ends_at = at(date(2027, 1, 5), 10), at(date(2027, 1, 5), 11)

    await change(session_factory, book_next_month)
    assert await refresh(session_factory) == 0
    assert await count(session_factory, AnalyticsMarkRow) == 0


async def test_a_refresh_that_looked_before_another_wrote_keeps_nothing(
    session_factory: Sessions, world: World
) -> None:
    """A refresh works out its days from what it read; if another refresh kept one of them
    since it looked (or kept a day it found missing), its older facts must not replace them."""
    await refresh(session_factory)
    async with session_factory() as session:
        seen = await SqlRollup(session).kept()
    await change(session_factory, move_a_visit)
    await refresh(session_factory)  # the other one: the 5th and the 25th, one revision more
    live = await answers(session_factory, world, kept=False)
    older = DayFacts(money=Money(paid=1)).to_json()
    current = seen[date(2026, 11, 5)].fingerprint
    for looked in (seen, {}):  # the day kept then, or not kept yet
        async with session_factory() as session:
            uow, store = SqlUnitOfWork(session), SqlRollup(session)
            with pytest.raises(AlreadySettled):
                async with uow.write():
                    await store.keep({date(2026, 11, 5): older}, current, [], looked)
    assert await answers(session_factory, world) == live
