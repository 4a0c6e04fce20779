"""Staff decide on a booking that waits for them: confirm it, or reject it (every kopeck paid goes
back), with a reason the client is told when staff give one. Every other copy of the alert is
then edited to say who decided, and the decision is written to the audit log."""

from __future__ import annotations

from coworking_bot.domain.booking import (
    Booking,
    BookingEvent,
    BookingNotFound,
    BookingStatus,
    ClientBanned,
    InvalidTransition,
    RejectReason,
    RequestChanged,
    next_status,
    typed_reason,
)
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.payments import RefundReason
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.notices import NoticeParam, Term
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.payments.refunds import RefundPlanner
from coworking_bot.services.staff.ports import AuditLog
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
        audit: AuditLog,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._lifecycle = lifecycle
        self._notices = notices
        self._refunds = refunds
        self._audit = audit

    async def confirm(
        self, actor: Actor, booking_id: int, *, revision: int | None = None
    ) -> Booking:
        """Staff confirm a booking that waits for them. With `revision` (the alert's), a request
        the client changed since is refused with `RequestChanged`."""
        return await self._decide(actor, booking_id, BookingEvent.STAFF_CONFIRMED, revision)

    async def reject(
        self,
        actor: Actor,
        booking_id: int,
        *,
        revision: int | None = None,
        reason: RejectReason | str | None = None,
    ) -> Booking:
        """Staff reject a booking that waits for them; a paid one is refunded in full. The
        client is told the `reason` when there is one: picked from the list, or typed (checked
        here before anything changes)."""
        if isinstance(reason, str) and not isinstance(reason, RejectReason):
            reason = typed_reason(reason)
        return await self._decide(
            actor, booking_id, BookingEvent.STAFF_REJECTED, revision, reason=reason
        )

    async def _decide(
        self,
        actor: Actor,
        booking_id: int,
        event: BookingEvent,
        revision: int | None,
        *,
        reason: RejectReason | str | None = None,
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
            new = next_status(current.status, event)
            if event is BookingEvent.STAFF_REJECTED:
                notice, notice_params = _reason_notice(reason)
                await self._lifecycle.finish(
                    current,
                    event,
                    reason="staff",
                    by=actor.telegram_id,
                    notice=notice,
                    notice_params=notice_params,
                )
                await self._refunds.plan(current, 100, RefundReason.STAFF_REJECTED)
            else:
                await self._bookings.change_status(current.id, expected=current.status, new=new)
                await self._notices.status_changed(current, new)
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.confirm"
                if event is BookingEvent.STAFF_CONFIRMED
                else "booking.reject",
                target_type="booking",
                target_id=current.id,
                details={
                    "before": current.status.value,
                    "after": new.value,
                    "client": client.telegram_id if client else None,
                    **_reason_details(reason),
                },
            )
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


def _reason_notice(
    reason: RejectReason | str | None,
) -> tuple[str | None, dict[str, NoticeParam] | None]:
    """The client's notice of a rejection with a reason; without one, the usual cancellation."""
    if reason is None:
        return None, None
    said: NoticeParam = (
        Term(f"reject-reason-{reason.value}") if isinstance(reason, RejectReason) else reason
    )
    return "notice-booking-rejected", {"reason": said}


def _reason_details(reason: RejectReason | str | None) -> dict[str, str]:
    if isinstance(reason, RejectReason):
        return {"reason_preset": reason.value}
    return {} if reason is None else {"reason": reason}
