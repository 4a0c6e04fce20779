"""Reads that several booking use cases start with, each with its refusal."""

from __future__ import annotations

from coworking_bot.domain.booking import TariffUnavailable
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.errors import UserNotFound
from coworking_bot.domain.users import User
from coworking_bot.services.booking_ports import BookingRepository
from coworking_bot.services.ports import UserRepository


async def bookable_tariff(bookings: BookingRepository, tariff_id: int) -> tuple[Tariff, Space]:
    """An active tariff of an active space, or `TariffUnavailable`."""
    found = await bookings.tariff_with_space(tariff_id)
    if found is None or not found[0].is_active or not found[1].is_active:
        raise TariffUnavailable()
    return found


async def registered_user(users: UserRepository, telegram_id: int) -> User:
    """A user who finished registration, or `UserNotFound`."""
    user = await users.get_by_telegram_id(telegram_id)
    if user is None or not user.is_registered:
        raise UserNotFound()
    return user
