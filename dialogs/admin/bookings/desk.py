"""The bookings desk (MANAGE_BOOKINGS): requests waiting for staff, oldest first; the schedule of
a day; bookings by status or by number; the card of a booking with its money; Confirm, and
Reject with a reason picked from a short list or typed; Cancel with the policy's refund or a full
one, and a reason; Move to a free time; money taken at the desk; check-in.

Buttons carry only ids; `DecideBooking` checks the role, the booking's state and that the request
is the one the card showed (a client who moved it meanwhile gets it back to a fresh card)."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import AsyncContainer

from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.desk import BookingDesk
from dialogs.admin.access import may_open, refuse_start
from dialogs.admin.bookings import by_status, money, move
from dialogs.admin.bookings.common import (
    BOOKING,
    BOOKING_SELECT_ID,
    CANCEL_FULL,
    CANCEL_POLICY,
    CLIENT,
    DAY_BACK,
    DAY_ON,
    DAY_TODAY,
    DAY_TOMORROW,
    ORIGIN,
    PAGE_BACK,
    PAGE_ON,
    REASON_SELECT_ID,
    REQUEST_SELECT_ID,
    on_page,
    on_pick_booking,
)
from dialogs.admin.bookings.requests import (
    card_getter,
    found_clients_getter,
    on_confirm,
    on_found_client,
    on_number,
    on_reason,
    on_reason_typed,
    queue_getter,
    reject_getter,
)
from dialogs.admin.bookings.schedule import (
    cancel_getter,
    client_getter,
    on_cancel_choice,
    on_cancel_reason,
    on_check_in,
    on_day,
    schedule_getter,
)
from dialogs.middlewares import CONTAINER_KEY
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG, StaffBookingSG

FOUND_CLIENT_SELECT_ID = "found_client"


async def on_desk_start(start_data: Any, manager: DialogManager) -> None:
    """Who may open the desk; opened at a booking's card (Open under an alert), that the booking
    is there to show."""
    if not await may_open(manager, Permission.MANAGE_BOOKINGS):
        return
    if isinstance(start_data, dict) and isinstance(start_data.get(CLIENT), int):
        manager.dialog_data[CLIENT] = start_data[CLIENT]  # the client card knows the id
        return
    if not isinstance(start_data, dict) or BOOKING not in start_data:
        return
    container: AsyncContainer = manager.middleware_data[CONTAINER_KEY]
    desk, actor = await container.get(BookingDesk), await container.get(Actor)
    try:
        card = await desk.card(actor, int(start_data[BOOKING]))
    except DomainError as error:
        await refuse_start(manager, translator(manager).get(error.key, **error.params))
        return
    manager.dialog_data[BOOKING] = card.item.booking.id
    manager.dialog_data[ORIGIN] = "queue"


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("desk-queue-title"),
            T("desk-queue-empty", when="empty"),
            T("desk-queue-hint", when="total"),
            pick(REQUEST_SELECT_ID, "requests", on_pick_booking),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Row(
                Button(T("btn-refresh"), id="refresh"),
                SwitchTo(T("btn-desk-find"), id="find", state=BookingDeskSG.find),
            ),
            Row(
                Start(T("btn-desk-new-booking"), id="new_booking", state=StaffBookingSG.client),
                SwitchTo(T("btn-desk-statuses"), id="statuses", state=BookingDeskSG.statuses),
            ),
            CANCEL,
            getter=queue_getter,
            state=BookingDeskSG.queue,
        ),
        Screen(
            T("desk-client-title"),
            T("desk-client-empty", when="empty"),
            pick(BOOKING_SELECT_ID, "bookings", on_pick_booking),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            CANCEL,
            getter=client_getter,
            state=BookingDeskSG.client,
        ),
        Screen(
            T("desk-find-ask"),
            MessageInput(on_number),
            SwitchTo(T("btn-back"), id="back", state=BookingDeskSG.queue),
            state=BookingDeskSG.find,
        ),
        Screen(
            T("desk-find-clients"),
            pick(FOUND_CLIENT_SELECT_ID, "clients", on_found_client),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            SwitchTo(T("btn-desk-find-again"), id="find_again", state=BookingDeskSG.find),
            getter=found_clients_getter,
            state=BookingDeskSG.find_clients,
        ),
        Screen(
            T("desk-card"),
            Row(
                Button(T("btn-booking-confirm"), id="confirm", on_click=on_confirm),
                SwitchTo(T("btn-booking-reject"), id="reject", state=BookingDeskSG.reject),
                when="pending",
            ),
            Button(T("btn-desk-check-in"), id="check_in", on_click=on_check_in, when="checkable"),
            SwitchTo(T("btn-desk-pay"), id="pay", state=BookingDeskSG.pay, when="payable"),
            SwitchTo(T("btn-desk-move"), id="move", state=BookingDeskSG.move_day, when="movable"),
            SwitchTo(
                T("btn-desk-cancel"), id="cancel", state=BookingDeskSG.cancel, when="cancellable"
            ),
            SwitchTo(
                T("btn-desk-to-queue"), id="to_queue", state=BookingDeskSG.queue, when="from_queue"
            ),
            SwitchTo(
                T("btn-desk-to-schedule"),
                id="to_schedule",
                state=BookingDeskSG.schedule,
                when="from_schedule",
            ),
            SwitchTo(
                T("btn-desk-to-client"),
                id="to_client",
                state=BookingDeskSG.client,
                when="from_client",
            ),
            SwitchTo(
                T("btn-desk-to-status"),
                id="to_status",
                state=BookingDeskSG.by_status,
                when="from_status",
            ),
            getter=card_getter,
            state=BookingDeskSG.card,
        ),
        Screen(
            T("desk-schedule-title"),
            T("desk-schedule-empty", when="empty"),
            pick(BOOKING_SELECT_ID, "bookings", on_pick_booking),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Row(
                Button(T("btn-desk-day-back"), id=DAY_BACK, on_click=on_day),
                Button(T("btn-desk-today"), id=DAY_TODAY, on_click=on_day),
                Button(T("btn-desk-tomorrow"), id=DAY_TOMORROW, on_click=on_day),
                Button(T("btn-desk-day-on"), id=DAY_ON, on_click=on_day),
            ),
            CANCEL,
            getter=schedule_getter,
            state=BookingDeskSG.schedule,
        ),
        Screen(
            T("desk-cancel-ask", when="open"),
            T("desk-cancel-gone", when=~F["open"]),
            Button(
                T("btn-desk-cancel-policy"),
                id=CANCEL_POLICY,
                on_click=on_cancel_choice,
                when=F["open"] & F["choice"],
            ),
            Button(
                T("btn-desk-cancel-go"),
                id="cancel_go",
                on_click=on_cancel_choice,
                when=F["open"] & ~F["choice"],
            ),
            Button(
                T("btn-desk-cancel-full"), id=CANCEL_FULL, on_click=on_cancel_choice, when="choice"
            ),
            SwitchTo(T("btn-back"), id="back", state=BookingDeskSG.card),
            getter=cancel_getter,
            state=BookingDeskSG.cancel,
        ),
        Screen(
            T("desk-cancel-reason"),
            MessageInput(on_cancel_reason),
            SwitchTo(T("btn-back"), id="back", state=BookingDeskSG.cancel),
            getter=cancel_getter,
            state=BookingDeskSG.cancel_reason,
        ),
        Screen(
            T("desk-reject-ask"),
            pick(REASON_SELECT_ID, "reasons", on_reason),
            SwitchTo(T("btn-desk-reason-type"), id="type", state=BookingDeskSG.reject_text),
            SwitchTo(T("btn-back"), id="back", state=BookingDeskSG.card),
            getter=reject_getter,
            state=BookingDeskSG.reject,
        ),
        Screen(
            T("desk-reject-type"),
            MessageInput(on_reason_typed),
            SwitchTo(T("btn-back"), id="back", state=BookingDeskSG.reject),
            getter=reject_getter,
            state=BookingDeskSG.reject_text,
        ),
        money.window(),
        *move.windows(),
        *by_status.windows(),
        on_start=on_desk_start,
    )
