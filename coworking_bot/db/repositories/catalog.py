"""Spaces and tariffs in SQL. Never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    SpaceRow,
    TariffRow,
)
from coworking_bot.domain.catalog import Space, SpaceTariffs, Tariff, VolumeDiscount


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
