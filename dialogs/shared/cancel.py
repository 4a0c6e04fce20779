"""Cancelling a booking, shared by My bookings and the payment window: the terms are shown in
money first, and a refund the cancellation plans goes to YooKassa straight away."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, SwitchTo
from aiogram_dialog.widgets.kbd.button import OnClick
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject
from magic_filter import F

from coworking_bot.config import Settings
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.cancellation import CancelTerms
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_moment, format_period
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.my_bookings import BookingView, MyBookings
from coworking_bot.services.payments.service import PaymentService
from dialogs.shared.errors import show_error
from dialogs.shared.format import booking_title
from dialogs.shared.i18n import T, translator
from dialogs.shared.window import Screen


def cancel_window(*, state: State, back: State, id_key: str, on_confirm: OnClick) -> Screen:
    """ "Cancel this booking?" with its terms in money: yes (`on_confirm`), or back to `back`.
    The booking's id is `dialog_data[id_key]`."""
    return Screen(
        T("book-cancel-ask", when="cancellable"),
        Format("{problem}", when=~F["cancellable"]),
        Button(T("btn-cancel-confirm"), id="cancel_yes", on_click=on_confirm, when="cancellable"),
        SwitchTo(T("btn-back"), id="cancel_no", state=back),
        getter=_cancel_getter(id_key),
        state=state,
    )


def _cancel_getter(id_key: str) -> Callable[..., Awaitable[dict[str, Any]]]:
    """The getter of a "cancel this booking?" window whose booking id is `dialog_data[id_key]`."""

    @inject
    async def getter(
        dialog_manager: DialogManager,
        mine: FromDishka[MyBookings],
        changes: FromDishka[ChangeBooking],
        settings: FromDishka[Settings],
        actor: FromDishka[Actor],
        **_: Any,
    ) -> dict[str, Any]:
        i18n = translator(dialog_manager)
        booking_id = int(dialog_manager.dialog_data[id_key])
        try:
            view = await mine.details(actor, booking_id)
            terms = await changes.cancel_terms(actor, booking_id)
        except DomainError as error:  # cancelled, started or ended meanwhile
            return {"cancellable": False, "problem": i18n.get(error.key, **error.params)}
        return {"cancellable": True, **cancel_data(i18n, view, terms, settings)}

    return getter


def cancel_data(
    i18n: Translator, view: BookingView, terms: CancelTerms, settings: Settings
) -> dict[str, Any]:
    """The data of the `book-cancel-ask` text: the booking, and what cancelling gives back."""
    booking = view.booking
    return {
        "title": booking_title(i18n, view),
        "period": format_period(
            i18n, view.tariff.unit, booking.starts_at, booking.ends_at, settings.tz
        ),
        "terms": cancel_terms_text(i18n, booking, terms, settings),
    }


def cancel_terms_text(
    i18n: Translator, booking: Booking, terms: CancelTerms, settings: Settings
) -> str:
    """The refund policy and what it means in money; with nothing paid, only the latter."""
    money = cancel_money(i18n, terms)
    if terms.paid <= 0:
        return money
    if booking.status is BookingStatus.PENDING:  # not confirmed yet: withdrawn for free
        return f"{i18n.get('book-cancel-request')}\n\n{money}"
    policy = i18n.get(
        "book-cancel-free" if terms.free else "book-cancel-late",
        until=format_moment(i18n, terms.free_until, settings.tz),
        percent=terms.refund_percent,
    )
    return f"{policy}\n\n{money}"


def cancel_money(i18n: Translator, terms: CancelTerms) -> str:
    """What was paid online and what cancelling now gives back of it."""
    if terms.paid <= 0:
        return i18n.get("pay-cancel-unpaid")
    paid, refund = format_rub(terms.paid), format_rub(terms.refund)
    if terms.refund >= terms.paid:
        return i18n.get("pay-cancel-paid-full", paid=paid, refund=refund)
    if terms.refund > 0:
        return i18n.get(
            "pay-cancel-paid-part", paid=paid, refund=refund, percent=terms.refund_percent
        )
    return i18n.get("pay-cancel-paid-none", paid=paid)


def cancelled_text(i18n: Translator, terms: CancelTerms) -> str:
    if terms.refund > 0:
        return i18n.get("book-cancelled-refund", refund=format_rub(terms.refund))
    if terms.paid > 0:
        return i18n.get("book-cancelled-no-refund")
    return i18n.get("book-cancelled")


async def cancel_booking(
    callback: CallbackQuery,
    manager: DialogManager,
    booking_id: int,
    actor: Actor,
    changes: ChangeBooking,
    payments: PaymentService,
) -> bool:
    """Cancel the user's booking and say what comes back; False (the reason shown) if it could
    not be cancelled."""
    try:
        terms = await changes.cancel(actor, booking_id)
    except DomainError as error:
        await show_error(callback, manager, error)
        return False
    await callback.answer(cancelled_text(translator(manager), terms), show_alert=True)
    await payments.send_refunds_of(booking_id)
    return True
