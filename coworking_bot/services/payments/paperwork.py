"""What goes to YooKassa besides the amount: the payment's description and the 54-FZ receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import PeriodText
from coworking_bot.services.payments.ports import DESCRIPTION_LIMIT, Receipt, ReceiptItem
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class PaymentOptions:
    enabled: bool
    receipts: bool = False  # send a 54-FZ receipt with every payment and refund
    vat_code: int = 1
    tax_system_code: int | None = None
    # A payment nobody has heard about for this long is read back from YooKassa.
    check_after: timedelta = timedelta(minutes=3)
    # A refund YooKassa has not taken yet is offered again after this long.
    refund_retry_after: timedelta = timedelta(seconds=30)
    # How long YooKassa remembers an idempotence key; a refund unanswered for longer is read
    # back before it is sent again, since its old key would now make a second refund.
    refund_key_lifetime: timedelta = timedelta(hours=24)
    coworking_name: str = "Coworking"


class PaymentPaperwork:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        options: PaymentOptions,
        periods: PeriodText,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._options = options
        self._periods = periods

    def description(self, booking_id: int) -> str:
        # Shown on YooKassa's page and in the shop's dashboard; "№" reads in either language.
        return f"{self._options.coworking_name} · №{booking_id}"[:DESCRIPTION_LIMIT]

    async def receipt(self, booking_id: int, amount: int) -> Receipt | None:
        """The 54-FZ receipt: one service item for the whole amount, to the client's phone
        (or e-mail)."""
        if not self._options.receipts:
            return None
        booking = await self._bookings.get(booking_id)
        user = await self._users.get(booking.user_id) if booking else None
        found = await self._bookings.tariff_with_space(booking.tariff_id) if booking else None
        if booking is None or user is None or found is None or not (user.phone or user.email):
            return None
        tariff, space = found
        period = self._periods(user.language, tariff.unit, booking.starts_at, booking.ends_at)
        title = f"{space.title(user.language)} · {tariff.title(user.language)}, {period}"
        return Receipt(
            items=(
                ReceiptItem(
                    description=title[:DESCRIPTION_LIMIT],
                    amount_kopecks=amount,
                    vat_code=self._options.vat_code,
                ),
            ),
            phone=user.phone.lstrip("+") if user.phone else None,
            email=user.email,
            tax_system_code=self._options.tax_system_code,
        )
