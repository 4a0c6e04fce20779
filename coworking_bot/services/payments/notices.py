"""What people are told about money: refunds started and done, a payment that did not go through,
and a refund that needs a person. Every notice goes through the outbox, in the transaction that
decided it, and carries a dedupe key, so a repeated event never repeats a message."""

from __future__ import annotations

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.payments import Payment, PaymentMethod, Refund, RefundReason
from coworking_bot.services.booking.notices import BookingNotices, names, period
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.notices import (
    Button,
    Money,
    NoticeAction,
    NoticeParam,
    Notifier,
    TimeOfDay,
)
from coworking_bot.services.users.ports import UserRepository


class PaymentNotices:
    def __init__(
        self,
        notifier: Notifier,
        users: UserRepository,
        bookings: BookingRepository,
        booking_notices: BookingNotices,
    ) -> None:
        self._notifier = notifier
        self._users = users
        self._bookings = bookings
        self._booking_notices = booking_notices

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
                {
                    "booking_id": str(booking.id),
                    "amount": Money(refund.amount),
                    "client": (client.full_name or str(client.telegram_id)) if client else "",
                    "phone": (client.phone or "") if client else "",
                    "error": error[:200],
                },
                dedupe_key=f"refund:{refund.id}:failed:{telegram_id}",
            )

    async def refund_on_site(self, booking: Booking, refund: Refund, method: PaymentMethod) -> None:
        """Money taken at the desk goes back at the desk: the client hears where to get it, and
        the people who manage bookings hear that they owe it."""
        await self._tell_client(
            booking,
            "notice-refund-on-site",
            f"refund:{refund.id}:on-site",
            amount=refund.amount,
            method=method.value,
        )
        client = await self._users.get(booking.user_id)
        for telegram_id, language in await self._booking_notices.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-refund-on-site",
                {
                    "booking_id": str(booking.id),
                    "amount": Money(refund.amount),
                    "method": method.value,
                    "client": (client.full_name or str(client.telegram_id)) if client else "",
                    "phone": (client.phone or "") if client else "",
                },
                buttons=[[Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking.id,))]],
                dedupe_key=f"refund:{refund.id}:on-site:{telegram_id}",
            )

    async def received_on_site(self, booking: Booking, payment: Payment) -> None:
        """A receipt in the chat for money staff took at the desk."""
        await self._tell_client(
            booking,
            "notice-payment-on-site",
            f"payment:{payment.id}:on-site",
            amount=payment.amount,
            method=payment.method.value,
        )

    async def payment_canceled(self, booking: Booking, payment_id: int) -> None:
        """The payment did not go through while the place is still held: try again."""
        if booking.hold_expires_at is None:
            return
        await self._tell_client(
            booking,
            "notice-payment-canceled",
            f"payment:{payment_id}:canceled",
            amount=booking.total,
            until=TimeOfDay(booking.hold_expires_at),
        )

    async def _tell_client(
        self, booking: Booking, key: str, dedupe_key: str, *, amount: int, **extra: NoticeParam
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
            {
                "booking_id": str(booking.id),
                "amount": Money(amount),
                "space": names(space),
                "tariff": names(tariff),
                "period": period(tariff, booking),
                **extra,
            },
            dedupe_key=dedupe_key,
        )
