"""Booking use cases. Every change runs in one transaction that first locks the space, so two
clients can never take the same last place (DESIGN.md section 3)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStatus,
    PlaceTaken,
    TrialUsed,
    booking_interval,
    check_bookable,
    next_status,
)
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.pricing import PromoTerms, Quote, quote
from coworking_bot.domain.promo import PromoCode, PromoUsedUp, check_promo, normalize_code
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.lookups import bookable_tariff, registered_user, room_for
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import (
    BookingPolicy,
    BookingRequest,
    CancelTerms,
    SeriesDate,
    cancel_terms,
)
from coworking_bot.services.booking.ports import (
    BookingRepository,
    NewBooking,
    PromoRepository,
    WaitlistEntry,
    WaitlistRepository,
)
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.users.ports import UserRepository

__all__ = [
    "BookingPolicy",
    "BookingRequest",
    "BookingService",
    "CancelTerms",
    "SeriesDate",
    "cancel_terms",
]


class BookingService:
    def __init__(
        self,
        bookings: BookingRepository,
        promos: PromoRepository,
        waitlist: WaitlistRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        notices: BookingNotices,
        policy: BookingPolicy,
        refunds: RefundPlanner,
    ) -> None:
        self._bookings = bookings
        self._promos = promos
        self._waitlist = waitlist
        self._users = users
        self._uow = uow
        self._clock = clock
        self._notices = notices
        self._policy = policy
        self._refunds = refunds

    async def preview(self, telegram_id: int, request: BookingRequest) -> Quote:
        """The price the client will pay, promo code checked, without booking anything."""
        user = await self._user(telegram_id)
        tariff, _ = await self._offer(request.tariff_id)
        _, terms = await self._promo(user, tariff, request.promo_code)
        return quote(tariff, request.units, terms)

    async def create(self, telegram_id: int, request: BookingRequest) -> Booking:
        await self._uow.begin_write()
        user = await self._user(telegram_id)
        tariff, space = await self._offer(request.tariff_id)
        await self._bookings.lock_space(space.id)
        if request.request_key:
            existing = await self._bookings.by_request_key(request.request_key)
            if existing is not None and existing.user_id == user.id:
                await self._uow.rollback()
                return existing
        try:
            booking = await self._create_locked(user, tariff, space, request, series_id=None)
        except BaseException:
            await self._uow.rollback()
            raise
        await self._uow.commit()
        return booking

    async def weekly_dates(
        self, telegram_id: int, tariff_id: int, start: datetime, units: int, weeks: int
    ) -> list[SeriesDate]:
        """The same time each week for `weeks` weeks, each marked free or not."""
        await self._user(telegram_id)
        tariff, space = await self._offer(tariff_id)
        now = self._clock.now()
        dates: list[SeriesDate] = []
        for week in range(weeks):
            moment = start + timedelta(weeks=week)
            dates.append(SeriesDate(moment, await self._fits(tariff, space, moment, units, now)))
        return dates

    async def create_series(
        self,
        telegram_id: int,
        tariff_id: int,
        starts: Sequence[datetime],
        units: int,
        request_key: str | None = None,
    ) -> list[Booking]:
        """Book every start in one transaction: all of them, or none if one is taken meanwhile."""
        await self._uow.begin_write()
        user = await self._user(telegram_id)
        tariff, space = await self._offer(tariff_id)
        await self._bookings.lock_space(space.id)
        series_id = str(uuid.uuid4())
        made: list[Booking] = []
        try:
            for index, start in enumerate(sorted(starts)):
                key = f"{request_key}:{index}" if request_key else None
                request = BookingRequest(tariff_id, start, units, request_key=key)
                made.append(await self._create_locked(user, tariff, space, request, series_id))
        except BaseException:
            await self._uow.rollback()
            raise
        await self._uow.commit()
        return made

    async def cancel(self, telegram_id: int, booking_id: int) -> CancelTerms:
        """The client cancels their own live booking; its place and promo code are freed."""
        await self._uow.begin_write()
        booking = await self._own_booking(telegram_id, booking_id)
        await self._bookings.lock_space(booking.space_id)
        paid = await self._refunds.paid(booking.id)
        terms = cancel_terms(booking, self._policy, self._clock.now(), paid)
        await self._finish(booking, BookingEvent.CANCELLED, reason="client", by=telegram_id)
        refund = await self._refunds.plan(
            booking, terms.refund_percent, RefundReason.CLIENT_CANCELLED
        )
        await self._uow.commit()
        return CancelTerms(terms.free, terms.refund_percent, terms.free_until, paid, refund)

    async def cancel_terms(self, booking: Booking) -> CancelTerms:
        """What cancelling `booking` now would give back."""
        paid = await self._refunds.paid(booking.id)
        return cancel_terms(booking, self._policy, self._clock.now(), paid)

    async def reschedule(self, telegram_id: int, booking_id: int, new_start: datetime) -> Booking:
        """Move a live booking to another free time of the same tariff and length."""
        await self._uow.begin_write()
        booking = await self._own_booking(telegram_id, booking_id)
        tariff, space = await self._offer(booking.tariff_id)
        await self._bookings.lock_space(space.id)
        current = await self._bookings.get(booking.id)
        if current is None or not current.is_live:
            await self._uow.rollback()
            raise BookingNotFound()
        interval = booking_interval(tariff, new_start, current.units, self._policy.tz)
        try:
            check_bookable(space, tariff, interval, self._clock.now(), self._policy.tz)
            await self.expire_space_holds(space.id, self._clock.now())
            await self._require_room(space, interval, exclude=(current.id,))
        except BaseException:
            await self._uow.rollback()
            raise
        await self._bookings.move(current.id, interval.start, interval.end)
        await self._notices.freed(space, current.interval)
        await self._uow.commit()
        moved = await self._bookings.get(current.id)
        assert moved is not None
        return moved

    async def confirm(self, actor: Actor, booking_id: int) -> Booking:
        """Staff confirm a booking that waits for them."""
        return await self._staff_decision(actor, booking_id, BookingEvent.STAFF_CONFIRMED)

    async def reject(self, actor: Actor, booking_id: int) -> Booking:
        return await self._staff_decision(actor, booking_id, BookingEvent.STAFF_REJECTED)

    async def expire_due_holds(self, limit: int = 100) -> int:
        """Expire holds whose time ran out. Safe to run on several instances at once."""
        due = await self._bookings.due_holds(self._clock.now(), limit)
        await self._uow.rollback()  # end the read; each expiry is its own write transaction
        expired = 0
        for booking_id in due:
            await self._uow.begin_write()
            booking = await self._bookings.get(booking_id)
            if booking is not None and booking.status is BookingStatus.HELD:
                await self._bookings.lock_space(booking.space_id)
                await self._finish(booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired")
                expired += 1
            await self._uow.commit()
        return expired

    async def join_waitlist(
        self, telegram_id: int, tariff_id: int, start: datetime, units: int
    ) -> WaitlistEntry:
        """Wait for a place of this tariff over this time; told in turn when one frees up."""
        await self._uow.begin_write()
        user = await self._user(telegram_id)
        tariff, space = await self._offer(tariff_id)
        interval = booking_interval(tariff, start, units, self._policy.tz)
        check_bookable(space, tariff, interval, self._clock.now(), self._policy.tz)
        entry = await self._waitlist.join(
            user_id=user.id,
            space_id=space.id,
            tariff_id=tariff.id,
            starts_at=interval.start,
            ends_at=interval.end,
            units=units,
        )
        await self._uow.commit()
        return entry

    async def book_waitlisted(self, telegram_id: int, entry_id: int) -> Booking:
        """The "book it" button of a waitlist notice: books that time if it is still free."""
        await self._uow.begin_write()
        user = await self._user(telegram_id)
        entry = await self._waitlist.get(entry_id)
        if entry is None or entry.user_id != user.id:
            await self._uow.rollback()
            raise BookingNotFound()
        tariff, space = await self._offer(entry.tariff_id)
        await self._bookings.lock_space(space.id)
        request = BookingRequest(entry.tariff_id, entry.starts_at, entry.units)
        try:
            booking = await self._create_locked(user, tariff, space, request, series_id=None)
        except PlaceTaken:
            # Someone was quicker: stay in line for the next place that frees up.
            await self._uow.rollback()
            await self._uow.begin_write()
            await self._waitlist.requeue(entry.id)
            await self._uow.commit()
            raise
        except BaseException:
            await self._uow.rollback()
            raise
        await self._waitlist.remove(entry.id)
        await self._uow.commit()
        return booking

    async def _create_locked(
        self,
        user: User,
        tariff: Tariff,
        space: Space,
        request: BookingRequest,
        series_id: str | None,
    ) -> Booking:
        now = self._clock.now()
        interval = booking_interval(tariff, request.start, request.units, self._policy.tz)
        check_bookable(space, tariff, interval, now, self._policy.tz)
        await self.expire_space_holds(space.id, now)
        if tariff.is_trial and await self._bookings.has_booked(user.id, trial_only=True):
            raise TrialUsed()
        await self._require_room(space, interval)
        promo, terms = await self._promo(user, tariff, request.promo_code)
        price = quote(tariff, request.units, terms)
        if price.is_free:
            status = next_status(
                BookingStatus.HELD, BookingEvent.PAID, needs_confirmation=tariff.needs_confirmation
            )
            hold_until = None
        elif not self._policy.online_payments:
            status, hold_until = BookingStatus.PENDING, None  # paid on site; staff confirm it
        else:
            status = BookingStatus.HELD
            hold_until = now + timedelta(minutes=self._policy.hold_minutes)
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
            )
        )
        if promo is not None and not await self._promos.redeem(promo.id, user.id, booking.id):
            raise PromoUsedUp()
        if status is BookingStatus.PENDING:
            await self._notices.awaits_staff(booking, user, tariff, space, paid=price.is_free)
        return booking

    async def _staff_decision(self, actor: Actor, booking_id: int, event: BookingEvent) -> Booking:
        if not actor.can(Permission.MANAGE_BOOKINGS):
            raise PermissionDenied()
        await self._uow.begin_write()
        booking = await self._bookings.get(booking_id)
        if booking is None:
            raise BookingNotFound()
        await self._bookings.lock_space(booking.space_id)
        current = await self._bookings.get(booking_id)
        if current is None:
            await self._uow.rollback()
            raise BookingNotFound()
        try:
            if event is BookingEvent.STAFF_REJECTED:
                await self._finish(current, event, reason="staff", by=actor.telegram_id)
                await self._refunds.plan(current, 100, RefundReason.STAFF_REJECTED)
            else:
                new = next_status(current.status, event)
                await self._bookings.change_status(current.id, expected=current.status, new=new)
                await self._notices.status_changed(current, new)
        except BaseException:
            await self._uow.rollback()
            raise
        await self._uow.commit()
        result = await self._bookings.get(booking_id)
        assert result is not None
        return result

    async def _finish(
        self, booking: Booking, event: BookingEvent, *, reason: str, by: int | None = None
    ) -> None:
        """Cancel or expire: the place and the promo code are given back, waiting users told."""
        new = next_status(booking.status, event)
        if not await self._bookings.change_status(
            booking.id,
            expected=booking.status,
            new=new,
            cancel_reason=reason,
            cancelled_by=by,
            hold_expires_at=None,
        ):
            raise BookingNotFound()
        await self._promos.release(booking.id, self._clock.now())
        await self._notices.status_changed(booking, new)
        space_tariff = await self._bookings.tariff_with_space(booking.tariff_id)
        if space_tariff is not None:
            await self._notices.freed(space_tariff[1], booking.interval)

    async def expire_space_holds(self, space_id: int, now: datetime) -> None:
        """Holds of this space whose time ran out are expired here, under the space lock (the
        caller holds it), rather than keeping their place until the periodic job gets to them."""
        for booking_id in await self._bookings.due_holds(now, 100, space_id=space_id):
            booking = await self._bookings.get(booking_id)
            if booking is not None and booking.status is BookingStatus.HELD:
                await self._finish(booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired")

    async def _require_room(
        self, space: Space, interval: Interval, exclude: Sequence[int] = ()
    ) -> None:
        if not await room_for(self._bookings, space, interval, exclude):
            raise PlaceTaken()

    async def _fits(
        self, tariff: Tariff, space: Space, start: datetime, units: int, now: datetime
    ) -> bool:
        interval = booking_interval(tariff, start, units, self._policy.tz)
        try:
            check_bookable(space, tariff, interval, now, self._policy.tz)
            await self._require_room(space, interval)
        except DomainError:  # a closed, past or taken week is simply not free
            return False
        return True

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

    async def _own_booking(self, telegram_id: int, booking_id: int) -> Booking:
        user = await self._user(telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id or not booking.is_live:
            raise BookingNotFound()
        return booking

    async def _offer(self, tariff_id: int) -> tuple[Tariff, Space]:
        return await bookable_tariff(self._bookings, tariff_id)

    async def _user(self, telegram_id: int) -> User:
        return await registered_user(self._users, telegram_id)
