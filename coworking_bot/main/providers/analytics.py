"""dishka providers for the owners' dashboard: its reads, who may see it, the exports and their
signed links."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from dishka import Provider, Scope, provide
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.repositories.analytics import SqlAnalytics, SqlReaderPool
from coworking_bot.db.repositories.exports import SqlExportRows
from coworking_bot.services.analytics.access import DashboardAccess
from coworking_bot.services.analytics.dashboard import Dashboard
from coworking_bot.services.analytics.exports import Exports
from coworking_bot.services.analytics.links import ExportLinks, link_key
from coworking_bot.services.analytics.ports import AnalyticsReader, ExportReader
from coworking_bot.services.common.ports import Clock, UnitOfWork


class AnalyticsProvider(Provider):
    scope = Scope.REQUEST

    reader = provide(SqlAnalytics, provides=AnalyticsReader)
    export_rows = provide(SqlExportRows, provides=ExportReader)
    access = provide(DashboardAccess)

    @provide
    def dashboard(
        self,
        reader: AnalyticsReader,
        uow: UnitOfWork,
        tz: ZoneInfo,
        settings: Settings,
        factory: async_sessionmaker[AsyncSession],
    ) -> Dashboard:
        # A request's independent reads run at once, each on a pooled connection: PostgreSQL
        # works on them in parallel, and so does SQLite's WAL (its reads let go of Python's lock
        # while they step). Not on an in-memory SQLite database, whose connections don't share it.
        url = make_url(settings.database_url)
        in_memory = settings.is_sqlite and url.database in (None, "", ":memory:")
        return Dashboard(reader, uow, tz, None if in_memory else SqlReaderPool(factory))

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
