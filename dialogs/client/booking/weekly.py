"""Booking: the same hour every week, for a few weeks, booked at once."""

from __future__ import annotations

import uuid
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, Group, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import booking_interval
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_period
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.series import WeeklySeries
from dialogs.client.booking.common import (
    MADE,
    PROMO,
    REQUEST_KEY,
    TARIFF,
    UNITS,
    WEEKS,
    after_booking,
    booking_request,
    chosen_start,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.window import Screen
from dialogs.states import BookingSG

WEEK_CHOICES = (2, 3, 4, 6, 8)
WEEKS_ID = "weeks"


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
    # The window offers WEEK_CHOICES only, and refuses anything else before this runs.
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
            T("book-weekly-ask"),
            Group(
                Select(
                    Format("{item}"),
                    id=WEEKS_ID,
                    item_id_getter=str,
                    items=WEEK_CHOICES,
                    on_click=on_weeks,
                ),
                width=5,
            ),
            SwitchTo(T("btn-back"), id="weeks_back", state=BookingSG.summary),
            state=BookingSG.weekly,
        ),
        Screen(
            T("book-weekly-dates"),
            T("book-weekly-none", when="none_free"),
            Button(
                T("btn-weekly-book"), id="weekly_book", on_click=on_book_series, when="any_free"
            ),
            SwitchTo(T("btn-back"), id="weekly_dates_back", state=BookingSG.weekly),
            getter=weekly_dates_getter,
            state=BookingSG.weekly_dates,
        ),
    ]
