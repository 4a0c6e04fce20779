"""Deciding refunds. A refund is written in the transaction that cancels the booking (or finds
money that came too late), with its idempotence key; `PaymentService` then hands it to YooKassa,
and keeps handing the same request until YooKassa has it. So a crash between "cancelled" and
"refund sent" loses nothing, and a retry never refunds twice."""

from __future__ import annotations

import uuid

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.payments import PaymentState, Refund, RefundReason, refund_share
from coworking_bot.services.payment_notices import PaymentNotices
from coworking_bot.services.payment_ports import PaymentRepository
from coworking_bot.services.ports import Clock


class RefundPlanner:
    def __init__(self, payments: PaymentRepository, clock: Clock, notices: PaymentNotices) -> None:
        self._payments = payments
        self._clock = clock
        self._notices = notices

    async def paid(self, booking_id: int) -> int:
        """Kopecks taken for a booking and not yet given back (or on the way back)."""
        left = 0
        for payment in await self._payments.payments_of(booking_id):
            if payment.state is PaymentState.SUCCEEDED:
                left += payment.amount - await self._payments.refunded_from(payment.id)
        return left

    async def plan(self, booking: Booking, percent: int, reason: RefundReason) -> int:
        """Give back `percent`% of every succeeded payment of the booking (what is left of it);
        returns the kopecks planned. Call inside the transaction that decided it."""
        planned = 0
        for payment in await self._payments.payments_of(booking.id):
            if payment.state is not PaymentState.SUCCEEDED:
                continue
            amount = refund_share(
                payment.amount, await self._payments.refunded_from(payment.id), percent
            )
            if amount > 0:
                refund = await self.add(booking, payment.id, amount, reason)
                planned += refund.amount
        return planned

    async def add(
        self, booking: Booking, payment_id: int, amount: int, reason: RefundReason
    ) -> Refund:
        refund = await self._payments.add_refund(
            payment_id=payment_id,
            booking_id=booking.id,
            amount=amount,
            reason=reason,
            idempotence_key=uuid.uuid4().hex,
            now=self._clock.now(),
        )
        await self._notices.refund_started(booking, refund)
        return refund
