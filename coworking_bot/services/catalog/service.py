"""What can be booked: active spaces with their active tariffs."""

from __future__ import annotations

from collections.abc import Sequence

from coworking_bot.domain.catalog import SpaceTariffs
from coworking_bot.services.catalog.ports import CatalogReader


class CatalogService:
    def __init__(self, catalog: CatalogReader) -> None:
        self._catalog = catalog

    async def tariffs_by_space(self) -> Sequence[SpaceTariffs]:
        return await self._catalog.active_tariffs()
