"""My bookings: moving a booking, before it starts, to another free time of the same tariff and
length; the confirm step says which cancellation terms it keeps and whether staff look again."""

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
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.cancellation import CancelTerms
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_day, format_moment, format_period
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.my_bookings import BookingView, MyBookings
from coworking_bot.services.common.ports import Clock
from dialogs.client.booking.common import (
    DAY,
    START,
    TARIFF,
    chosen_day,
    chosen_start,
    slot_id,
)
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
from dialogs.states import MyBookingsSG

BOOKING = "booking"  # the id of the booking open in My bookings
STEPS = MoveSteps(
    tariff_key=TARIFF,
    day_key=DAY,
    start_key=START,
    start_state=MyBookingsSG.move_start,
    confirm_state=MyBookingsSG.move_confirm,
)


def booking_id(manager: DialogManager) -> int:
    return int(manager.dialog_data[BOOKING])


def period_of(i18n: Any, view: BookingView, settings: Settings) -> str:
    return format_period(
        i18n, view.tariff.unit, view.booking.starts_at, view.booking.ends_at, settings.tz
    )


@inject
async def move_day_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    mine: FromDishka[MyBookings],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    view = await mine.details(actor, booking_id(dialog_manager))
    dialog_manager.dialog_data[TARIFF] = view.tariff.id
    i18n = translator(dialog_manager)
    return {
        **await calendar_data(dialog_manager, availability, clock, view.tariff.id, settings.tz),
        "title": booking_title(i18n, view),
        "period": period_of(i18n, view, settings),
    }


@inject
async def move_start_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    view = await mine.details(actor, booking_id(dialog_manager))
    starts = await availability.starts(
        view.tariff.id, chosen_day(data), units=view.booking.units, moving=view.booking.id
    )
    return {
        "date": format_day(translator(dialog_manager), chosen_day(data)),
        "starts": [(start_label(s, settings.tz), slot_id(s)) for s in starts],
        "no_starts": not starts,
    }


@inject
async def move_confirm_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    changes: FromDishka[ChangeBooking],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    view = await mine.details(actor, booking_id(dialog_manager))
    try:
        preview = await changes.move_preview(
            actor, view.booking.id, chosen_start(dialog_manager.dialog_data)
        )
    except DomainError as error:  # started, cancelled or ended meanwhile
        return {"movable": False, "problem": i18n.get(error.key, **error.params)}
    new = preview.interval
    return {
        "movable": True,
        "title": booking_title(i18n, view),
        "old": period_of(i18n, view, settings),
        "new": format_period(i18n, view.tariff.unit, new.start, new.end, settings.tz),
        "terms": move_terms_text(i18n, preview.terms, settings),
        "to_staff": preview.to_staff,
    }


def move_terms_text(i18n: Translator, terms: CancelTerms, settings: Settings) -> str:
    """The cancellation terms the moved booking keeps: moving never extends them."""
    if terms.free:
        until = format_moment(i18n, terms.free_until, settings.tz)
        return i18n.get("book-move-terms-free", until=until)
    return i18n.get("book-move-terms-late", percent=terms.refund_percent)


@inject
async def on_move(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[ChangeBooking],
    actor: FromDishka[Actor],
) -> None:
    try:
        moved = await changes.move(actor, booking_id(manager), chosen_start(manager.dialog_data))
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(MyBookingsSG.move_day)
        return
    key = "book-moved-to-staff" if moved.status is BookingStatus.PENDING else "book-moved"
    await callback.answer(translator(manager).get(key), show_alert=True)
    await manager.switch_to(MyBookingsSG.details)


def windows() -> list[Screen]:
    return [
        Screen(
            T("book-move-pick-day"),
            BookingCalendar(on_click=STEPS.on_day),
            SwitchTo(T("btn-back"), id="move_day_back", state=MyBookingsSG.details),
            getter=move_day_getter,
            state=MyBookingsSG.move_day,
            explain=day_explainer(TARIFF),
        ),
        Screen(
            T("book-move-pick-start"),
            T("book-no-starts", when="no_starts"),
            pick("move_start", "starts", STEPS.on_start, width=4),
            SwitchTo(T("btn-back"), id="move_start_back", state=MyBookingsSG.move_day),
            getter=move_start_getter,
            state=MyBookingsSG.move_start,
            explain=explain_taken_start,
        ),
        Screen(
            T("book-move-ask", when="movable"),
            T("book-move-to-staff", when="to_staff"),
            Format("{problem}", when=~F["movable"]),
            Button(T("btn-move-confirm"), id="move_yes", on_click=on_move, when="movable"),
            SwitchTo(T("btn-back"), id="move_confirm_back", state=MyBookingsSG.move_day),
            getter=move_confirm_getter,
            state=MyBookingsSG.move_confirm,
        ),
    ]
