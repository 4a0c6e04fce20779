"""The bookings desk: money taken at the desk. The card shows what is due; staff say how the client
paid (cash or card) and exactly that amount is recorded as a payment with its method. The amount
the window showed goes with the tap, so a stale window or a second tap records nothing twice."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, SwitchTo
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject
from magic_filter import F

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.payments import PaymentMethod
from coworking_bot.domain.users import Actor
from coworking_bot.services.payments.on_site import OnSitePayments
from dialogs.admin.bookings.common import booking_id_of
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG

DUE = "due"  # kopecks due, as the window showed them
PAY_CASH, PAY_CARD = "pay_cash", "pay_card"
_METHODS = {PAY_CASH: PaymentMethod.CASH, PAY_CARD: PaymentMethod.CARD}


@inject
async def pay_getter(
    dialog_manager: DialogManager,
    on_site: FromDishka[OnSitePayments],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    due = await on_site.due(actor, booking_id_of(dialog_manager))
    dialog_manager.dialog_data[DUE] = due.amount
    return {
        "id": str(due.booking.id),
        "payable": due.payable,
        "amount": format_rub(due.amount),
    }


@inject
async def on_record(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    on_site: FromDishka[OnSitePayments],
    actor: FromDishka[Actor],
) -> None:
    method = _METHODS[str(button.widget_id)]
    try:
        payment = await on_site.record(
            actor,
            booking_id_of(manager),
            method,
            expected=int(manager.dialog_data.get(DUE, 0)),
        )
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(BookingDeskSG.card)
        return
    await callback.answer(
        translator(manager).get(
            "desk-paid-on-site", amount=format_rub(payment.amount), method=method.value
        ),
        show_alert=True,
    )
    await manager.switch_to(BookingDeskSG.card)


def window() -> Screen:
    return Screen(
        T("desk-pay-ask", when="payable"),
        T("desk-pay-nothing", when=~F["payable"]),
        Button(T("btn-desk-pay-cash"), id=PAY_CASH, on_click=on_record, when="payable"),
        Button(T("btn-desk-pay-card"), id=PAY_CARD, on_click=on_record, when="payable"),
        SwitchTo(T("btn-back"), id="pay_back", state=BookingDeskSG.card),
        getter=pay_getter,
        state=BookingDeskSG.pay,
    )
