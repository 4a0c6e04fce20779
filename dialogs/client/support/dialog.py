"""Support, as a client sees it: their tickets with their status, paged; a new ticket with text
and up to ten photos or a document; the thread of a ticket, paged; replying; closing; and
rating the answer once the ticket is closed."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import RATING_MAX, RATING_MIN, TicketStatus
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_moment
from coworking_bot.services.tickets.client import ClientTickets
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.tickets import (
    NEWER,
    OLDER,
    STATUS_MARKS,
    THREAD_PAGE,
    clear_draft,
    draft_data,
    draft_media,
    draft_text,
    on_draft_message,
    on_thread_page,
    reset_thread,
    send_files,
    status_text,
    thread_pages,
    thread_view,
)
from dialogs.shared.widgets import TO_MENU, pick
from dialogs.shared.window import Screen
from dialogs.states import SupportSG

# dialog_data keys: plain ints, so they survive any FSM storage.
TICKET = "ticket"  # 0 while a new ticket is written
PAGE = "page"
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
TICKET_SELECT_ID = "ticket"
RATING_SELECT_ID = "stars"


def ticket_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(TICKET, 0))


async def on_support_start(start_data: Any, manager: DialogManager) -> None:
    """Started with a ticket (the Reply button under a staff answer): write to it at once."""
    if isinstance(start_data, dict) and isinstance(start_data.get(TICKET), int):
        manager.dialog_data[TICKET] = start_data[TICKET]
        reset_thread(manager)


@inject
async def list_getter(
    dialog_manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    found = await tickets.page(actor, page=int(data.get(PAGE, 0)))
    data[PAGE] = found.page
    items = [
        (
            i18n.get(
                "ticket-line",
                mark=STATUS_MARKS[ticket.status],
                ticket_id=str(ticket.id),
                subject=ticket.subject,
            ),
            str(ticket.id),
        )
        for ticket in found.items
    ]
    return {
        "tickets": items,
        "empty": found.total == 0,
        "page": found.page + 1,
        "pages": found.pages,
        "paged": found.pages > 1,
    }


@inject
async def thread_getter(
    dialog_manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    seen = await tickets.thread(
        actor, ticket_id(dialog_manager), page=int(data.get(THREAD_PAGE, 0))
    )
    ticket = seen.ticket
    pages = thread_pages(i18n, seen.thread, settings.tz, staff_view=False)
    closed = ticket.status is TicketStatus.CLOSED
    return {
        "ticket_id": str(ticket.id),
        "status": status_text(i18n, ticket.status),
        "created": format_moment(i18n, ticket.created_at, settings.tz),
        "open": ticket.is_open,
        "may_rate": closed and ticket.rating is None,
        "rated": ticket.rating is not None,
        "rating": "★" * (ticket.rating or 0),
        **thread_view(dialog_manager, seen.thread, pages),
    }


async def compose_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    number = ticket_id(dialog_manager)
    return {
        "ticket_id": str(number),
        "is_new": number == 0,
        "is_reply": number != 0,
        **draft_data(dialog_manager),
    }


async def rate_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    return {
        "ticket_id": str(ticket_id(dialog_manager)),
        "stars": [
            (i18n.get(f"ticket-stars-{score}"), str(score))
            for score in range(RATING_MIN, RATING_MAX + 1)
        ],
    }


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_new(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.check_may_write(actor)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[TICKET] = 0
    clear_draft(manager)
    await manager.switch_to(SupportSG.compose)


async def on_ticket(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[TICKET] = int(item_id)
    reset_thread(manager)
    await manager.switch_to(SupportSG.thread)


@inject
async def on_reply(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.check_open(actor, ticket_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    clear_draft(manager)
    await manager.switch_to(SupportSG.compose)


@inject
async def on_send(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    i18n = translator(manager)
    number = ticket_id(manager)
    try:
        if number == 0:
            ticket = await tickets.open(actor, draft_text(manager), draft_media(manager))
        else:
            ticket = await tickets.reply(actor, number, draft_text(manager), draft_media(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    clear_draft(manager)
    key = "ticket-opened" if number == 0 else "ticket-reply-sent"
    await callback.answer(i18n.get(key, ticket_id=str(ticket.id)))
    manager.dialog_data[TICKET] = ticket.id
    reset_thread(manager)
    await manager.switch_to(SupportSG.thread)


async def on_compose_back(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    clear_draft(manager)
    await manager.switch_to(SupportSG.list if ticket_id(manager) == 0 else SupportSG.thread)


@inject
async def on_close(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.close(actor, ticket_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(SupportSG.thread)
        return
    await callback.answer(
        translator(manager).get("ticket-closed", ticket_id=str(ticket_id(manager)))
    )
    await manager.switch_to(SupportSG.rate)


@inject
async def on_rate(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.rate(actor, ticket_id(manager), int(item_id))
    except DomainError as error:
        await show_error(callback, manager, error)
    else:
        await callback.answer(translator(manager).get("ticket-rated"))
    await manager.switch_to(SupportSG.thread)


@inject
async def on_files(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    page = int(manager.dialog_data.get(THREAD_PAGE, 0))
    try:
        seen = await tickets.thread(actor, ticket_id(manager), page=page)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await send_files(bot, callback.from_user.id, seen.thread.messages)
    # The files went below the window; show the window again under them.
    manager.show_mode = ShowMode.SEND


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("support-title"),
            T("support-empty", when="empty"),
            Button(T("btn-ticket-new"), id="new", on_click=on_new),
            pick(TICKET_SELECT_ID, "tickets", on_ticket),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            TO_MENU,
            getter=list_getter,
            state=SupportSG.list,
        ),
        Screen(
            T("ticket-thread-title"),
            Format("{thread}"),
            T("ticket-your-rating", when="rated"),
            Row(
                Button(T("btn-thread-older"), id=OLDER, on_click=on_thread_page, when="older"),
                Button(T("btn-thread-newer"), id=NEWER, on_click=on_thread_page, when="newer"),
            ),
            Button(T("btn-ticket-files"), id="files", on_click=on_files, when="has_files"),
            Button(T("btn-ticket-reply"), id="reply", on_click=on_reply, when="open"),
            SwitchTo(T("btn-ticket-close"), id="close", state=SupportSG.close, when="open"),
            SwitchTo(T("btn-ticket-rate"), id="rate", state=SupportSG.rate, when="may_rate"),
            SwitchTo(T("btn-ticket-list"), id="to_list", state=SupportSG.list),
            getter=thread_getter,
            state=SupportSG.thread,
        ),
        Screen(
            T("ticket-compose-new", when="is_new"),
            T("ticket-compose-reply", when="is_reply"),
            Format("\n{draft}", when="has_draft"),
            MessageInput(on_draft_message),
            Button(T("btn-ticket-send"), id="send", on_click=on_send, when="has_draft"),
            Button(T("btn-back"), id="back", on_click=on_compose_back),
            getter=compose_getter,
            state=SupportSG.compose,
        ),
        Screen(
            T("ticket-close-ask"),
            Row(
                Button(T("btn-ticket-close-yes"), id="close_yes", on_click=on_close),
                SwitchTo(T("btn-ticket-close-no"), id="close_no", state=SupportSG.thread),
            ),
            getter=compose_getter,
            state=SupportSG.close,
        ),
        Screen(
            T("ticket-rate-ask"),
            pick(RATING_SELECT_ID, "stars", on_rate, width=5),
            SwitchTo(T("btn-ticket-rate-skip"), id="skip", state=SupportSG.thread),
            getter=rate_getter,
            state=SupportSG.rate,
        ),
        on_start=on_support_start,
    )
