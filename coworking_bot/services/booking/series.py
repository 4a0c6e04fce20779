"""The same hour every week: which weeks are free, and booking all of them at once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from coworking_bot.domain.booking import Booking, booking_interval, check_bookable
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lookups import bookable_tariff, room_for
from coworking_bot.services.booking.making import BookingMaker
from coworking_bot.services.booking.policy import BookingPolicy, BookingRequest, SeriesDate
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


class WeeklySeries:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        maker: BookingMaker,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._maker = maker

    async def dates(
        self, actor: Actor, tariff_id: int, start: datetime, units: int, weeks: int
    ) -> list[SeriesDate]:
        """The same time each week for `weeks` weeks, each marked free or not."""
        await active_user(self._users, actor.telegram_id)
        tariff, space = await bookable_tariff(self._bookings, tariff_id)
        now = self._clock.now()
        dates: list[SeriesDate] = []
        for week in range(weeks):
            moment = start + timedelta(weeks=week)
            interval = booking_interval(tariff, moment, units, self._policy.tz)
            try:
                check_bookable(space, tariff, interval, now, self._policy.tz)
                free = await room_for(self._bookings, space, interval)
            except DomainError:  # a closed, past or far-off week is simply not free
                free = False
            dates.append(SeriesDate(moment, free))
        return dates

    async def book(
        self,
        actor: Actor,
        tariff_id: int,
        starts: Sequence[datetime],
        units: int,
        request_key: str | None = None,
    ) -> list[Booking]:
        """Book every start in one transaction: all of them, or none if one is taken meanwhile."""
        async with self._uow.write():
            user = await active_user(self._users, actor.telegram_id)
            tariff, space = await bookable_tariff(self._bookings, tariff_id)
            await self._maker.lock(user, space)
            series_id = str(uuid.uuid4())
            made: list[Booking] = []
            for index, start in enumerate(sorted(starts)):
                key = f"{request_key}:{index}" if request_key else None
                request = BookingRequest(tariff_id, start, units, request_key=key)
                made.append(await self._maker.make(user, tariff, space, request, series_id))
            return made
