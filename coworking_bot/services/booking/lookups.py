"""Reads that several booking use cases start with, each with its refusal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from coworking_bot.domain.availability import Interval, Occupancy, has_room
from coworking_bot.domain.booking import TariffUnavailable
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.services.booking.ports import BookingRepository


async def bookable_tariff(bookings: BookingRepository, tariff_id: int) -> tuple[Tariff, Space]:
    """An active tariff of an active space, or `TariffUnavailable`."""
    found = await bookings.tariff_with_space(tariff_id)
    if found is None or not found[0].is_active or not found[1].is_active:
        raise TariffUnavailable()
    return found


async def occupancy_around(
    bookings: BookingRepository, space: Space, interval: Interval, exclude: Sequence[int] = ()
) -> Occupancy:
    """The live bookings of `space` that matter to a booking over `interval`: those within the
    space's buffer of it, but the ones in `exclude`."""
    buffer = timedelta(minutes=space.buffer_minutes)
    busy = await bookings.live_intervals(
        space.id, interval.start - buffer, interval.end + buffer, exclude_ids=exclude
    )
    return Occupancy(busy)


async def room_for(
    bookings: BookingRepository, space: Space, interval: Interval, exclude: Sequence[int] = ()
) -> bool:
    """Is a place of `space` free over `interval`, the space's buffer included, leaving the
    bookings in `exclude` out of the count? Ask under the space's lock to rely on the answer."""
    occupancy = await occupancy_around(bookings, space, interval, exclude)
    return has_room(space, occupancy, interval.start, interval.end)
