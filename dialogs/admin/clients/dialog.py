"""Clients (MANAGE_USERS): find one by name, phone, @username or Telegram id; the card with
bookings, money, referrals and the private staff note; ban and unban with a reason; write to the
client. Buttons carry only ids; `ClientDesk` checks the role and audits every change."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import REASON_MAX_LENGTH
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH, Actor, User
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_day, format_moment
from coworking_bot.services.users.clients import ClientCard, ClientDesk
from dialogs.admin.access import staff_only
from dialogs.admin.bookings.common import CLIENT as DESK_CLIENT
from dialogs.admin.bookings.new_booking import CLIENT as STAFF_BOOKING_CLIENT
from dialogs.shared.errors import show_error
from dialogs.shared.format import client_label
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import BookingDeskSG, ClientsSG, StaffBookingSG

# dialog_data keys: plain ints and strings, so they survive any FSM storage.
QUERY = "query"
PAGE = "page"
CLIENT = "client"
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
CLIENT_SELECT_ID = "client"
NOTE_DELETE = "note_delete"


def _client_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(CLIENT, 0))


def _name(user: User) -> str:
    return html.escape(user.full_name or f"ID {user.telegram_id}")


def card_text(i18n: Translator, card: ClientCard, settings: Settings) -> str:
    facts, user = card.facts, card.user
    contacts = [html.escape(user.phone)] if user.phone else []
    if user.username:
        contacts.append(f"@{html.escape(user.username)}")
    contacts.append(f"ID {user.telegram_id}")
    lines = [
        i18n.get("clients-card-title", name=_name(user)),
        " · ".join(contacts),
    ]
    if user.email:
        lines.append(f"✉️ {html.escape(user.email)}")
    if card.staff_role is not None:
        lines.append(i18n.get("clients-card-staff", role=i18n.get(f"role-{card.staff_role.value}")))
    if user.registered_at is not None:
        lines.append(
            i18n.get(
                "clients-card-since",
                day=format_day(i18n, user.registered_at.astimezone(settings.tz).date()),
            )
        )
    lines.append(
        i18n.get("clients-card-bookings", bookings=facts.bookings, upcoming=facts.upcoming)
    )
    if facts.paid or facts.refunded:
        lines.append(i18n.get("clients-card-paid", amount=format_rub(facts.paid)))
    if facts.refunded:
        lines.append(i18n.get("pay-details-refunded", amount=format_rub(facts.refunded)))
    lines.append(i18n.get("clients-card-referrals", referrals=facts.referrals))
    if facts.tickets:
        lines.append(
            i18n.get("clients-card-tickets", tickets=facts.tickets, open=facts.open_tickets)
        )
    if user.bot_blocked:
        lines.append(i18n.get("clients-card-bot-blocked"))
    if user.is_banned:
        when = format_moment(i18n, facts.banned_at, settings.tz) if facts.banned_at else "—"
        lines.append(
            i18n.get("clients-card-banned", when=when, reason=html.escape(facts.ban_reason or "—"))
        )
    if facts.staff_note:
        lines.append(i18n.get("clients-card-note", note=html.escape(facts.staff_note)))
    return "\n".join(lines)


@inject
async def results_getter(
    dialog_manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    page = await clients.search(actor, str(data.get(QUERY, "")), page=int(data.get(PAGE, 0)))
    data[PAGE] = page.page
    return {
        "clients": [(client_label(user), str(user.id)) for user in page.items],
        "query": html.escape(str(data.get(QUERY, ""))),
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def card_getter(
    dialog_manager: DialogManager,
    clients: FromDishka[ClientDesk],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    card = await clients.card(actor, _client_id(dialog_manager))
    return {
        "card": card_text(i18n, card, settings),
        "banned": card.user.is_banned,
        "bannable": not card.user.is_banned and card.staff_role is None,
        "can_bookings": actor.can(Permission.MANAGE_BOOKINGS) and card.facts.bookings > 0,
        "can_book": actor.can(Permission.MANAGE_BOOKINGS)
        and card.user.is_registered
        and not card.user.is_banned,
        "has_note": bool(card.facts.staff_note),
        "name": _name(card.user),
        "reason_limit": REASON_MAX_LENGTH,
        "note_limit": NOTE_MAX_LENGTH,
        "message_limit": MESSAGE_MAX_LENGTH,
    }


@inject
async def on_query(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await clients.search(actor, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[QUERY] = " ".join((message.text or "").split())
    manager.dialog_data[PAGE] = 0
    await manager.switch_to(ClientsSG.results)


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_client(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await clients.card(actor, int(item_id))  # offered by the window, so digits
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[CLIENT] = card.user.id
    await manager.switch_to(ClientsSG.card)


async def _done(message: Message, manager: DialogManager, key: str, **params: Any) -> None:
    """Say what happened under the staff member's message, then show the card again below."""
    await message.answer(translator(manager).get(key, **params))
    manager.show_mode = ShowMode.SEND
    await manager.switch_to(ClientsSG.card)


@inject
async def on_ban_reason(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await clients.ban(actor, _client_id(manager), message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _done(message, manager, "clients-banned", name=_name(card.user))


@inject
async def on_unban(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await clients.unban(actor, _client_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(
        translator(manager).get("clients-unbanned", name=card.user.full_name or "")
    )


@inject
async def on_note(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await clients.set_note(actor, _client_id(manager), message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _done(message, manager, "clients-note-saved")


@inject
async def on_note_delete(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await clients.set_note(actor, _client_id(manager), None)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(translator(manager).get("clients-note-deleted"))
    await manager.switch_to(ClientsSG.card)


@inject
async def on_write(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    try:
        await clients.write(actor, _client_id(manager), message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _done(message, manager, "clients-message-queued")


async def on_bookings(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """The client's bookings, in the bookings desk (which checks the role when it starts)."""
    await manager.start(BookingDeskSG.client, data={DESK_CLIENT: _client_id(manager)})


async def on_book_for(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """A booking made by staff for this client (the staff booking dialog checks the role)."""
    await manager.start(StaffBookingSG.client, data={STAFF_BOOKING_CLIENT: _client_id(manager)})


async def on_text_expected(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("clients-text-expected"))


def _text_input(handler: Any) -> list[MessageInput]:
    """Text goes to `handler`; a photo, a sticker or a file gets a short explanation."""
    return [
        MessageInput(handler, content_types="text"),
        MessageInput(on_text_expected),
    ]


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("clients-ask"),
            *_text_input(on_query),
            CANCEL,
            state=ClientsSG.search,
        ),
        Screen(
            T("clients-results"),
            T("clients-none", when="empty"),
            pick(CLIENT_SELECT_ID, "clients", on_client),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            SwitchTo(T("btn-clients-search-again"), id="again", state=ClientsSG.search),
            CANCEL,
            getter=results_getter,
            state=ClientsSG.results,
        ),
        Screen(
            Format("{card}"),
            Button(
                T("btn-clients-bookings"), id="bookings", on_click=on_bookings, when="can_bookings"
            ),
            Button(T("btn-clients-book"), id="book_for", on_click=on_book_for, when="can_book"),
            SwitchTo(T("btn-clients-write"), id="write", state=ClientsSG.write),
            SwitchTo(T("btn-clients-note"), id="note", state=ClientsSG.note),
            SwitchTo(T("btn-clients-ban"), id="ban", state=ClientsSG.ban, when="bannable"),
            Button(T("btn-clients-unban"), id="unban", on_click=on_unban, when="banned"),
            SwitchTo(T("btn-clients-to-results"), id="to_results", state=ClientsSG.results),
            getter=card_getter,
            state=ClientsSG.card,
        ),
        Screen(
            T("clients-ban-ask"),
            *_text_input(on_ban_reason),
            SwitchTo(T("btn-back"), id="back", state=ClientsSG.card),
            getter=card_getter,
            state=ClientsSG.ban,
        ),
        Screen(
            T("clients-note-ask"),
            *_text_input(on_note),
            Button(
                T("btn-clients-note-delete"),
                id=NOTE_DELETE,
                on_click=on_note_delete,
                when="has_note",
            ),
            SwitchTo(T("btn-back"), id="back", state=ClientsSG.card),
            getter=card_getter,
            state=ClientsSG.note,
        ),
        Screen(
            T("clients-write-ask"),
            *_text_input(on_write),
            SwitchTo(T("btn-back"), id="back", state=ClientsSG.card),
            getter=card_getter,
            state=ClientsSG.write,
        ),
        on_start=staff_only(Permission.MANAGE_USERS),
    )
