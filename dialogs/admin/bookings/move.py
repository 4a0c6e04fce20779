"""The bookings desk: staff move a booking, before it starts, to another free time of the same
tariff and length, picked from the calendar and the free start times as a client would. The move
is checked again under the space's lock when it is made (`StaffChanges.move`), against the booking
as the card showed it."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject
from magic_filter import F

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingChanged
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_day, format_period
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.common.ports import Clock
from dialogs.admin.bookings.common import REVISION, booking_id_of, client_line, period_text
from dialogs.client.booking.common import slot_id
from dialogs.shared.calendar import (
    BookingCalendar,
    calendar_data,
    day_explainer,
    explain_taken_start,
    start_label,
)
from dialogs.shared.errors import show_error
from dialogs.shared.format import booking_title
from dialogs.shared.i18n import T, translator
from dialogs.shared.move import MoveSteps
from dialogs.shared.widgets import pick
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG

# dialog_data keys of their own: the schedule's "day" is the desk's.
TARIFF = "move_tariff"
STEPS = MoveSteps(
    tariff_key=TARIFF,
    day_key="move_day",
    start_key="move_start",
    start_state=BookingDeskSG.move_start,
    confirm_state=BookingDeskSG.move_confirm,
)
chosen_day, chosen_start = STEPS.chosen_day, STEPS.chosen_start


@inject
async def move_day_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    availability: FromDishka[AvailabilityService],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    card = await desk.card(actor, booking_id_of(dialog_manager))
    item = card.item
    dialog_manager.dialog_data[TARIFF] = item.tariff.id
    i18n = translator(dialog_manager)
    return {
        **await calendar_data(dialog_manager, availability, clock, item.tariff.id, settings.tz),
        "id": str(item.booking.id),
        "title": booking_title(i18n, item.view),
        "period": period_text(i18n, item, settings),
        "client": client_line(i18n, item),
    }


@inject
async def move_start_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    booking = (await desk.card(actor, booking_id_of(dialog_manager))).item.booking
    starts = await availability.starts(
        booking.tariff_id, chosen_day(data), units=booking.units, moving=booking.id
    )
    return {
        "id": str(booking.id),
        "date": format_day(translator(dialog_manager), chosen_day(data)),
        "starts": [(start_label(s, settings.tz), slot_id(s)) for s in starts],
        "no_starts": not starts,
    }


@inject
async def move_confirm_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    changes: FromDishka[StaffChanges],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    booking_id = booking_id_of(dialog_manager)
    try:
        item = (await desk.card(actor, booking_id)).item
        new = await changes.move_preview(
            actor, booking_id, chosen_start(dialog_manager.dialog_data)
        )
    except PermissionDenied:  # the role changed under the open card: said as the refusal it is
        raise
    except DomainError as error:  # started, cancelled or ended meanwhile
        return {"movable": False, "problem": i18n.get(error.key, **error.params)}
    return {
        "movable": True,
        "id": str(booking_id),
        "title": booking_title(i18n, item.view),
        "client": client_line(i18n, item),
        "old": period_text(i18n, item, settings),
        "new": format_period(i18n, item.tariff.unit, new.start, new.end, settings.tz),
    }


@inject
async def on_move(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[StaffChanges],
    actor: FromDishka[Actor],
) -> None:
    try:
        await changes.move(
            actor,
            booking_id_of(manager),
            chosen_start(manager.dialog_data),
            revision=int(manager.dialog_data.get(REVISION, -1)),
        )
    except DomainError as error:
        await show_error(callback, manager, error)
        # A booking changed meanwhile is looked at again; a time taken meanwhile, picked again.
        changed = isinstance(error, BookingChanged)
        await manager.switch_to(BookingDeskSG.card if changed else BookingDeskSG.move_day)
        return
    await callback.answer(translator(manager).get("desk-moved"), show_alert=True)
    await manager.switch_to(BookingDeskSG.card)


def windows() -> list[Screen]:
    return [
        Screen(
            T("desk-move-pick-day"),
            BookingCalendar(on_click=STEPS.on_day),
            SwitchTo(T("btn-back"), id="move_day_back", state=BookingDeskSG.card),
            getter=move_day_getter,
            state=BookingDeskSG.move_day,
            explain=day_explainer(TARIFF),
        ),
        Screen(
            T("desk-move-pick-start"),
            T("book-no-starts", when="no_starts"),
            pick("move_start", "starts", STEPS.on_start, width=4),
            SwitchTo(T("btn-back"), id="move_start_back", state=BookingDeskSG.move_day),
            getter=move_start_getter,
            state=BookingDeskSG.move_start,
            explain=explain_taken_start,
        ),
        Screen(
            T("desk-move-ask", when="movable"),
            Format("{problem}", when=~F["movable"]),
            Button(T("btn-move-confirm"), id="move_yes", on_click=on_move, when="movable"),
            SwitchTo(T("btn-back"), id="move_confirm_back", state=BookingDeskSG.move_day),
            getter=move_confirm_getter,
            state=BookingDeskSG.move_confirm,
        ),
    ]
