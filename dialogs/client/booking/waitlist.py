"""Booking: the waitlist of a full day, or of taken hours, to be told when a place frees up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, SwitchTo
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import local_midnight
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_day, format_period
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.waitlist import Waitlist
from dialogs.client.booking.common import (
    TARIFF,
    chosen_day,
    slot_id,
    slot_start,
)
from dialogs.shared.calendar import start_label
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import pick
from dialogs.shared.window import Screen
from dialogs.states import BookingSG

WAITLIST_HOURS_ID = "wait_hour"
WAITLIST_DAY_ID = "wait_day"


@inject
async def waitlist_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    day = chosen_day(data)
    offer = await availability.offer(int(data[TARIFF]))
    hourly = offer.tariff.unit is TariffUnit.HOUR
    busy: list[tuple[str, str]] = []
    if hourly:
        busy = [
            (start_label(start, settings.tz), slot_id(start))
            for start in await availability.taken_starts(offer.tariff.id, day)
        ]
    return {
        "date": format_day(translator(dialog_manager), day),
        "hourly": hourly,
        "daily": not hourly,
        "busy": busy,
        "none_busy": hourly and not busy,
    }


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


def window() -> Screen:
    return Screen(
        T("book-full-day", when="daily"),
        T("book-full-hours", when="hourly"),
        T("book-full-none", when="none_busy"),
        Button(T("btn-waitlist-join"), id=WAITLIST_DAY_ID, on_click=on_wait_day, when="daily"),
        pick(WAITLIST_HOURS_ID, "busy", on_wait_hour, width=4, label="⏳ {item[0]}"),
        SwitchTo(T("btn-back"), id="waitlist_back", state=BookingSG.day),
        getter=waitlist_getter,
        state=BookingSG.waitlist,
    )
