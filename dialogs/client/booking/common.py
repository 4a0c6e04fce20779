"""What the booking windows share: the dialog data they keep and how a request is read from it.

Dialog data lives in the FSM storage (the database or Redis), so it holds only JSON: ids,
numbers and ISO strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from aiogram_dialog import DialogManager, StartMode

from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.promo import (
    PromoAlreadyUsed,
    PromoExpired,
    PromoFirstBookingOnly,
    PromoNotForTariff,
    PromoNotStarted,
    PromoUnknown,
    PromoUsedUp,
)
from coworking_bot.services.booking.policy import BookingRequest
from dialogs.states import BookingSG, PaymentSG

SPACE = "space"
TARIFF = "tariff"
UNIT = "unit"
DAY = "day"
START = "start"
UNITS = "units"
ONE_DURATION = "one_duration"
PROMO = "promo"
REQUEST_KEY = "request_key"
MADE = "made"
WEEKS = "weeks"
# The booking dialog's start data for Extend under a renewal reminder: the tariff, and the day its
# current period ends (the calendar opens there).
EXTEND_TARIFF, EXTEND_FROM = "extend_tariff", "extend_from"
PAY_FOR = "pay_for"  # the payment window's start data: the id of the booking to pay for

# Refusals of the promo code itself: the booking can go on without it.
PROMO_ERRORS = (
    PromoUnknown,
    PromoExpired,
    PromoNotStarted,
    PromoUsedUp,
    PromoNotForTariff,
    PromoAlreadyUsed,
    PromoFirstBookingOnly,
)


def chosen_day(data: dict[str, Any]) -> date:
    return date.fromisoformat(data[DAY])


def chosen_start(data: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(data[START])


def booking_request(data: dict[str, Any], *, with_key: bool = False) -> BookingRequest:
    return BookingRequest(
        tariff_id=int(data[TARIFF]),
        start=chosen_start(data),
        units=int(data[UNITS]),
        promo_code=data.get(PROMO),
        request_key=data.get(REQUEST_KEY) if with_key else None,
    )


def slot_id(start: datetime) -> str:
    """A start time as a short, stable button id: minutes since the epoch."""
    return str(int(start.timestamp()) // 60)


def slot_start(item_id: str) -> datetime:
    return datetime.fromtimestamp(int(item_id) * 60, UTC)


async def open_payment(
    manager: DialogManager, booking_id: int, mode: StartMode = StartMode.NORMAL
) -> None:
    """The payment window of one of the user's bookings."""
    await manager.start(PaymentSG.main, data={PAY_FOR: booking_id}, mode=mode)


async def after_booking(manager: DialogManager, made: Sequence[Booking]) -> None:
    """A single booking that waits for its money goes straight to paying; otherwise the result."""
    if len(made) == 1 and made[0].status is BookingStatus.HELD:
        await open_payment(manager, made[0].id, StartMode.RESET_STACK)
        return
    await manager.switch_to(BookingSG.done)
