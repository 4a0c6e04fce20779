"""My bookings: upcoming and past, paged; details; cancel with the terms shown first; move to
another free time; the booking as an .ics file."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import Dialog, DialogManager, ShowMode, Window
from aiogram_dialog.widgets.kbd import Button, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    BookingStatus,
    PlaceTaken,
    booking_interval,
    local_midnight,
)
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.services.availability import AvailabilityService, DayState
from coworking_bot.services.booking import BookingService
from coworking_bot.services.my_bookings import BookingView, MyBookings
from coworking_bot.services.ports import Clock
from dialogs.client.booking_calendar import (
    BookingCalendar,
    calendar_data,
    day_refusal,
    start_label,
)
from dialogs.client.booking_common import (
    DAY,
    START,
    TARIFF,
    chosen_day,
    chosen_start,
    slot_id,
    slot_start,
    telegram_id,
)
from dialogs.client.booking_format import (
    booking_quote,
    booking_title,
    format_day,
    format_period,
    format_short_day,
    price_lines,
)
from dialogs.common import TO_MENU, pick, show_error
from dialogs.i18n import T, translator
from dialogs.states import MyBookingsSG

PAGE_SIZE = 5
UPCOMING = "upcoming"
PAGE = "page"
BOOKING = "booking"


def _booking_id(manager: DialogManager) -> int:
    return int(manager.dialog_data[BOOKING])


@inject
async def list_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    upcoming = bool(data.get(UPCOMING, True))
    i18n = translator(dialog_manager)
    page = await mine.page(
        telegram_id(dialog_manager),
        upcoming=upcoming,
        page=int(data.get(PAGE, 0)),
        page_size=PAGE_SIZE,
    )
    data[PAGE] = page.page
    items = []
    for view in page.items:
        start = view.booking.starts_at.astimezone(settings.tz)
        when = format_short_day(i18n, start.date())
        if view.tariff.unit is TariffUnit.HOUR:
            when += f" {start:%H:%M}"
        items.append((f"{when} · {view.space.title(i18n.language)}", str(view.booking.id)))
    return {
        "bookings": items,
        "total": page.total,
        "page": page.page + 1,
        "pages": page.pages,
        "empty": page.total == 0,
        "upcoming": upcoming,
        "past": not upcoming,
        "paged": page.pages > 1,
    }


@inject
async def details_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    view = await mine.details(telegram_id(dialog_manager), _booking_id(dialog_manager))
    item = view.booking
    hold = ""
    if item.status is BookingStatus.HELD and item.hold_expires_at is not None:
        hold = i18n.get(
            "book-details-hold", until=f"{item.hold_expires_at.astimezone(settings.tz):%H:%M}"
        )
    return {
        "id": item.id,
        "title": booking_title(i18n, view),
        "period": _period(i18n, view, settings),
        "status": i18n.get("book-status", status=item.status.value),
        "prices": price_lines(i18n, view.tariff, booking_quote(view), None),
        "hold": hold,
        "has_hold": bool(hold),
        "live": item.is_live,
        "movable": item.is_live and item.starts_at > clock.now(),
    }


def _period(i18n: Any, view: BookingView, settings: Settings) -> str:
    return format_period(
        i18n, view.tariff.unit, view.booking.starts_at, view.booking.ends_at, settings.tz
    )


@inject
async def cancel_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    who, booking_id = telegram_id(dialog_manager), _booking_id(dialog_manager)
    view = await mine.details(who, booking_id)
    terms = await mine.cancel_terms(who, booking_id)
    hours = int((view.booking.starts_at - terms.free_until).total_seconds() // 3600)
    until = terms.free_until.astimezone(settings.tz)
    until_text = f"{format_day(i18n, until.date())} {until:%H:%M}"
    key = "book-cancel-free" if terms.free else "book-cancel-late"
    return {
        "title": booking_title(i18n, view),
        "period": _period(i18n, view, settings),
        "terms": i18n.get(key, until=until_text, hours=hours, percent=terms.refund_percent),
    }


@inject
async def move_day_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    mine: FromDishka[MyBookings],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    view = await mine.details(telegram_id(dialog_manager), _booking_id(dialog_manager))
    dialog_manager.dialog_data[TARIFF] = view.tariff.id
    i18n = translator(dialog_manager)
    return {
        **await calendar_data(dialog_manager, availability, clock, view.tariff.id, settings.tz),
        "title": booking_title(i18n, view),
        "period": _period(i18n, view, settings),
    }


@inject
async def move_start_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    view = await mine.details(telegram_id(dialog_manager), _booking_id(dialog_manager))
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
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    view = await mine.details(telegram_id(dialog_manager), _booking_id(dialog_manager))
    new = booking_interval(
        view.tariff, chosen_start(dialog_manager.dialog_data), view.booking.units, settings.tz
    )
    return {
        "title": booking_title(i18n, view),
        "old": _period(i18n, view, settings),
        "new": format_period(i18n, view.tariff.unit, new.start, new.end, settings.tz),
    }


async def on_tab(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data[UPCOMING] = button.widget_id == "tab_next"
    manager.dialog_data[PAGE] = 0


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == "pg_next" else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_pick(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    mine: FromDishka[MyBookings],
) -> None:
    try:
        await mine.details(telegram_id(manager), int(item_id))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[BOOKING] = int(item_id)
    await manager.switch_to(MyBookingsSG.details)


@inject
async def on_ics(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    mine: FromDishka[MyBookings],
) -> None:
    i18n = translator(manager)
    booking_id = _booking_id(manager)
    text = await mine.ics(telegram_id(manager), booking_id, i18n.language)
    bot: Bot = manager.middleware_data["bot"]
    await bot.send_document(
        telegram_id(manager),
        BufferedInputFile(text.encode(), filename=f"booking-{booking_id}.ics"),
        caption=i18n.get("book-ics-caption"),
    )
    # The file went below the window; show the window again under it.
    manager.show_mode = ShowMode.SEND


@inject
async def on_cancel_booking(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    booking: FromDishka[BookingService],
) -> None:
    try:
        await booking.cancel(telegram_id(manager), _booking_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(MyBookingsSG.details)
        return
    await callback.answer(translator(manager).get("book-cancelled"), show_alert=True)
    await manager.switch_to(MyBookingsSG.list)


@inject
async def on_move_day(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    day: date,
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    tariff_id = int(manager.dialog_data[TARIFF])
    state, refusal = await day_refusal(availability, tariff_id, day)
    if refusal is None and state is DayState.FULL:
        refusal = PlaceTaken()
    if refusal is not None:
        await show_error(callback, manager, refusal)
        return
    manager.dialog_data[DAY] = day.isoformat()
    offer = await availability.offer(tariff_id)
    if offer.tariff.unit is TariffUnit.HOUR:
        await manager.switch_to(MyBookingsSG.move_start)
        return
    manager.dialog_data[START] = local_midnight(day, settings.tz).isoformat()
    await manager.switch_to(MyBookingsSG.move_confirm)


async def on_move_start(
    callback: CallbackQuery, _: Select[str], manager: DialogManager, item_id: str
) -> None:
    manager.dialog_data[START] = slot_start(item_id).isoformat()
    await manager.switch_to(MyBookingsSG.move_confirm)


@inject
async def on_move(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    booking: FromDishka[BookingService],
) -> None:
    try:
        await booking.reschedule(
            telegram_id(manager), _booking_id(manager), chosen_start(manager.dialog_data)
        )
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(MyBookingsSG.move_day)
        return
    await callback.answer(translator(manager).get("book-moved"), show_alert=True)
    await manager.switch_to(MyBookingsSG.details)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Window(
            T("my-bookings-upcoming", when="upcoming"),
            T("my-bookings-past", when="past"),
            T("my-bookings-empty", when="empty"),
            pick("bk", "bookings", on_pick),
            Row(
                Button(T("btn-page-prev"), id="pg_prev", on_click=on_page),
                Button(Format("{page}/{pages}"), id="pg_now"),
                Button(T("btn-page-next"), id="pg_next", on_click=on_page),
                when="paged",
            ),
            Button(T("btn-bookings-past"), id="tab_past", on_click=on_tab, when="upcoming"),
            Button(T("btn-bookings-upcoming"), id="tab_next", on_click=on_tab, when="past"),
            TO_MENU,
            getter=list_getter,
            state=MyBookingsSG.list,
        ),
        Window(
            T("book-details"),
            Format("{hold}", when="has_hold"),
            Button(T("btn-ics"), id="ics", on_click=on_ics),
            SwitchTo(T("btn-move"), id="move", state=MyBookingsSG.move_day, when="movable"),
            SwitchTo(T("btn-cancel-booking"), id="cancel", state=MyBookingsSG.cancel, when="live"),
            SwitchTo(T("btn-back"), id="to_list", state=MyBookingsSG.list),
            getter=details_getter,
            state=MyBookingsSG.details,
        ),
        Window(
            T("book-cancel-ask"),
            Button(T("btn-cancel-confirm"), id="cancel_yes", on_click=on_cancel_booking),
            SwitchTo(T("btn-back"), id="cancel_no", state=MyBookingsSG.details),
            getter=cancel_getter,
            state=MyBookingsSG.cancel,
        ),
        Window(
            T("book-move-pick-day"),
            BookingCalendar(on_click=on_move_day),
            SwitchTo(T("btn-back"), id="mv_back", state=MyBookingsSG.details),
            getter=move_day_getter,
            state=MyBookingsSG.move_day,
        ),
        Window(
            T("book-move-pick-start"),
            T("book-no-starts", when="no_starts"),
            pick("mst", "starts", on_move_start, width=4),
            SwitchTo(T("btn-back"), id="mst_back", state=MyBookingsSG.move_day),
            getter=move_start_getter,
            state=MyBookingsSG.move_start,
        ),
        Window(
            T("book-move-ask"),
            Button(T("btn-move-confirm"), id="mv_yes", on_click=on_move),
            SwitchTo(T("btn-back"), id="mvc_back", state=MyBookingsSG.move_day),
            getter=move_confirm_getter,
            state=MyBookingsSG.move_confirm,
        ),
    )
