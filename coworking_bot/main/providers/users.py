"""dishka providers for users: registration, profiles, referrals, clients as staff see them."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.config import Settings
from coworking_bot.db.repositories.clients import SqlClientDirectory
from coworking_bot.db.repositories.users import SqlReferralRepository, SqlUserRepository
from coworking_bot.db.user_cache import UserCache
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog, StaffRepository
from coworking_bot.services.users.clients import ClientDesk
from coworking_bot.services.users.ports import (
    ClientDirectory,
    ReferralRepository,
    UserRepository,
)
from coworking_bot.services.users.profile import ProfileService
from coworking_bot.services.users.registration import RegistrationService


class UsersProvider(Provider):
    scope = Scope.REQUEST

    @provide
    def users(self, session: AsyncSession, cache: UserCache, settings: Settings) -> UserRepository:
        # A SQLite file has one writer process, so users may be served from memory.
        return SqlUserRepository(session, cache if settings.is_sqlite else None)

    referrals = provide(SqlReferralRepository, provides=ReferralRepository)
    directory = provide(SqlClientDirectory, provides=ClientDirectory)
    profile = provide(ProfileService)

    @provide
    def clients(
        self,
        users: UserRepository,
        directory: ClientDirectory,
        staff: StaffRepository,
        audit: AuditLog,
        notifier: Notifier,
        uow: UnitOfWork,
        clock: Clock,
        settings: Settings,
    ) -> ClientDesk:
        return ClientDesk(
            users, directory, staff, audit, notifier, uow, clock, owner_ids=settings.owner_ids
        )

    @provide
    def registration(
        self,
        users: UserRepository,
        referrals: ReferralRepository,
        uow: UnitOfWork,
        clock: Clock,
        notifier: Notifier,
        settings: Settings,
    ) -> RegistrationService:
        return RegistrationService(
            users, referrals, uow, clock, notifier, default_language=settings.default_language_enum
        )
