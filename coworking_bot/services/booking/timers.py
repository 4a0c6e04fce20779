"""Timed work on bookings, run by the scheduler: holds that ran out, and bookings that ended.
Every change is conditional on the status it starts from, so several instances ticking do no
harm."""

from __future__ import annotations

from coworking_bot.domain.booking import BookingEvent, BookingStatus
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork


class BookingTimers:
    def __init__(
        self,
        bookings: BookingRepository,
        uow: UnitOfWork,
        clock: Clock,
        lifecycle: BookingLifecycle,
    ) -> None:
        self._bookings = bookings
        self._uow = uow
        self._clock = clock
        self._lifecycle = lifecycle

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
                booking = await self._bookings.get(booking_id)
                if booking is None or booking.status is not BookingStatus.HELD:
                    continue
                await self._bookings.lock_space(booking.space_id)
                await self._lifecycle.finish(
                    booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired"
                )
                expired += 1
        return expired
