"""Spaces and tariffs in SQL. Never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    BookingRow,
    SpaceRow,
    TariffRow,
)
from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import LIVE_STATUSES
from coworking_bot.domain.catalog import (
    SPACE_FIELDS,
    TARIFF_FIELDS,
    Space,
    SpaceTariffs,
    Tariff,
    VolumeDiscount,
)

_LIVE = tuple(LIVE_STATUSES)


def space_from_row(row: SpaceRow) -> Space:
    return Space(
        id=row.id,
        name=row.name,
        name_en=row.name_en,
        kind=row.kind,
        capacity=row.capacity,
        description=row.description,
        description_en=row.description_en,
        opening_hours=dict(row.opening_hours or {}),
        slot_step_minutes=row.slot_step_minutes,
        buffer_minutes=row.buffer_minutes,
        booking_horizon_days=row.booking_horizon_days,
        min_lead_minutes=row.min_lead_minutes,
        is_active=row.is_active,
        photo_file_id=row.photo_file_id,
    )


def tariff_from_row(row: TariffRow) -> Tariff:
    discount = row.volume_discount
    return Tariff(
        id=row.id,
        space_id=row.space_id,
        name=row.name,
        name_en=row.name_en,
        description=row.description,
        description_en=row.description_en,
        unit=row.unit,
        price=row.price,
        min_duration=row.min_duration,
        max_duration=row.max_duration,
        volume_discount=(
            VolumeDiscount(from_units=discount["from_units"], percent=discount["percent"])
            if discount
            else None
        ),
        needs_confirmation=row.needs_confirmation,
        is_trial=row.is_trial,
        crm_service_id=row.crm_service_id,
        is_active=row.is_active,
        check_in_required=row.check_in_required,
    )


class SqlCatalogReader:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active_tariffs(self) -> Sequence[SpaceTariffs]:
        result = await self._session.execute(
            select(SpaceRow, TariffRow)
            .join(TariffRow, TariffRow.space_id == SpaceRow.id)
            .where(SpaceRow.is_active.is_(True), TariffRow.is_active.is_(True))
            .order_by(SpaceRow.sort_order, SpaceRow.id, TariffRow.sort_order, TariffRow.id)
        )
        grouped: dict[int, tuple[Space, list[Tariff]]] = {}
        for space_row, tariff_row in result.all():
            entry = grouped.setdefault(space_row.id, (space_from_row(space_row), []))
            entry[1].append(tariff_from_row(tariff_row))
        return [SpaceTariffs(space, tuple(tariffs)) for space, tariffs in grouped.values()]


def _columns(entity: Space | Tariff, fields: Iterable[str]) -> dict[str, Any]:
    values = {name: getattr(entity, name) for name in fields}
    discount = values.get("volume_discount")
    if isinstance(discount, VolumeDiscount):
        values["volume_discount"] = {
            "from_units": discount.from_units,
            "percent": discount.percent,
        }
    return values


class SqlCatalogRepository:
    """What staff read and change in the catalogue: every space and tariff, on or off."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def spaces(self, *, offset: int, limit: int) -> tuple[list[tuple[Space, int]], int]:
        """Spaces in the clients' order, each with how many active tariffs it has."""
        active = (
            select(func.count())
            .select_from(TariffRow)
            .where(TariffRow.space_id == SpaceRow.id, TariffRow.is_active.is_(True))
            .scalar_subquery()
        )
        total = await self._session.scalar(select(func.count()).select_from(SpaceRow))
        rows = await self._session.execute(
            select(SpaceRow, active)
            .order_by(SpaceRow.sort_order, SpaceRow.id)
            .offset(offset)
            .limit(limit)
        )
        return [(space_from_row(row), int(count)) for row, count in rows.all()], int(total or 0)

    async def space(self, space_id: int) -> Space | None:
        row = await self._session.get(SpaceRow, space_id, populate_existing=True)
        return space_from_row(row) if row else None

    async def tariffs(self, space_id: int, *, offset: int, limit: int) -> tuple[list[Tariff], int]:
        base = select(TariffRow).where(TariffRow.space_id == space_id)
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        rows = await self._session.scalars(
            base.order_by(TariffRow.sort_order, TariffRow.id).offset(offset).limit(limit)
        )
        return [tariff_from_row(row) for row in rows], int(total or 0)

    async def active_tariffs_of(self, space_id: int) -> list[Tariff]:
        rows = await self._session.scalars(
            select(TariffRow)
            .where(TariffRow.space_id == space_id, TariffRow.is_active.is_(True))
            .order_by(TariffRow.sort_order, TariffRow.id)
        )
        return [tariff_from_row(row) for row in rows]

    async def tariff(self, tariff_id: int) -> Tariff | None:
        row = await self._session.get(TariffRow, tariff_id, populate_existing=True)
        return tariff_from_row(row) if row else None

    async def space_names(self) -> dict[int, str]:
        rows = await self._session.execute(select(SpaceRow.id, SpaceRow.name))
        return {int(space_id): str(name) for space_id, name in rows.all()}

    async def tariff_names(self, space_id: int) -> dict[int, str]:
        rows = await self._session.execute(
            select(TariffRow.id, TariffRow.name).where(TariffRow.space_id == space_id)
        )
        return {int(tariff_id): str(name) for tariff_id, name in rows.all()}

    async def lock_space(self, space_id: int) -> None:
        """PostgreSQL: the row lock bookings of the space take too (SQLite's write transaction
        already serializes every writer)."""
        if self._session.bind is not None and self._session.bind.dialect.name != "sqlite":
            await self._session.execute(
                select(SpaceRow.id).where(SpaceRow.id == space_id).with_for_update()
            )

    async def add_space(self, space: Space) -> Space:
        last = await self._session.scalar(select(func.max(SpaceRow.sort_order)))
        row = SpaceRow(**_columns(space, SPACE_FIELDS), sort_order=(last or 0) + 1, is_active=True)
        self._session.add(row)
        await self._session.flush()
        return space_from_row(row)

    async def update_space(self, space: Space, fields: Iterable[str]) -> None:
        """Writes the given fields of `space` (`is_active` among them, if asked)."""
        await self._session.execute(
            update(SpaceRow)
            .where(SpaceRow.id == space.id)
            .values(**_columns(space, fields))
            .execution_options(synchronize_session=False)
        )

    async def add_tariff(self, tariff: Tariff) -> Tariff:
        last = await self._session.scalar(
            select(func.max(TariffRow.sort_order)).where(TariffRow.space_id == tariff.space_id)
        )
        row = TariffRow(
            **_columns(tariff, TARIFF_FIELDS),
            space_id=tariff.space_id,
            sort_order=(last or 0) + 1,
            is_active=True,
        )
        self._session.add(row)
        await self._session.flush()
        return tariff_from_row(row)

    async def update_tariff(self, tariff: Tariff, fields: Iterable[str]) -> None:
        """Writes the given fields of `tariff` (`is_active` among them, if asked)."""
        await self._session.execute(
            update(TariffRow)
            .where(TariffRow.id == tariff.id)
            .values(**_columns(tariff, fields))
            .execution_options(synchronize_session=False)
        )

    async def live_intervals(self, space_id: int, after: datetime) -> list[Interval]:
        """The space's live bookings that have not ended by `after`."""
        rows = await self._session.execute(
            select(BookingRow.starts_at, BookingRow.ends_at).where(
                BookingRow.space_id == space_id,
                BookingRow.status.in_(_LIVE),
                BookingRow.ends_at > after,
            )
        )
        return [Interval(start, end) for start, end in rows.all()]

    async def live_bookings(
        self, after: datetime, *, space_id: int | None = None, tariff_id: int | None = None
    ) -> int:
        """Live bookings of a space or a tariff that have not ended by `after`."""
        query = (
            select(func.count())
            .select_from(BookingRow)
            .where(BookingRow.status.in_(_LIVE), BookingRow.ends_at > after)
        )
        if space_id is not None:
            query = query.where(BookingRow.space_id == space_id)
        if tariff_id is not None:
            query = query.where(BookingRow.tariff_id == tariff_id)
        return int(await self._session.scalar(query) or 0)

    async def bookings_of_tariff(self, tariff_id: int) -> int:
        """Every booking ever made on the tariff, whatever became of it."""
        count = await self._session.scalar(
            select(func.count()).select_from(BookingRow).where(BookingRow.tariff_id == tariff_id)
        )
        return int(count or 0)
