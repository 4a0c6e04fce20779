"""Bans are the services' own rule, not only the middleware's: a banned client can book, pay,
cancel, move or join a waitlist nowhere, a ban written by another process counts at once, staff
cannot confirm a banned client's booking, and the in-process user cache forgets within seconds."""

from __future__ import annotations

import pytest
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.db.models import UserRow
from coworking_bot.db.repositories.users import SqlUserRepository
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.booking import BookingStatus, ClientBanned
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import UserBanned
from coworking_bot.domain.users import Actor
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    at,
    book,
    booking_service,
    bookings,
)
from tests.unit.payment_helpers import ANNA, Factory, pay, seed_clients


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


async def ban(session_factory: Factory, telegram_id: int) -> None:
    """As another process would: straight into the database, past this one's caches."""
    async with session_factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == telegram_id).values(is_banned=True)
        )
        await session.commit()


async def test_a_ban_written_elsewhere_stops_every_client_action_at_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    held = await book(container, ANNA, demo.small_room, at(DAY, 10))
    await ban(session_factory, ANNA)

    with pytest.raises(UserBanned):
        await book(container, ANNA, demo.small_room, at(DAY, 14))
    with pytest.raises(UserBanned):
        await pay(container, ANNA, held.id)
    async with booking_service(container) as service:
        with pytest.raises(UserBanned):
            await service.cancel(ANNA, held.id)
        with pytest.raises(UserBanned):
            await service.move(ANNA, held.id, at(DAY, 16))
        with pytest.raises(UserBanned):
            await service.join_waitlist(ANNA, demo.small_room, at(DAY, 10), 1)
    [row] = await bookings(session_factory)
    assert (row.status, row.starts_at) == (BookingStatus.HELD, at(DAY, 10))


async def test_staff_cannot_confirm_a_banned_clients_booking_but_may_reject_it(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    await ban(session_factory, ANNA)
    owner = Actor(1000, StaffRole.OWNER)
    async with booking_service(container) as service:
        with pytest.raises(ClientBanned):
            await service.confirm(owner, office.id)
    async with booking_service(container) as service:
        rejected = await service.reject(owner, office.id)
    assert rejected.status is BookingStatus.CANCELLED


async def test_the_user_cache_forgets_within_its_ttl(session_factory: Factory, demo: Demo) -> None:
    now = [0.0]
    cache = UserCache(ttl=5, monotonic=lambda: now[0])
    async with session_factory() as session:
        assert await SqlUserRepository(session, cache).get_by_telegram_id(ANNA) is not None
    await ban(session_factory, ANNA)
    now[0] = 4.9
    async with session_factory() as session:
        cached = await SqlUserRepository(session, cache).get_by_telegram_id(ANNA)
    assert cached is not None
    assert not cached.is_banned  # still the copy from before, for at most the ttl
    now[0] = 5.0
    async with session_factory() as session:
        later = await SqlUserRepository(session, cache).get_by_telegram_id(ANNA)
    assert later is not None
    assert later.is_banned
    # A use case acting for the user never waits for the ttl.
    await ban(session_factory, ANNA)
    async with session_factory() as session:
        fresh = await SqlUserRepository(session, cache).get_by_telegram_id(ANNA, fresh=True)
    assert fresh is not None
    assert fresh.is_banned
