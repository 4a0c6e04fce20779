"""Deciding refunds and handing them to YooKassa.

A refund is written in the transaction that cancels the booking (or finds money that came too
late), with its idempotence key; `RefundSender` then hands it to YooKassa, and keeps handing the
same request until YooKassa has it. So a crash between "cancelled" and
"refund sent" loses nothing, and a retry never refunds twice.

YooKassa remembers a key for a day only: a refund still unanswered after that is read back
(the payment's refunds at YooKassa) before it is sent again, under a new key."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.payments import (
    Payment,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
    refund_share,
)
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.notices import PaymentNotices
from coworking_bot.services.payments.paperwork import PaymentOptions, PaymentPaperwork
from coworking_bot.services.payments.ports import (
    GatewayError,
    GatewayRetryLater,
    PaymentGateway,
    PaymentRepository,
    ProviderRefund,
    RefundRequest,
    RefundStatus,
)

log = logging.getLogger(__name__)

# YooKassa's clock and ours may disagree a little: a refund it dates this much before our row
# still counts as possibly ours. Taking a stranger's refund of the same amount for ours is the
# smaller harm; paying back twice is the one this guards against.
CLOCK_SKEW = timedelta(minutes=5)


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
                refund = await self.add(booking, payment, amount, reason)
                planned += refund.amount
        return planned

    async def add(
        self, booking: Booking, payment: Payment, amount: int, reason: RefundReason
    ) -> Refund:
        """Plan `amount` back from `payment`. Money taken at the desk is given back there: its
        refund is settled as it is written, staff are told to hand it over, and YooKassa never
        sees it."""
        on_site = payment.method.on_site
        refund = await self._payments.add_refund(
            payment_id=payment.id,
            booking_id=booking.id,
            amount=amount,
            reason=reason,
            idempotence_key=uuid.uuid4().hex,
            now=self._clock.now(),
            state=RefundState.SUCCEEDED if on_site else RefundState.CREATING,
        )
        if on_site:
            await self._notices.refund_on_site(booking, refund, payment.method)
        else:
            await self._notices.refund_started(booking, refund)
        return refund


class RefundSender:
    """Hands planned refunds to YooKassa and applies what it says about them."""

    def __init__(
        self,
        payments: PaymentRepository,
        bookings: BookingRepository,
        uow: UnitOfWork,
        clock: Clock,
        gateway: PaymentGateway,
        notices: PaymentNotices,
        paperwork: PaymentPaperwork,
        options: PaymentOptions,
    ) -> None:
        self._payments = payments
        self._bookings = bookings
        self._uow = uow
        self._clock = clock
        self._gateway = gateway
        self._notices = notices
        self._paperwork = paperwork
        self._options = options

    async def send(self, refund_id: int) -> None:
        """Create the refund at YooKassa with its stored key, or read back one it has. A key
        YooKassa may have forgotten is never sent again: see `_recover`."""
        async with self._uow.read():
            refund = await self._payments.refund(refund_id)
            payment = await self._payments.payment(refund.payment_id) if refund else None
            receipt = (
                await self._paperwork.receipt(refund.booking_id, refund.amount)
                if refund is not None and refund.provider_id is None
                else None
            )
        if refund is None or payment is None or not refund.is_open:
            return
        if payment.method.on_site:  # given back at the desk (settled when written): never here
            log.error("refund %s of on-site payment %s left open; not sent", refund.id, payment.id)
            return
        now = self._clock.now()
        if (
            refund.provider_id is None
            and now - key_issued_at(refund) >= self._options.refund_key_lifetime
        ):
            recovered = await self._recover(refund, payment, now)
            if recovered is None:
                return
            refund = recovered
        try:
            if refund.provider_id is not None:
                provider = await self._gateway.get_refund(refund.provider_id)
            else:
                assert payment.provider_id is not None  # only succeeded payments are refunded
                provider = await self._gateway.create_refund(
                    RefundRequest(
                        payment_id=payment.provider_id,
                        amount_kopecks=refund.amount,
                        idempotence_key=refund.idempotence_key,
                        description=self._paperwork.description(refund.booking_id),
                        receipt=receipt,
                    )
                )
                async with self._uow.write():
                    await self._payments.refund_sent(refund.id, provider_id=provider.id, now=now)
        except GatewayRetryLater as error:
            async with self._uow.write():
                await self._payments.refund_checked(refund.id, now, error.reason)
            return
        except GatewayError as error:
            await self._refused(refund, str(error))
            return
        await self.apply(refund.id, provider)

    async def apply(self, refund_id: int, provider: ProviderRefund) -> bool:
        """Act on a refund's state as read from YooKassa; True when something changed."""
        async with self._uow.write():
            refund = await self._payments.refund(refund_id)
            if (
                refund is None
                or not refund.is_open
                or refund.provider_id not in (None, provider.id)
            ):
                return False
            booking = await self._bookings.get(refund.booking_id)
            assert booking is not None
            now = self._clock.now()
            if provider.status is RefundStatus.SUCCEEDED:
                changed = await self._payments.settle_refund(
                    refund.id, RefundState.SUCCEEDED, now=now
                )
                if changed:
                    await self._notices.refund_done(booking, refund)
                return changed
            if provider.status is RefundStatus.CANCELED:
                error = provider.cancellation_reason or "canceled"
                changed = await self._payments.settle_refund(
                    refund.id, RefundState.CANCELED, now=now, error=error
                )
                if changed:
                    await self._notices.refund_failed(booking, refund, error)
                return changed
            await self._payments.refund_checked(refund.id, now, None)
            return False

    async def _recover(self, refund: Refund, payment: Payment, now: datetime) -> Refund | None:
        """For a refund whose key YooKassa has forgotten: adopt the refund an unanswered create
        made, if YooKassa holds one, or else give the row a new key (stored before it is used,
        so the retries of the next day stay idempotent). Returns the refund to send under its
        new key, or None when nothing is to be sent now."""
        assert payment.provider_id is not None  # only succeeded payments are refunded
        try:
            at_kassa = await self._gateway.list_refunds(payment.provider_id)
        except GatewayError as error:
            # Sending without knowing could refund twice: the next tick asks again.
            level = logging.WARNING if isinstance(error, GatewayRetryLater) else logging.ERROR
            log.log(
                level, "refund %s: reading back its payment's refunds failed: %s", refund.id, error
            )
            async with self._uow.write():
                await self._payments.refund_checked(refund.id, now, f"read-back: {error}")
            return None
        adopted = False
        async with self._uow.write():
            known = await self._payments.known_refund_ids([item.id for item in at_kassa])
            ours = _ours(refund, (item for item in at_kassa if item.id not in known))
            if ours is not None:
                adopted = await self._payments.refund_sent(refund.id, provider_id=ours.id, now=now)
            else:
                await self._payments.renew_refund_key(
                    refund.id, old_key=refund.idempotence_key, new_key=uuid.uuid4().hex, now=now
                )
            current = await self._payments.refund(refund.id)
        if ours is not None:
            if adopted:
                log.info("refund %s: YooKassa had it as %s; adopted", refund.id, ours.id)
                await self.apply(refund.id, ours)
            return None
        if current is None or current.state is not RefundState.CREATING or current.provider_id:
            return None  # another worker got there first
        log.info("refund %s: YooKassa never had it; sending it under a new key", refund.id)
        return current

    async def _refused(self, refund: Refund, error: str) -> None:
        log.error("refund %s: YooKassa refused it: %s", refund.id, error)
        async with self._uow.write():
            booking = await self._bookings.get(refund.booking_id)
            if booking is not None and await self._payments.settle_refund(
                refund.id, RefundState.CANCELED, now=self._clock.now(), error=error
            ):
                await self._notices.refund_failed(booking, refund, error)


def key_issued_at(refund: Refund) -> datetime:
    """When the refund's key was issued: a renewed key lives its own day; the first one is as
    old as the row."""
    return refund.key_issued_at or refund.created_at


def _ours(refund: Refund, candidates: Iterable[ProviderRefund]) -> ProviderRefund | None:
    """The refund a lost create of ours made: the same amount, made after the row (an undated
    one cannot be ruled out); the earliest if several."""
    floor = refund.created_at - CLOCK_SKEW
    matching = [
        candidate
        for candidate in candidates
        if candidate.amount_kopecks == refund.amount
        and (candidate.created_at is None or candidate.created_at >= floor)
    ]
    return min(matching, key=lambda found: found.created_at or floor, default=None)
