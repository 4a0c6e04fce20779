"""Timed work on bookings, run by the scheduler: holds that ran out, requests staff never
answered, clients who never arrived (when no-shows are on), and bookings that ended. Every
change is conditional on the status it starts from, so several instances ticking do no harm."""

from __future__ import annotations

from datetime import timedelta

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import Booking, BookingEvent, BookingStatus, next_status
from coworking_bot.domain.payments import RefundReason
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner


class BookingTimers:
    def __init__(
        self,
        bookings: BookingRepository,
        uow: UnitOfWork,
        clock: Clock,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
        refunds: RefundPlanner,
        policy: BookingPolicy,
    ) -> None:
        self._bookings = bookings
        self._uow = uow
        self._clock = clock
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds
        self._policy = policy

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
                booking = await self._locked(booking_id, BookingStatus.HELD)
                if booking is None:
                    continue
                await self._lifecycle.finish(
                    booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired"
                )
                expired += 1
        return expired

    async def lapse_unanswered(self, limit: int = 100) -> int:
        """Requests staff never answered before their time was over are cancelled, everything
        paid goes back, the client is told and the alerts say so; returns how many."""
        async with self._uow.read():
            due = await self._bookings.unanswered_ended(self._clock.now(), limit)
        lapsed = 0
        for booking_id in due:
            async with self._uow.write():
                booking = await self._locked(booking_id, BookingStatus.PENDING)
                if booking is None:
                    continue
                await self._lifecycle.finish(
                    booking,
                    BookingEvent.LAPSED,
                    reason="unanswered",
                    notice="notice-booking-lapsed",
                )
                await self._refunds.plan(booking, 100, RefundReason.STAFF_REJECTED)
                await self._notices.request_closed(booking, "notice-staff-booking-lapsed")
                lapsed += 1
        return lapsed

    async def mark_no_shows(self, limit: int = 100) -> int:
        """With `NO_SHOW_MINUTES` set: a confirmed booking of a tariff that asks for check-in,
        nobody checked in that long after its start, becomes a no-show; the rest of its time is
        offered to the waitlist and the client is told. Nothing is refunded and its promo code
        stays used. Returns how many."""
        minutes = self._policy.no_show_minutes
        if minutes is None:
            return 0
        now = self._clock.now()
        async with self._uow.read():
            due = await self._bookings.unattended(now - timedelta(minutes=minutes), now, limit)
        marked = 0
        for booking_id in due:
            async with self._uow.write():
                booking = await self._locked(booking_id, BookingStatus.CONFIRMED)
                if booking is None or booking.checked_in_at is not None:
                    continue
                new = next_status(booking.status, BookingEvent.NO_SHOW)
                if not await self._bookings.change_status(
                    booking.id, expected=booking.status, new=new, cancel_reason="no_show"
                ):
                    continue
                await self._notices.status_changed(booking, new, key="notice-booking-no-show")
                found = await self._bookings.tariff_with_space(booking.tariff_id)
                if found is not None and booking.ends_at > now:
                    await self._notices.freed(
                        found[1], Interval(max(now, booking.starts_at), booking.ends_at)
                    )
                marked += 1
        return marked

    async def _locked(self, booking_id: int, status: BookingStatus) -> Booking | None:
        """The booking read again under its space's lock, if it is still in `status`."""
        seen = await self._bookings.get(booking_id)
        if seen is None or seen.status is not status:
            return None
        await self._bookings.lock_space(seen.space_id)
        current = await self._bookings.get(booking_id)
        return current if current is not None and current.status is status else None
