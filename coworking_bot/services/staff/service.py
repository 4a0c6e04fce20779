"""Staff and their roles. Owners are ADMIN_TELEGRAM_ID; every change is audited.

Every method takes the actor and checks MANAGE_STAFF first, so a replayed or crafted button
can never reach a change the actor is not allowed to make.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coworking_bot.domain.enums import Language, Permission, StaffRole
from coworking_bot.domain.errors import (
    CannotChangeOwner,
    CannotChangeSelf,
    InvalidRole,
    InvalidTelegramId,
    PermissionDenied,
    StaffNotFound,
)
from coworking_bot.domain.permissions import ASSIGNABLE_ROLES
from coworking_bot.domain.users import Actor, StaffMember, parse_telegram_id
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.staff.ports import AuditLog, StaffRepository
from coworking_bot.services.staff.roster import StaffRoster
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class StaffCard:
    """One staff member as the owner sees them."""

    member: StaffMember
    added_by_name: str | None

    @property
    def is_owner(self) -> bool:
        return self.member.role is StaffRole.OWNER


@dataclass(frozen=True, slots=True)
class RoleChange:
    member: StaffMember
    before: StaffRole | None

    @property
    def added(self) -> bool:
        return self.before is None

    @property
    def changed(self) -> bool:
        return self.before is not self.member.role


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone an owner is about to add or re-role; `current` is their role today, if any."""

    telegram_id: int
    name: str | None
    current: StaffRole | None


class StaffService:
    def __init__(
        self,
        staff: StaffRepository,
        users: UserRepository,
        audit: AuditLog,
        uow: UnitOfWork,
        notifier: Notifier,
        owner_ids: frozenset[int],
        default_language: Language,
        roster: StaffRoster | None = None,
    ) -> None:
        self._staff = staff
        self._users = users
        self._audit = audit
        self._uow = uow
        self._notifier = notifier
        self._owner_ids = owner_ids
        self._default_language = default_language
        self._roster = roster

    async def actor(self, telegram_id: int) -> Actor:
        """Who this Telegram user is to the staff side: an owner, a role, or nobody.

        Someone the roster does not know is nobody, with no query: a role taken away counts at
        once (members are read from the database), one given counts at once in this process and
        within the roster's refresh interval in another."""
        if telegram_id in self._owner_ids:
            return Actor(telegram_id, StaffRole.OWNER)
        if self._roster is not None and not await self._roster.contains(telegram_id, self._staff):
            return Actor(telegram_id, None)
        member = await self._staff.get(telegram_id)
        return Actor(telegram_id, member.role if member else None)

    async def list_staff(self, actor: Actor) -> Sequence[StaffMember]:
        """Owners first (from the settings), then everyone added in the bot."""
        self._require(actor, Permission.MANAGE_STAFF)
        members = list(await self._staff.list())
        owners = [await self._owner(owner) for owner in sorted(self._owner_ids)]
        return owners + [m for m in members if m.telegram_id not in self._owner_ids]

    async def member(self, actor: Actor, telegram_id: int | str) -> StaffCard:
        self._require(actor, Permission.MANAGE_STAFF)
        telegram_id = _valid_id(telegram_id)
        if telegram_id in self._owner_ids:
            return StaffCard(await self._owner(telegram_id), None)
        member = await self._staff.get(telegram_id)
        if member is None:
            raise StaffNotFound()
        adder = await self._users.get_by_telegram_id(member.added_by) if member.added_by else None
        return StaffCard(member, adder.full_name if adder else None)

    async def candidate(self, actor: Actor, telegram_id: int | str) -> Candidate:
        """Checks that this person can be given a role by this actor, before a role is chosen."""
        self._require(actor, Permission.MANAGE_STAFF)
        telegram_id = self._changeable(actor, telegram_id)
        member = await self._staff.get(telegram_id)
        user = await self._users.get_by_telegram_id(telegram_id)
        return Candidate(
            telegram_id,
            name=user.full_name if user else None,
            current=member.role if member else None,
        )

    async def set_role(
        self, actor: Actor, telegram_id: int | str, role: StaffRole | str
    ) -> RoleChange:
        """Add a staff member, or change their role. Setting the same role again changes nothing."""
        self._require(actor, Permission.MANAGE_STAFF)
        telegram_id = self._changeable(actor, telegram_id)
        role = _assignable(role)
        async with self._uow.write():
            before = await self._staff.get(telegram_id)
            if before is not None and before.role is role:
                return RoleChange(before, before.role)
            member = await self._staff.save(telegram_id, role, added_by=actor.telegram_id)
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="staff.add" if before is None else "staff.role",
                target_type="staff",
                target_id=telegram_id,
                details={"role": role.value, "before": before.role.value if before else None},
            )
            key = "staff-you-were-added" if before is None else "staff-your-role-changed"
            await self._notify(telegram_id, key, role=role.value)
        self._roster_changed()
        return RoleChange(member, before.role if before else None)

    async def remove(self, actor: Actor, telegram_id: int | str) -> StaffMember:
        self._require(actor, Permission.MANAGE_STAFF)
        telegram_id = self._changeable(actor, telegram_id)
        async with self._uow.write():
            before = await self._staff.get(telegram_id)
            if before is None or not await self._staff.remove(telegram_id):
                raise StaffNotFound()
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="staff.remove",
                target_type="staff",
                target_id=telegram_id,
                details={"role": before.role.value},
            )
            await self._notify(telegram_id, "staff-you-were-removed")
        self._roster_changed()
        return before

    def _roster_changed(self) -> None:
        if self._roster is not None:
            self._roster.invalidate()

    async def _owner(self, telegram_id: int) -> StaffMember:
        user = await self._users.get_by_telegram_id(telegram_id)
        return StaffMember(
            telegram_id, StaffRole.OWNER, None, None, name=user.full_name if user else None
        )

    async def _notify(self, telegram_id: int, key: str, role: str = "") -> None:
        user = await self._users.get_by_telegram_id(telegram_id)
        language = user.language if user else self._default_language
        await self._notifier.notify(telegram_id, language, key, {"role": role})

    def _changeable(self, actor: Actor, telegram_id: int | str) -> int:
        telegram_id = _valid_id(telegram_id)
        if telegram_id in self._owner_ids:
            raise CannotChangeOwner()
        if telegram_id == actor.telegram_id:
            raise CannotChangeSelf()
        return telegram_id

    @staticmethod
    def _require(actor: Actor, permission: Permission) -> None:
        if not actor.can(permission):
            raise PermissionDenied()


def _valid_id(telegram_id: int | str) -> int:
    """A Telegram user id, from digits typed by a person or from a button's data."""
    text = str(telegram_id).strip()
    # `str.isdigit` also takes "²" or "١", which `int` then refuses or reads unexpectedly.
    if not text.isascii():
        raise InvalidTelegramId()
    return parse_telegram_id(text)


def _assignable(role: StaffRole | str) -> StaffRole:
    try:
        role = StaffRole(role)
    except ValueError:
        raise InvalidRole() from None
    if role not in ASSIGNABLE_ROLES:
        raise CannotChangeOwner()
    return role
