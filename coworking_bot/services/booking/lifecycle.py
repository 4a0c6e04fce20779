"""How a live booking ends when it is cancelled, rejected or its hold runs out: the one place
that gives its place and promo code back and tells the client and the waitlist."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import Booking, BookingEvent, BookingNotFound, BookingStatus
from coworking_bot.domain.booking import next_status as status_after
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository, PromoRepository
from coworking_bot.services.common.notices import NoticeParam
from coworking_bot.services.common.ports import Clock

# At most this many holds of one space are expired on the way into a booking of it.
HOLDS_PER_SPACE = 100


class BookingLifecycle:
    def __init__(
        self,
        bookings: BookingRepository,
        promos: PromoRepository,
        clock: Clock,
        notices: BookingNotices,
    ) -> None:
        self._bookings = bookings
        self._promos = promos
        self._clock = clock
        self._notices = notices

    async def finish(
        self,
        booking: Booking,
        event: BookingEvent,
        *,
        reason: str,
        by: int | None = None,
        offer: bool = True,
        notice: str | None = None,
        notice_params: Mapping[str, NoticeParam] | None = None,
    ) -> None:
        """Cancel or expire: the place and the promo code are given back, waiting users told (but
        with `offer=False`, when the caller offers the place itself once its own change is made).
        `notice` is the client's text when the usual one for the new status does not fit (with
        `notice_params` besides the booking's own). The caller holds the transaction and the
        space's lock."""
        new = status_after(booking.status, event)
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
        await self._notices.status_changed(booking, new, key=notice, extra=notice_params)
        if not offer:
            return
        space_tariff = await self._bookings.tariff_with_space(booking.tariff_id)
        if space_tariff is not None:
            await self._notices.freed(space_tariff[1], booking.interval)

    async def expire_space_holds(self, space_id: int, now: datetime) -> list[Interval]:
        """Holds of this space whose time ran out are expired here, under the space's lock (the
        caller holds it), rather than keeping their place until the periodic job gets to them.
        Returns the times they held: the caller offers them to the waitlist once its own booking
        is in, so nobody is offered the very place that booking takes."""
        freed: list[Interval] = []
        for booking_id in await self._bookings.due_holds(now, HOLDS_PER_SPACE, space_id=space_id):
            booking = await self._bookings.get(booking_id)
            if booking is not None and booking.status is BookingStatus.HELD:
                await self.finish(
                    booking, BookingEvent.HOLD_EXPIRED, reason="hold_expired", offer=False
                )
                freed.append(booking.interval)
        return freed
