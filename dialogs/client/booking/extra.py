"""Booking extras: the waitlist of a full day or hour, and the same time every week."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, Group, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.availability import bookable_window, opening_window
from coworking_bot.domain.booking import booking_interval, local_midnight
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_day, format_period
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.series import WeeklySeries
from coworking_bot.services.booking.waitlist import Waitlist
from coworking_bot.services.common.ports import Clock
from dialogs.client.booking.common import (
    MADE,
    PROMO,
    REQUEST_KEY,
    TARIFF,
    UNITS,
    WEEKS,
    after_booking,
    booking_request,
    chosen_day,
    chosen_start,
    slot_id,
    slot_start,
)
from dialogs.shared.calendar import start_label
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import pick
from dialogs.shared.window import Screen
from dialogs.states import BookingSG

WEEK_CHOICES = (2, 3, 4, 6, 8)


@inject
async def waitlist_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    day = chosen_day(data)
    offer = await availability.offer(int(data[TARIFF]))
    hourly = offer.tariff.unit is TariffUnit.HOUR
    busy: list[tuple[str, str]] = []
    if hourly:
        free = set(await availability.starts(offer.tariff.id, day))
        busy = [
            (start_label(start, settings.tz), slot_id(start))
            for start in _grid(offer, day, clock.now(), settings)
            if start not in free
        ]
    return {
        "date": format_day(translator(dialog_manager), day),
        "hourly": hourly,
        "daily": not hourly,
        "busy": busy,
        "none_busy": hourly and not busy,
    }


def _grid(offer: Any, day: Any, now: datetime, settings: Settings) -> list[datetime]:
    """The day's starts on the slot grid that are still ahead and within the horizon."""
    window = opening_window(offer.space, day, settings.tz)
    if window is None:
        return []
    allowed = bookable_window(offer.space, now)
    step = timedelta(minutes=offer.space.slot_step_minutes)
    duration = timedelta(hours=offer.tariff.min_duration)
    starts: list[datetime] = []
    start = window.start
    while start + duration <= window.end:
        if allowed.start <= start <= allowed.end:
            starts.append(start)
        start += step
    return starts


@inject
async def on_wait_hour(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    availability: FromDishka[AvailabilityService],
    waitlist: FromDishka[Waitlist],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
) -> None:
    await _join(callback, manager, availability, waitlist, settings, actor, slot_start(item_id))


@inject
async def on_wait_day(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    waitlist: FromDishka[Waitlist],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
) -> None:
    start = local_midnight(chosen_day(manager.dialog_data), settings.tz)
    await _join(callback, manager, availability, waitlist, settings, actor, start)


async def _join(
    callback: CallbackQuery,
    manager: DialogManager,
    availability: AvailabilityService,
    waitlist: Waitlist,
    settings: Settings,
    actor: Actor,
    start: datetime,
) -> None:
    offer = await availability.offer(int(manager.dialog_data[TARIFF]))
    units = offer.tariff.min_duration
    try:
        entry = await waitlist.join(actor, offer.tariff.id, start, units)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    i18n = translator(manager)
    period = format_period(i18n, offer.tariff.unit, entry.starts_at, entry.ends_at, settings.tz)
    await callback.answer(i18n.get("book-waitlist-joined", period=period), show_alert=True)
    await manager.switch_to(BookingSG.day)


@inject
async def weekly_dates_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    series: FromDishka[WeeklySeries],
    booking: FromDishka[CreateBooking],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    data.setdefault(REQUEST_KEY, uuid.uuid4().hex)
    i18n = translator(dialog_manager)
    offer = await availability.offer(int(data[TARIFF]))
    units = int(data[UNITS])
    dates = await series.dates(actor, offer.tariff.id, chosen_start(data), units, int(data[WEEKS]))
    lines = []
    for item in dates:
        end = booking_interval(offer.tariff, item.start, units, settings.tz).end
        period = format_period(i18n, offer.tariff.unit, item.start, end, settings.tz)
        key = "book-weekly-free" if item.free else "book-weekly-taken"
        lines.append(i18n.get(key, period=period))
    free = sum(1 for item in dates if item.free)
    price = await booking.preview(actor, booking_request({**data, PROMO: None}))
    return {
        "dates": "\n".join(lines),
        "free": free,
        "any_free": free > 0,
        "none_free": free == 0,
        "each": format_rub(price.total),
        "total": format_rub(price.total * free),
    }


async def on_weeks(
    callback: CallbackQuery, _: Select[str], manager: DialogManager, item_id: str
) -> None:
    manager.dialog_data[WEEKS] = int(item_id)
    await manager.switch_to(BookingSG.weekly_dates)


@inject
async def on_book_series(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    series: FromDishka[WeeklySeries],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    tariff_id, units = int(data[TARIFF]), int(data[UNITS])
    dates = await series.dates(actor, tariff_id, chosen_start(data), units, int(data[WEEKS]))
    starts = [item.start for item in dates if item.free]
    if not starts:
        return
    try:
        made = await series.book(actor, tariff_id, starts, units, request_key=data.get(REQUEST_KEY))
    except DomainError as error:
        # One of the dates was taken meanwhile: nothing was booked; the list shows it now.
        await show_error(callback, manager, error)
        return
    data[MADE] = [item.id for item in made]
    data.pop(REQUEST_KEY, None)
    await after_booking(manager, made)


def windows() -> list[Screen]:
    return [
        Screen(
            T("book-full-day", when="daily"),
            T("book-full-hours", when="hourly"),
            T("book-full-none", when="none_busy"),
            Button(T("btn-waitlist-join"), id="wl_day", on_click=on_wait_day, when="daily"),
            pick("wl", "busy", on_wait_hour, width=4, label="⏳ {item[0]}"),
            SwitchTo(T("btn-back"), id="wl_back", state=BookingSG.day),
            getter=waitlist_getter,
            state=BookingSG.waitlist,
        ),
        Screen(
            T("book-weekly-ask"),
            Group(
                Select(
                    Format("{item}"),
                    id="wk",
                    item_id_getter=str,
                    items=WEEK_CHOICES,
                    on_click=on_weeks,
                ),
                width=5,
            ),
            SwitchTo(T("btn-back"), id="wk_back", state=BookingSG.summary),
            state=BookingSG.weekly,
        ),
        Screen(
            T("book-weekly-dates"),
            T("book-weekly-none", when="none_free"),
            Button(T("btn-weekly-book"), id="wk_book", on_click=on_book_series, when="any_free"),
            SwitchTo(T("btn-back"), id="wkd_back", state=BookingSG.weekly),
            getter=weekly_dates_getter,
            state=BookingSG.weekly_dates,
        ),
    ]
