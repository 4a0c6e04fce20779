"""Paying for a held booking online: YooKassa's page behind a URL button, a status check, and
cancelling. Started with the booking's id; opening the window and every check carry on with the
attempt already open (YooKassa is asked again with the same key), so looking twice never makes
a second payment."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button, Cancel, Start, SwitchTo, Url
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.payments import PaymentDelayed, PaymentFailed, PaymentState
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_period, format_time
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.my_bookings import MyBookings
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.payments.service import PaymentService, PaymentView
from dialogs.callbacks import id_after
from dialogs.client.booking.common import PAY_FOR
from dialogs.shared.cancel import cancel_booking, cancel_window
from dialogs.shared.format import booking_title
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU
from dialogs.shared.window import Screen
from dialogs.states import BookingSG, MyBookingsSG, PaymentSG

BOOKING_ID = "booking_id"
PROBLEM = "problem"  # the locale key of the last refusal of `pay()`
OFFERED = "offered"  # the id of the payment whose page the window offered last
CHECKED = "checked"  # the client said they paid, and that payment has not arrived
# The return link from YooKassa's page: `/start paid_<booking id>`.
PAID_PREFIX = "paid_"

# A refusal of `pay()`: what the window says, and the status button that tries again.
PROBLEM_TEXTS = {PaymentDelayed.key: "pay-delayed", PaymentFailed.key: "pay-failed"}
PROBLEM_BUTTONS = {PaymentDelayed.key: "btn-pay-recheck", PaymentFailed.key: "btn-pay-retry"}


def paid_booking_id(payload: str | None) -> int | None:
    """`paid_42` -> 42; any other /start payload -> None."""
    return id_after(PAID_PREFIX, payload)


def fits_a_button(url: str) -> bool:
    """Would Telegram take this link in a URL button? It refuses hosts without a dot (such as
    `localhost`, which a local YooKassa stand-in may use); such a link is shown as text."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not host.endswith(".localhost")


def _booking_id(manager: DialogManager) -> int:
    return int(manager.dialog_data[BOOKING_ID])


async def _return_url(manager: DialogManager, booking_id: int) -> str:
    bot: Bot = manager.middleware_data["bot"]
    me = await bot.me()
    return f"https://t.me/{me.username}?start={PAID_PREFIX}{booking_id}"


async def _pay(
    manager: DialogManager, payments: PaymentService, clock: Clock, actor: Actor
) -> PaymentView | None:
    """Carry on paying and read back what YooKassa has; a refusal is kept for the window."""
    data = manager.dialog_data
    data.pop(PROBLEM, None)
    who, booking_id = actor, _booking_id(manager)
    try:
        view = await payments.view(who, booking_id)
        open_attempt = view.payment is not None and view.payment.is_open
        if not open_attempt and not view.booking.hold_running(clock.now()):
            return view  # nothing to pay for any more, and nothing in flight to ask about
        return await payments.pay(
            who, booking_id, await _return_url(manager, booking_id), check=True
        )
    except DomainError as error:
        data[PROBLEM] = error.key
        return None


@inject
async def on_start_payment(
    start_data: Any,
    manager: DialogManager,
    payments: FromDishka[PaymentService],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
) -> None:
    data = start_data if isinstance(start_data, dict) else {}
    manager.dialog_data[BOOKING_ID] = int(data[PAY_FOR])
    await _pay(manager, payments, clock, actor)


@inject
async def on_check(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    payments: FromDishka[PaymentService],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
) -> None:
    offered = manager.dialog_data.get(OFFERED)
    view = await _pay(manager, payments, clock, actor)
    # The page offered before the tap is still the one to pay on: no money yet.
    waiting = view.payment if view is not None and view.pay_url else None
    not_yet = waiting is not None and waiting.id == offered
    manager.dialog_data[CHECKED] = not_yet
    if not_yet:
        await callback.answer(translator(manager).get("pay-not-yet-short"))


@inject
async def on_cancel(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[ChangeBooking],
    actor: FromDishka[Actor],
    payments: FromDishka[PaymentService],
) -> None:
    await cancel_booking(callback, manager, _booking_id(manager), actor, changes, payments)
    await manager.switch_to(PaymentSG.main)


def _situation(
    view: PaymentView, now: datetime, problem: str | None, checked: bool
) -> tuple[str, str | None]:
    """The locale keys of what the window says about paying, and of its status button (none
    when there is nothing to check or retry)."""
    booking, payment = view.booking, view.payment
    if booking.status in (BookingStatus.HELD, BookingStatus.EXPIRED) and not booking.hold_running(
        now
    ):
        return "pay-expired", None
    if booking.status is BookingStatus.HELD:
        if problem is not None:
            return PROBLEM_TEXTS.get(problem, problem), PROBLEM_BUTTONS.get(problem)
        if view.pay_url:
            return ("pay-not-yet" if checked else "pay-open"), "btn-pay-check"
        if payment is not None and payment.state is PaymentState.CANCELED:
            return "pay-canceled", "btn-pay-retry"
        return "pay-delayed", "btn-pay-recheck"  # an attempt YooKassa has not answered yet
    paid = payment is not None and payment.state is PaymentState.SUCCEEDED
    if booking.status is BookingStatus.PENDING:
        return ("pay-pending" if paid else "pay-on-site"), None
    if booking.status is BookingStatus.CONFIRMED:
        return ("pay-confirmed" if paid else "book-done-confirmed"), None
    if booking.status is BookingStatus.CANCELLED:
        return "pay-cancelled", None
    return "pay-status", None


@inject
async def payment_getter(
    dialog_manager: DialogManager,
    payments: FromDishka[PaymentService],
    mine: FromDishka[MyBookings],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    shown: dict[str, Any] = {
        "found": False,
        "held": "",
        "pay_url": "",
        "check_label": "",
        "cancellable": False,
        "book_again": False,
        "to_mine": False,
        "nested": len(dialog_manager.current_stack().intents) > 1,
    }
    who, booking_id = actor, _booking_id(dialog_manager)
    try:
        view = await payments.view(who, booking_id)
        details = await mine.details(who, booking_id)
    except DomainError as error:  # not this user's booking, e.g. a forwarded return link
        return {**shown, "state": i18n.get(error.key, **error.params)}
    booking, now = view.booking, clock.now()
    text_key, button_key = _situation(view, now, data.get(PROBLEM), bool(data.get(CHECKED)))
    total = format_rub(booking.total)
    shown.update(
        found=True,
        id=str(booking.id),  # a number, not an amount: no digit grouping
        title=booking_title(i18n, details),
        period=format_period(
            i18n, details.tariff.unit, booking.starts_at, booking.ends_at, settings.tz
        ),
        total=total,
        state=i18n.get(text_key, status=i18n.get("book-status", status=booking.status.value)),
        pay_label=i18n.get("btn-pay", total=total),
        check_label=i18n.get(button_key) if button_key else "",
        book_again=text_key in ("pay-expired", "pay-cancelled"),
        to_mine=not shown["nested"],
    )
    if booking.hold_running(now) and booking.hold_expires_at is not None:
        pay_url = view.pay_url or ""
        shown.update(
            held=i18n.get("pay-held", until=format_time(booking.hold_expires_at, settings.tz)),
            pay_url=pay_url if fits_a_button(pay_url) else "",
            cancellable=True,
        )
        if pay_url and not fits_a_button(pay_url):
            shown["state"] = i18n.get("pay-open-link", url=html.escape(pay_url))
        if view.pay_url and view.payment is not None:
            data[OFFERED] = view.payment.id
    return shown


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("pay-title", when="found"),
            Format("{held}", when="held"),
            Format("\n{state}"),
            Url(Format("{pay_label}"), Format("{pay_url}"), id="pay_url", when="pay_url"),
            Button(Format("{check_label}"), id="check", on_click=on_check, when="check_label"),
            SwitchTo(
                T("btn-cancel-booking"), id="cancel", state=PaymentSG.cancel, when="cancellable"
            ),
            Start(
                T("btn-book-again"),
                id="again",
                state=BookingSG.space,
                mode=StartMode.RESET_STACK,
                when="book_again",
            ),
            Start(
                T("btn-my-bookings"),
                id="to_mine",
                state=MyBookingsSG.list,
                mode=StartMode.RESET_STACK,
                when="to_mine",
            ),
            Cancel(T("btn-back"), id="back", when="nested"),
            TO_MENU,
            getter=payment_getter,
            state=PaymentSG.main,
        ),
        cancel_window(
            state=PaymentSG.cancel, back=PaymentSG.main, id_key=BOOKING_ID, on_confirm=on_cancel
        ),
        on_start=on_start_payment,
    )
