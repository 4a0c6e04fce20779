"""Promo codes and their redemptions in SQL: every use is taken and given back by a
conditional update. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    PromoCodeRow,
    PromoRedemptionRow,
)
from coworking_bot.domain.promo import PromoCode


def promo_from_row(row: PromoCodeRow) -> PromoCode:
    return PromoCode(
        id=row.id,
        code=row.code,
        kind=row.kind,
        value=row.value,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        max_uses=row.max_uses,
        uses=row.uses,
        per_user_limit=row.per_user_limit,
        tariff_ids=tuple(row.tariff_ids) if row.tariff_ids is not None else None,
        first_booking_only=row.first_booking_only,
        is_active=row.is_active,
    )


class SqlPromoRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_code(self, code: str) -> PromoCode | None:
        row = await self._session.scalar(select(PromoCodeRow).where(PromoCodeRow.code == code))
        return promo_from_row(row) if row else None

    async def by_id(self, promo_id: int) -> PromoCode | None:
        row = await self._session.get(PromoCodeRow, promo_id, populate_existing=True)
        return promo_from_row(row) if row else None

    async def reclaim(self, booking_id: int) -> bool:
        """Take back the use a booking gave up when it expired (its money came late); False
        when the code has no use left or the booking never had one."""
        promo_id = await self._session.scalar(
            select(PromoRedemptionRow.promo_code_id).where(
                PromoRedemptionRow.booking_id == booking_id,
                PromoRedemptionRow.released_at.is_not(None),
            )
        )
        if promo_id is None or not await self._take_use(promo_id):
            return False
        await self._session.execute(
            update(PromoRedemptionRow)
            .where(PromoRedemptionRow.booking_id == booking_id)
            .values(released_at=None)
        )
        return True

    async def used_by(self, promo_id: int, user_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(PromoRedemptionRow)
            .where(
                PromoRedemptionRow.promo_code_id == promo_id,
                PromoRedemptionRow.user_id == user_id,
                PromoRedemptionRow.released_at.is_(None),
            )
        )
        return int(count or 0)

    async def redeem(self, promo_id: int, user_id: int, booking_id: int) -> bool:
        """Take one use for the booking; False when the last use went meanwhile."""
        if not await self._take_use(promo_id):
            return False
        self._session.add(
            PromoRedemptionRow(promo_code_id=promo_id, user_id=user_id, booking_id=booking_id)
        )
        await self._session.flush()
        return True

    async def _take_use(self, promo_id: int) -> bool:
        """One use of an active code by a conditional update: two bookings racing for its last
        use cannot both get it."""
        result = await self._session.execute(
            update(PromoCodeRow)
            .where(
                PromoCodeRow.id == promo_id,
                PromoCodeRow.is_active.is_(True),
                (PromoCodeRow.max_uses.is_(None)) | (PromoCodeRow.uses < PromoCodeRow.max_uses),
            )
            .values(uses=PromoCodeRow.uses + 1)
        )
        return bool(getattr(result, "rowcount", 0))

    async def release(self, booking_id: int, now: datetime) -> None:
        """Give the booking's use back (cancelled or expired); doing it twice changes nothing."""
        result = await self._session.execute(
            update(PromoRedemptionRow)
            .where(
                PromoRedemptionRow.booking_id == booking_id,
                PromoRedemptionRow.released_at.is_(None),
            )
            .values(released_at=now)
            .returning(PromoRedemptionRow.promo_code_id)
        )
        promo_id = result.scalar_one_or_none()
        if promo_id is not None:
            await self._session.execute(
                update(PromoCodeRow)
                .where(PromoCodeRow.id == promo_id, PromoCodeRow.uses > 0)
                .values(uses=PromoCodeRow.uses - 1)
            )
