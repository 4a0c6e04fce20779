"""Limits per client: once-per-user promo codes, first-booking codes and trials hold even when one
client books two spaces at the same moment (on PostgreSQL those run in parallel), and nobody can
keep more bookings waiting for payment or staff than MAX_WAITING_BOOKINGS."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from dishka import AsyncContainer

from coworking_bot.config import Settings
from coworking_bot.db.models import TariffRow
from coworking_bot.domain.booking import Booking, BookingStatus, TooManyWaiting, TrialUsed
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.promo import PromoAlreadyUsed, PromoFirstBookingOnly
from tests.conftest import without_payments
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    add_users,
    at,
    book,
    booking_service,
    bookings,
)
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import ANNA, Factory, seed_clients

CLIENTS = range(100, 112)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed_clients(session_factory)
    await add_users(session_factory, CLIENTS)
    return demo


async def both_at_once(
    container: AsyncContainer,
    telegram_id: int,
    first: tuple[int, int],
    second: tuple[int, int],
    **request: str,
) -> list[Booking | BaseException]:
    """Two bookings of one client on two spaces, started together: (tariff, hour) each, on a
    day of the client's own (so clients never compete for a place)."""
    day = DAY + timedelta(days=telegram_id - CLIENTS[0])
    return await asyncio.gather(
        book(container, telegram_id, first[0], at(day, first[1]), **request),
        book(container, telegram_id, second[0], at(day, second[1]), **request),
        return_exceptions=True,
    )


def outcome(results: list[Booking | BaseException]) -> list[str]:
    return sorted(
        type(result).__name__ if isinstance(result, BaseException) else "booked"
        for result in results
    )


async def test_a_once_per_user_code_is_used_once_by_two_bookings_at_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "ONCE", value=10, per_user_limit=1)
    for telegram_id in CLIENTS:
        results = await both_at_once(
            container,
            telegram_id,
            (demo.small_room, 10),
            (demo.large_room, 10),
            promo_code="ONCE",
        )
        assert outcome(results) == [PromoAlreadyUsed.__name__, "booked"], telegram_id


async def test_a_first_booking_code_serves_one_of_two_first_bookings_at_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FIRST", value=10, per_user_limit=5, first_booking_only=True)
    for telegram_id in CLIENTS:
        results = await both_at_once(
            container,
            telegram_id,
            (demo.small_room, 10),
            (demo.large_room, 10),
            promo_code="FIRST",
        )
        assert outcome(results) == [PromoFirstBookingOnly.__name__, "booked"], telegram_id


async def test_a_trial_is_taken_once_when_two_trials_are_booked_at_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    async with session_factory() as session:
        room_trial = TariffRow(
            space_id=demo.large_room_id,
            name="Пробный час",
            unit=TariffUnit.HOUR,
            price=0,
            is_trial=True,
        )
        session.add(room_trial)
        await session.commit()
        room_trial_id = room_trial.id
    for telegram_id in CLIENTS:
        results = await both_at_once(container, telegram_id, (demo.trial, 0), (room_trial_id, 15))
        assert outcome(results) == [TrialUsed.__name__, "booked"], telegram_id


# --- bookings that wait -------------------------------------------------------------------------


async def test_a_client_cannot_hold_more_than_max_waiting_bookings(
    settings: Settings, container_for: ContainerFor, session_factory: Factory, demo: Demo
) -> None:
    container = await container_for(settings.model_copy(update={"max_waiting_bookings": 3}))
    held = [await book(container, ANNA, demo.small_room, at(DAY, hour)) for hour in (10, 12, 14)]
    assert {booking.status for booking in held} == {BookingStatus.HELD}

    with pytest.raises(TooManyWaiting) as refused:
        await book(container, ANNA, demo.large_room, at(DAY, 10))
    assert refused.value.params == {"max": 3}
    assert len(await bookings(session_factory)) == 3

    # A weekly series that would go over the cap books nothing.
    async with booking_service(container) as service:
        await service.cancel(ANNA, held[0].id)
        dates = [at(DAY, 18) + timedelta(weeks=n) for n in range(2)]
        with pytest.raises(TooManyWaiting):
            await service.book_series(ANNA, demo.large_room, dates, 1)
    assert len([b for b in await bookings(session_factory) if b.status is BookingStatus.HELD]) == 2

    # Room again once one of them is paid or cancelled; others are not limited by Anna's.
    assert (await book(container, ANNA, demo.large_room, at(DAY, 10))).status is BookingStatus.HELD
    assert (await book(container, 100, demo.large_room, at(DAY, 12))).status is BookingStatus.HELD


async def test_requests_waiting_for_staff_count_too(
    settings: Settings, container_for: ContainerFor, session_factory: Factory, demo: Demo
) -> None:
    on_site = without_payments(settings).model_copy(update={"max_waiting_bookings": 2})
    container = await container_for(on_site)
    for hour in (10, 12):
        assert (await book(container, ANNA, demo.small_room, at(DAY, hour))).status is (
            BookingStatus.PENDING
        )
    with pytest.raises(TooManyWaiting):
        await book(container, ANNA, demo.small_room, at(DAY, 14))
    # A free booking waits for nobody: it is not limited.
    trial = await book(container, ANNA, demo.trial, at(DAY, 0))
    assert trial.status is BookingStatus.CONFIRMED
