"""dishka providers shared by the bot, the dialogs and the HTTP API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

from aiogram import Bot
from dishka import AsyncContainer, Provider, Scope, from_context, make_async_container, provide
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.adapters.clock import SystemClock
from coworking_bot.config import Settings
from coworking_bot.db.outbox_repository import SqlOutbox
from coworking_bot.db.repositories import (
    SqlAuditLog,
    SqlCatalogReader,
    SqlReferralRepository,
    SqlStaffRepository,
    SqlUnitOfWork,
    SqlUserRepository,
)
from coworking_bot.db.user_cache import UserCache
from coworking_bot.i18n import Translations
from coworking_bot.main.booking_provider import BookingProvider
from coworking_bot.main.payment_provider import PaymentProvider
from coworking_bot.services.catalog import CatalogService
from coworking_bot.services.ports import (
    AuditLog,
    CatalogReader,
    Clock,
    Notifier,
    ReferralRepository,
    StaffRepository,
    UnitOfWork,
    UserRepository,
)
from coworking_bot.services.profile import ProfileService
from coworking_bot.services.registration import RegistrationService
from coworking_bot.services.staff import StaffService
from coworking_bot.services.staff_roster import StaffRoster


class InfrastructureProvider(Provider):
    settings = from_context(Settings, scope=Scope.APP)
    bot = from_context(Bot, scope=Scope.APP)
    translations = from_context(Translations, scope=Scope.APP)
    session_factory = from_context(async_sessionmaker[AsyncSession], scope=Scope.APP)

    @provide(scope=Scope.APP)
    def clock(self) -> Clock:
        return SystemClock()

    @provide(scope=Scope.APP)
    def tz(self, settings: Settings) -> ZoneInfo:
        """The coworking's time zone (TIMEZONE)."""
        return settings.tz

    @provide(scope=Scope.REQUEST)
    async def session(
        self, factory: async_sessionmaker[AsyncSession]
    ) -> AsyncIterator[AsyncSession]:
        async with factory() as session:
            yield session


class RosterProvider(Provider):
    @provide(scope=Scope.APP)
    def roster(self, settings: Settings) -> StaffRoster:
        return StaffRoster(settings.owner_ids)


class RepositoryProvider(Provider):
    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def user_cache(self) -> UserCache:
        return UserCache()

    @provide
    def uow(self, session: AsyncSession, cache: UserCache, settings: Settings) -> UnitOfWork:
        return SqlUnitOfWork(session, cache if settings.is_sqlite else None)

    @provide
    def users(self, session: AsyncSession, cache: UserCache, settings: Settings) -> UserRepository:
        # A SQLite file has one writer process, so users may be served from memory.
        return SqlUserRepository(session, cache if settings.is_sqlite else None)

    referrals = provide(SqlReferralRepository, provides=ReferralRepository)
    staff = provide(SqlStaffRepository, provides=StaffRepository)
    audit = provide(SqlAuditLog, provides=AuditLog)
    catalog = provide(SqlCatalogReader, provides=CatalogReader)
    # Notices are outbox rows in the use case's transaction; `OutboxSender` delivers them.
    notifier = provide(SqlOutbox, provides=Notifier)


class ServiceProvider(Provider):
    scope = Scope.REQUEST

    catalog = provide(CatalogService)
    profile = provide(ProfileService)

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

    @provide
    def staff(
        self,
        staff: StaffRepository,
        users: UserRepository,
        audit: AuditLog,
        uow: UnitOfWork,
        notifier: Notifier,
        settings: Settings,
    ) -> StaffService:
        return StaffService(
            staff,
            users,
            audit,
            uow,
            notifier,
            owner_ids=settings.owner_ids,
            default_language=settings.default_language_enum,
        )


def create_container(
    settings: Settings,
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    *extra: Provider,
) -> AsyncContainer:
    """`extra` providers override the defaults (tests swap the clock this way)."""
    return make_async_container(
        InfrastructureProvider(),
        RepositoryProvider(),
        ServiceProvider(),
        RosterProvider(),
        BookingProvider(),
        PaymentProvider(),
        *extra,
        context={
            Settings: settings,
            Bot: bot,
            Translations: translations,
            async_sessionmaker[AsyncSession]: session_factory,
        },
    )
