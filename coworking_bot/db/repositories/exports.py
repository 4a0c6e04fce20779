"""The rows of the dashboard's exports (`services.analytics.exports`), streamed in batches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from coworking_bot.db.models import (
    BookingRow,
    PaymentRow,
    PromoCodeRow,
    RefundRow,
    SpaceRow,
    TariffRow,
    UserRow,
)
from coworking_bot.domain.analytics import BOOKED_STATUSES
from coworking_bot.domain.payments import PaymentState, RefundState

_BOOKED = tuple(BOOKED_STATUSES)
_PAID = PaymentState.SUCCEEDED
_REFUNDED = RefundState.SUCCEEDED
_EXPORT_BATCH = 2_000


class SqlExportRows:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def export_rows(
        self, kind: str, start: datetime, end: datetime
    ) -> AsyncIterator[Sequence[Any]]:
        if kind == "payments":
            statements = [_payments_export(start, end), _refunds_export(start, end)]
        elif kind == "users":
            statements = [_users_export(start, end)]
        else:
            statements = [_bookings_export(start, end)]
        for statement in statements:
            result = await self._session.stream(
                statement.execution_options(yield_per=_EXPORT_BATCH)
            )
            async for partition in result.partitions(_EXPORT_BATCH):
                for row in partition:
                    yield tuple(row)


def _bookings_export(start: datetime, end: datetime) -> Select[*tuple[Any, ...]]:
    return (
        select(
            BookingRow.id,
            BookingRow.created_at,
            BookingRow.starts_at,
            BookingRow.ends_at,
            BookingRow.status,
            SpaceRow.name,
            TariffRow.name,
            BookingRow.units,
            BookingRow.subtotal,
            BookingRow.volume_discount,
            BookingRow.promo_discount,
            BookingRow.total,
            PromoCodeRow.code,
            UserRow.telegram_id,
            UserRow.full_name,
            UserRow.phone,
            BookingRow.checked_in_at,
            BookingRow.cancel_reason,
        )
        .join(SpaceRow, SpaceRow.id == BookingRow.space_id)
        .join(TariffRow, TariffRow.id == BookingRow.tariff_id)
        .join(UserRow, UserRow.id == BookingRow.user_id)
        .outerjoin(PromoCodeRow, PromoCodeRow.id == BookingRow.promo_code_id)
        .where(BookingRow.starts_at >= start, BookingRow.starts_at < end)
        .order_by(BookingRow.starts_at, BookingRow.id)
    )


def _payments_export(start: datetime, end: datetime) -> Select[*tuple[Any, ...]]:
    return (
        select(
            literal_column("'payment'"),
            PaymentRow.id,
            PaymentRow.paid_at,
            PaymentRow.booking_id,
            UserRow.telegram_id,
            UserRow.full_name,
            PaymentRow.method,
            PaymentRow.amount,
            PaymentRow.provider_id,
            literal_column("''"),
        )
        .join(UserRow, UserRow.id == PaymentRow.user_id)
        .where(PaymentRow.state == _PAID, PaymentRow.paid_at >= start, PaymentRow.paid_at < end)
        .order_by(PaymentRow.paid_at, PaymentRow.id)
    )


def _refunds_export(start: datetime, end: datetime) -> Select[*tuple[Any, ...]]:
    return (
        select(
            literal_column("'refund'"),
            RefundRow.id,
            RefundRow.checked_at,
            RefundRow.booking_id,
            UserRow.telegram_id,
            UserRow.full_name,
            PaymentRow.method,
            -RefundRow.amount,
            RefundRow.provider_id,
            RefundRow.reason,
        )
        .join(PaymentRow, PaymentRow.id == RefundRow.payment_id)
        .join(UserRow, UserRow.id == PaymentRow.user_id)
        .where(
            RefundRow.state == _REFUNDED,
            RefundRow.checked_at >= start,
            RefundRow.checked_at < end,
        )
        .order_by(RefundRow.checked_at, RefundRow.id)
    )


def _users_export(start: datetime, end: datetime) -> Select[*tuple[Any, ...]]:
    referrer = aliased(UserRow)
    bookings = (
        select(func.count())
        .select_from(BookingRow)
        .where(BookingRow.user_id == UserRow.id, BookingRow.status.in_(_BOOKED))
        .scalar_subquery()
    )
    return (
        select(
            UserRow.id,
            UserRow.telegram_id,
            UserRow.username,
            UserRow.full_name,
            UserRow.phone,
            UserRow.email,
            UserRow.language,
            UserRow.registered_at,
            referrer.telegram_id,
            UserRow.is_banned,
            bookings,
        )
        .outerjoin(referrer, referrer.id == UserRow.referrer_id)
        .where(UserRow.registered_at >= start, UserRow.registered_at < end)
        .order_by(UserRow.registered_at, UserRow.id)
    )
