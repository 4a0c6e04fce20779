"""Money staff take at the desk, in cash or by card, recorded from the booking's card as a payment
row with its method. What is due is the booking's price less what it has paid; staff record
exactly that, as the card showed it, so a second tap or a stale card records nothing twice.

A held booking recorded as paid goes on as if paid online (confirmed, or to staff when its tariff
asks for it); an online payment still open for it then finds the booking paid and goes back in
full (`PaymentTaker`). Money taken here is given back here: `RefundPlanner` never sends it to
YooKassa."""

from __future__ import annotations

from dataclasses import dataclass

from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStatus,
    ClientBanned,
    next_status,
)
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.payments import ON_SITE_METHODS, Payment, PaymentMethod
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.notices import PaymentNotices
from coworking_bot.services.payments.ports import PaymentRepository
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.staff.ports import AuditLog
from coworking_bot.services.users.ports import UserRepository

# Bookings money may still be taken for: live ones, and ones that ended with the client there
# (paid on the way out).
PAYABLE = frozenset(
    {
        BookingStatus.HELD,
        BookingStatus.PENDING,
        BookingStatus.CONFIRMED,
        BookingStatus.COMPLETED,
    }
)


def amount_due(booking: Booking, paid: int) -> int:
    """Kopecks left to pay for `booking`, which has `paid` (net of refunds) so far."""
    if booking.status not in PAYABLE:
        return 0
    return max(booking.total - paid, 0)


class NothingDue(DomainError):
    """The booking is paid in full (or costs nothing): there is nothing to take."""

    key = "error-on-site-nothing-due"


class NotPayable(DomainError):
    """The booking was cancelled, ran out or the client did not come: no money is taken for it."""

    key = "error-on-site-not-payable"


class DueChanged(DomainError):
    """The amount due is not what the card showed (paid online meanwhile, say)."""

    key = "error-on-site-due-changed"


@dataclass(frozen=True, slots=True)
class Due:
    booking: Booking
    amount: int  # kopecks still to pay; 0 when nothing is due

    @property
    def payable(self) -> bool:
        return self.amount > 0 and self.booking.status in PAYABLE


class OnSitePayments:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        payments: PaymentRepository,
        uow: UnitOfWork,
        clock: Clock,
        refunds: RefundPlanner,
        booking_notices: BookingNotices,
        notices: PaymentNotices,
        audit: AuditLog,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._payments = payments
        self._uow = uow
        self._clock = clock
        self._refunds = refunds
        self._booking_notices = booking_notices
        self._notices = notices
        self._audit = audit

    async def due(self, actor: Actor, booking_id: int) -> Due:
        """What is left to pay for the booking, as the card shows it."""
        _require(actor)
        async with self._uow.read():
            booking = await self._bookings.get(booking_id)
            if booking is None:
                raise BookingNotFound()
            return Due(booking, await self._due(booking))

    async def record(
        self, actor: Actor, booking_id: int, method: PaymentMethod, *, expected: int
    ) -> Payment:
        """Record `expected` kopecks taken at the desk by `method`; refused unless that is exactly
        what is due now."""
        _require(actor)
        if method not in ON_SITE_METHODS:
            raise NotPayable()
        async with self._uow.write():
            seen = await self._bookings.get(booking_id)
            if seen is None:
                raise BookingNotFound()
            # The client's lock, then the space's, as every booking and every payment does.
            await self._users.lock(seen.user_id)
            await self._bookings.lock_space(seen.space_id)
            booking = await self._bookings.get(booking_id)
            assert booking is not None
            client = await self._users.get(booking.user_id)
            if client is None:
                raise BookingNotFound()
            if client.is_banned:
                raise ClientBanned()
            now = self._clock.now()
            if booking.status not in PAYABLE or (
                booking.status is BookingStatus.HELD and not booking.hold_running(now)
            ):
                raise NotPayable()
            due = await self._due(booking)
            if due <= 0:
                raise NothingDue()
            if due != expected:
                raise DueChanged()
            payment = await self._payments.add_on_site_payment(
                booking_id=booking.id,
                user_id=booking.user_id,
                amount=due,
                method=method,
                recorded_by=actor.telegram_id,
                now=now,
            )
            after = booking.status
            if booking.status is BookingStatus.HELD:
                after = await self._paid(booking, client)
            await self._notices.received_on_site(booking, payment)
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.payment_on_site",
                target_type="booking",
                target_id=booking.id,
                details={
                    "before": booking.status.value,
                    "after": after.value,
                    "amount": due,
                    "method": method.value,
                    "payment_id": payment.id,
                },
            )
        return payment

    async def _paid(self, booking: Booking, client: User) -> BookingStatus:
        """A held booking paid at the desk: confirmed (the client gets it with its `.ics`), or
        in the queue for staff when its tariff asks for a confirmation."""
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if found is None:
            raise BookingNotFound()
        tariff, space = found
        new = next_status(
            booking.status, BookingEvent.PAID, needs_confirmation=tariff.needs_confirmation
        )
        if not await self._bookings.change_status(
            booking.id, expected=booking.status, new=new, hold_expires_at=None, cancel_reason=None
        ):
            raise NotPayable()
        if new is BookingStatus.PENDING:
            await self._booking_notices.awaits_staff(booking, client, tariff, space, paid=True)
        else:
            await self._booking_notices.status_changed(booking, new)
        return new

    async def _due(self, booking: Booking) -> int:
        return amount_due(booking, await self._refunds.paid(booking.id))


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_BOOKINGS):
        raise PermissionDenied()
