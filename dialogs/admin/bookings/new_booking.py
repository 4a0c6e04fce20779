"""A booking staff (MANAGE_BOOKINGS) make for a registered client: the client by phone, @username
or Telegram id (or given by the window that started this one), then space, tariff, day, start
time and duration as a client picks them, the summary with the price, and how the client pays:
on site (the booking is confirmed now) or from a payment link sent to them.

Start it with `manager.start(StaffBookingSG.client)`, or with `data={CLIENT: <user id>}` to skip
finding the client. `StaffBooking` checks the role, the client and every booking rule again."""

from __future__ import annotations

import html
import uuid
from datetime import date, datetime
from typing import Any

from aiogram import F
from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    BookingStatus,
    PlaceTaken,
    TooManyWaiting,
    TrialUsed,
    booking_interval,
    local_midnight,
)
from coworking_bot.domain.enums import Permission, TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.promo import PromoAlreadyUsed, PromoFirstBookingOnly, normalize_code
from coworking_bot.domain.staff_booking import (
    ClientBannedFromBooking,
    ClientNotFound,
    ClientNotRegistered,
    PaymentLinksOff,
    StaffPayment,
)
from coworking_bot.domain.users import Actor, User
from coworking_bot.i18n.formats import format_period, format_time, format_units
from coworking_bot.services.booking.availability import AvailabilityService, DayState
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.booking.staff_booking import StaffBooking
from dialogs.admin.access import may_open, refuse_start
from dialogs.admin.bookings.common import BOOKING
from dialogs.client.booking.common import (
    DAY,
    ONE_DURATION,
    PROMO,
    PROMO_ERRORS,
    REQUEST_KEY,
    SPACE,
    START,
    TARIFF,
    UNIT,
    UNITS,
    booking_request,
    chosen_start,
    slot_start,
)
from dialogs.client.booking.getters import (
    day_getter,
    spaces_getter,
    start_getter,
    tariffs_getter,
    units_getter,
)
from dialogs.shared.calendar import BookingCalendar, day_explainer, day_refusal, explain_taken_start
from dialogs.shared.format import price_lines
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG, StaffBookingSG

# Start data and dialog_data keys: plain ints, strings and booleans, so they survive any storage.
CLIENT = "client"  # the client's user id
CLIENT_LINE = "client_line"  # how the client reads in the windows' headings, escaped
CLIENT_GIVEN = "client_given"  # the starting window named the client
MADE = "made"  # the id of the booking made
# Buttons whose handler tells them apart by id.
ON_SITE_ID, FREE_ID, LINK_ID = "on_site", "free", "link"

# Refusals worded for the client ("you have already ..."), and how they read to staff.
STAFF_WORDING = {
    TrialUsed.key: "error-staff-booking-trial-used",
    TooManyWaiting.key: "error-staff-booking-too-many-waiting",
    PromoAlreadyUsed.key: "error-staff-booking-promo-used",
    PromoFirstBookingOnly.key: "error-staff-booking-promo-first",
}
CLIENT_ERRORS = (ClientNotFound, ClientNotRegistered, ClientBannedFromBooking)


def _refusal(manager: DialogManager, error: DomainError) -> str:
    return translator(manager).get(STAFF_WORDING.get(error.key, error.key), **error.params)


async def _refuse(
    event: Message | CallbackQuery, manager: DialogManager, error: DomainError
) -> None:
    text = _refusal(manager, error)
    if isinstance(event, CallbackQuery):
        await event.answer(text, show_alert=True)
    else:
        await event.answer(text)


def client_line(user: User) -> str:
    """`Анна Петрова, +79161234567, @anna`, escaped."""
    parts = [user.full_name or f"ID {user.telegram_id}"]
    if user.phone:
        parts.append(user.phone)
    if user.username:
        parts.append(f"@{user.username}")
    return html.escape(", ".join(parts))


def _client_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(CLIENT, 0))


def _take_client(manager: DialogManager, user: User) -> None:
    manager.dialog_data[CLIENT] = user.id
    manager.dialog_data[CLIENT_LINE] = client_line(user)


@inject
async def on_start(
    start_data: Any,
    manager: DialogManager,
    staff: FromDishka[StaffBooking],
    actor: FromDishka[Actor],
) -> None:
    """Who may book for clients; started for a client, that the client may book."""
    if not await may_open(manager, Permission.MANAGE_BOOKINGS):
        return
    given = start_data.get(CLIENT) if isinstance(start_data, dict) else None
    if given is None:
        return
    try:
        if not isinstance(given, int) or isinstance(given, bool):
            raise ClientNotFound()
        user = await staff.client(actor, given)
    except DomainError as error:
        await refuse_start(manager, _refusal(manager, error))
        return
    _take_client(manager, user)
    manager.dialog_data[CLIENT_GIVEN] = True
    await manager.switch_to(StaffBookingSG.space)


@inject
async def on_client_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    staff: FromDishka[StaffBooking],
    actor: FromDishka[Actor],
) -> None:
    try:
        user = await staff.find_client(actor, message.text)
    except DomainError as error:
        await _refuse(message, manager, error)
        return
    _take_client(manager, user)
    await manager.switch_to(StaffBookingSG.space)


async def on_text_expected(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("staff-booking-text-expected"))


async def on_space(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[SPACE] = int(item_id)  # offered by the window, so digits
    await manager.switch_to(StaffBookingSG.tariff)


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
        await _refuse(callback, manager, error)
        return
    manager.dialog_data[UNIT] = offer.tariff.unit.value
    manager.dialog_data[TARIFF] = offer.tariff.id
    manager.dialog_data.pop(PROMO, None)
    await manager.switch_to(StaffBookingSG.day)


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
    if state is DayState.FULL:
        refusal = PlaceTaken()
    if refusal is not None:
        await _refuse(callback, manager, refusal)
        return
    manager.dialog_data[DAY] = day.isoformat()
    if manager.dialog_data[UNIT] == TariffUnit.HOUR.value:
        await manager.switch_to(StaffBookingSG.start)
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
        await _refuse(callback, manager, PlaceTaken())
        return
    manager.dialog_data[START] = start.isoformat()
    manager.dialog_data[ONE_DURATION] = len(fitting) == 1
    if len(fitting) == 1:
        manager.dialog_data[UNITS] = fitting[0]
        await manager.switch_to(StaffBookingSG.summary)
    else:
        await manager.switch_to(StaffBookingSG.units)


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
        await _refuse(callback, manager, PlaceTaken())
        return
    data[UNITS] = int(item_id)
    await manager.switch_to(StaffBookingSG.summary)


async def on_back(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """Back to the step before, skipping the steps this booking did not need."""
    data = manager.dialog_data
    state = manager.current_context().state
    hourly = data.get(UNIT) == TariffUnit.HOUR.value
    start_step = StaffBookingSG.start if hourly else StaffBookingSG.day
    if state == StaffBookingSG.summary and not data.get(ONE_DURATION):
        await manager.switch_to(StaffBookingSG.units)
    else:
        await manager.switch_to(start_step)


@inject
async def on_promo(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    staff: FromDishka[StaffBooking],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    try:
        await staff.preview(
            actor, _client_id(manager), booking_request({**data, PROMO: message.text})
        )
    except DomainError as error:
        await _refuse(message, manager, error)
        return
    data[PROMO] = normalize_code(message.text)
    await manager.switch_to(StaffBookingSG.summary)


async def on_no_promo(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(PROMO, None)
    await manager.switch_to(StaffBookingSG.summary)


@inject
async def on_book(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    staff: FromDishka[StaffBooking],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    payment = StaffPayment.LINK if button.widget_id == LINK_ID else StaffPayment.ON_SITE
    try:
        made = await staff.book(
            actor, _client_id(manager), booking_request(data, with_key=True), payment
        )
    except PROMO_ERRORS as error:
        data.pop(PROMO, None)
        await _refuse(callback, manager, error)
        return
    except (TooManyWaiting, PaymentLinksOff) as error:  # paying on site is still open
        await _refuse(callback, manager, error)
        return
    except TrialUsed as error:
        await _refuse(callback, manager, error)
        await manager.switch_to(StaffBookingSG.tariff)
        return
    except CLIENT_ERRORS as error:
        await _refuse(callback, manager, error)
        if data.get(CLIENT_GIVEN):
            await manager.done()
        else:
            await manager.switch_to(StaffBookingSG.client)
        return
    except DomainError as error:
        await _refuse(callback, manager, error)
        await manager.switch_to(StaffBookingSG.day)
        return
    data[MADE] = made.id
    data.pop(REQUEST_KEY, None)
    await manager.switch_to(StaffBookingSG.done)


async def on_open_booking(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """The booking's card in the bookings desk (Back there leads to the desk's queue)."""
    await manager.start(BookingDeskSG.card, data={BOOKING: int(manager.dialog_data[MADE])})


async def client_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {"client": data.get(CLIENT_LINE, ""), "client_given": bool(data.get(CLIENT_GIVEN))}


@inject
async def summary_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    staff: FromDishka[StaffBooking],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    data.setdefault(REQUEST_KEY, uuid.uuid4().hex)
    i18n = translator(dialog_manager)
    offer = await availability.offer(int(data[TARIFF]))
    request = booking_request(data)
    notes: list[str] = []
    try:
        try:
            price = await staff.preview(actor, _client_id(dialog_manager), request)
        except PROMO_ERRORS as error:  # the code stopped applying since it was entered
            data.pop(PROMO, None)
            notes.append(_refusal(dialog_manager, error))
            request = booking_request(data)
            price = await staff.preview(actor, _client_id(dialog_manager), request)
    except DomainError as error:  # the client was banned meanwhile, the tariff closed, ...
        return {
            "ready": False,
            "problem": _refusal(dialog_manager, error),
            "free": False,
            "priced": False,
            "link": False,
        }
    total = format_rub(price.total)
    if price.is_free:
        notes.append(i18n.get("staff-booking-summary-free"))
    else:
        notes.append(i18n.get("staff-booking-summary-on-site", total=total))
        if settings.payments_enabled:
            minutes = settings.payment_link_hold_minutes
            notes.append(i18n.get("staff-booking-summary-link", total=total, minutes=minutes))
            if offer.tariff.needs_confirmation:
                notes.append(i18n.get("staff-booking-summary-link-confirm"))
        else:
            notes.append(i18n.get("staff-booking-summary-no-links"))
    end = booking_interval(offer.tariff, request.start, request.units, settings.tz).end
    return {
        "ready": True,
        "problem": "",
        "space": html.escape(offer.space.title(i18n.language)),
        "tariff": html.escape(offer.tariff.title(i18n.language)),
        "period": format_period(i18n, offer.tariff.unit, request.start, end, settings.tz),
        "duration": format_units(i18n, offer.tariff.unit, request.units),
        "prices": price_lines(i18n, offer.tariff, price, data.get(PROMO)),
        "payment": "\n".join(notes),
        "free": price.is_free,
        "priced": not price.is_free,
        "link": not price.is_free and settings.payments_enabled,
    }


@inject
async def done_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    card = await desk.card(actor, int(dialog_manager.dialog_data[MADE]))
    item = card.item
    booking = item.booking
    total = format_rub(booking.total)
    if booking.status is BookingStatus.HELD and booking.hold_expires_at is not None:
        until = format_time(booking.hold_expires_at, settings.tz)
        outcome = i18n.get("staff-booking-done-link", total=total, until=until)
    elif booking.status is BookingStatus.CONFIRMED:
        key = "staff-booking-done-free" if booking.total == 0 else "staff-booking-done-on-site"
        outcome = i18n.get(key, total=total)
    else:  # it changed since (expired, cancelled): as the desk shows it
        outcome = i18n.get("book-status", status=booking.status.value)
    return {
        "booking_id": str(booking.id),  # a number, not an amount: no digit grouping
        "space": html.escape(item.space.title(i18n.language)),
        "tariff": html.escape(item.tariff.title(i18n.language)),
        "period": format_period(
            i18n, item.tariff.unit, booking.starts_at, booking.ends_at, settings.tz
        ),
        "outcome": outcome,
    }


BACK_STEP = Button(T("btn-back"), id="step_back", on_click=on_back)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("staff-booking-client-ask"),
            MessageInput(on_client_typed, content_types=ContentType.TEXT),
            MessageInput(on_text_expected),
            CANCEL,
            state=StaffBookingSG.client,
        ),
        Screen(
            T("staff-booking-pick-space"),
            T("staff-booking-nothing", when="empty"),
            pick(SPACE, "spaces", on_space),
            SwitchTo(
                T("btn-staff-booking-other-client"),
                id="other_client",
                state=StaffBookingSG.client,
                when=~F["client_given"],
            ),
            CANCEL,
            getter=[client_getter, spaces_getter],
            state=StaffBookingSG.space,
        ),
        Screen(
            T("staff-booking-pick-tariff"),
            pick(TARIFF, "tariffs", on_tariff),
            SwitchTo(T("btn-back"), id="to_space", state=StaffBookingSG.space),
            getter=[client_getter, tariffs_getter],
            state=StaffBookingSG.tariff,
        ),
        Screen(
            T("staff-booking-pick-day"),
            BookingCalendar(on_click=on_day),
            SwitchTo(T("btn-back"), id="to_tariff", state=StaffBookingSG.tariff),
            getter=[client_getter, day_getter],
            state=StaffBookingSG.day,
            explain=day_explainer(TARIFF),
        ),
        Screen(
            T("staff-booking-pick-start", when="has_starts"),
            T("staff-booking-no-starts", when=~F["has_starts"]),
            pick(START, "starts", on_start_time, width=4),
            SwitchTo(T("btn-back"), id="to_day", state=StaffBookingSG.day),
            getter=[client_getter, start_getter],
            state=StaffBookingSG.start,
            explain=explain_taken_start,
        ),
        Screen(
            T("staff-booking-pick-units"),
            pick(UNITS, "durations", on_units, width=3),
            BACK_STEP,
            getter=[client_getter, units_getter],
            state=StaffBookingSG.units,
        ),
        Screen(
            T("staff-booking-summary", when="ready"),
            Format("{problem}", when=~F["ready"]),
            Button(T("btn-staff-booking-on-site"), id=ON_SITE_ID, on_click=on_book, when="priced"),
            Button(T("btn-staff-booking-link"), id=LINK_ID, on_click=on_book, when="link"),
            Button(T("btn-staff-booking-free"), id=FREE_ID, on_click=on_book, when="free"),
            SwitchTo(
                T("btn-staff-booking-promo"),
                id="promo",
                state=StaffBookingSG.promo,
                when="ready",
            ),
            BACK_STEP,
            getter=[client_getter, summary_getter],
            state=StaffBookingSG.summary,
        ),
        Screen(
            T("staff-booking-promo-ask"),
            MessageInput(on_promo, content_types=ContentType.TEXT),
            MessageInput(on_text_expected),
            Button(T("btn-staff-booking-no-promo"), id="no_promo", on_click=on_no_promo),
            SwitchTo(T("btn-back"), id="to_summary", state=StaffBookingSG.summary),
            state=StaffBookingSG.promo,
        ),
        Screen(
            T("staff-booking-done"),
            Button(T("btn-staff-booking-open"), id="open", on_click=on_open_booking),
            Cancel(T("btn-staff-booking-close"), id="close"),
            getter=[client_getter, done_getter],
            state=StaffBookingSG.done,
        ),
        on_start=on_start,
    )
