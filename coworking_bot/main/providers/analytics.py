"""dishka providers for the owners' dashboard: its reads, who may see it, the exports and their
signed links."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from coworking_bot.config import Settings
from coworking_bot.db.repositories.analytics import SqlAnalytics, SqlReaderPool
from coworking_bot.db.repositories.exports import SqlExportRows
from coworking_bot.db.repositories.rollup import SqlRollup
from coworking_bot.services.analytics.access import DashboardAccess
from coworking_bot.services.analytics.dashboard import Dashboard
from coworking_bot.services.analytics.exports import Exports
from coworking_bot.services.analytics.links import ExportLinks, link_key
from coworking_bot.services.analytics.ports import AnalyticsReader, ExportReader, RollupStore
from coworking_bot.services.analytics.rollup import Rollup
from coworking_bot.services.common.ports import Clock, UnitOfWork

# Connections a process's dashboard reads may hold at once (the pool has 10, and 10 more on
# demand; the bot and the scheduler need theirs).
DASHBOARD_READERS = 8


class AnalyticsProvider(Provider):
    scope = Scope.REQUEST

    reader = provide(SqlAnalytics, provides=AnalyticsReader)
    export_rows = provide(SqlExportRows, provides=ExportReader)
    access = provide(DashboardAccess)
    rollup_store = provide(SqlRollup, provides=RollupStore)
    rollup = provide(Rollup)

    @provide(scope=Scope.APP)
    def reader_pool(self, factory: async_sessionmaker[AsyncSession]) -> SqlReaderPool | None:
        """A request's independent reads run at once, each on a pooled connection: PostgreSQL
        works on them in parallel, and so does SQLite's WAL (its reads let go of Python's lock
        while they step). Not where the engine has a single connection (an in-memory SQLite
        database). All the dashboards of a process share `DASHBOARD_READERS` connections."""
        engine = factory.kw.get("bind")
        if not isinstance(engine, AsyncEngine) or isinstance(
            engine.sync_engine.pool, StaticPool | SingletonThreadPool
        ):
            return None
        return SqlReaderPool(factory, DASHBOARD_READERS)

    @provide
    def dashboard(
        self, reader: AnalyticsReader, uow: UnitOfWork, tz: ZoneInfo, pool: SqlReaderPool | None
    ) -> Dashboard:
        return Dashboard(reader, uow, tz, pool)

    @provide(scope=Scope.APP)
    def links(self, settings: Settings) -> ExportLinks:
        secret = settings.secret_key.get_secret_value() if settings.secret_key else None
        return ExportLinks(link_key(secret, settings.token))

    @provide
    def exports(
        self,
        reader: ExportReader,
        uow: UnitOfWork,
        tz: ZoneInfo,
        links: ExportLinks,
        clock: Clock,
    ) -> Exports:
        return Exports(reader, uow, tz, links, clock)
