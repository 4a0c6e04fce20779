"""Staff decide on a booking that waits for them: confirm it, or reject it (every kopeck paid goes
back). Every other copy of the alert is then edited to say who decided."""

from __future__ import annotations

from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStatus,
    ClientBanned,
    InvalidTransition,
    RequestChanged,
    next_status,
)
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.users.ports import UserRepository


class DecideBooking:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        lifecycle: BookingLifecycle,
        notices: BookingNotices,
        refunds: RefundPlanner,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds

    async def confirm(
        self, actor: Actor, booking_id: int, *, revision: int | None = None
    ) -> Booking:
        """Staff confirm a booking that waits for them. With `revision` (the alert's), a request
        the client changed since is refused with `RequestChanged`."""
        return await self._decide(actor, booking_id, BookingEvent.STAFF_CONFIRMED, revision)

    async def reject(
        self, actor: Actor, booking_id: int, *, revision: int | None = None
    ) -> Booking:
        """Staff reject a booking that waits for them; a paid one is refunded in full."""
        return await self._decide(actor, booking_id, BookingEvent.STAFF_REJECTED, revision)

    async def _decide(
        self, actor: Actor, booking_id: int, event: BookingEvent, revision: int | None
    ) -> Booking:
        if not actor.can(Permission.MANAGE_BOOKINGS):
            raise PermissionDenied()
        async with self._uow.write():
            booking = await self._bookings.get(booking_id)
            if booking is None:
                raise BookingNotFound()
            await self._bookings.lock_space(booking.space_id)
            current = await self._bookings.get(booking_id)
            if current is None:
                raise BookingNotFound()
            if current.status is not BookingStatus.PENDING:
                raise InvalidTransition(status=current.status.value, event=event.value)
            if revision is not None and revision != current.revision:
                raise RequestChanged()
            client = await self._users.get(current.user_id)
            if event is BookingEvent.STAFF_CONFIRMED and (client is None or client.is_banned):
                raise ClientBanned()
            if event is BookingEvent.STAFF_REJECTED:
                await self._lifecycle.finish(current, event, reason="staff", by=actor.telegram_id)
                await self._refunds.plan(current, 100, RefundReason.STAFF_REJECTED)
            else:
                new = next_status(current.status, event)
                await self._bookings.change_status(current.id, expected=current.status, new=new)
                await self._notices.status_changed(current, new)
            staff = await self._users.get_by_telegram_id(actor.telegram_id)
            await self._notices.request_closed(
                current,
                "notice-staff-booking-confirmed-by"
                if event is BookingEvent.STAFF_CONFIRMED
                else "notice-staff-booking-rejected-by",
                {"staff": (staff.full_name if staff else None) or str(actor.telegram_id)},
                skip_chat=actor.telegram_id,
            )
            result = await self._bookings.get(booking_id)
        assert result is not None
        return result
