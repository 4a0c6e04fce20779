"""Pay under the notice that staff booked for the client with a payment link: the payment window
of that booking. The router sits before the dialogs, so it works whatever dialog is open; the
payment window checks that the booking is the tapper's and still waits for money."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode

from coworking_bot.i18n import Translator
from dialogs.callbacks import PayBooking
from dialogs.client.booking.common import open_payment
from dialogs.shared.filters import data_starts_with


async def on_pay(
    callback: CallbackQuery, callback_data: PayBooking, dialog_manager: DialogManager
) -> None:
    await callback.answer()
    await open_payment(dialog_manager, callback_data.booking_id, StartMode.RESET_STACK)


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with our prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(f"{PayBooking.__prefix__}:"))
    router.callback_query.register(on_pay, PayBooking.filter())
    router.callback_query.register(on_unreadable)
    return router
