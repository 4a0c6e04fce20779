"""A client books: the price first (promo code checked), then the booking itself."""

from __future__ import annotations

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.pricing import Quote
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lookups import bookable_tariff
from coworking_bot.services.booking.making import BookingMaker
from coworking_bot.services.booking.policy import BookingRequest
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


class CreateBooking:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        maker: BookingMaker,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._maker = maker

    async def preview(self, actor: Actor, request: BookingRequest) -> Quote:
        """The price the client will pay, promo code checked, without booking anything."""
        user = await active_user(self._users, actor.telegram_id)
        tariff, _ = await bookable_tariff(self._bookings, request.tariff_id)
        return await self._maker.price(user, tariff, request.units, request.promo_code)

    async def create(self, actor: Actor, request: BookingRequest) -> Booking:
        """Book it, or say why not. The same `request_key` again gives back the same booking."""
        async with self._uow.write():
            user = await active_user(self._users, actor.telegram_id)
            tariff, space = await bookable_tariff(self._bookings, request.tariff_id)
            await self._maker.lock(user, space)
            if request.request_key:
                existing = await self._bookings.by_request_key(request.request_key)
                if existing is not None and existing.user_id == user.id:
                    return existing
            return await self._maker.make(user, tariff, space, request)
