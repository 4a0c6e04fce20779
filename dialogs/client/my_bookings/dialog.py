"""My bookings: upcoming and past, paged; details with what was paid; paying for a held booking;
cancelling with the refund shown first; the booking as an .ics file. Moving a booking is in
`move`."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStarted
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_short_day, format_time
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.my_bookings import BookingView, MyBookings
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.payments.service import PaymentService
from dialogs.client.booking.common import open_payment
from dialogs.client.my_bookings import move
from dialogs.client.my_bookings.move import BOOKING, booking_id, period_of
from dialogs.shared.cancel import cancel_booking, cancel_window
from dialogs.shared.errors import show_error
from dialogs.shared.format import booking_quote, booking_title, price_lines
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU, pick
from dialogs.shared.window import REFUSAL, Screen
from dialogs.states import MyBookingsSG

PAGE_SIZE = 5
UPCOMING = "upcoming"
PAGE = "page"
# Buttons whose handler tells them apart by id.
TAB_PAST, TAB_UPCOMING = "tab_past", "tab_upcoming"
PAGE_BACK, PAGE_ON = "page_back", "page_on"


@inject
async def list_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    upcoming = bool(data.get(UPCOMING, True))
    i18n = translator(dialog_manager)
    page = await mine.page(
        actor,
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
            when += f" {format_time(start, settings.tz)}"
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
    payments: FromDishka[PaymentService],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    who = actor
    view = await mine.details(who, booking_id(dialog_manager))
    item, now = view.booking, clock.now()
    hold = ""
    if item.hold_running(now) and item.hold_expires_at is not None:  # offer to pay
        hold = i18n.get("book-details-hold", until=format_time(item.hold_expires_at, settings.tz))
    money = await _money_lines(i18n, view, payments, who)
    return {
        "id": str(item.id),  # a number, not an amount: no digit grouping
        "title": booking_title(i18n, view),
        "period": period_of(i18n, view, settings),
        "status": i18n.get("book-status", status=item.status.value),
        "prices": price_lines(i18n, view.tariff, booking_quote(view), None),
        "hold": hold,
        "has_hold": bool(hold),
        "money": money,
        "has_money": bool(money),
        # A booking is moved only before it starts; a confirmed one is cancelled only before it
        # starts, a request not confirmed yet until it ends. An old button says why not.
        "movable": item.client_may_move(now),
        "cancellable": item.client_may_cancel(now),
        REFUSAL: i18n.get(BookingStarted.key) if item.is_live and item.has_started(now) else None,
    }


async def _money_lines(
    i18n: Translator,
    view: BookingView,
    payments: PaymentService,
    who: Actor,
) -> str:
    """`Paid online: N ₽`, and what of it went (or is on its way) back."""
    money = await payments.view(who, view.booking.id)
    if money.paid <= 0:
        return ""
    lines = [i18n.get("pay-details-paid", amount=format_rub(money.paid))]
    if money.refunded:
        lines.append(i18n.get("pay-details-refunded", amount=format_rub(money.refunded)))
    return "\n".join(lines)


async def on_tab(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data[UPCOMING] = button.widget_id == TAB_UPCOMING
    manager.dialog_data[PAGE] = 0


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_pick(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    mine: FromDishka[MyBookings],
    actor: FromDishka[Actor],
) -> None:
    try:
        await mine.details(actor, int(item_id))
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
    actor: FromDishka[Actor],
) -> None:
    i18n = translator(manager)
    booking = booking_id(manager)
    text = await mine.ics(actor, booking, i18n.language)
    bot: Bot = manager.middleware_data["bot"]
    await bot.send_document(
        actor.telegram_id,
        BufferedInputFile(text.encode(), filename=f"booking-{booking}.ics"),
        caption=i18n.get("book-ics-caption"),
    )
    # The file went below the window; show the window again under it.
    manager.show_mode = ShowMode.SEND


@inject
async def on_move_open(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[ChangeBooking],
    actor: FromDishka[Actor],
) -> None:
    """Why the booking cannot be moved is said before the client picks a new day."""
    try:
        await changes.check_move(actor, booking_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await manager.switch_to(MyBookingsSG.move_day)


async def on_pay(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    await open_payment(manager, booking_id(manager))


@inject
async def on_cancel_booking(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    changes: FromDishka[ChangeBooking],
    payments: FromDishka[PaymentService],
    actor: FromDishka[Actor],
) -> None:
    if await cancel_booking(callback, manager, booking_id(manager), actor, changes, payments):
        await manager.switch_to(MyBookingsSG.list)
    else:
        await manager.switch_to(MyBookingsSG.details)


async def on_start(start_data: Any, manager: DialogManager) -> None:
    """Opened from a reminder's button: that booking (the window checks it is the client's)."""
    if isinstance(start_data, dict) and isinstance(start_data.get(BOOKING), int):
        manager.dialog_data[BOOKING] = start_data[BOOKING]


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("my-bookings-upcoming", when="upcoming"),
            T("my-bookings-past", when="past"),
            T("my-bookings-empty", when="empty"),
            pick("booking", "bookings", on_pick),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Button(T("btn-bookings-past"), id=TAB_PAST, on_click=on_tab, when="upcoming"),
            Button(T("btn-bookings-upcoming"), id=TAB_UPCOMING, on_click=on_tab, when="past"),
            TO_MENU,
            getter=list_getter,
            state=MyBookingsSG.list,
        ),
        Screen(
            T("book-details"),
            Format("{money}", when="has_money"),
            Format("\n{hold}", when="has_hold"),
            Button(T("btn-pay-booking"), id="pay", on_click=on_pay, when="has_hold"),
            Button(T("btn-ics"), id="ics", on_click=on_ics),
            Button(T("btn-move"), id="move", on_click=on_move_open, when="movable"),
            SwitchTo(
                T("btn-cancel-booking"), id="cancel", state=MyBookingsSG.cancel, when="cancellable"
            ),
            SwitchTo(T("btn-back"), id="to_list", state=MyBookingsSG.list),
            getter=details_getter,
            state=MyBookingsSG.details,
        ),
        cancel_window(
            state=MyBookingsSG.cancel,
            back=MyBookingsSG.details,
            id_key=BOOKING,
            on_confirm=on_cancel_booking,
        ),
        *move.windows(),
        on_start=on_start,
    )
