"""Money that arrived for a booking, applied to the booking (DESIGN.md section 3).

A held booking is simply paid. Money for a booking whose hold ran out books its place again
when the time can still be booked, the place is free and its promo code still has a use: the
server decides, never the client. Otherwise (the place is gone, the code ran out, the booking
was cancelled or is paid already) every kopeck of that payment goes back, so nobody is ever
charged without a booking.
"""

from __future__ import annotations

from enum import StrEnum

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStatus,
    check_bookable,
    next_status,
)
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.payments import Payment, RefundReason
from coworking_bot.domain.promo import check_promo
from coworking_bot.domain.users import User
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import room_for
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository, PromoRepository
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.users.ports import UserRepository


class LateMoney(StrEnum):
    """What became of money that arrived for a booking."""

    BOOKED = "booked"  # the booking is paid (or, its hold gone, booked again: the place was free)
    REFUNDED = "refunded"  # no place to give for it: all of it goes back


class PaymentTaker:
    def __init__(
        self,
        bookings: BookingRepository,
        promos: PromoRepository,
        users: UserRepository,
        lifecycle: BookingLifecycle,
        clock: Clock,
        notices: BookingNotices,
        refunds: RefundPlanner,
        policy: BookingPolicy,
    ) -> None:
        self._bookings = bookings
        self._promos = promos
        self._users = users
        self._lifecycle = lifecycle
        self._clock = clock
        self._notices = notices
        self._refunds = refunds
        self._policy = policy

    async def take(self, booking: Booking, payment: Payment) -> LateMoney:
        """`payment` (already marked succeeded) is money for `booking`. The caller holds the
        transaction and the client's and the space's locks."""
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if found is None:  # tariffs are never deleted while bookings refer to them
            raise BookingNotFound()
        tariff, space = found
        client = await self._users.get(booking.user_id)
        freed: list[Interval] = []
        booked = False
        # A client banned since they booked gets their money back, not a booking.
        if client is not None and not client.is_banned:
            if booking.status is BookingStatus.HELD:
                booked = await self._paid(booking, tariff)
            elif booking.status is BookingStatus.EXPIRED:
                freed = await self._lifecycle.expire_space_holds(space.id, self._clock.now())
                if await self._still_bookable(booking, client, tariff, space):
                    booked = await self._paid(booking, tariff)
        for interval in freed:  # what is left of them, once this booking is back in or not
            await self._notices.freed(space, interval)
        if booked:
            return LateMoney.BOOKED
        await self._refunds.add(booking, payment, payment.amount, RefundReason.LATE_PAYMENT)
        return LateMoney.REFUNDED

    async def _paid(self, booking: Booking, tariff: Tariff) -> bool:
        new = next_status(
            booking.status, BookingEvent.PAID, needs_confirmation=tariff.needs_confirmation
        )
        if not await self._bookings.change_status(
            booking.id,
            expected=booking.status,
            new=new,
            hold_expires_at=None,
            cancel_reason=None,
        ):
            return False
        await self._notices.paid(booking, new)
        return True

    async def _still_bookable(
        self, booking: Booking, client: User, tariff: Tariff, space: Space
    ) -> bool:
        """Can an expired booking have its place back now, under the rules a new booking meets
        (the time, a free place, a trial once, its promo code)? Not the cap on waiting bookings:
        the money is in, and the place is free."""
        now = self._clock.now()
        try:
            check_bookable(space, tariff, booking.interval, now, self._policy.tz)
        except DomainError:
            return False
        if not await room_for(self._bookings, space, booking.interval, exclude=(booking.id,)):
            return False
        if tariff.is_trial and await self._bookings.has_booked(client.id, trial_only=True):
            return False
        if booking.promo_code_id is None:
            return True
        promo = await self._promos.by_id(booking.promo_code_id)
        if promo is None:
            return False
        try:
            check_promo(
                promo,
                tariff,
                now=now,
                used_by_user=await self._promos.used_by(promo.id, client.id),
                has_bookings=await self._bookings.has_booked(client.id),
            )
        except DomainError:
            return False
        return await self._promos.reclaim(booking.id)
