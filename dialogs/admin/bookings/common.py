"""What the bookings desk's windows share: the dialog's data keys, the booking the card shows,
the list the card was opened from, and how a booking's client and period read."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_period, format_short_day
from coworking_bot.services.booking.desk import BookingDesk, DeskItem
from dialogs.shared.errors import show_error
from dialogs.states import BookingDeskSG

# dialog_data keys: plain ints, so they survive any FSM storage.
PAGE = "page"
BOOKING = "booking"
REVISION = "revision"
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
REQUEST_SELECT_ID = "request"
REASON_SELECT_ID = "reason"
DAY = "day"  # the schedule's day, ISO
ORIGIN = "origin"  # the list the card was opened from: "queue", "schedule", "client", "status"
CLIENT = "client"  # the user id whose bookings the client list shows
FIND = "find"  # what staff searched clients by in the desk
FULL = "full"  # cancel with everything back
DAY_BACK, DAY_ON, DAY_TODAY, DAY_TOMORROW = "day_back", "day_on", "day_today", "day_tomorrow"
CANCEL_POLICY, CANCEL_FULL = "cancel_policy", "cancel_full"
BOOKING_SELECT_ID = "booking"
# How the schedule marks each status (the title explains them).
STATUS_MARKS = {
    BookingStatus.HELD: "💳",
    BookingStatus.PENDING: "⏳",
    BookingStatus.CONFIRMED: "✅",
    BookingStatus.COMPLETED: "☑️",
    BookingStatus.NO_SHOW: "🚫",
    BookingStatus.EXPIRED: "⌛",
    BookingStatus.CANCELLED: "❌",
}


def booking_id_of(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(BOOKING, 0))


def client_line(i18n: Translator, item: DeskItem) -> str:
    client = item.client
    if client is None:
        return i18n.get("desk-client-gone")
    parts = [html.escape(client.full_name or f"ID {client.telegram_id}")]
    if client.phone:
        parts.append(html.escape(client.phone))
    if client.username:
        parts.append(f"@{html.escape(client.username)}")
    return ", ".join(parts)


def period_text(i18n: Translator, item: DeskItem, settings: Settings) -> str:
    booking = item.booking
    return format_period(i18n, item.tariff.unit, booking.starts_at, booking.ends_at, settings.tz)


def booking_label(
    i18n: Translator, item: DeskItem, settings: Settings, *, with_client: bool = False
) -> str:
    """A booking in a list: its status mark, number, start and space (and client)."""
    booking = item.booking
    start = booking.starts_at.astimezone(settings.tz)
    when = format_short_day(i18n, start.date())
    if item.tariff.unit is TariffUnit.HOUR:
        when += f" {start:%H:%M}"
    mark = STATUS_MARKS.get(booking.status, "❌")
    label = f"{mark} №{booking.id} · {when} · {item.space.title(i18n.language)}"
    if with_client:
        name = item.client.full_name if item.client and item.client.full_name else "—"
        label += f" · {name}"
    return label


def origin_state(manager: DialogManager) -> Any:
    """The list the card was opened from."""
    origin = manager.dialog_data.get(ORIGIN)
    if origin == "schedule":
        return BookingDeskSG.schedule
    if origin == "client":
        return BookingDeskSG.client
    if origin == "status":
        return BookingDeskSG.by_status
    return BookingDeskSG.queue


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


# Each list the card opens from, and what its Back button goes back to.
_LISTS = {
    BookingDeskSG.queue.state: "queue",
    BookingDeskSG.schedule.state: "schedule",
    BookingDeskSG.client.state: "client",
    BookingDeskSG.by_status.state: "status",
}


@inject
async def on_pick_booking(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    desk: FromDishka[BookingDesk],
    actor: FromDishka[Actor],
) -> None:
    """A booking picked in any of the desk's lists: its card, with Back to that list."""
    try:
        card = await desk.card(actor, int(item_id))  # offered by the window, so digits
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[BOOKING] = card.item.booking.id
    manager.dialog_data[ORIGIN] = _LISTS.get(manager.current_context().state.state, "queue")
    await manager.switch_to(BookingDeskSG.card)
