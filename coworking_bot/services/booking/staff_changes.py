"""Staff change a booking from its card: cancel it with the refund the policy gives now or a
full one, always with a reason the client is told; move it, before it starts, to another free
time of the same tariff and length; mark the client as arrived. Each is checked here (the role,
the booking's state under its space's lock) and written to the audit log."""

from __future__ import annotations

from datetime import datetime

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import (
    Booking,
    BookingChanged,
    BookingEvent,
    BookingNotFound,
    BookingStarted,
    BookingStatus,
    CannotCheckIn,
    InvalidTransition,
    typed_reason,
)
from coworking_bot.domain.cancellation import CancelTerms, cancel_terms
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.moving import BookingMover
from coworking_bot.services.booking.notices import BookingNotices, period
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.staff.ports import AuditLog
from coworking_bot.services.users.ports import UserRepository


class StaffChanges:
    def __init__(
        self,
        bookings: BookingRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
        refunds: RefundPlanner,
        audit: AuditLog,
        mover: BookingMover,
        users: UserRepository,
    ) -> None:
        self._bookings = bookings
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds
        self._audit = audit
        self._mover = mover
        self._users = users

    async def cancel_terms(self, actor: Actor, booking_id: int) -> CancelTerms:
        """What the cancellation policy gives back if staff cancel the booking now (the same as
        the client would get); staff may instead give everything back."""
        _require(actor)
        async with self._uow.read():
            booking = await self._cancellable(booking_id)
            return await self._policy_terms(booking)

    async def cancel(
        self, actor: Actor, booking_id: int, *, full_refund: bool, reason: str | None
    ) -> int:
        """Cancel a live booking for the client; returns the kopecks planned back."""
        _require(actor)
        said = typed_reason(reason)
        async with self._uow.write():
            seen = await self._cancellable(booking_id)
            await self._bookings.lock_space(seen.space_id)
            booking = await self._cancellable(booking_id)  # now under the lock
            terms = await self._policy_terms(booking)
            percent = 100 if full_refund else terms.refund_percent
            await self._lifecycle.finish(
                booking,
                BookingEvent.CANCELLED,
                reason="staff",
                by=actor.telegram_id,
                notice="notice-booking-cancelled-by-staff",
                notice_params={"reason": said},
            )
            refund = await self._refunds.plan(booking, percent, RefundReason.STAFF_CANCELLED)
            if booking.status is BookingStatus.PENDING:
                await self._notices.request_closed(booking, "notice-staff-booking-withdrawn")
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.cancel",
                target_type="booking",
                target_id=booking.id,
                details={
                    "before": booking.status.value,
                    "after": BookingStatus.CANCELLED.value,
                    "reason": said,
                    "refund_percent": percent,
                    "refund": refund,
                },
            )
        return refund

    async def move_preview(self, actor: Actor, booking_id: int, new_start: datetime) -> Interval:
        """The period the booking would have after the move (checked again when it is made)."""
        _require(actor)
        async with self._uow.read():
            booking = await self._movable(booking_id)
            tariff, _ = await self._tariff(booking)
            return self._mover.interval(booking, tariff, new_start)

    async def move(
        self, actor: Actor, booking_id: int, new_start: datetime, *, revision: int
    ) -> Booking:
        """Move a live booking, before it starts, to a free time under the rules a client's
        booking meets; it keeps its status (staff decided on it), a request's alerts show the new
        time, and the client is told. `revision` is the booking as the card showed it: one that
        changed meanwhile (the client moved it) is refused, to be looked at again."""
        _require(actor)
        async with self._uow.write():
            seen = await self._movable(booking_id)
            await self._bookings.lock_space(seen.space_id)
            current = await self._movable(booking_id)  # now under the lock
            if current.revision != revision:
                raise BookingChanged()
            tariff, space = await self._tariff(current)
            interval, freed = await self._mover.free_place(current, tariff, space, new_start)
            moved = await self._mover.commit(current, space, interval, current.status, freed)
            client = await self._users.get(moved.user_id)
            if client is not None and moved.status is BookingStatus.PENDING:
                paid = moved.total == 0 or await self._refunds.paid(moved.id) > 0
                await self._notices.request_moved(
                    moved, client, tariff, space, was=current, paid=paid
                )
            await self._notices.status_changed(
                moved,
                moved.status,
                key="notice-booking-moved-by-staff",
                extra={"was": period(tariff, current)},
            )
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.move",
                target_type="booking",
                target_id=moved.id,
                details={
                    "before": current.starts_at.isoformat(),
                    "after": moved.starts_at.isoformat(),
                },
            )
        return moved

    async def check_in(self, actor: Actor, booking_id: int) -> Booking:
        """Mark a confirmed client as arrived, from a little before the start to the end."""
        _require(actor)
        async with self._uow.write():
            booking = await self._bookings.get(booking_id)
            if booking is None:
                raise BookingNotFound()
            now = self._clock.now()
            if not booking.may_check_in(now):
                raise CannotCheckIn()
            if not await self._bookings.check_in(booking.id, at=now, by=actor.telegram_id):
                raise CannotCheckIn()
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.check_in",
                target_type="booking",
                target_id=booking.id,
                details={"before": None, "after": now.isoformat()},
            )
            checked = await self._bookings.get(booking.id)
        assert checked is not None
        return checked

    async def _cancellable(self, booking_id: int) -> Booking:
        booking = await self._bookings.get(booking_id)
        if booking is None:
            raise BookingNotFound()
        if not booking.staff_may_cancel(self._clock.now()):
            raise InvalidTransition(status=booking.status.value, event=BookingEvent.CANCELLED.value)
        return booking

    async def _movable(self, booking_id: int) -> Booking:
        booking = await self._bookings.get(booking_id)
        if booking is None:
            raise BookingNotFound()
        if not booking.client_may_move(self._clock.now()):  # live, not started
            raise (
                BookingStarted()
                if booking.is_live
                else InvalidTransition(status=booking.status.value, event=BookingEvent.MOVED.value)
            )
        return booking

    async def _tariff(self, booking: Booking) -> tuple[Tariff, Space]:
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if found is None:
            raise BookingNotFound()
        return found

    async def _policy_terms(self, booking: Booking) -> CancelTerms:
        return cancel_terms(
            free_until=self._policy.refund_deadline(booking),
            late_refund_percent=self._policy.late_refund_percent,
            now=self._clock.now(),
            paid=await self._refunds.paid(booking.id),
        )


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_BOOKINGS):
        raise PermissionDenied()
