"""dishka providers for what every area uses: settings, the bot, texts, the clock, the time zone,
one database session per update or request, its unit of work, and the outbox writer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot
from dishka import Provider, Scope, from_context, provide
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.adapters.clock import SystemClock
from coworking_bot.config import Settings
from coworking_bot.db.repositories.outbox import SqlOutbox, SqlOutboxArchive
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.db.user_cache import UserCache
from coworking_bot.i18n import Translations
from coworking_bot.i18n.formats import LocalPeriods
from coworking_bot.services.common.housekeeping import Housekeeping, OutboxArchive, Retention
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock, PeriodText, UnitOfWork


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

    @provide(scope=Scope.APP)
    def periods(self, translations: Translations, tz: ZoneInfo) -> PeriodText:
        return LocalPeriods(translations, tz)

    @provide(scope=Scope.APP)
    def user_cache(self) -> UserCache:
        return UserCache()

    @provide(scope=Scope.REQUEST)
    async def session(
        self, factory: async_sessionmaker[AsyncSession]
    ) -> AsyncIterator[AsyncSession]:
        async with factory() as session:
            yield session

    @provide(scope=Scope.REQUEST)
    def uow(self, session: AsyncSession, cache: UserCache, settings: Settings) -> UnitOfWork:
        return SqlUnitOfWork(session, cache if settings.is_sqlite else None)

    # Notices are outbox rows in the use case's transaction; `OutboxSender` delivers them.
    notifier = provide(SqlOutbox, provides=Notifier, scope=Scope.REQUEST)
    outbox_archive = provide(SqlOutboxArchive, provides=OutboxArchive, scope=Scope.REQUEST)
    housekeeping = provide(Housekeeping, scope=Scope.REQUEST)

    @provide(scope=Scope.APP)
    def retention(self, settings: Settings) -> Retention:
        return Retention(outbox=timedelta(days=settings.outbox_retention_days))
