"""Clients as staff handle them (`ClientDesk`), over a real database: who may, whom a ban
reaches, that a client is told once, and that every change is audited."""

from __future__ import annotations

import pytest
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import AuditLogRow, UserRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import (
    CannotBanStaff,
    InvalidSearch,
    PermissionDenied,
    UserBanned,
    UserNotFound,
)
from coworking_bot.domain.users import Actor, SearchKind, client_query
from coworking_bot.services.users.clients import ClientDesk
from tests.conftest import OWNER_ID
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_staff,
    add_user,
    at,
    book,
    notices,
)
from tests.unit.payment_helpers import ANNA, Factory, seed_clients

MANAGER = Actor(3001, StaffRole.MANAGER)
SUPPORT = Actor(3002, StaffRole.SUPPORT)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


async def user_id_of(session_factory: Factory, telegram_id: int) -> int:
    async with session_factory() as session:
        found = await session.scalar(select(UserRow.id).where(UserRow.telegram_id == telegram_id))
    assert found is not None
    return int(found)


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("@Anna_K", SearchKind.USERNAME, "anna_k"),
        ("8 (916) 123-45-67", SearchKind.DIGITS, "79161234567"),
        ("+7 916 123-45-67", SearchKind.DIGITS, "79161234567"),
        ("  Анна   Пе ", SearchKind.NAME, "анна пе"),
    ],
)
def test_what_staff_type_to_find_a_client(raw: str, kind: SearchKind, value: str) -> None:
    query = client_query(raw)
    assert (query.kind, query.value) == (kind, value)


@pytest.mark.parametrize("raw", ["", "a", "123", "@", "@a b", "x" * 65])
def test_a_search_too_short_too_long_or_malformed_is_refused(raw: str) -> None:
    with pytest.raises(InvalidSearch):
        client_query(raw)


async def test_only_staff_who_manage_users_may(container: AsyncContainer, demo: Demo) -> None:
    async with container() as request:
        desk = await request.get(ClientDesk)
        for call in (
            desk.search(SUPPORT, "Анна"),
            desk.card(SUPPORT, 1),
            desk.ban(SUPPORT, 1, "why"),
            desk.unban(SUPPORT, 1),
            desk.set_note(SUPPORT, 1, "note"),
            desk.write(SUPPORT, 1, "hello"),
            desk.search(Actor(ANNA, None), "Анна"),
        ):
            with pytest.raises(PermissionDenied):
                await call


async def test_a_ban_stops_the_client_is_said_once_and_audited(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id_of(session_factory, ANNA)
    async with container() as request:
        desk = await request.get(ClientDesk)
        card = await desk.ban(MANAGER, anna, "  no-shows  ")
        assert card.user.is_banned
        assert card.facts.ban_reason == "no-shows"
        again = await desk.ban(MANAGER, anna, "another reason")
        assert again.facts.ban_reason == "no-shows"
    with pytest.raises(UserBanned):
        await book(container, ANNA, demo.small_room, at(DAY, 10))
    assert len(await notices(session_factory, "client-you-are-banned")) == 1

    async with container() as request:
        desk = await request.get(ClientDesk)
        await desk.unban(MANAGER, anna)
    await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with session_factory() as session:
        actions = list(await session.scalars(select(AuditLogRow.action)))
    assert actions == ["user.ban", "user.unban"]


async def test_staff_and_owners_are_not_banned_from_here(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_user(session_factory, OWNER_ID, name="Owner")
    await add_user(session_factory, 3003, name="Support Sam")
    await add_staff(session_factory, 3003, StaffRole.SUPPORT)
    for telegram_id in (OWNER_ID, 3003):
        user_id = await user_id_of(session_factory, telegram_id)
        async with container() as request:
            desk = await request.get(ClientDesk)
            with pytest.raises(CannotBanStaff):
                await desk.ban(MANAGER, user_id, "reason")


async def test_an_unknown_client_is_not_found(container: AsyncContainer, demo: Demo) -> None:
    async with container() as request:
        desk = await request.get(ClientDesk)
        with pytest.raises(UserNotFound):
            await desk.card(MANAGER, 10**9)
        with pytest.raises(UserNotFound):
            await desk.write(MANAGER, 10**9, "hello")
