"""Paying for bookings (DESIGN.md section 3): YooKassa behind `PaymentGateway`.

The rules that keep money and bookings in agreement:
- a payment attempt is stored with its idempotence key before YooKassa is first called, and a
  retry (the status button, the reconciliation job) repeats the same request with the same key;
- nothing YooKassa sends is trusted as sent: a notification only names the object, which is then
  read back from the API;
- every change is applied under the space's lock by a conditional update from an open state to a
  final one, so a duplicate, late or out-of-order event, or a webhook racing the job, changes
  nothing the second time;
- money that finds no booking to pay for (the hold ran out and the place is gone, the client
  cancelled, it was paid twice) goes back in full.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from coworking_bot.domain.booking import (
    Booking,
    BookingNotFound,
    BookingStatus,
)
from coworking_bot.domain.payments import (
    Payment,
    PaymentDelayed,
    PaymentFailed,
    PaymentsDisabled,
    PaymentState,
    RefundState,
)
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.events import Notification
from coworking_bot.services.payments.late_money import LateMoney, PaymentTaker
from coworking_bot.services.payments.notices import PaymentNotices
from coworking_bot.services.payments.paperwork import PaymentOptions, PaymentPaperwork
from coworking_bot.services.payments.ports import (
    GatewayError,
    GatewayRejected,
    GatewayRetryLater,
    PaymentGateway,
    PaymentRepository,
    PaymentRequest,
    PaymentStatus,
    ProviderPayment,
)
from coworking_bot.services.payments.refunds import RefundSender
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository

__all__ = ["PaymentOptions", "PaymentService", "PaymentView"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentView:
    """A booking and its latest payment attempt, as the client's payment screen shows them."""

    booking: Booking
    payment: Payment | None
    paid: int = 0  # kopecks of succeeded payments
    refunded: int = 0  # kopecks given back or on their way back

    @property
    def pay_url(self) -> str | None:
        """Where to pay, while paying still makes sense."""
        if (
            self.booking.status is BookingStatus.HELD
            and self.payment is not None
            and self.payment.state is PaymentState.PENDING
        ):
            return self.payment.confirmation_url
        return None


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    payments_checked: int = 0
    payments_changed: int = 0
    refunds_sent: int = 0


class PaymentService:
    def __init__(
        self,
        payments: PaymentRepository,
        bookings: BookingRepository,
        taker: PaymentTaker,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        gateway: PaymentGateway,
        notices: PaymentNotices,
        options: PaymentOptions,
        paperwork: PaymentPaperwork,
        refunds: RefundSender,
    ) -> None:
        self._payments = payments
        self._bookings = bookings
        self._taker = taker
        self._users = users
        self._uow = uow
        self._clock = clock
        self._gateway = gateway
        self._notices = notices
        self._options = options
        self._paperwork = paperwork
        self._refunds = refunds

    @property
    def enabled(self) -> bool:
        return self._options.enabled

    # -- the client's side ----------------------------------------------------------------------

    async def view(self, actor: Actor, booking_id: int) -> PaymentView:
        async with self._uow.read():
            booking, _ = await self._own(actor, booking_id)
            attempts = await self._payments.payments_of(booking.id)
            refunds = await self._payments.refunds_of(booking.id)
        return PaymentView(
            booking,
            attempts[-1] if attempts else None,
            paid=sum(p.amount for p in attempts if p.state is PaymentState.SUCCEEDED),
            refunded=sum(r.amount for r in refunds if r.state is not RefundState.CANCELED),
        )

    async def pay(
        self, actor: Actor, booking_id: int, return_url: str, *, check: bool = False
    ) -> PaymentView:
        """Start paying for a held booking, or carry on with the attempt already open: one
        YooKassa has not answered yet is asked again with its key; with `check`, a pending one
        is read back and what YooKassa says is applied. Raises `PaymentDelayed` when YooKassa is
        slow and `PaymentFailed` when it refuses."""
        if not self.enabled:
            raise PaymentsDisabled()
        async with self._uow.read():
            booking, _ = await self._own(actor, booking_id)
            payment = await self._open_attempt(booking.id)
        if payment is None and self._awaits_money(booking):
            payment = await self._new_attempt(booking, return_url)
        if payment is not None and payment.state is PaymentState.CREATING:
            await self._send(payment)
        elif payment is not None and check and payment.provider_id is not None:
            try:
                provider = await self._gateway.get_payment(payment.provider_id)
            except GatewayError as error:
                log.warning("payment %s: read-back failed: %s", payment.id, error)
                raise PaymentDelayed() from None
            await self.apply(payment.id, provider)
        return await self.view(actor, booking_id)

    # -- what YooKassa tells us -----------------------------------------------------------------

    async def on_notification(self, body: Any) -> str:
        """A webhook body: the object it names is read back and its state applied. Returns what
        happened ("applied", "unchanged", "unknown", "ignored"); raises `MalformedNotification`,
        and `GatewayError` when the read-back fails (YooKassa then sends the event again)."""
        note = Notification.parse(body)
        kind = note.event.split(".", 1)[0]
        if kind == "payment":
            async with self._uow.read():
                payment = await self._payments.payment_by_provider_id(note.object_id)
            if payment is None:
                return "unknown"
            if not payment.is_open:
                return "unchanged"  # final states never change: no need to ask YooKassa
            provider = await self._gateway.get_payment(note.object_id)
            # `apply` also sends at once the refund of money that found no booking.
            return "applied" if await self.apply(payment.id, provider) else "unchanged"
        if kind == "refund":
            async with self._uow.read():
                refund = await self._payments.refund_by_provider_id(note.object_id)
            if refund is None:
                return "unknown"
            if not refund.is_open:
                return "unchanged"
            provider_refund = await self._gateway.get_refund(note.object_id)
            applied = await self._refunds.apply(refund.id, provider_refund)
            return "applied" if applied else "unchanged"
        return "ignored"

    async def apply(self, payment_id: int, provider: ProviderPayment) -> bool:
        """Act on a payment's state as read from YooKassa; True when something changed."""
        async with self._uow.write():
            changed, refunding, booking_id = await self._apply_locked(payment_id, provider)
        if refunding:  # the money found no booking: it goes back now, not at the next tick
            await self.send_refunds_of(booking_id)
        return changed

    async def _apply_locked(
        self, payment_id: int, provider: ProviderPayment
    ) -> tuple[bool, bool, int]:
        """`apply` inside its transaction: (changed, refunding, booking id)."""
        payment = await self._payments.payment(payment_id)
        booking = await self._bookings.get(payment.booking_id) if payment else None
        if payment is None or booking is None or not payment.is_open:
            return False, False, 0
        # The user's lock, then the space's, as every booking does: late money may book the
        # place again under the client's per-user limits (its promo code).
        await self._users.lock(booking.user_id)
        await self._bookings.lock_space(booking.space_id)
        payment = await self._payments.payment(payment_id)  # again, now under the lock
        booking = await self._bookings.get(booking.id)
        assert payment is not None
        assert booking is not None
        if not payment.is_open or provider.id != payment.provider_id:
            return False, False, booking.id
        now = self._clock.now()
        changed = refunding = False
        if provider.status is PaymentStatus.SUCCEEDED:
            if provider.amount_kopecks != payment.amount:
                log.error(
                    "payment %s: YooKassa has %s kopecks, we asked for %s; left for a person",
                    payment.id,
                    provider.amount_kopecks,
                    payment.amount,
                )
            elif await self._payments.settle_payment(payment.id, PaymentState.SUCCEEDED, now=now):
                outcome = await self._taker.take(booking, payment)
                log.info("payment %s succeeded for booking %s: %s", payment.id, booking.id, outcome)
                changed, refunding = True, outcome is LateMoney.REFUNDED
        elif provider.status is PaymentStatus.CANCELED:
            reason = provider.cancellation_reason or "canceled"
            if await self._payments.settle_payment(
                payment.id, PaymentState.CANCELED, now=now, cancel_reason=reason
            ):
                changed = True
                if booking.status is BookingStatus.HELD:
                    await self._notices.payment_canceled(booking, payment.id)
        if not changed:
            await self._payments.payment_checked(payment.id, now)
        return changed, refunding, booking.id

    # -- timed work -----------------------------------------------------------------------------

    async def reconcile(self, limit: int = 50) -> ReconcileReport:
        """Read back payments nobody heard about lately, ask again for attempts YooKassa has not
        answered, cancel what can be cancelled once its hold is gone, and send refunds."""
        if not self.enabled:
            return ReconcileReport()
        now = self._clock.now()
        async with self._uow.read():
            due = await self._payments.open_payments_checked_before(
                now - self._options.check_after, limit
            )
            refunds = await self._payments.open_refunds_checked_before(
                now - self._options.refund_retry_after, limit
            )
        changed = 0
        for payment_id in due:
            try:
                changed += await self._reconcile_payment(payment_id)
            except (GatewayError, PaymentDelayed, PaymentFailed) as error:
                log.warning("payment %s: reconciliation failed: %s", payment_id, error)
                await self._touch_payment(payment_id)
        for refund_id in refunds:
            await self._refunds.send(refund_id)
        return ReconcileReport(len(due), changed, len(refunds))

    async def send_refunds_of(self, booking_id: int) -> None:
        """Hand the booking's new refunds to YooKassa now rather than at the next job tick."""
        if not self.enabled:
            return
        async with self._uow.read():
            refund_ids = await self._payments.open_refunds_of(booking_id)
        for refund_id in refund_ids:
            await self._refunds.send(refund_id)

    # -- inside ---------------------------------------------------------------------------------

    async def _reconcile_payment(self, payment_id: int) -> int:
        async with self._uow.read():
            payment = await self._payments.payment(payment_id)
            booking = await self._bookings.get(payment.booking_id) if payment else None
        if payment is None or booking is None or not payment.is_open:
            return 0
        if payment.state is PaymentState.CREATING:
            if booking.status is BookingStatus.HELD:
                await self._send(payment)
                return 1
            # Its hold is gone and nobody ever saw a page to pay on: give the attempt up.
            async with self._uow.write():
                changed = await self._payments.settle_payment(
                    payment.id,
                    PaymentState.CANCELED,
                    now=self._clock.now(),
                    cancel_reason="abandoned",
                )
            return int(changed)
        assert payment.provider_id is not None
        provider = await self._gateway.get_payment(payment.provider_id)
        if await self.apply(payment.id, provider):
            return 1
        if (
            provider.status is PaymentStatus.WAITING_FOR_CAPTURE
            and booking.status is not BookingStatus.HELD
        ):
            # Only a payment waiting for capture can be cancelled; a pending one runs out at
            # YooKassa by itself, and money that still arrives is handled as late money.
            key = await self._cancel_key(payment.id)
            cancelled = await self._gateway.cancel_payment(provider.id, key)
            return int(await self.apply(payment.id, cancelled))
        return 0

    async def _new_attempt(self, booking: Booking, return_url: str) -> Payment | None:
        """A new attempt with a fresh key, stored before YooKassa hears of it; under the lock,
        so two taps at once make one attempt."""
        async with self._uow.write():
            await self._bookings.lock_space(booking.space_id)
            current = await self._bookings.get(booking.id)
            existing = await self._open_attempt(booking.id)
            if existing is not None or current is None or not self._awaits_money(current):
                return existing
            return await self._payments.add_payment(
                booking_id=current.id,
                user_id=current.user_id,
                amount=current.total,
                idempotence_key=uuid.uuid4().hex,
                return_url=return_url,
                now=self._clock.now(),
            )

    async def _send(self, payment: Payment) -> None:
        """Ask YooKassa to create the payment (again, with the same key, after no answer)."""
        async with self._uow.read():
            receipt = await self._paperwork.receipt(payment.booking_id, payment.amount)
        request = PaymentRequest(
            amount_kopecks=payment.amount,
            description=self._paperwork.description(payment.booking_id),
            idempotence_key=payment.idempotence_key,
            return_url=payment.return_url,
            metadata={"booking_id": str(payment.booking_id), "payment_id": str(payment.id)},
            receipt=receipt,
            capture=True,
        )
        try:
            provider = await self._gateway.create_payment(request)
        except GatewayRetryLater as error:
            log.warning("payment %s: YooKassa did not answer (%s)", payment.id, error.reason)
            await self._touch_payment(payment.id)
            raise PaymentDelayed() from None
        except GatewayError as error:
            log.error("payment %s: YooKassa refused it: %s", payment.id, error)
            reason = error.code if isinstance(error, GatewayRejected) else "unavailable"
            async with self._uow.write():
                await self._payments.settle_payment(
                    payment.id, PaymentState.CANCELED, now=self._clock.now(), cancel_reason=reason
                )
            raise PaymentFailed() from None
        async with self._uow.write():
            await self._payments.payment_created(
                payment.id, provider_id=provider.id, confirmation_url=provider.confirmation_url
            )
        if provider.status is not PaymentStatus.PENDING:
            await self.apply(payment.id, provider)

    async def _touch_payment(self, payment_id: int) -> None:
        async with self._uow.write():
            await self._payments.payment_checked(payment_id, self._clock.now())

    async def _cancel_key(self, payment_id: int) -> str:
        async with self._uow.write():
            await self._payments.set_cancel_key(payment_id, uuid.uuid4().hex)
            key = await self._payments.cancel_key(payment_id)
        assert key is not None
        return key

    def _awaits_money(self, booking: Booking) -> bool:
        return booking.total > 0 and booking.hold_running(self._clock.now())

    async def _open_attempt(self, booking_id: int) -> Payment | None:
        for payment in reversed(await self._payments.payments_of(booking_id)):
            if payment.is_open:
                return payment
        return None

    async def _own(self, actor: Actor, booking_id: int) -> tuple[Booking, User]:
        user = await active_user(self._users, actor.telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id:
            raise BookingNotFound()
        return booking, user
