"""The buttons under a booking reminder: the client's booking in My bookings (its card, the move,
the cancel), or booking its tariff again from the end of its period. The router sits before the
dialogs, so the buttons work whatever dialog is open; what may still be done with the booking is
checked now, and said, as on the booking's own buttons."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStarted, TooLateToMove
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.my_bookings import MyBookings
from dialogs.callbacks import MyBooking
from dialogs.client.booking.common import EXTEND_FROM, EXTEND_TARIFF
from dialogs.shared.filters import data_starts_with
from dialogs.states import BookingSG, MyBookingsSG

# Start data of My bookings: the booking to show.
BOOKING = "booking"


@inject
async def on_my_booking(
    callback: CallbackQuery,
    callback_data: MyBooking,
    dialog_manager: DialogManager,
    i18n: Translator,
    actor: FromDishka[Actor],
    mine: FromDishka[MyBookings],
    changes: FromDishka[ChangeBooking],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    booking_id = callback_data.booking_id
    try:
        view = await mine.details(actor, booking_id)
        if callback_data.step == "extend":
            await availability.offer(view.tariff.id)  # still booked by clients
        elif callback_data.step == "move":
            await changes.check_move(actor, booking_id)
        elif callback_data.step == "cancel":
            await changes.cancel_terms(actor, booking_id)
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        if isinstance(error, BookingStarted | TooLateToMove):  # theirs: shown as it is now
            await _open(dialog_manager, MyBookingsSG.details, {BOOKING: booking_id})
        return
    await callback.answer()
    if callback_data.step == "extend":
        next_day = view.booking.ends_at.astimezone(settings.tz).date()
        await _open(
            dialog_manager,
            BookingSG.day,
            {EXTEND_TARIFF: view.tariff.id, EXTEND_FROM: next_day.isoformat()},
        )
        return
    states = {"open": MyBookingsSG.details, "move": MyBookingsSG.move_day}
    await _open(
        dialog_manager, states.get(callback_data.step, MyBookingsSG.cancel), {BOOKING: booking_id}
    )


async def _open(manager: DialogManager, state: Any, data: dict[str, Any]) -> None:
    await manager.start(state, data=data, mode=StartMode.RESET_STACK)


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with our prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(f"{MyBooking.__prefix__}:"))
    router.callback_query.register(on_my_booking, MyBooking.filter())
    router.callback_query.register(on_unreadable)
    return router
