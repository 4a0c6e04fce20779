"""Promo codes and their redemptions in SQL: every use is taken and given back by a
conditional update. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    BookingRow,
    PaymentRow,
    PromoCodeRow,
    PromoRedemptionRow,
    RefundRow,
)
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.payments import PaymentState, RefundState
from coworking_bot.domain.promo import PromoCode
from coworking_bot.services.promo.ports import NewPromo, PromoStats

# Bookings whose discount a code gave for good: all but those cancelled or expired unpaid.
_COUNTED = tuple(set(BookingStatus) - {BookingStatus.CANCELLED, BookingStatus.EXPIRED})


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

    async def code_taken(self, code: str) -> bool:
        found = await self._session.scalar(
            select(PromoCodeRow.id).where(func.upper(PromoCodeRow.code) == code.upper()).limit(1)
        )
        return found is not None

    async def add(self, promo: NewPromo) -> PromoCode | None:
        row = PromoCodeRow(
            code=promo.code,
            kind=promo.kind,
            value=promo.value,
            valid_from=promo.valid_from,
            valid_until=promo.valid_until,
            max_uses=promo.max_uses,
            uses=0,
            per_user_limit=promo.per_user_limit,
            tariff_ids=list(promo.tariff_ids) if promo.tariff_ids is not None else None,
            first_booking_only=promo.first_booking_only,
            is_active=True,
        )
        try:
            async with self._session.begin_nested():  # a clash undoes this insert only
                self._session.add(row)
        except IntegrityError:
            return None
        return promo_from_row(row)

    async def set_active(self, promo_id: int, active: bool) -> bool:
        result = await self._session.execute(
            update(PromoCodeRow)
            .where(PromoCodeRow.id == promo_id, PromoCodeRow.is_active.is_not(active))
            .values(is_active=active)
        )
        return bool(getattr(result, "rowcount", 0))

    async def page(self, *, offset: int, limit: int) -> tuple[list[PromoCode], int]:
        total = await self._session.scalar(select(func.count()).select_from(PromoCodeRow))
        rows = await self._session.scalars(
            select(PromoCodeRow)
            .order_by(PromoCodeRow.is_active.desc(), PromoCodeRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [promo_from_row(row) for row in rows], int(total or 0)

    async def stats(self, promo_id: int) -> PromoStats:
        counted = (
            await self._session.execute(
                select(func.count(), func.coalesce(func.sum(BookingRow.promo_discount), 0)).where(
                    BookingRow.promo_code_id == promo_id, BookingRow.status.in_(_COUNTED)
                )
            )
        ).one()
        with_code = select(BookingRow.id).where(BookingRow.promo_code_id == promo_id)
        paid = await self._session.scalar(
            select(func.coalesce(func.sum(PaymentRow.amount), 0)).where(
                PaymentRow.booking_id.in_(with_code), PaymentRow.state == PaymentState.SUCCEEDED
            )
        )
        refunded = await self._session.scalar(
            select(func.coalesce(func.sum(RefundRow.amount), 0)).where(
                RefundRow.booking_id.in_(with_code), RefundRow.state != RefundState.CANCELED
            )
        )
        return PromoStats(
            bookings=int(counted[0] or 0),
            discount=int(counted[1] or 0),
            revenue=int(paid or 0) - int(refunded or 0),
        )

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
