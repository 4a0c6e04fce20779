"""What the catalog use cases need from storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.catalog import Space, SpaceTariffs, Tariff


class CatalogReader(Protocol):
    async def active_tariffs(self) -> Sequence[SpaceTariffs]: ...


class CatalogRepository(Protocol):
    """Every space and tariff, on or off, as staff read and change them."""

    async def spaces(self, *, offset: int, limit: int) -> tuple[list[tuple[Space, int]], int]:
        """Spaces in the clients' order, each with how many active tariffs it has; and how
        many spaces there are."""
        ...

    async def space(self, space_id: int) -> Space | None: ...

    async def tariffs(
        self, space_id: int, *, offset: int, limit: int
    ) -> tuple[list[Tariff], int]: ...

    async def active_tariffs_of(self, space_id: int) -> list[Tariff]: ...

    async def tariff(self, tariff_id: int) -> Tariff | None: ...

    async def space_names(self) -> dict[int, str]: ...

    async def tariff_names(self, space_id: int) -> dict[int, str]: ...

    async def lock_space(self, space_id: int) -> None:
        """Hold off bookings of the space until the transaction ends."""
        ...

    async def add_space(self, space: Space) -> Space: ...

    async def update_space(self, space: Space, fields: Iterable[str]) -> None: ...

    async def add_tariff(self, tariff: Tariff) -> Tariff: ...

    async def update_tariff(self, tariff: Tariff, fields: Iterable[str]) -> None: ...

    async def live_intervals(self, space_id: int, after: datetime) -> list[Interval]:
        """The space's live bookings that have not ended by `after`."""
        ...

    async def live_bookings(
        self, after: datetime, *, space_id: int | None = None, tariff_id: int | None = None
    ) -> int: ...

    async def bookings_of_tariff(self, tariff_id: int) -> int:
        """Every booking ever made on the tariff, whatever became of it."""
        ...
