"""The catalogue as staff with MANAGE_CATALOG run it: spaces and tariffs made, changed and
switched off or on again.

Edits arrive as plain values (`space_values` keys) on top of what is saved, are checked whole
(`check_*`, nothing written) as staff type them, and again when saved, in one transaction that
writes only the fields that differ and audits what they were and became. Switching off keeps every
booking and says how many live ones there are; clients stop seeing it at once, as nothing caches
the catalogue."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Generic, TypeVar

from coworking_bot.domain.availability import peak_occupancy
from coworking_bot.domain.catalog import (
    CatalogNotFound,
    NameTaken,
    Space,
    Tariff,
    UnitLocked,
    check_capacity,
    check_space,
    check_tariff,
    differences,
    new_space,
    new_tariff,
    space_values,
    space_with,
    tariff_values,
    tariff_with,
)
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.services.catalog.ports import CatalogRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog

PAGE_SIZE = 6

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class SpaceItem:
    space: Space
    active_tariffs: int


@dataclass(frozen=True, slots=True)
class Page(Generic[Item]):
    items: Sequence[Item]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class SpaceCard:
    space: Space
    tariffs: Sequence[Tariff]  # the active ones, in the clients' order
    tariffs_total: int  # switched off ones too
    live_bookings: int  # live, not over yet


@dataclass(frozen=True, slots=True)
class TariffCard:
    tariff: Tariff
    space: Space
    live_bookings: int  # live, not over yet
    bookings: int  # ever made: once there is one, the unit stays


class CatalogAdmin:
    def __init__(
        self, catalog: CatalogRepository, audit: AuditLog, uow: UnitOfWork, clock: Clock
    ) -> None:
        self._catalog = catalog
        self._audit = audit
        self._uow = uow
        self._clock = clock

    async def spaces(self, actor: Actor, *, page: int) -> Page[SpaceItem]:
        """Every space, on or off, in the clients' order, paged in the database."""
        _require(actor)

        async def fetch(offset: int, limit: int) -> tuple[list[SpaceItem], int]:
            found, total = await self._catalog.spaces(offset=offset, limit=limit)
            return [SpaceItem(space, active) for space, active in found], total

        return await self._page(fetch, page)

    async def space(self, actor: Actor, space_id: int) -> SpaceCard:
        _require(actor)
        async with self._uow.read():
            space = await self._space(space_id)
            _, total = await self._catalog.tariffs(space_id, offset=0, limit=0)
            return SpaceCard(
                space,
                await self._catalog.active_tariffs_of(space_id),
                total,
                await self._catalog.live_bookings(self._clock.now(), space_id=space_id),
            )

    async def tariffs(self, actor: Actor, space_id: int, *, page: int) -> Page[Tariff]:
        """A space's tariffs, on or off, in the clients' order, paged in the database."""
        _require(actor)

        async def fetch(offset: int, limit: int) -> tuple[list[Tariff], int]:
            await self._space(space_id)
            return await self._catalog.tariffs(space_id, offset=offset, limit=limit)

        return await self._page(fetch, page)

    async def tariff(self, actor: Actor, tariff_id: int) -> TariffCard:
        _require(actor)
        async with self._uow.read():
            tariff = await self._tariff(tariff_id)
            return TariffCard(
                tariff,
                await self._space(tariff.space_id),
                await self._catalog.live_bookings(self._clock.now(), tariff_id=tariff_id),
                await self._catalog.bookings_of_tariff(tariff_id),
            )

    async def check_space(
        self, actor: Actor, space_id: int | None, edits: Mapping[str, Any]
    ) -> Space:
        """The space (None: a new one) as it would be saved with `edits`, every rule checked;
        nothing is written."""
        _require(actor)
        async with self._uow.read():
            return (await self._checked_space(space_id, edits))[0]

    async def save_space(
        self, actor: Actor, space_id: int | None, edits: Mapping[str, Any]
    ) -> Space:
        """Makes a new space (`space_id` None) or writes the fields `edits` change."""
        _require(actor)
        async with self._uow.write():
            if space_id is not None:
                await self._catalog.lock_space(space_id)
            space, current = await self._checked_space(space_id, edits)
            if current is None:
                saved = await self._catalog.add_space(space)
                await self._record_space(actor, "create", saved, {"after": space_values(saved)})
                return saved
            before, after = differences(space_values(current), space_values(space))
            if after:
                await self._catalog.update_space(space, after)
                await self._record_space(actor, "update", space, {"before": before, "after": after})
            return space

    async def switch_space(self, actor: Actor, space_id: int, *, active: bool) -> int:
        """Switches a space off (clients no longer see or book it) or on again. Its bookings
        stay as they are; returns how many live ones it has."""
        _require(actor)
        async with self._uow.write():
            space = await self._space(space_id)
            live = await self._catalog.live_bookings(self._clock.now(), space_id=space_id)
            if space.is_active is not active:
                await self._catalog.update_space(replace(space, is_active=active), ["is_active"])
                await self._record_space(
                    actor,
                    "activate" if active else "deactivate",
                    space,
                    {"before": space.is_active, "after": active, "live_bookings": live},
                )
            return live

    async def check_tariff(
        self, actor: Actor, space_id: int, tariff_id: int | None, edits: Mapping[str, Any]
    ) -> Tariff:
        """The tariff (None: a new one of the space) as it would be saved with `edits`, every
        rule checked; nothing is written."""
        _require(actor)
        async with self._uow.read():
            return (await self._checked_tariff(space_id, tariff_id, edits))[0]

    async def save_tariff(
        self, actor: Actor, space_id: int, tariff_id: int | None, edits: Mapping[str, Any]
    ) -> Tariff:
        """Makes a new tariff of the space (`tariff_id` None) or writes the fields `edits`
        change."""
        _require(actor)
        async with self._uow.write():
            await self._catalog.lock_space(space_id)
            tariff, current = await self._checked_tariff(space_id, tariff_id, edits)
            space = await self._space(space_id)
            if current is None:
                saved = await self._catalog.add_tariff(tariff)
                await self._record_tariff(
                    actor, "create", saved, space, {"after": tariff_values(saved)}
                )
                return saved
            before, after = differences(tariff_values(current), tariff_values(tariff))
            if after:
                await self._catalog.update_tariff(tariff, after)
                await self._record_tariff(
                    actor, "update", tariff, space, {"before": before, "after": after}
                )
            return tariff

    async def switch_tariff(self, actor: Actor, tariff_id: int, *, active: bool) -> int:
        """Switches a tariff off (clients no longer see or book it) or on again. Its bookings
        stay as they are; returns how many live ones it has."""
        _require(actor)
        async with self._uow.write():
            tariff = await self._tariff(tariff_id)
            space = await self._space(tariff.space_id)
            live = await self._catalog.live_bookings(self._clock.now(), tariff_id=tariff_id)
            if tariff.is_active is not active:
                await self._catalog.update_tariff(replace(tariff, is_active=active), ["is_active"])
                await self._record_tariff(
                    actor,
                    "activate" if active else "deactivate",
                    tariff,
                    space,
                    {"before": tariff.is_active, "after": active, "live_bookings": live},
                )
            return live

    async def _checked_space(
        self, space_id: int | None, edits: Mapping[str, Any]
    ) -> tuple[Space, Space | None]:
        current = await self._space(space_id) if space_id is not None else None
        space = space_with(current or new_space(), edits)
        check_space(space)
        if _taken(space.name, await self._catalog.space_names(), space.id):
            raise NameTaken(name=space.name)
        if current is not None and space.capacity < current.capacity:
            now = self._clock.now()
            busy = await self._catalog.live_intervals(space.id, now)
            until = max((interval.end for interval in busy), default=now) + timedelta(seconds=1)
            check_capacity(space.capacity, peak_occupancy(busy, now, until))
        return space, current

    async def _checked_tariff(
        self, space_id: int, tariff_id: int | None, edits: Mapping[str, Any]
    ) -> tuple[Tariff, Tariff | None]:
        space = await self._space(space_id)
        current = await self._tariff(tariff_id) if tariff_id is not None else None
        if current is not None and current.space_id != space.id:
            raise CatalogNotFound()
        tariff = tariff_with(current or new_tariff(space.id), edits)
        check_tariff(tariff)
        if _taken(tariff.name, await self._catalog.tariff_names(space.id), tariff.id):
            raise NameTaken(name=tariff.name)
        if current is not None and tariff.unit is not current.unit:
            made = await self._catalog.bookings_of_tariff(current.id)
            if made:
                raise UnitLocked(bookings=made)
        return tariff, current

    async def _space(self, space_id: int) -> Space:
        space = await self._catalog.space(space_id)
        if space is None:
            raise CatalogNotFound()
        return space

    async def _tariff(self, tariff_id: int) -> Tariff:
        tariff = await self._catalog.tariff(tariff_id)
        if tariff is None:
            raise CatalogNotFound()
        return tariff

    async def _page(
        self, fetch: Callable[[int, int], Awaitable[tuple[list[Item], int]]], page: int
    ) -> Page[Item]:
        """One page; past the end (rows gone meanwhile), the last page there is."""
        page = max(page, 0)
        async with self._uow.read():
            found, total = await fetch(page * PAGE_SIZE, PAGE_SIZE)
            pages = max(1, -(-total // PAGE_SIZE))
            if page >= pages:
                page = pages - 1
                found, total = await fetch(page * PAGE_SIZE, PAGE_SIZE)
        return Page(found, page, pages, total)

    async def _record_space(
        self, actor: Actor, verb: str, space: Space, details: dict[str, Any]
    ) -> None:
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action=f"catalog.space.{verb}",
            target_type="space",
            target_id=space.id,
            details={"name": space.name, **details},
        )

    async def _record_tariff(
        self, actor: Actor, verb: str, tariff: Tariff, space: Space, details: dict[str, Any]
    ) -> None:
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action=f"catalog.tariff.{verb}",
            target_type="tariff",
            target_id=tariff.id,
            details={"name": f"{space.name} · {tariff.name}", **details},
        )


def _taken(name: str, names: Mapping[int, str], own_id: int) -> bool:
    wanted = name.casefold()
    return any(
        other.casefold() == wanted for other_id, other in names.items() if other_id != own_id
    )


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_CATALOG):
        raise PermissionDenied()
