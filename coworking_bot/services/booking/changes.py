"""A client changes their own booking before it starts: cancels it under the terms it was bought
with, or moves it to another free time of the same tariff and length (which never improves those
terms, and sends a booking staff confirm back to them)."""

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
    PlaceTaken,
    booking_interval,
    check_bookable,
    status_after_move,
)
from coworking_bot.domain.cancellation import CancelTerms, cancel_terms, deadline_after_move
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import bookable_tariff, room_for
from coworking_bot.services.booking.notices import BookingNotices, period
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
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds

    async def cancel_terms(self, actor: Actor, booking_id: int) -> CancelTerms:
        """What cancelling this booking now would give back (it must not have started)."""
        booking, _ = await self._own_changeable(actor, booking_id)
        return await self._terms(booking, self._policy.cancel_deadline(booking))

    async def cancel(self, actor: Actor, booking_id: int) -> CancelTerms:
        """The client cancels their own booking before it starts; its place and promo code are
        freed, and what its terms give back is planned as a refund in the same transaction."""
        async with self._uow.write():
            booking, _ = await self._own_changeable(actor, booking_id)
            await self._bookings.lock_space(booking.space_id)
            terms = await self._terms(booking, self._policy.cancel_deadline(booking))
            await self._lifecycle.finish(
                booking, BookingEvent.CANCELLED, reason="client", by=actor.telegram_id
            )
            refund = await self._refunds.plan(
                booking, terms.refund_percent, RefundReason.CLIENT_CANCELLED
            )
            if booking.status is BookingStatus.PENDING:
                await self._notices.request_closed(booking, "notice-staff-booking-withdrawn")
        return CancelTerms(terms.free, terms.refund_percent, terms.free_until, terms.paid, refund)

    async def move_preview(self, actor: Actor, booking_id: int, new_start: datetime) -> MovePreview:
        """The new period, the cancellation terms after the move, and whether staff look again."""
        booking, _ = await self._own_changeable(actor, booking_id)
        tariff, _ = await bookable_tariff(self._bookings, booking.tariff_id)
        interval = booking_interval(tariff, new_start, booking.units, self._policy.tz)
        deadline = self._moved_deadline(booking, interval)
        new_status = status_after_move(booking.status, needs_confirmation=tariff.needs_confirmation)
        return MovePreview(
            interval,
            await self._terms(booking, deadline),
            to_staff=new_status is BookingStatus.PENDING,
        )

    async def move(self, actor: Actor, booking_id: int, new_start: datetime) -> Booking:
        """Move the client's booking, before it starts, to another free time of the same tariff
        and length. A booking staff confirm goes back to them; their old alerts say so."""
        async with self._uow.write():
            booking, user = await self._own_changeable(actor, booking_id)
            tariff, space = await bookable_tariff(self._bookings, booking.tariff_id)
            await self._bookings.lock_space(space.id)
            current = await self._bookings.get(booking.id)
            if current is None or not current.is_live:
                raise BookingNotFound()
            now = self._clock.now()
            interval = booking_interval(tariff, new_start, current.units, self._policy.tz)
            check_bookable(space, tariff, interval, now, self._policy.tz)
            await self._lifecycle.expire_space_holds(space.id, now)
            if not await room_for(self._bookings, space, interval, exclude=(current.id,)):
                raise PlaceTaken()
            new_status = status_after_move(
                current.status, needs_confirmation=tariff.needs_confirmation
            )
            if not await self._bookings.move(
                current.id,
                expected=current.status,
                status=new_status,
                starts_at=interval.start,
                ends_at=interval.end,
                free_cancel_until=self._moved_deadline(current, interval),
            ):
                raise BookingNotFound()
            moved = await self._bookings.get(current.id)
            assert moved is not None
            await self._notices.freed(space, current.interval)
            if new_status is BookingStatus.PENDING:
                await self._back_to_staff(current, moved, user, tariff, space)
        return moved

    async def _back_to_staff(
        self, before: Booking, moved: Booking, client: User, tariff: Tariff, space: Space
    ) -> None:
        """The alerts about the old time say it moved; staff get a request for the new one."""
        if before.status is BookingStatus.PENDING:
            await self._notices.request_closed(
                before, "notice-staff-booking-moved", {"was": period(tariff, before)}
            )
        paid = moved.total == 0 or await self._refunds.paid(moved.id) > 0
        await self._notices.awaits_staff(moved, client, tariff, space, paid=paid)

    def _moved_deadline(self, booking: Booking, interval: Interval) -> datetime:
        return deadline_after_move(
            self._policy.cancel_deadline(booking), interval.start, self._policy.cancel_free_hours
        )

    async def _terms(self, booking: Booking, deadline: datetime) -> CancelTerms:
        return cancel_terms(
            free_until=deadline,
            late_refund_percent=self._policy.late_refund_percent,
            now=self._clock.now(),
            paid=await self._refunds.paid(booking.id),
        )

    async def _own_changeable(self, actor: Actor, booking_id: int) -> tuple[Booking, User]:
        """The actor's own live booking that has not started yet."""
        user = await active_user(self._users, actor.telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id or not booking.is_live:
            raise BookingNotFound()
        if booking.has_started(self._clock.now()):
            raise BookingStarted()
        return booking, user
