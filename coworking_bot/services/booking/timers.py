"""Timed work on bookings, run by the scheduler: holds that ran out, requests staff never
answered, and bookings that ended. Every change is conditional on the status it starts from, so
several instances ticking do no harm."""

from __future__ import annotations

from coworking_bot.domain.booking import Booking, BookingEvent, BookingStatus
from coworking_bot.domain.payments import RefundReason
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner


class BookingTimers:
    def __init__(
        self,
        bookings: BookingRepository,
        uow: UnitOfWork,
        clock: Clock,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
        refunds: RefundPlanner,
    ) -> None:
        self._bookings = bookings
        self._uow = uow
        self._clock = clock
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds

    async def complete_ended(self, limit: int = 500) -> int:
        """Confirmed bookings whose time is over are completed; returns how many."""
        async with self._uow.write():
            return await self._bookings.complete_ended(self._clock.now(), limit)

    async def expire_due_holds(self, limit: int = 100) -> int:
        """Expire holds whose time ran out; returns how many."""
        async with self._uow.read():
            due = await self._bookings.due_holds(self._clock.now(), limit)
        expired = 0
        for booking_id in due:
            async with self._uow.write():
                booking = await self._locked(booking_id, BookingStatus.HELD)
                if booking is None:
                    continue
                await self._lifecycle.finish(
                    booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired"
                )
                expired += 1
        return expired

    async def lapse_unanswered(self, limit: int = 100) -> int:
        """Requests staff never answered before their time was over are cancelled, everything
        paid goes back, the client is told and the alerts say so; returns how many."""
        async with self._uow.read():
            due = await self._bookings.unanswered_ended(self._clock.now(), limit)
        lapsed = 0
        for booking_id in due:
            async with self._uow.write():
                booking = await self._locked(booking_id, BookingStatus.PENDING)
                if booking is None:
                    continue
                await self._lifecycle.finish(
                    booking,
                    BookingEvent.LAPSED,
                    reason="unanswered",
                    notice="notice-booking-lapsed",
                )
                await self._refunds.plan(booking, 100, RefundReason.STAFF_REJECTED)
                await self._notices.request_closed(booking, "notice-staff-booking-lapsed")
                lapsed += 1
        return lapsed

    async def _locked(self, booking_id: int, status: BookingStatus) -> Booking | None:
        """The booking read again under its space's lock, if it is still in `status`."""
        seen = await self._bookings.get(booking_id)
        if seen is None or seen.status is not status:
            return None
        await self._bookings.lock_space(seen.space_id)
        current = await self._bookings.get(booking_id)
        return current if current is not None and current.status is status else None
