"""What people are told about money: refunds started and done, a payment that did not go through,
and a refund that needs a person. Every notice goes through the outbox, in the transaction that
decided it, and carries a dedupe key, so a repeated event never repeats a message."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from coworking_bot.domain.booking import Booking, describe_period
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.payments import Refund, RefundReason
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.users.ports import UserRepository


class PaymentNotices:
    def __init__(
        self,
        notifier: Notifier,
        users: UserRepository,
        bookings: BookingRepository,
        booking_notices: BookingNotices,
        tz: ZoneInfo,
    ) -> None:
        self._notifier = notifier
        self._users = users
        self._bookings = bookings
        self._booking_notices = booking_notices
        self._tz = tz

    async def refund_started(self, booking: Booking, refund: Refund) -> None:
        """The client hears that money is on its way back. A client who cancelled saw the amount
        on the screen already; the others learn it here."""
        if refund.reason is RefundReason.CLIENT_CANCELLED:
            return
        key = (
            "notice-payment-late-refund"
            if refund.reason is RefundReason.LATE_PAYMENT
            else "notice-refund-started"
        )
        await self._tell_client(booking, key, f"refund:{refund.id}:started", amount=refund.amount)

    async def refund_done(self, booking: Booking, refund: Refund) -> None:
        await self._tell_client(
            booking, "notice-refund-done", f"refund:{refund.id}:done", amount=refund.amount
        )

    async def refund_failed(self, booking: Booking, refund: Refund, error: str) -> None:
        """YooKassa refused a refund: people who manage bookings must return it by hand."""
        client = await self._users.get(booking.user_id)
        for telegram_id, language in await self._booking_notices.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-refund-failed",
                dedupe_key=f"refund:{refund.id}:failed:{telegram_id}",
                booking_id=booking.id,
                amount=format_rub(refund.amount),
                client=(client.full_name or str(client.telegram_id)) if client else "",
                phone=(client.phone or "") if client else "",
                error=error[:200],
            )

    async def payment_canceled(self, booking: Booking, payment_id: int) -> None:
        """The payment did not go through while the place is still held: try again."""
        if booking.hold_expires_at is None:
            return
        until = booking.hold_expires_at.astimezone(self._tz)
        await self._tell_client(
            booking,
            "notice-payment-canceled",
            f"payment:{payment_id}:canceled",
            amount=booking.total,
            extra={"until": f"{until:%H:%M}"},
        )

    async def _tell_client(
        self,
        booking: Booking,
        key: str,
        dedupe_key: str,
        *,
        amount: int,
        extra: dict[str, Any] | None = None,
    ) -> None:
        client = await self._users.get(booking.user_id)
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if client is None or found is None:
            return
        tariff, space = found
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            key,
            dedupe_key=dedupe_key,
            booking_id=booking.id,
            amount=format_rub(amount),
            space=space.title(client.language),
            tariff=tariff.title(client.language),
            period=describe_period(tariff.unit, booking.interval, self._tz),
            **(extra or {}),
        )
