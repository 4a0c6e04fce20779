"""The bookings desk: bookings by status. Staff pick a status and page through its bookings (live
ones the soonest first, the others the latest first); each opens its card."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.desk import BookingDesk
from dialogs.admin.bookings.common import (
    BOOKING_SELECT_ID,
    PAGE,
    PAGE_BACK,
    PAGE_ON,
    STATUS_MARKS,
    booking_label,
    on_page,
    on_pick_booking,
)
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import pick
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG

STATUS = "status"  # the status listed, its value
STATUS_SELECT_ID = "status"


def chosen_status(manager: DialogManager) -> BookingStatus:
    try:
        return BookingStatus(str(manager.dialog_data.get(STATUS)))
    except ValueError:
        return BookingStatus.CONFIRMED


async def statuses_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    return {
        "statuses": [
            (
                f"{STATUS_MARKS.get(status, '❌')} {i18n.get('desk-status', status=status.value)}",
                status.value,
            )
            for status in BookingStatus
        ]
    }


async def on_status(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[STATUS] = BookingStatus(item_id).value  # offered by the window
    manager.dialog_data[PAGE] = 0
    await manager.switch_to(BookingDeskSG.by_status)


@inject
async def by_status_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    status = chosen_status(dialog_manager)
    page = await desk.with_status(actor, status, page=int(data.get(PAGE, 0)))
    data[PAGE] = page.page
    return {
        "status": i18n.get("desk-status", status=status.value),
        "bookings": [
            (booking_label(i18n, item, settings, with_client=True), str(item.booking.id))
            for item in page.items
        ],
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


def windows() -> list[Screen]:
    return [
        Screen(
            T("desk-statuses-ask"),
            pick(STATUS_SELECT_ID, "statuses", on_status, width=2),
            SwitchTo(T("btn-back"), id="statuses_back", state=BookingDeskSG.queue),
            getter=statuses_getter,
            state=BookingDeskSG.statuses,
        ),
        Screen(
            T("desk-by-status-title"),
            T("desk-by-status-empty", when="empty"),
            pick(BOOKING_SELECT_ID, "bookings", on_pick_booking),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            SwitchTo(T("btn-desk-statuses"), id="by_status_back", state=BookingDeskSG.statuses),
            getter=by_status_getter,
            state=BookingDeskSG.by_status,
        ),
    ]
