"""What the catalog use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from coworking_bot.domain.catalog import SpaceTariffs


class CatalogReader(Protocol):
    async def active_tariffs(self) -> Sequence[SpaceTariffs]: ...
