"""Staff and their roles. Owners are ADMIN_TELEGRAM_ID; every change is audited."""

from __future__ import annotations

from collections.abc import Sequence

from coworking_bot.domain.enums import Language, Permission, StaffRole
from coworking_bot.domain.errors import (
    CannotChangeOwner,
    CannotChangeSelf,
    PermissionDenied,
    StaffNotFound,
)
from coworking_bot.domain.permissions import ASSIGNABLE_ROLES
from coworking_bot.domain.users import Actor, StaffMember
from coworking_bot.services.ports import (
    AuditLog,
    Notifier,
    StaffRepository,
    UnitOfWork,
    UserRepository,
)


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
    ) -> None:
        self._staff = staff
        self._users = users
        self._audit = audit
        self._uow = uow
        self._notifier = notifier
        self._owner_ids = owner_ids
        self._default_language = default_language

    async def actor(self, telegram_id: int) -> Actor:
        """Who this Telegram user is to the staff side: an owner, a role, or nobody."""
        if telegram_id in self._owner_ids:
            return Actor(telegram_id, StaffRole.OWNER)
        member = await self._staff.get(telegram_id)
        return Actor(telegram_id, member.role if member else None)

    async def list_staff(self, actor: Actor) -> Sequence[StaffMember]:
        self._require(actor, Permission.MANAGE_STAFF)
        members = list(await self._staff.list())
        listed = {member.telegram_id for member in members}
        owners = [
            StaffMember(telegram_id=owner, role=StaffRole.OWNER, added_by=None, created_at=None)
            for owner in sorted(self._owner_ids)
            if owner not in listed
        ]
        return owners + [m for m in members if m.telegram_id not in self._owner_ids]

    async def member(self, actor: Actor, telegram_id: int) -> StaffMember:
        self._require(actor, Permission.MANAGE_STAFF)
        if telegram_id in self._owner_ids:
            return StaffMember(telegram_id, StaffRole.OWNER, None, None)
        member = await self._staff.get(telegram_id)
        if member is None:
            raise StaffNotFound()
        return member

    async def set_role(self, actor: Actor, telegram_id: int, role: StaffRole) -> StaffMember:
        """Add a staff member, or change their role."""
        self._require(actor, Permission.MANAGE_STAFF)
        if role not in ASSIGNABLE_ROLES or telegram_id in self._owner_ids:
            raise CannotChangeOwner()
        if telegram_id == actor.telegram_id:
            raise CannotChangeSelf()
        await self._uow.begin_write()
        before = await self._staff.get(telegram_id)
        member = await self._staff.save(telegram_id, role, added_by=actor.telegram_id)
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action="staff.add" if before is None else "staff.role",
            target_type="staff",
            target_id=telegram_id,
            details={"role": role.value, "before": before.role.value if before else None},
        )
        await self._uow.commit()
        if before is None or before.role is not role:
            user = await self._users.get_by_telegram_id(telegram_id)
            language = user.language if user else self._default_language
            await self._notifier.notify(
                telegram_id, language, "staff-you-were-added", role=role.value
            )
        return member

    async def remove(self, actor: Actor, telegram_id: int) -> None:
        self._require(actor, Permission.MANAGE_STAFF)
        if telegram_id in self._owner_ids:
            raise CannotChangeOwner()
        if telegram_id == actor.telegram_id:
            raise CannotChangeSelf()
        await self._uow.begin_write()
        before = await self._staff.get(telegram_id)
        if before is None or not await self._staff.remove(telegram_id):
            await self._uow.rollback()
            raise StaffNotFound()
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action="staff.remove",
            target_type="staff",
            target_id=telegram_id,
            details={"role": before.role.value},
        )
        await self._uow.commit()

    @staticmethod
    def _require(actor: Actor, permission: Permission) -> None:
        if not actor.can(permission):
            raise PermissionDenied()
