"""dishka providers for staff: roles, the roster of who is staff, the audit log."""

from __future__ import annotations

from dishka import AnyOf, Provider, Scope, from_context, provide

from coworking_bot.config import Settings
from coworking_bot.db.repositories.staff import SqlAuditLog, SqlStaffRepository
from coworking_bot.domain.users import Actor, Caller
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.staff.audit import AuditService
from coworking_bot.services.staff.ports import AuditLog, AuditReader, StaffRepository
from coworking_bot.services.staff.roster import StaffRoster
from coworking_bot.services.staff.service import StaffService
from coworking_bot.services.users.ports import UserRepository


class StaffProvider(Provider):
    scope = Scope.REQUEST

    staff_members = provide(SqlStaffRepository, provides=StaffRepository)
    audit = provide(SqlAuditLog, provides=AnyOf[AuditLog, AuditReader])
    audit_service = provide(AuditService)

    @provide(scope=Scope.APP)
    def roster(self, settings: Settings) -> StaffRoster:
        return StaffRoster(settings.owner_ids)

    caller = from_context(provides=Caller, scope=Scope.REQUEST)

    @provide
    async def actor(self, caller: Caller, staff: StaffService) -> Actor:
        """Who is asking, resolved once per update or request."""
        return await staff.actor(caller.telegram_id)

    @provide
    def staff(
        self,
        staff: StaffRepository,
        users: UserRepository,
        audit: AuditLog,
        uow: UnitOfWork,
        notifier: Notifier,
        settings: Settings,
        roster: StaffRoster,
    ) -> StaffService:
        return StaffService(
            staff,
            users,
            audit,
            uow,
            notifier,
            owner_ids=settings.owner_ids,
            default_language=settings.default_language_enum,
            roster=roster,
        )
