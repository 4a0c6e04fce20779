"""Staff cancelling and checking in from the booking card (`StaffChanges`), over a real
database: who may, when, what comes back, and that nothing happens twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.config import Settings
from coworking_bot.db.models import TariffRow
from coworking_bot.domain.booking import (
    BookingStatus,
    CannotCheckIn,
    InvalidReason,
    InvalidTransition,
)
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.booking.timers import BookingTimers
from tests.conftest import FakeClock
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    Demo,
    add_promo,
    at,
    book,
    booking_service,
    bookings,
    notices,
)
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import (
    ANNA,
    BORIS,
    Factory,
    paid_booking,
    refund_rows,
    seed_clients,
)

MANAGER = Actor(3001, StaffRole.MANAGER)
SUPPORT = Actor(3002, StaffRole.SUPPORT)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


async def status_of(factory: Factory, booking_id: int) -> BookingStatus:
    [row] = [row for row in await bookings(factory) if row.id == booking_id]
    return row.status


async def test_support_may_neither_cancel_nor_check_in(
    container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with container() as request:
        changes = await request.get(StaffChanges)
        with pytest.raises(PermissionDenied):
            await changes.cancel(SUPPORT, booking_id, full_refund=True, reason="why")
        with pytest.raises(PermissionDenied):
            await changes.check_in(SUPPORT, booking_id)
        with pytest.raises(PermissionDenied):
            await changes.cancel_terms(SUPPORT, booking_id)


async def test_a_late_cancel_refunds_by_the_policy_or_in_full_and_only_once(
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    clock: FakeClock,
    session_factory: Factory,
    demo: Demo,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)  # 2 400 ₽, 3 Dec 10:00
    clock.current = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 09:00 in Moscow: late
    async with container() as request:
        changes = await request.get(StaffChanges)
        terms = await changes.cancel_terms(MANAGER, booking_id)
        assert (terms.paid, terms.refund) == (240_000, 0)
        with pytest.raises(InvalidReason):
            await changes.cancel(MANAGER, booking_id, full_refund=True, reason=" \n ")
        assert await status_of(session_factory, booking_id) is BookingStatus.CONFIRMED
        assert await changes.cancel(MANAGER, booking_id, full_refund=True, reason="leak") == 240_000
        with pytest.raises(InvalidTransition):
            await changes.cancel(MANAGER, booking_id, full_refund=True, reason="again")
    assert [row.amount for row in await refund_rows(session_factory)] == [240_000]


async def test_a_booking_that_ended_is_not_cancelled_by_staff(
    container: AsyncContainer, kassa: YooKassaStandIn, clock: FakeClock, demo: Demo
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    clock.current = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 12:00 in Moscow: it ended
    async with container() as request:
        changes = await request.get(StaffChanges)
        with pytest.raises(InvalidTransition):
            await changes.cancel(MANAGER, booking_id, full_refund=False, reason="late")


async def test_check_in_from_two_hours_before_the_start_and_once(
    container: AsyncContainer, clock: FakeClock, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FREE", value=100)
    booking = await book(
        container, ANNA, demo.small_room, at(date(2026, 12, 1), 15), promo_code="FREE"
    )
    assert booking.status is BookingStatus.CONFIRMED
    async with container() as request:
        changes = await request.get(StaffChanges)
        clock.current = datetime(2026, 12, 1, 9, 59, tzinfo=UTC)  # 12:59: too early
        with pytest.raises(CannotCheckIn):
            await changes.check_in(MANAGER, booking.id)
        clock.current = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 13:00: two hours before
        checked = await changes.check_in(MANAGER, booking.id)
        assert checked.checked_in_at == clock.current
        with pytest.raises(CannotCheckIn):
            await changes.check_in(MANAGER, booking.id)


async def asks_for_check_in(session_factory: Factory, tariff_id: int) -> None:
    async with session_factory() as session:
        await session.execute(
            update(TariffRow).where(TariffRow.id == tariff_id).values(check_in_required=True)
        )
        await session.commit()


async def test_nobody_arriving_makes_a_no_show_that_frees_the_rest_of_the_time(
    container_for: ContainerFor,
    settings: Settings,
    clock: FakeClock,
    session_factory: Factory,
    demo: Demo,
) -> None:
    container = await container_for(settings.model_copy(update={"no_show_minutes": 30}))
    await asks_for_check_in(session_factory, demo.small_room)
    await add_promo(session_factory, "FREE", value=100)
    # 1 December in Moscow: Anna at 13:00-15:00 (never comes), Boris at 16:00 (checked in).
    missed = await book(
        container, ANNA, demo.small_room, at(date(2026, 12, 1), 13), 2, promo_code="FREE"
    )
    came = await book(
        container, BORIS, demo.small_room, at(date(2026, 12, 1), 16), promo_code="FREE"
    )
    async with booking_service(container) as service:
        await service.join_waitlist(BORIS, demo.small_room, at(date(2026, 12, 1), 14), 1)

    async with container() as request:
        timers = await request.get(BookingTimers)
        clock.current = datetime(2026, 12, 1, 10, 29, tzinfo=UTC)  # 13:29: still waiting
        assert await timers.mark_no_shows() == 0
        clock.current = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)  # 13:30: a no-show
        assert await timers.mark_no_shows() == 1
        assert await timers.mark_no_shows() == 0  # once
    async with container() as request:
        changes = await request.get(StaffChanges)
        clock.current = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)  # 16:00, Boris is here
        await changes.check_in(MANAGER, came.id)
        clock.current = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
        timers = await request.get(BookingTimers)
        assert await timers.mark_no_shows() == 0

    assert await status_of(session_factory, missed.id) is BookingStatus.NO_SHOW
    assert await status_of(session_factory, came.id) is BookingStatus.CONFIRMED
    [told] = await notices(session_factory, "notice-booking-no-show")
    assert told.chat_id == ANNA
    # The rest of Anna's time (14:00 was inside it) is offered to whoever waited for it.
    [offer] = await notices(session_factory, "notice-waitlist-free")
    assert offer.chat_id == BORIS


async def test_no_shows_are_off_by_default(
    container: AsyncContainer, clock: FakeClock, session_factory: Factory, demo: Demo
) -> None:
    await asks_for_check_in(session_factory, demo.small_room)
    await add_promo(session_factory, "FREE", value=100)
    booking = await book(
        container, ANNA, demo.small_room, at(date(2026, 12, 1), 13), promo_code="FREE"
    )
    clock.current = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    async with container() as request:
        assert await (await request.get(BookingTimers)).mark_no_shows() == 0
    assert await status_of(session_factory, booking.id) is BookingStatus.CONFIRMED
