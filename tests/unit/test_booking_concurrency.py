"""No double booking under concurrency: many clients at once, each with its own request scope
and database session, as concurrent updates get them. Runs on SQLite, and on PostgreSQL when
TEST_DATABASE_URL is set."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BookingRow, PromoRedemptionRow
from coworking_bot.domain.booking import (
    LIVE_STATUSES,
    Booking,
    BookingStatus,
    InvalidTransition,
    PlaceTaken,
)
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.promo import PromoUsedUp
from coworking_bot.domain.users import Actor
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    add_users,
    at,
    book,
    booking_service,
    bookings,
    fill,
    live_count,
    notices,
    promo_row,
    seed,
)

Factory = async_sessionmaker[AsyncSession]
FIRST_CLIENT = 100
CLIENTS = 50


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed(session_factory)
    await add_users(session_factory, range(FIRST_CLIENT, FIRST_CLIENT + CLIENTS))
    return demo


async def at_once(calls: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
    """Start every call together; their results or exceptions, in order."""
    gate = asyncio.Event()

    async def run(call: Callable[[], Awaitable[Any]]) -> Any:
        await gate.wait()
        return await call()

    tasks = [asyncio.create_task(run(call)) for call in calls]
    await asyncio.sleep(0)
    gate.set()
    return await asyncio.gather(*tasks, return_exceptions=True)


def outcomes(results: list[Any]) -> Counter[str]:
    unexpected = [r for r in results if isinstance(r, BaseException) and not _expected(r)]
    if unexpected:
        raise unexpected[0]
    return Counter(type(r).__name__ for r in results)


def _expected(error: BaseException) -> bool:
    return isinstance(error, PlaceTaken | PromoUsedUp | InvalidTransition)


def clients(count: int = CLIENTS) -> range:
    return range(FIRST_CLIENT, FIRST_CLIENT + count)


async def test_fifty_clients_at_the_last_desk_of_a_day_leave_one_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    first = await _user_id(session_factory, FIRST_CLIENT)
    await fill(
        session_factory,
        user_id=first,
        space_id=demo.open_space_id,
        tariff_id=demo.day_pass,
        start=at(DAY, 0),
        end=at(DAY + timedelta(days=1), 0),
        count=19,
    )
    results = await at_once(
        [lambda c=c: book(container, c, demo.day_pass, at(DAY, 9)) for c in clients()]  # type: ignore[misc]
    )
    assert outcomes(results) == {"Booking": 1, "PlaceTaken": CLIENTS - 1}
    assert await live_count(session_factory, demo.open_space_id) == 20


async def test_fifty_clients_at_one_meeting_room_hour_leave_one_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    results = await at_once(
        [lambda c=c: book(container, c, demo.small_room, at(DAY, 10)) for c in clients()]  # type: ignore[misc]
    )
    assert outcomes(results) == {"Booking": 1, "PlaceTaken": CLIENTS - 1}
    [row] = await bookings(session_factory)
    assert (row.starts_at, row.ends_at, row.exclusive) == (at(DAY, 10), at(DAY, 11), True)


async def test_overlapping_requests_for_a_room_never_overlap_with_the_buffer(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    def start(index: int) -> datetime:
        return at(DAY, 9) + timedelta(minutes=30 * (index % 18))  # the last ends by 20:30

    results = await at_once(
        [
            lambda i=i: book(container, FIRST_CLIENT + i, demo.small_room, start(i), 1 + i % 3)  # type: ignore[misc]
            for i in range(CLIENTS)
        ]
    )
    made = sorted((r for r in results if isinstance(r, Booking)), key=lambda b: b.starts_at)
    assert set(outcomes(results)) == {"Booking", "PlaceTaken"}
    assert made
    for before, after in itertools.pairwise(made):
        assert before.ends_at + timedelta(minutes=15) <= after.starts_at
    rows = [r for r in await bookings(session_factory) if r.status in LIVE_STATUSES]
    assert len(rows) == len(made)


async def test_thirty_clients_tapping_confirm_on_the_last_desk_leave_one_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    first = await _user_id(session_factory, FIRST_CLIENT)
    await fill(
        session_factory,
        user_id=first,
        space_id=demo.open_space_id,
        tariff_id=demo.hourly_desk,
        start=at(DAY, 8),
        end=at(DAY, 22),
        count=19,
    )
    results = await at_once(
        [
            lambda c=c: book(container, c, demo.hourly_desk, at(DAY, 12), 2, request_key=f"r{c}")  # type: ignore[misc]
            for c in clients(30)
        ]
    )
    assert outcomes(results) == {"Booking": 1, "PlaceTaken": 29}
    assert await live_count(session_factory, demo.open_space_id) == 20


async def test_one_client_tapping_confirm_thirty_times_gets_one_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    results = await at_once(
        [
            lambda: book(container, FIRST_CLIENT, demo.small_room, at(DAY, 10), request_key="k")
            for _ in range(30)
        ]
    )
    assert outcomes(results) == {"Booking": 30}
    assert len({r.id for r in results}) == 1
    assert len(await bookings(session_factory)) == 1


async def test_thirty_staff_confirming_one_request_confirm_it_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    pending = await book(container, FIRST_CLIENT, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    assert pending.status is BookingStatus.PENDING

    async def confirm(staff_id: int) -> Booking:
        async with booking_service(container) as service:
            return await service.confirm(Actor(staff_id, StaffRole.MANAGER), pending.id)

    results = await at_once([lambda s=s: confirm(s) for s in range(5000, 5030)])  # type: ignore[misc]
    assert outcomes(results) == {"Booking": 1, "InvalidTransition": 29}
    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.CONFIRMED
    assert len(await notices(session_factory, "notice-booking-confirmed")) == 1


async def test_a_promo_code_with_one_use_left_is_redeemed_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    """Clients book different spaces, so on PostgreSQL they do not wait for one space lock:
    only the promo code's conditional update stands between them."""
    await add_promo(session_factory, "LASTONE", value=10, max_uses=1)
    tariffs = [demo.small_room, demo.large_room, demo.day_pass, demo.hourly_desk]

    def request(index: int) -> Callable[[], Awaitable[Booking]]:
        tariff = tariffs[index % len(tariffs)]
        start = at(DAY + timedelta(days=index // len(tariffs)), 10)
        return lambda: book(container, FIRST_CLIENT + index, tariff, start, promo_code="LASTONE")

    results = await at_once([request(i) for i in range(20)])
    assert outcomes(results) == {"Booking": 1, "PromoUsedUp": 19}
    assert (await promo_row(session_factory, "LASTONE")).uses == 1
    async with session_factory() as session:
        redemptions = list(await session.scalars(select(PromoRedemptionRow)))
    assert len(redemptions) == 1
    assert len(await bookings(session_factory)) == 1


async def test_postgresql_refuses_overlapping_exclusive_bookings_by_itself(
    session_factory: Factory, demo: Demo
) -> None:
    """The exclusion constraint holds even when the application check is bypassed."""
    if session_factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's")
    user_id = await _user_id(session_factory, FIRST_CLIENT)

    async def insert(start: datetime, end: datetime, **fields: Any) -> None:
        values: dict[str, Any] = {
            "status": BookingStatus.CONFIRMED,
            "exclusive": True,
            "space_id": demo.small_room_id,
            **fields,
        }
        async with session_factory() as session:
            session.add(
                BookingRow(
                    user_id=user_id,
                    tariff_id=demo.small_room,
                    starts_at=start,
                    ends_at=end,
                    units=1,
                    unit_price=0,
                    subtotal=0,
                    total=0,
                    **values,
                )
            )
            await session.commit()

    await insert(at(DAY, 10), at(DAY, 12))
    for start, end in ((at(DAY, 11), at(DAY, 13)), (at(DAY, 9), at(DAY, 10, 1))):
        for status in (BookingStatus.HELD, BookingStatus.PENDING, BookingStatus.CONFIRMED):
            with pytest.raises(IntegrityError, match="ex_bookings_no_overlap"):
                await insert(start, end, status=status)
    # Touching ends, a dead booking, another space and a shared space are all fine.
    await insert(at(DAY, 12), at(DAY, 13))
    await insert(at(DAY, 10), at(DAY, 12), status=BookingStatus.CANCELLED)
    await insert(at(DAY, 10), at(DAY, 12), space_id=demo.large_room_id)
    await insert(at(DAY, 10), at(DAY, 12), space_id=demo.open_space_id, exclusive=False)
    await insert(at(DAY, 10), at(DAY, 12), space_id=demo.open_space_id, exclusive=False)
    assert len(await bookings(session_factory)) == 6


async def test_postgresql_refuses_two_racing_inserts_without_the_space_lock(
    session_factory: Factory, demo: Demo
) -> None:
    """Two transactions that both saw the room free and insert at once: one of them fails."""
    if session_factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's")
    user_id = await _user_id(session_factory, FIRST_CLIENT)

    async def insert(minute: int) -> None:
        async with session_factory() as session:
            session.add(
                BookingRow(
                    user_id=user_id,
                    space_id=demo.large_room_id,
                    tariff_id=demo.large_room,
                    status=BookingStatus.HELD,
                    starts_at=at(DAY, 10, minute),
                    ends_at=at(DAY, 11, minute),
                    exclusive=True,
                    units=1,
                    unit_price=0,
                    subtotal=0,
                    total=0,
                )
            )
            await session.commit()

    results = await at_once([lambda m=m: insert(m) for m in range(0, 30, 3)])  # type: ignore[misc]
    failures = [r for r in results if isinstance(r, BaseException)]
    assert all(isinstance(f, IntegrityError) for f in failures)
    assert len(results) - len(failures) == 1


async def _user_id(factory: Factory, telegram_id: int) -> int:
    from coworking_bot.db.models import UserRow

    async with factory() as session:
        found = await session.scalar(select(UserRow.id).where(UserRow.telegram_id == telegram_id))
    assert found is not None
    return found
