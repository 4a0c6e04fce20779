"""The waitlist: waiting for a full time, and taking up the place when it frees up."""

from __future__ import annotations

from datetime import datetime

from coworking_bot.domain.booking import (
    Booking,
    BookingNotFound,
    PlaceTaken,
    booking_interval,
    check_bookable,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lookups import bookable_tariff
from coworking_bot.services.booking.making import BookingMaker
from coworking_bot.services.booking.policy import BookingPolicy, BookingRequest
from coworking_bot.services.booking.ports import (
    BookingRepository,
    WaitlistEntry,
    WaitlistRepository,
)
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


class Waitlist:
    def __init__(
        self,
        bookings: BookingRepository,
        waitlist: WaitlistRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        maker: BookingMaker,
    ) -> None:
        self._bookings = bookings
        self._waitlist = waitlist
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._maker = maker

    async def join(
        self, actor: Actor, tariff_id: int, start: datetime, units: int
    ) -> WaitlistEntry:
        """Wait for a place of this tariff over this time; told in turn when one frees up."""
        async with self._uow.write():
            user = await active_user(self._users, actor.telegram_id)
            tariff, space = await bookable_tariff(self._bookings, tariff_id)
            interval = booking_interval(tariff, start, units, self._policy.tz)
            check_bookable(space, tariff, interval, self._clock.now(), self._policy.tz)
            return await self._waitlist.join(
                user_id=user.id,
                space_id=space.id,
                tariff_id=tariff.id,
                starts_at=interval.start,
                ends_at=interval.end,
                units=units,
            )

    async def book_offer(self, actor: Actor, entry_id: int) -> Booking:
        """The "book it" button of a waitlist notice: books that time if it is still free."""
        try:
            async with self._uow.write():
                user = await active_user(self._users, actor.telegram_id)
                entry = await self._waitlist.get(entry_id)
                if entry is None or entry.user_id != user.id:
                    raise BookingNotFound()
                tariff, space = await bookable_tariff(self._bookings, entry.tariff_id)
                await self._maker.lock(user, space)
                request = BookingRequest(entry.tariff_id, entry.starts_at, entry.units)
                booking = await self._maker.make(user, tariff, space, request)
                await self._waitlist.remove(entry.id)
                return booking
        except PlaceTaken:
            # Someone was quicker: stay in line for the next place that frees up.
            async with self._uow.write():
                await self._waitlist.requeue(entry_id)
            raise
