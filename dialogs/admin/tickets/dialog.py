"""Support tickets for staff (ANSWER_TICKETS): the queue by status (new, in progress, waiting for
the client, closed) with each ticket's age and who has it; the card with the client, the times
and the thread with internal notes, paged; Take, Reply with text and photos, Note, and Close with
a last message.

Buttons carry only ids; `TicketDesk` checks the permission, that the ticket is still open and
that nobody else has it (the card then says who does)."""

from __future__ import annotations

import html
from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import TicketNotFound, TicketStatus
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_moment
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.tickets.desk import TicketCard, TicketDesk
from dialogs.admin.access import staff_only
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.tickets import (
    NEWER,
    OLDER,
    THREAD_PAGE,
    age_text,
    clear_draft,
    draft_data,
    draft_media,
    draft_text,
    on_draft_message,
    on_text_only,
    on_thread_page,
    reset_thread,
    send_files,
    status_text,
    thread_pages,
    thread_view,
)
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import REFUSAL, Screen
from dialogs.states import TicketsSG

# dialog_data keys: plain values, so they survive any FSM storage.
TICKET = "ticket"
STATUS = "status"
PAGE = "page"
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
TICKET_SELECT_ID = "ticket"
STATUS_SELECT_ID = "status"

_guard = staff_only(Permission.ANSWER_TICKETS)


async def on_tickets_start(start_data: Any, manager: DialogManager) -> None:
    """Started with a ticket (Open under an alert): its card; the guard decides who may."""
    if isinstance(start_data, dict) and isinstance(start_data.get(TICKET), int):
        manager.dialog_data[TICKET] = start_data[TICKET]
        reset_thread(manager)
    await _guard(start_data, manager)


def ticket_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(TICKET, 0))


def _status(manager: DialogManager) -> TicketStatus:
    raw = manager.dialog_data.get(STATUS, TicketStatus.NEW.value)
    known = {status.value for status in TicketStatus}
    return TicketStatus(raw) if raw in known else TicketStatus.NEW


def _client_line(i18n: Translator, card: TicketCard) -> str:
    client = card.client
    if client is None:
        return "—"
    parts = [html.escape(client.full_name or f"ID {client.telegram_id}")]
    if client.phone:
        parts.append(html.escape(client.phone))
    if client.username:
        parts.append(f"@{html.escape(client.username)}")
    return ", ".join(parts)


@inject
async def queue_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[TicketDesk],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    status = _status(dialog_manager)
    found = await desk.queue(actor, status, page=int(data.get(PAGE, 0)))
    data[PAGE] = found.page
    now = clock.now()
    items = []
    for item in found.items:
        ticket = item.ticket
        client = (item.client.full_name if item.client else None) or "—"
        label = i18n.get(
            "tickets-item",
            ticket_id=str(ticket.id),
            age=age_text(i18n, now - ticket.created_at),
            client=client,
            subject=ticket.subject,
        )
        if item.assignee:
            label += " · 👤 " + item.assignee
        items.append((label, str(ticket.id)))
    tabs = [
        (
            i18n.get(
                "tickets-tab",
                mark="• " if each is status else "",
                status=status_text(i18n, each),
                count=found.counts[each],
            ),
            each.value,
        )
        for each in TicketStatus
    ]
    return {
        "tabs": tabs,
        "tickets": items,
        "status": status_text(i18n, status),
        "total": found.total,
        "empty": found.total == 0,
        "page": found.page + 1,
        "pages": found.pages,
        "paged": found.pages > 1,
    }


@inject
async def card_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[TicketDesk],
    settings: FromDishka[Settings],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    card = await desk.card(actor, ticket_id(dialog_manager), page=int(data.get(THREAD_PAGE, 0)))
    ticket = card.ticket
    mine = ticket.assigned_to == actor.telegram_id
    free = ticket.assigned_to is None
    times = []
    if (first := ticket.first_response_time()) is not None:
        times.append(i18n.get("tickets-first-response", time=age_text(i18n, first)))
    if (resolved := ticket.resolution_time()) is not None:
        times.append(i18n.get("tickets-resolved", time=age_text(i18n, resolved)))
    if ticket.rating:
        times.append(i18n.get("tickets-rating", stars="★" * ticket.rating))
    pages = thread_pages(i18n, card.thread, settings.tz, staff_view=True)
    taken_by_other = ticket.is_open and not free and not mine
    return {
        "ticket_id": str(ticket.id),
        "status": status_text(i18n, ticket.status),
        "client": _client_line(i18n, card),
        "created": format_moment(i18n, ticket.created_at, settings.tz),
        "age": age_text(i18n, clock.now() - ticket.created_at),
        "assignee": html.escape(card.assignee) if card.assignee else i18n.get("tickets-nobody"),
        "times": "\n".join(times),
        "has_times": bool(times),
        "may_take": ticket.is_open and free,
        "may_answer": ticket.is_open and (free or mine),
        # A crafted or stale Reply or Close on a ticket someone else has says who has it.
        REFUSAL: i18n.get("error-ticket-taken", staff=card.assignee or "")
        if taken_by_other
        else None,
        **thread_view(dialog_manager, card.thread, pages),
    }


async def compose_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"ticket_id": str(ticket_id(dialog_manager)), **draft_data(dialog_manager)}


async def on_tab(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[STATUS] = TicketStatus(item_id).value
    manager.dialog_data[PAGE] = 0


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


async def on_ticket(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[TICKET] = int(item_id)
    reset_thread(manager)
    await manager.switch_to(TicketsSG.card)


async def _refused(
    event: CallbackQuery | Message, manager: DialogManager, error: DomainError
) -> None:
    """Said why; the card shows the ticket as it is now (the queue, if it is gone)."""
    await show_error(event, manager, error)
    if isinstance(event, Message):
        manager.show_mode = ShowMode.SEND
    await manager.switch_to(
        TicketsSG.queue if isinstance(error, TicketNotFound) else TicketsSG.card
    )


@inject
async def on_take(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await desk.take(actor, ticket_id(manager))
    except DomainError as error:
        await _refused(callback, manager, error)
        return
    await callback.answer(
        translator(manager).get("tickets-taken", ticket_id=str(ticket_id(manager)))
    )


async def on_reply_open(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    clear_draft(manager)
    await manager.switch_to(TicketsSG.reply)


@inject
async def on_send(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await desk.reply(actor, ticket_id(manager), draft_text(manager), draft_media(manager))
    except DomainError as error:
        await _refused(callback, manager, error)
        return
    clear_draft(manager)
    await callback.answer(
        translator(manager).get("tickets-reply-sent", ticket_id=str(ticket_id(manager)))
    )
    reset_thread(manager)
    await manager.switch_to(TicketsSG.card)


@inject
async def on_note(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    text = await on_text_only(message, manager)
    if text is None:
        return
    try:
        await desk.note(actor, ticket_id(manager), text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await message.answer(translator(manager).get("tickets-note-saved"))
    manager.show_mode = ShowMode.SEND
    reset_thread(manager)
    await manager.switch_to(TicketsSG.card)


async def _close(
    event: CallbackQuery | Message,
    manager: DialogManager,
    desk: TicketDesk,
    actor: Actor,
    text: str | None,
) -> None:
    try:
        await desk.close(actor, ticket_id(manager), text)
    except DomainError as error:
        await _refused(event, manager, error)
        return
    done = translator(manager).get("tickets-closed", ticket_id=str(ticket_id(manager)))
    await event.answer(done)
    if isinstance(event, Message):
        manager.show_mode = ShowMode.SEND
    reset_thread(manager)
    await manager.switch_to(TicketsSG.card)


@inject
async def on_close_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    text = await on_text_only(message, manager)
    if text is None:
        return
    await _close(message, manager, desk, actor, text)


@inject
async def on_close_silent(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    await _close(callback, manager, desk, actor, None)


@inject
async def on_files(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    page = int(manager.dialog_data.get(THREAD_PAGE, 0))
    try:
        card = await desk.card(actor, ticket_id(manager), page=page)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await send_files(bot, callback.from_user.id, card.thread.messages)
    # The files went below the window; show the window again under them.
    manager.show_mode = ShowMode.SEND


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("tickets-title"),
            T("tickets-count"),
            T("tickets-empty", when="empty"),
            pick(STATUS_SELECT_ID, "tabs", on_tab, width=2),
            pick(TICKET_SELECT_ID, "tickets", on_ticket),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Button(T("btn-refresh"), id="refresh"),
            CANCEL,
            getter=queue_getter,
            state=TicketsSG.queue,
        ),
        Screen(
            T("tickets-card"),
            Format("{times}", when="has_times"),
            Format("\n{thread}"),
            Row(
                Button(T("btn-thread-older"), id=OLDER, on_click=on_thread_page, when="older"),
                Button(T("btn-thread-newer"), id=NEWER, on_click=on_thread_page, when="newer"),
            ),
            Button(T("btn-ticket-files"), id="files", on_click=on_files, when="has_files"),
            Button(T("btn-ticket-take"), id="take", on_click=on_take, when="may_take"),
            Row(
                Button(T("btn-ticket-reply"), id="reply", on_click=on_reply_open),
                SwitchTo(T("btn-ticket-close"), id="close", state=TicketsSG.close),
                when="may_answer",
            ),
            SwitchTo(T("btn-ticket-note"), id="note", state=TicketsSG.note),
            SwitchTo(T("btn-tickets-to-queue"), id="to_queue", state=TicketsSG.queue),
            getter=card_getter,
            state=TicketsSG.card,
        ),
        Screen(
            T("tickets-compose-reply"),
            Format("\n{draft}", when="has_draft"),
            MessageInput(on_draft_message),
            Button(T("btn-ticket-send"), id="send", on_click=on_send, when="has_draft"),
            SwitchTo(T("btn-back"), id="back", state=TicketsSG.card),
            getter=compose_getter,
            state=TicketsSG.reply,
        ),
        Screen(
            T("tickets-note-ask"),
            MessageInput(on_note),
            SwitchTo(T("btn-back"), id="back", state=TicketsSG.card),
            getter=compose_getter,
            state=TicketsSG.note,
        ),
        Screen(
            T("tickets-close-ask"),
            MessageInput(on_close_typed),
            Button(T("btn-tickets-close-silent"), id="close_silent", on_click=on_close_silent),
            SwitchTo(T("btn-back"), id="back", state=TicketsSG.card),
            getter=compose_getter,
            state=TicketsSG.close,
        ),
        on_start=on_tickets_start,
    )
