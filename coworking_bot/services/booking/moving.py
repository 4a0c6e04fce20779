"""Moving a live booking to another time of the same tariff and length: the one rule both the
client's move (`ChangeBooking`) and a staff move (`StaffChanges`) go through. The caller holds a
write transaction and the space's lock, and has read the booking again under it."""

from __future__ import annotations

from datetime import datetime

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import (
    Booking,
    BookingNotFound,
    BookingStatus,
    PlaceTaken,
    booking_interval,
    check_bookable,
)
from coworking_bot.domain.cancellation import deadline_after_move
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import room_for
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock


class BookingMover:
    def __init__(
        self,
        bookings: BookingRepository,
        clock: Clock,
        policy: BookingPolicy,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
    ) -> None:
        self._bookings = bookings
        self._clock = clock
        self._policy = policy
        self._lifecycle = lifecycle
        self._notices = notices

    def interval(self, booking: Booking, tariff: Tariff, new_start: datetime) -> Interval:
        return booking_interval(tariff, new_start, booking.units, self._policy.tz)

    def deadline(self, booking: Booking, interval: Interval) -> datetime:
        """The free-cancellation deadline after the move: never later than it was."""
        return deadline_after_move(
            self._policy.cancel_deadline(booking), interval.start, self._policy.cancel_free_hours
        )

    async def free_place(
        self, booking: Booking, tariff: Tariff, space: Space, new_start: datetime
    ) -> tuple[Interval, list[Interval]]:
        """The new period, checked as a new booking would be (hours, how far ahead, a place free
        besides this booking); and the intervals that holds run out meanwhile freed."""
        now = self._clock.now()
        interval = self.interval(booking, tariff, new_start)
        check_bookable(space, tariff, interval, now, self._policy.tz)
        freed = await self._lifecycle.expire_space_holds(space.id, now)
        if not await room_for(self._bookings, space, interval, exclude=(booking.id,)):
            raise PlaceTaken()
        return interval, freed

    async def commit(
        self,
        booking: Booking,
        space: Space,
        interval: Interval,
        status: BookingStatus,
        freed: list[Interval],
    ) -> Booking:
        """Write the move; whoever waits for the old time (or for what holds freed) hears of it."""
        if not await self._bookings.move(
            booking.id,
            expected=booking.status,
            status=status,
            starts_at=interval.start,
            ends_at=interval.end,
            free_cancel_until=self.deadline(booking, interval),
        ):
            raise BookingNotFound()
        moved = await self._bookings.get(booking.id)
        assert moved is not None
        for interval_freed in (booking.interval, *freed):
            await self._notices.freed(space, interval_freed)
        return moved
