"""StaffService over the real repositories and database; Telegram is the recording border."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow, StaffMemberRow
from coworking_bot.db.repositories.outbox import SqlOutbox
from coworking_bot.db.repositories.staff import SqlAuditLog, SqlStaffRepository
from coworking_bot.db.repositories.users import SqlUserRepository
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.errors import (
    CannotChangeOwner,
    CannotChangeSelf,
    DomainError,
    InvalidRole,
    InvalidTelegramId,
    PermissionDenied,
    StaffNotFound,
)
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.staff.service import StaffService
from tests.conftest import FakeClock
from tests.fakes.telegram import RecordingSession

OWNER_ID = 1000
SECOND_OWNER_ID = 1001
MEMBER_ID = 2001
OWNER = Actor(OWNER_ID, StaffRole.OWNER)


@pytest.fixture
async def service(
    session_factory: async_sessionmaker[AsyncSession],
    telegram: RecordingSession,
    clock: FakeClock,
) -> AsyncIterator[tuple[StaffService, RecordingSession]]:
    """The service and the Telegram border its notices reach once `outbox` delivers them."""
    recorded = telegram
    async with session_factory() as session:
        yield (
            StaffService(
                SqlStaffRepository(session),
                SqlUserRepository(session),
                SqlAuditLog(session),
                SqlUnitOfWork(session),
                SqlOutbox(session, clock),
                owner_ids=frozenset({OWNER_ID, SECOND_OWNER_ID}),
                default_language=Language.RU,
            ),
            recorded,
        )


async def _staff(factory: async_sessionmaker[AsyncSession]) -> dict[int, StaffRole]:
    async with factory() as session:
        return {row.telegram_id: row.role for row in await session.scalars(select(StaffMemberRow))}


async def _audit(factory: async_sessionmaker[AsyncSession]) -> list[tuple[Any, ...]]:
    async with factory() as session:
        rows = await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id))
        return [(r.actor_telegram_id, r.action, r.target_id, r.details) for r in rows]


async def _seed_member(factory: async_sessionmaker[AsyncSession], role: StaffRole) -> None:
    async with factory() as session:
        session.add(StaffMemberRow(telegram_id=MEMBER_ID, role=role, added_by=OWNER_ID))
        await session.commit()


async def test_actor_knows_owners_members_and_strangers(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    staff, _ = service
    await _seed_member(session_factory, StaffRole.SUPPORT)
    assert await staff.actor(OWNER_ID) == OWNER
    assert await staff.actor(MEMBER_ID) == Actor(MEMBER_ID, StaffRole.SUPPORT)
    assert await staff.actor(5) == Actor(5, None)


@pytest.mark.parametrize(
    "actor",
    [
        Actor(5, None),
        Actor(MEMBER_ID, StaffRole.ADMIN),
        Actor(MEMBER_ID, StaffRole.MANAGER),
        Actor(MEMBER_ID, StaffRole.SUPPORT),
    ],
    ids=["stranger", "admin", "manager", "support"],
)
@pytest.mark.parametrize(
    "call",
    ["list_staff", "member", "candidate", "set_role", "remove"],
)
async def test_every_method_needs_manage_staff(
    actor: Actor,
    call: str,
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
    outbox: OutboxSender,
) -> None:
    staff, recorded = service
    await _seed_member(session_factory, StaffRole.SUPPORT)
    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "list_staff": lambda: staff.list_staff(actor),
        "member": lambda: staff.member(actor, MEMBER_ID),
        "candidate": lambda: staff.candidate(actor, 3001),
        "set_role": lambda: staff.set_role(actor, MEMBER_ID, StaffRole.ADMIN),
        "remove": lambda: staff.remove(actor, MEMBER_ID),
    }
    with pytest.raises(PermissionDenied):
        await calls[call]()
    assert await _staff(session_factory) == {MEMBER_ID: StaffRole.SUPPORT}
    assert await _audit(session_factory) == []
    await outbox.deliver_due()
    assert recorded.calls == []


async def test_list_puts_owners_first(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    staff, _ = service
    await _seed_member(session_factory, StaffRole.MANAGER)
    listed = await staff.list_staff(OWNER)
    assert [(m.telegram_id, m.role) for m in listed] == [
        (OWNER_ID, StaffRole.OWNER),
        (SECOND_OWNER_ID, StaffRole.OWNER),
        (MEMBER_ID, StaffRole.MANAGER),
    ]


async def test_set_role_adds_changes_and_audits(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
    outbox: OutboxSender,
) -> None:
    staff, recorded = service
    added = await staff.set_role(OWNER, MEMBER_ID, StaffRole.MANAGER)
    assert added.added
    changed = await staff.set_role(OWNER, str(MEMBER_ID), "admin")
    assert changed.changed
    assert not changed.added
    same = await staff.set_role(OWNER, MEMBER_ID, StaffRole.ADMIN)
    assert not same.changed

    assert await _staff(session_factory) == {MEMBER_ID: StaffRole.ADMIN}
    assert await _audit(session_factory) == [
        (OWNER_ID, "staff.add", "2001", {"role": "manager", "before": None}),
        (OWNER_ID, "staff.role", "2001", {"role": "admin", "before": "manager"}),
    ]
    await outbox.deliver_due()
    assert recorded.sent_texts(MEMBER_ID) == [
        "👋 Вас добавили в команду коворкинга. Ваша роль: менеджер. "
        "Отправьте /admin, чтобы открыть режим администратора.",
        "✏️ Ваша роль в команде коворкинга изменилась, теперь это: администратор. "
        "Отправьте /admin, чтобы открыть режим администратора.",
    ]

    card = await staff.member(OWNER, MEMBER_ID)
    assert card.member.role is StaffRole.ADMIN
    assert card.member.added_by == OWNER_ID


async def test_remove_deletes_audits_and_tells_them(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
    outbox: OutboxSender,
) -> None:
    staff, recorded = service
    await _seed_member(session_factory, StaffRole.SUPPORT)
    removed = await staff.remove(OWNER, MEMBER_ID)
    assert removed.role is StaffRole.SUPPORT
    assert await _staff(session_factory) == {}
    assert await _audit(session_factory) == [
        (OWNER_ID, "staff.remove", "2001", {"role": "support"})
    ]
    await outbox.deliver_due()
    assert len(recorded.sent_texts(MEMBER_ID)) == 1

    with pytest.raises(StaffNotFound):
        await staff.remove(OWNER, MEMBER_ID)
    with pytest.raises(StaffNotFound):
        await staff.member(OWNER, MEMBER_ID)
    assert len(await _audit(session_factory)) == 1


@pytest.mark.parametrize("target", [OWNER_ID, SECOND_OWNER_ID])
async def test_owners_cannot_be_changed(
    target: int,
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    staff, _ = service
    with pytest.raises(CannotChangeOwner):
        await staff.candidate(OWNER, target)
    with pytest.raises(CannotChangeOwner):
        await staff.set_role(OWNER, target, StaffRole.SUPPORT)
    with pytest.raises(CannotChangeOwner):
        await staff.remove(OWNER, target)
    assert await _staff(session_factory) == {}
    assert await _audit(session_factory) == []


async def test_nobody_changes_themselves(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    staff, _ = service
    # A staff manager who is not in the settings (say, owners were edited since): still no.
    actor = Actor(MEMBER_ID, StaffRole.OWNER)
    await _seed_member(session_factory, StaffRole.ADMIN)
    with pytest.raises(CannotChangeSelf):
        await staff.set_role(actor, MEMBER_ID, StaffRole.SUPPORT)
    with pytest.raises(CannotChangeSelf):
        await staff.remove(actor, MEMBER_ID)
    assert await _staff(session_factory) == {MEMBER_ID: StaffRole.ADMIN}


async def test_owner_role_cannot_be_handed_out_and_unknown_roles_are_refused(
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    staff, _ = service
    with pytest.raises(CannotChangeOwner):
        await staff.set_role(OWNER, MEMBER_ID, StaffRole.OWNER)
    with pytest.raises(InvalidRole):
        await staff.set_role(OWNER, MEMBER_ID, "boss")
    assert await _staff(session_factory) == {}


@pytest.mark.parametrize(
    "raw",
    ["abc", "0", 0, "-5", -5, "12 34", "", "12345678901234567890", 10**19, "١٢٣", "²"],
)
async def test_invalid_ids_are_rejected_with_a_clear_message(
    raw: int | str,
    service: tuple[StaffService, RecordingSession],
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
) -> None:
    staff, _ = service
    for call in (
        lambda: staff.candidate(OWNER, raw),
        lambda: staff.set_role(OWNER, raw, StaffRole.MANAGER),
        lambda: staff.remove(OWNER, raw),
        lambda: staff.member(OWNER, raw),
    ):
        with pytest.raises(InvalidTelegramId) as caught:
            await call()
        assert _message(caught.value, translations, Language.RU).startswith("Telegram ID")
        assert "123456789" in _message(caught.value, translations, Language.EN)
    assert await _staff(session_factory) == {}
    assert await _audit(session_factory) == []


def _message(error: DomainError, translations: Translations, language: Language) -> str:
    return translations(language).get(error.key, **error.params)
