"""The schedule of a day, and what staff do from a booking's card besides deciding: mark the
client as arrived, and cancel for them with the policy's refund or a full one, and a reason."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    REASON_MAX_LENGTH,
    InvalidReason,
)
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_day
from coworking_bot.services.booking.desk import BookingDesk, DeskItem, DeskPage
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.payments.service import PaymentService
from dialogs.admin.bookings.common import (
    CANCEL_FULL,
    CLIENT,
    DAY,
    DAY_BACK,
    DAY_ON,
    DAY_TODAY,
    DAY_TOMORROW,
    FULL,
    PAGE,
    STATUS_MARKS,
    booking_id_of,
    booking_label,
    origin_state,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import BookingDeskSG


def _schedule_day(manager: DialogManager, clock: Clock, settings: Settings) -> date:
    raw = manager.dialog_data.get(DAY)
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return clock.now().astimezone(settings.tz).date()


def _schedule_label(i18n: Translator, item: DeskItem, settings: Settings) -> str:
    booking = item.booking
    if item.tariff.unit is TariffUnit.HOUR:
        start, end = (
            booking.starts_at.astimezone(settings.tz),
            booking.ends_at.astimezone(settings.tz),
        )
        when = f"{start:%H:%M}–{end:%H:%M}"
    else:
        when = i18n.get("desk-all-day")
    mark = STATUS_MARKS.get(booking.status, "") + ("🙋" if booking.checked_in_at else "")
    name = item.client.full_name if item.client and item.client.full_name else "—"
    return f"{mark} {when} · {item.space.title(i18n.language)} · {name}"


@inject
async def schedule_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    day = _schedule_day(dialog_manager, clock, settings)
    data[DAY] = day.isoformat()
    page = await desk.day(actor, day, page=int(data.get(PAGE, 0)))
    data[PAGE] = page.page
    return {
        "day": format_day(i18n, day),
        "bookings": [
            (_schedule_label(i18n, item, settings), str(item.booking.id)) for item in page.items
        ],
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def on_day(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
) -> None:
    today = clock.now().astimezone(settings.tz).date()
    day = _schedule_day(manager, clock, settings)
    moves = {
        DAY_BACK: day - timedelta(days=1),
        DAY_ON: day + timedelta(days=1),
        DAY_TODAY: today,
        DAY_TOMORROW: today + timedelta(days=1),
    }
    manager.dialog_data[DAY] = moves.get(button.widget_id or "", day).isoformat()
    manager.dialog_data[PAGE] = 0


@inject
async def on_check_in(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[StaffChanges],
    actor: FromDishka[Actor],
) -> None:
    try:
        await changes.check_in(actor, booking_id_of(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(translator(manager).get("desk-checked-in"))


@inject
async def cancel_getter(
    dialog_manager: DialogManager,
    changes: FromDishka[StaffChanges],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    booking_id = booking_id_of(dialog_manager)
    try:
        terms = await changes.cancel_terms(actor, booking_id)
    except PermissionDenied:  # the role changed under the open card: said as the refusal it is
        raise
    except DomainError:  # cancelled or over meanwhile
        return {"id": str(booking_id), "open": False, "choice": False, "terms": "", "limit": 0}
    if terms.paid <= 0:
        line = i18n.get("desk-cancel-nothing-paid")
    else:
        line = i18n.get(
            "desk-cancel-paid",
            paid=format_rub(terms.paid),
            refund=format_rub(terms.refund),
            percent=terms.refund_percent,
        )
    return {
        "id": str(booking_id),
        "open": True,
        "terms": line,
        "choice": terms.paid > 0 and terms.refund < terms.paid,
        "refund": format_rub(terms.refund),
        "paid": format_rub(terms.paid),
        "limit": REASON_MAX_LENGTH,
    }


async def on_cancel_choice(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data[FULL] = button.widget_id == CANCEL_FULL
    await manager.switch_to(BookingDeskSG.cancel_reason)


@inject
async def on_cancel_reason(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    changes: FromDishka[StaffChanges],
    payments: FromDishka[PaymentService],
    actor: FromDishka[Actor],
) -> None:
    if not message.text:
        await message.answer(translator(manager).get("desk-reason-text-expected"))
        return
    booking_id = booking_id_of(manager)
    try:
        refund = await changes.cancel(
            actor,
            booking_id,
            full_refund=bool(manager.dialog_data.get(FULL, False)),
            reason=message.text,
        )
    except DomainError as error:
        await show_error(message, manager, error)
        if not isinstance(error, InvalidReason):
            manager.show_mode = ShowMode.SEND
            await manager.switch_to(BookingDeskSG.card)
        return
    i18n = translator(manager)
    await message.answer(
        i18n.get("desk-cancelled", booking_id=str(booking_id), refund=format_rub(refund))
        if refund
        else i18n.get("desk-cancelled-no-refund", booking_id=str(booking_id))
    )
    manager.show_mode = ShowMode.SEND
    await manager.switch_to(origin_state(manager))
    await payments.send_refunds_of(booking_id)


@inject
async def client_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    try:
        page = await desk.of_client(actor, int(data.get(CLIENT, 0)), page=int(data.get(PAGE, 0)))
    except DomainError:  # started without a client that exists: nothing to list
        page = DeskPage([], 0, 1, 0)
    data[PAGE] = page.page
    name = ""
    if page.items and page.items[0].client is not None:
        name = page.items[0].client.full_name or ""
    return {
        "name": html.escape(name),
        "bookings": [
            (booking_label(i18n, item, settings), str(item.booking.id)) for item in page.items
        ],
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }
