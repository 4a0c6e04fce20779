"""A client changes their own booking: cancels it under the cancellation policy, or moves it to
another free time of the same tariff and length."""

from __future__ import annotations

from datetime import datetime

from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    PlaceTaken,
    booking_interval,
    check_bookable,
)
from coworking_bot.domain.cancellation import CancelTerms, cancel_terms
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import bookable_tariff, room_for
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


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
        """What cancelling this live booking now would give back."""
        booking = await self._own_live(actor, booking_id)
        return await self._terms(booking)

    async def cancel(self, actor: Actor, booking_id: int) -> CancelTerms:
        """The client cancels their own live booking; its place and promo code are freed, and
        what the policy gives back is planned as a refund in the same transaction."""
        async with self._uow.write():
            booking = await self._own_live(actor, booking_id)
            await self._bookings.lock_space(booking.space_id)
            terms = await self._terms(booking)
            await self._lifecycle.finish(
                booking, BookingEvent.CANCELLED, reason="client", by=actor.telegram_id
            )
            refund = await self._refunds.plan(
                booking, terms.refund_percent, RefundReason.CLIENT_CANCELLED
            )
        return CancelTerms(terms.free, terms.refund_percent, terms.free_until, terms.paid, refund)

    async def move(self, actor: Actor, booking_id: int, new_start: datetime) -> Booking:
        """Move a live booking to another free time of the same tariff and length."""
        async with self._uow.write():
            booking = await self._own_live(actor, booking_id)
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
            await self._bookings.move(current.id, interval.start, interval.end)
            await self._notices.freed(space, current.interval)
            moved = await self._bookings.get(current.id)
        assert moved is not None
        return moved

    async def _terms(self, booking: Booking) -> CancelTerms:
        return cancel_terms(
            free_until=self._policy.free_cancel_until(booking.starts_at),
            late_refund_percent=self._policy.late_refund_percent,
            now=self._clock.now(),
            paid=await self._refunds.paid(booking.id),
        )

    async def _own_live(self, actor: Actor, booking_id: int) -> Booking:
        user = await active_user(self._users, actor.telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id or not booking.is_live:
            raise BookingNotFound()
        return booking
