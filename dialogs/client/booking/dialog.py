"""Booking: space, tariff, day, start time, duration, promo code, summary, confirm."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Select, Start, SwitchTo
from aiogram_dialog.widgets.kbd.calendar_kbd import ManagedCalendar
from aiogram_dialog.widgets.media import DynamicMedia
from aiogram_dialog.widgets.text import Format
from dishka import AsyncContainer, FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    PlaceTaken,
    TrialUsed,
    local_midnight,
)
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.promo import (
    normalize_code,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.availability import AvailabilityService, DayState
from coworking_bot.services.booking.create import CreateBooking
from dialogs.client.booking import waitlist, weekly
from dialogs.client.booking.common import (
    DAY,
    EXTEND_FROM,
    EXTEND_TARIFF,
    MADE,
    ONE_DURATION,
    PROMO,
    PROMO_ERRORS,
    REQUEST_KEY,
    SPACE,
    START,
    TARIFF,
    UNIT,
    UNITS,
    after_booking,
    booking_request,
    chosen_start,
    slot_start,
)
from dialogs.client.booking.getters import (
    day_getter,
    done_getter,
    spaces_getter,
    start_getter,
    summary_getter,
    tariffs_getter,
    units_getter,
)
from dialogs.middlewares import CONTAINER_KEY
from dialogs.shared.calendar import (
    CALENDAR_ID,
    BookingCalendar,
    day_explainer,
    day_refusal,
    explain_taken_start,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU, pick
from dialogs.shared.window import Screen
from dialogs.states import BookingSG, MyBookingsSG


async def on_start_dialog(start_data: Any, manager: DialogManager) -> None:
    """A fresh booking; started with a tariff (Extend under a renewal reminder), at its calendar
    from the day the current period ends."""
    manager.dialog_data.clear()
    if not isinstance(start_data, dict) or not isinstance(start_data.get(EXTEND_TARIFF), int):
        return
    container: AsyncContainer = manager.middleware_data[CONTAINER_KEY]
    availability = await container.get(AvailabilityService)
    try:
        offer = await availability.offer(start_data[EXTEND_TARIFF])
    except DomainError:  # switched off meanwhile: the client picks from what there is
        await manager.switch_to(BookingSG.space)
        return
    manager.dialog_data[SPACE] = offer.space.id
    manager.dialog_data[TARIFF] = offer.tariff.id
    manager.dialog_data[UNIT] = offer.tariff.unit.value
    try:
        first = date.fromisoformat(str(start_data.get(EXTEND_FROM)))
    except ValueError:
        return
    calendar = manager.find(CALENDAR_ID)
    if isinstance(calendar, ManagedCalendar):
        calendar.set_offset(first)


async def on_space(
    callback: CallbackQuery, _: Select[str], manager: DialogManager, item_id: str
) -> None:
    manager.dialog_data[SPACE] = int(item_id)
    await manager.switch_to(BookingSG.tariff)


@inject
async def on_tariff(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    availability: FromDishka[AvailabilityService],
) -> None:
    try:
        offer = await availability.offer(int(item_id))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[UNIT] = offer.tariff.unit.value
    manager.dialog_data[TARIFF] = int(item_id)
    manager.dialog_data.pop(PROMO, None)
    await manager.switch_to(BookingSG.day)


@inject
async def on_day(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    day: date,
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    # The keyboard may be old: the day is checked again, now.
    tariff_id = int(manager.dialog_data[TARIFF])
    state, refusal = await day_refusal(availability, tariff_id, day)
    if refusal is not None:
        await show_error(callback, manager, refusal)
        return
    manager.dialog_data[DAY] = day.isoformat()
    if state is DayState.FULL:
        await manager.switch_to(BookingSG.waitlist)
        return
    offer = await availability.offer(tariff_id)
    if offer.tariff.unit is TariffUnit.HOUR:
        await manager.switch_to(BookingSG.start)
        return
    await _choose_start(callback, manager, availability, local_midnight(day, settings.tz))


@inject
async def on_start_time(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    availability: FromDishka[AvailabilityService],
) -> None:
    await _choose_start(callback, manager, availability, slot_start(item_id))


async def _choose_start(
    callback: CallbackQuery,
    manager: DialogManager,
    availability: AvailabilityService,
    start: datetime,
) -> None:
    fitting = await availability.durations(int(manager.dialog_data[TARIFF]), start)
    if not fitting:
        await show_error(callback, manager, PlaceTaken())
        return
    manager.dialog_data[START] = start.isoformat()
    manager.dialog_data[ONE_DURATION] = len(fitting) == 1
    if len(fitting) == 1:
        manager.dialog_data[UNITS] = fitting[0]
        await manager.switch_to(BookingSG.promo)
    else:
        await manager.switch_to(BookingSG.units)


@inject
async def on_units(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    availability: FromDishka[AvailabilityService],
) -> None:
    data = manager.dialog_data
    if int(item_id) not in await availability.durations(int(data[TARIFF]), chosen_start(data)):
        await show_error(callback, manager, PlaceTaken())
        return
    data[UNITS] = int(item_id)
    await manager.switch_to(BookingSG.promo)


@inject
async def on_promo(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    booking: FromDishka[CreateBooking],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    request = booking_request({**data, PROMO: message.text or ""})
    try:
        await booking.preview(actor, request)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    data[PROMO] = normalize_code(message.text)
    await manager.switch_to(BookingSG.summary)


async def on_not_text(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("book-promo-text-expected"))


async def on_no_promo(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(PROMO, None)
    await manager.switch_to(BookingSG.summary)


@inject
async def on_confirm(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    booking: FromDishka[CreateBooking],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    try:
        made = await booking.create(actor, booking_request(data, with_key=True))
    except PROMO_ERRORS as error:
        data.pop(PROMO, None)
        await show_error(callback, manager, error)
        return
    except TrialUsed as error:
        await show_error(callback, manager, error)
        await manager.switch_to(BookingSG.tariff)
        return
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(BookingSG.day)
        return
    data[MADE] = [made.id]
    data.pop(REQUEST_KEY, None)
    await after_booking(manager, [made])


async def on_back(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """Back to the step before, skipping the steps this booking did not need."""
    data = manager.dialog_data
    state = manager.current_context().state
    hourly_start = BookingSG.start if data.get(UNIT) == TariffUnit.HOUR.value else BookingSG.day
    if state == BookingSG.units:
        target = hourly_start
    elif state == BookingSG.promo:
        target = hourly_start if data.get(ONE_DURATION) else BookingSG.units
    else:
        target = BookingSG.day
    await manager.switch_to(target)


BACK_STEP = Button(T("btn-back"), id="step_back", on_click=on_back)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("book-pick-space"),
            T("book-nothing", when="empty"),
            pick("space", "spaces", on_space),
            TO_MENU,
            getter=spaces_getter,
            state=BookingSG.space,
        ),
        Screen(
            DynamicMedia("photo", when="has_photo"),  # the space's, when staff gave it one
            T("book-pick-tariff"),
            pick("tariff", "tariffs", on_tariff),
            SwitchTo(T("btn-back"), id="to_space", state=BookingSG.space),
            getter=tariffs_getter,
            state=BookingSG.tariff,
        ),
        Screen(
            T("book-pick-day"),
            BookingCalendar(on_click=on_day),
            SwitchTo(T("btn-back"), id="to_tariff", state=BookingSG.tariff),
            getter=day_getter,
            state=BookingSG.day,
            explain=day_explainer(TARIFF),
        ),
        Screen(
            T("book-pick-start", when="has_starts"),
            T("book-no-starts", when="no_starts"),
            pick("start", "starts", on_start_time, width=4),
            SwitchTo(T("btn-waitlist-busy"), id="to_wait", state=BookingSG.waitlist),
            SwitchTo(T("btn-back"), id="to_day", state=BookingSG.day),
            getter=start_getter,
            state=BookingSG.start,
            explain=explain_taken_start,
        ),
        Screen(
            T("book-pick-units"),
            pick("units", "durations", on_units, width=3),
            BACK_STEP,
            getter=units_getter,
            state=BookingSG.units,
        ),
        Screen(
            T("book-promo-ask"),
            Button(T("btn-no-promo"), id="no_promo", on_click=on_no_promo),
            BACK_STEP,
            MessageInput(on_promo, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            state=BookingSG.promo,
        ),
        Screen(
            T("book-summary"),
            T("book-summary-confirmation", when="needs_confirmation"),
            Format("\n{promo_note}", when="has_promo_note"),
            Button(T("btn-booking-confirm-client"), id="confirm", on_click=on_confirm),
            SwitchTo(T("btn-weekly"), id="weekly", state=BookingSG.weekly, when="hourly"),
            SwitchTo(T("btn-back"), id="to_promo", state=BookingSG.promo),
            getter=summary_getter,
            state=BookingSG.summary,
        ),
        Screen(
            T("book-done"),
            Start(
                T("btn-my-bookings"),
                id="to_mine",
                state=MyBookingsSG.list,
                mode=StartMode.RESET_STACK,
            ),
            TO_MENU,
            getter=done_getter,
            state=BookingSG.done,
        ),
        waitlist.window(),
        *weekly.windows(),
        on_start=on_start_dialog,
    )
