"""A client changes their own booking: cancels it under the terms it was bought with (a request
not confirmed yet comes back free), or moves it, before it starts, to another free time of the
same tariff and length (which never improves those terms, and sends a booking staff confirm back
to them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStarted,
    BookingStatus,
    TooLateToMove,
    status_after_move,
)
from coworking_bot.domain.cancellation import CancelTerms, cancel_terms
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import bookable_tariff
from coworking_bot.services.booking.moving import BookingMover
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class MovePreview:
    """What moving a booking to a new time means, before the client says yes."""

    interval: Interval
    terms: CancelTerms  # cancelling after the move
    to_staff: bool  # staff confirm the new time again


class ChangeBooking:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
        refunds: RefundPlanner,
        mover: BookingMover,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds
        self._mover = mover

    async def cancel_terms(self, actor: Actor, booking_id: int) -> CancelTerms:
        """What cancelling this booking now would give back."""
        booking, _ = await self._own(actor, booking_id, moving=False)
        return await self._cancel_terms(booking)

    async def cancel(self, actor: Actor, booking_id: int) -> CancelTerms:
        """The client cancels their own booking; its place and promo code are freed, and what its
        terms give back is planned as a refund in the same transaction."""
        async with self._uow.write():
            seen, _ = await self._own(actor, booking_id, moving=False)
            await self._bookings.lock_space(seen.space_id)
            booking, _ = await self._own(actor, booking_id, moving=False)  # now under the lock
            terms = await self._cancel_terms(booking)
            await self._lifecycle.finish(
                booking, BookingEvent.CANCELLED, reason="client", by=actor.telegram_id
            )
            refund = await self._refunds.plan(
                booking, terms.refund_percent, RefundReason.CLIENT_CANCELLED
            )
            if booking.status is BookingStatus.PENDING:
                await self._notices.request_closed(booking, "notice-staff-booking-withdrawn")
            elif booking.status is BookingStatus.CONFIRMED:
                await self._notices.cancelled_by_client(booking, refund)
        return CancelTerms(terms.free, terms.refund_percent, terms.free_until, terms.paid, refund)

    async def check_move(self, actor: Actor, booking_id: int) -> None:
        """Raises why this booking cannot be moved at all, whatever the new time: it started, its
        tariff is no longer booked, or staff would look at it again after its free cancellation
        ended (a rejected move would then cost the client the booking and its money)."""
        booking, _ = await self._own(actor, booking_id, moving=True)
        tariff, _ = await bookable_tariff(self._bookings, booking.tariff_id)
        new_status = status_after_move(booking.status, needs_confirmation=tariff.needs_confirmation)
        if (
            self._back_to_staff(booking, new_status)
            and not (await self._terms(booking, self._policy.cancel_deadline(booking))).free
        ):
            raise TooLateToMove()

    async def move_preview(self, actor: Actor, booking_id: int, new_start: datetime) -> MovePreview:
        """The new period, the cancellation terms after the move, and whether staff look again."""
        booking, _ = await self._own(actor, booking_id, moving=True)
        tariff, _ = await bookable_tariff(self._bookings, booking.tariff_id)
        interval = self._mover.interval(booking, tariff, new_start)
        new_status = status_after_move(booking.status, needs_confirmation=tariff.needs_confirmation)
        terms = await self._terms(booking, self._mover.deadline(booking, interval))
        if self._back_to_staff(booking, new_status) and not terms.free:
            raise TooLateToMove()
        return MovePreview(interval, terms, to_staff=new_status is BookingStatus.PENDING)

    async def move(self, actor: Actor, booking_id: int, new_start: datetime) -> Booking:
        """Move the client's booking, before it starts, to another free time of the same tariff
        and length. A booking staff confirm goes back to them; their old alerts say so."""
        async with self._uow.write():
            seen, _ = await self._own(actor, booking_id, moving=True)
            tariff, space = await bookable_tariff(self._bookings, seen.tariff_id)
            await self._bookings.lock_space(space.id)
            current, user = await self._own(actor, booking_id, moving=True)  # under the lock
            interval, freed = await self._mover.free_place(current, tariff, space, new_start)
            new_status = status_after_move(
                current.status, needs_confirmation=tariff.needs_confirmation
            )
            if (
                self._back_to_staff(current, new_status)
                and not (await self._terms(current, self._mover.deadline(current, interval))).free
            ):
                raise TooLateToMove()
            moved = await self._mover.commit(current, space, interval, new_status, freed)
            if new_status is BookingStatus.PENDING:
                await self._tell_staff(current, moved, user, tariff, space)
        return moved

    async def _tell_staff(
        self, before: Booking, moved: Booking, client: User, tariff: Tariff, space: Space
    ) -> None:
        """A request still waiting: its alerts show the new time in place, with buttons for it
        (no new message each time the client moves it). A confirmed booking that comes back to
        staff: a new alert, so they notice."""
        paid = moved.total == 0 or await self._refunds.paid(moved.id) > 0
        if before.status is BookingStatus.PENDING:
            await self._notices.request_moved(moved, client, tariff, space, was=before, paid=paid)
            return
        await self._notices.awaits_staff(moved, client, tariff, space, paid=paid)

    @staticmethod
    def _back_to_staff(booking: Booking, new_status: BookingStatus) -> bool:
        """A confirmed booking that the move sends back to staff."""
        return booking.status is BookingStatus.CONFIRMED and new_status is BookingStatus.PENDING

    async def _cancel_terms(self, booking: Booking) -> CancelTerms:
        """The terms the booking was bought with (`BookingPolicy.refund_deadline`)."""
        return await self._terms(booking, self._policy.refund_deadline(booking))

    async def _terms(self, booking: Booking, deadline: datetime) -> CancelTerms:
        return cancel_terms(
            free_until=deadline,
            late_refund_percent=self._policy.late_refund_percent,
            now=self._clock.now(),
            paid=await self._refunds.paid(booking.id),
        )

    async def _own(self, actor: Actor, booking_id: int, *, moving: bool) -> tuple[Booking, User]:
        """The actor's own live booking, still theirs to cancel (or to move)."""
        user = await active_user(self._users, actor.telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id or not booking.is_live:
            raise BookingNotFound()
        now = self._clock.now()
        allowed = booking.client_may_move(now) if moving else booking.client_may_cancel(now)
        if not allowed:
            raise BookingStarted()
        return booking, user
