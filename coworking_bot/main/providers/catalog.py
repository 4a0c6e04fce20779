"""dishka providers for the catalog: spaces and tariffs."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from coworking_bot.db.repositories.catalog import SqlCatalogReader, SqlCatalogRepository
from coworking_bot.services.catalog.admin import CatalogAdmin
from coworking_bot.services.catalog.ports import CatalogReader, CatalogRepository
from coworking_bot.services.catalog.service import CatalogService


class CatalogProvider(Provider):
    scope = Scope.REQUEST

    catalog_reader = provide(SqlCatalogReader, provides=CatalogReader)
    catalog = provide(CatalogService)
    catalog_repository = provide(SqlCatalogRepository, provides=CatalogRepository)
    catalog_admin = provide(CatalogAdmin)
