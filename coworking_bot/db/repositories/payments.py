"""Payments and refunds in the database. Every state change is a conditional update: a change
whose starting state is gone (another event got there first) changes nothing and says so."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import PaymentRow, RefundRow
from coworking_bot.domain.payments import (
    OPEN_PAYMENT_STATES,
    OPEN_REFUND_STATES,
    Payment,
    PaymentMethod,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
)


def payment_from_row(row: PaymentRow) -> Payment:
    return Payment(
        id=row.id,
        booking_id=row.booking_id,
        user_id=row.user_id,
        amount=row.amount,
        state=row.state,
        idempotence_key=row.idempotence_key,
        provider_id=row.provider_id,
        confirmation_url=row.confirmation_url,
        return_url=row.return_url,
        created_at=row.created_at,
        paid_at=row.paid_at,
        cancel_reason=row.cancel_reason,
        method=row.method,
        recorded_by=row.recorded_by,
    )


def refund_from_row(row: RefundRow) -> Refund:
    return Refund(
        id=row.id,
        payment_id=row.payment_id,
        booking_id=row.booking_id,
        amount=row.amount,
        state=row.state,
        reason=row.reason,
        idempotence_key=row.idempotence_key,
        provider_id=row.provider_id,
        created_at=row.created_at,
        key_issued_at=row.key_issued_at,
    )


class SqlPaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # -- payments -----------------------------------------------------------------------------

    async def add_payment(
        self,
        *,
        booking_id: int,
        user_id: int,
        amount: int,
        idempotence_key: str,
        return_url: str,
        now: datetime,
    ) -> Payment:
        row = PaymentRow(
            return_url=return_url,
            booking_id=booking_id,
            user_id=user_id,
            amount=amount,
            state=PaymentState.CREATING,
            idempotence_key=idempotence_key,
            checked_at=now,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return payment_from_row(row)

    async def add_on_site_payment(
        self,
        *,
        booking_id: int,
        user_id: int,
        amount: int,
        method: PaymentMethod,
        recorded_by: int,
        now: datetime,
    ) -> Payment:
        """Money staff took at the desk: succeeded as it is written; YooKassa never hears of it."""
        row = PaymentRow(
            return_url="",
            booking_id=booking_id,
            user_id=user_id,
            amount=amount,
            state=PaymentState.SUCCEEDED,
            idempotence_key=uuid.uuid4().hex,
            method=method,
            recorded_by=recorded_by,
            paid_at=now,
            checked_at=now,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return payment_from_row(row)

    async def payment(self, payment_id: int) -> Payment | None:
        row = await self._session.get(PaymentRow, payment_id, populate_existing=True)
        return payment_from_row(row) if row else None

    async def payment_by_provider_id(self, provider_id: str) -> Payment | None:
        row = await self._session.scalar(
            select(PaymentRow).where(PaymentRow.provider_id == provider_id)
        )
        return payment_from_row(row) if row else None

    async def payments_of(self, booking_id: int) -> list[Payment]:
        rows = await self._session.scalars(
            select(PaymentRow).where(PaymentRow.booking_id == booking_id).order_by(PaymentRow.id)
        )
        return [payment_from_row(row) for row in rows]

    async def payment_created(
        self, payment_id: int, *, provider_id: str, confirmation_url: str | None
    ) -> bool:
        """The provider answered the create call: remember its id and the page to pay on."""
        return await self._update_payment(
            payment_id,
            (PaymentState.CREATING,),
            state=PaymentState.PENDING,
            provider_id=provider_id,
            confirmation_url=confirmation_url,
        )

    async def settle_payment(
        self,
        payment_id: int,
        state: PaymentState,
        *,
        now: datetime,
        cancel_reason: str | None = None,
    ) -> bool:
        """Move an open payment to a final state; False when it was already final."""
        fields: dict[str, Any] = {"state": state, "checked_at": now}
        if state is PaymentState.SUCCEEDED:
            fields["paid_at"] = now
        if cancel_reason is not None:
            fields["cancel_reason"] = cancel_reason[:64]
        return await self._update_payment(payment_id, OPEN_PAYMENT_STATES, **fields)

    async def payment_checked(self, payment_id: int, now: datetime) -> None:
        await self._session.execute(
            update(PaymentRow).where(PaymentRow.id == payment_id).values(checked_at=now)
        )

    async def set_cancel_key(self, payment_id: int, key: str) -> None:
        await self._session.execute(
            update(PaymentRow)
            .where(PaymentRow.id == payment_id, PaymentRow.cancel_key.is_(None))
            .values(cancel_key=key)
        )

    async def cancel_key(self, payment_id: int) -> str | None:
        return await self._session.scalar(
            select(PaymentRow.cancel_key).where(PaymentRow.id == payment_id)
        )

    async def open_payments_checked_before(self, moment: datetime, limit: int) -> list[int]:
        """Open payments not looked at since `moment`, the longest unchecked first."""
        rows = await self._session.scalars(
            select(PaymentRow.id)
            .where(PaymentRow.state.in_(OPEN_PAYMENT_STATES), PaymentRow.checked_at < moment)
            .order_by(PaymentRow.checked_at)
            .limit(limit)
        )
        return list(rows)

    async def _update_payment(
        self, payment_id: int, expected: Collection[PaymentState], **fields: Any
    ) -> bool:
        result = await self._session.execute(
            update(PaymentRow)
            .where(PaymentRow.id == payment_id, PaymentRow.state.in_(tuple(expected)))
            .values(**fields)
        )
        return bool(getattr(result, "rowcount", 0))

    # -- refunds ------------------------------------------------------------------------------

    async def add_refund(
        self,
        *,
        payment_id: int,
        booking_id: int,
        amount: int,
        reason: RefundReason,
        idempotence_key: str,
        now: datetime,
        state: RefundState = RefundState.CREATING,
    ) -> Refund:
        row = RefundRow(
            payment_id=payment_id,
            booking_id=booking_id,
            amount=amount,
            state=state,
            reason=reason,
            idempotence_key=idempotence_key,
            checked_at=now,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return refund_from_row(row)

    async def refund(self, refund_id: int) -> Refund | None:
        row = await self._session.get(RefundRow, refund_id, populate_existing=True)
        return refund_from_row(row) if row else None

    async def refund_by_provider_id(self, provider_id: str) -> Refund | None:
        row = await self._session.scalar(
            select(RefundRow).where(RefundRow.provider_id == provider_id)
        )
        return refund_from_row(row) if row else None

    async def refunds_of(self, booking_id: int) -> list[Refund]:
        rows = await self._session.scalars(
            select(RefundRow).where(RefundRow.booking_id == booking_id).order_by(RefundRow.id)
        )
        return [refund_from_row(row) for row in rows]

    async def refunded_from(self, payment_id: int) -> int:
        """Kopecks given back or on their way back from one payment (all but cancelled refunds)."""
        total = await self._session.scalar(
            select(func.coalesce(func.sum(RefundRow.amount), 0)).where(
                RefundRow.payment_id == payment_id, RefundRow.state != RefundState.CANCELED
            )
        )
        return int(total or 0)

    async def refund_sent(self, refund_id: int, *, provider_id: str, now: datetime) -> bool:
        result = await self._session.execute(
            update(RefundRow)
            .where(RefundRow.id == refund_id, RefundRow.state == RefundState.CREATING)
            .values(state=RefundState.PENDING, provider_id=provider_id, checked_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    async def renew_refund_key(
        self, refund_id: int, *, old_key: str, new_key: str, now: datetime
    ) -> bool:
        """Conditional on the old key, so two workers renewing at once agree on one new key."""
        result = await self._session.execute(
            update(RefundRow)
            .where(
                RefundRow.id == refund_id,
                RefundRow.state == RefundState.CREATING,
                RefundRow.provider_id.is_(None),
                RefundRow.idempotence_key == old_key,
            )
            .values(idempotence_key=new_key, key_issued_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    async def known_refund_ids(self, provider_ids: Collection[str]) -> set[str]:
        if not provider_ids:
            return set()
        rows = await self._session.scalars(
            select(RefundRow.provider_id).where(RefundRow.provider_id.in_(tuple(provider_ids)))
        )
        return {row for row in rows if row is not None}

    async def settle_refund(
        self, refund_id: int, state: RefundState, *, now: datetime, error: str | None = None
    ) -> bool:
        fields: dict[str, Any] = {"state": state, "checked_at": now}
        if error is not None:
            fields["last_error"] = error[:255]
        result = await self._session.execute(
            update(RefundRow)
            .where(RefundRow.id == refund_id, RefundRow.state.in_(tuple(OPEN_REFUND_STATES)))
            .values(**fields)
        )
        return bool(getattr(result, "rowcount", 0))

    async def refund_checked(self, refund_id: int, now: datetime, error: str | None) -> None:
        fields: dict[str, Any] = {"checked_at": now}
        if error is not None:
            fields["last_error"] = error[:255]
        await self._session.execute(
            update(RefundRow).where(RefundRow.id == refund_id).values(**fields)
        )

    async def open_refunds_checked_before(self, moment: datetime, limit: int) -> list[int]:
        rows = await self._session.scalars(
            select(RefundRow.id)
            .where(RefundRow.state.in_(tuple(OPEN_REFUND_STATES)), RefundRow.checked_at < moment)
            .order_by(RefundRow.checked_at)
            .limit(limit)
        )
        return list(rows)

    async def open_refunds_of(self, booking_id: int) -> Sequence[int]:
        rows = await self._session.scalars(
            select(RefundRow.id).where(
                RefundRow.booking_id == booking_id,
                RefundRow.state.in_(tuple(OPEN_REFUND_STATES)),
            )
        )
        return list(rows)
