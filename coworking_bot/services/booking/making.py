"""Making a booking: the one rule every way of booking goes through (a client's booking, a
weekly series, a waitlist offer taken up, a booking staff make for a client)."""

from __future__ import annotations

from datetime import timedelta

from coworking_bot.domain.booking import (
    Booking,
    BookingStatus,
    PlaceTaken,
    TooManyWaiting,
    TrialUsed,
    booking_interval,
    check_bookable,
    initial_status,
)
from coworking_bot.domain.cancellation import free_cancel_until
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.pricing import PromoTerms, Quote, quote
from coworking_bot.domain.promo import PromoCode, PromoUsedUp, check_promo, normalize_code
from coworking_bot.domain.staff_booking import StaffPayment, staff_booking_status
from coworking_bot.domain.users import User
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.lookups import room_for
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy, BookingRequest
from coworking_bot.services.booking.ports import BookingRepository, NewBooking, PromoRepository
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.users.ports import UserRepository


class BookingMaker:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        promos: PromoRepository,
        clock: Clock,
        notices: BookingNotices,
        policy: BookingPolicy,
        lifecycle: BookingLifecycle,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._promos = promos
        self._clock = clock
        self._notices = notices
        self._policy = policy
        self._lifecycle = lifecycle

    async def lock(self, user: User, space: Space) -> None:
        """Take the user's lock, then the space's: the caller's transaction is then the only one
        booking for this user (per-user limits: promo codes, trials, waiting bookings) and the
        only one changing this space. Always in this order, so two never wait for each other."""
        await self._users.lock(user.id)
        await self._bookings.lock_space(space.id)

    async def price(self, user: User, tariff: Tariff, units: int, raw_promo: str | None) -> Quote:
        """What `user` pays for `units` of `tariff` with this promo code, or why the code fails."""
        _, terms = await self._promo(user, tariff, raw_promo)
        return quote(tariff, units, terms)

    async def make(
        self,
        user: User,
        tariff: Tariff,
        space: Space,
        request: BookingRequest,
        series_id: str | None = None,
        *,
        by_staff: StaffPayment | None = None,
    ) -> Booking:
        """Book `request` for `user`. The caller holds a write transaction and both locks
        (`lock`): the checks and the booking are one step nobody else can come between.

        `by_staff`: staff book it for the client, to be paid this way; it starts as
        `staff_booking_status` says, and a payment link holds the place longer."""
        now = self._clock.now()
        interval = booking_interval(tariff, request.start, request.units, self._policy.tz)
        check_bookable(space, tariff, interval, now, self._policy.tz)
        freed = await self._lifecycle.expire_space_holds(space.id, now)
        if tariff.is_trial and await self._bookings.has_booked(user.id, trial_only=True):
            raise TrialUsed()
        if not await room_for(self._bookings, space, interval):
            raise PlaceTaken()
        promo, terms = await self._promo(user, tariff, request.promo_code)
        price = quote(tariff, request.units, terms)
        online = self._policy.online_payments
        if by_staff is None:
            status = initial_status(price, tariff, online_payments=online)
            hold_minutes = self._policy.hold_minutes
        else:
            status = staff_booking_status(price, by_staff, online_payments=online)
            hold_minutes = self._policy.payment_link_hold_minutes
        if status in (BookingStatus.HELD, BookingStatus.PENDING):
            waiting = await self._bookings.count_waiting(user.id)
            if waiting >= self._policy.max_waiting:
                raise TooManyWaiting(max=self._policy.max_waiting)
        held = status is BookingStatus.HELD
        hold_until = now + timedelta(minutes=hold_minutes) if held else None
        booking = await self._bookings.add(
            NewBooking(
                user_id=user.id,
                space_id=space.id,
                tariff_id=tariff.id,
                status=status,
                starts_at=interval.start,
                ends_at=interval.end,
                exclusive=space.capacity == 1,
                units=request.units,
                quote=price,
                promo_code_id=promo.id if promo else None,
                hold_expires_at=hold_until,
                series_id=series_id,
                request_key=request.request_key,
                free_cancel_until=free_cancel_until(interval.start, self._policy.cancel_free_hours),
            )
        )
        if promo is not None and not await self._promos.redeem(promo.id, user.id, booking.id):
            raise PromoUsedUp()
        if status is BookingStatus.PENDING:
            await self._notices.awaits_staff(booking, user, tariff, space, paid=price.is_free)
        for interval_freed in freed:  # what is left of them once this booking is in
            await self._notices.freed(space, interval_freed)
        return booking

    async def _promo(
        self, user: User, tariff: Tariff, raw: str | None
    ) -> tuple[PromoCode | None, PromoTerms | None]:
        if raw is None or not raw.strip():
            return None, None
        code = normalize_code(raw)
        promo = await self._promos.by_code(code)
        terms = check_promo(
            promo,
            tariff,
            now=self._clock.now(),
            used_by_user=await self._promos.used_by(promo.id, user.id) if promo else 0,
            has_bookings=await self._bookings.has_booked(user.id),
        )
        return promo, terms
