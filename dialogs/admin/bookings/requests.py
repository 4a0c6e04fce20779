"""The requests waiting for staff, oldest first, a booking found by its number, and the card
with Confirm, and Reject with a reason picked from a short list or typed.

Buttons carry only ids; `DecideBooking` checks the role, the booking's state and that the request
is the one the card showed (a client who moved it meanwhile gets it back to a fresh card)."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    REASON_MAX_LENGTH,
    BookingNotFound,
    BookingStatus,
    InvalidTransition,
    RejectReason,
    RequestChanged,
)
from coworking_bot.domain.errors import DomainError, InvalidSearch
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_moment, format_time
from coworking_bot.services.booking.decisions import DecideBooking
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.payments.service import PaymentService
from coworking_bot.services.users.clients import ClientDesk, ClientPage
from dialogs.admin.audit.dialog import entry_text
from dialogs.admin.bookings.common import (
    BOOKING,
    CLIENT,
    FIND,
    ORIGIN,
    PAGE,
    REVISION,
    booking_id_of,
    client_line,
    origin_state,
    period_text,
)
from dialogs.shared.errors import show_error
from dialogs.shared.format import booking_quote, booking_title, client_label, price_lines
from dialogs.shared.i18n import translator
from dialogs.states import BookingDeskSG

# Up to this many digits, a number typed in the desk's search is a booking's (phones and
# Telegram ids are longer).
BOOKING_NUMBER_DIGITS = 6


@inject
async def queue_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    page = await desk.requests(actor, page=int(data.get(PAGE, 0)))
    data[PAGE] = page.page
    requests = []
    for item in page.items:
        name = item.client.full_name if item.client and item.client.full_name else "—"
        label = i18n.get(
            "desk-request-item",
            booking_id=str(item.booking.id),
            period=period_text(i18n, item, settings),
            space=item.space.title(i18n.language),
            client=name,
        )
        requests.append((label, str(item.booking.id)))
    return {
        "requests": requests,
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def card_getter(
    dialog_manager: DialogManager,
    desk: FromDishka[BookingDesk],
    settings: FromDishka[Settings],
    clock: FromDishka[Clock],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    card = await desk.card(actor, booking_id_of(dialog_manager))
    item, booking = card.item, card.item.booking
    # Staff decide on the request as this card shows it: one the client changed after this
    # rendering is refused and shown again, with its new time.
    dialog_manager.dialog_data[REVISION] = booking.revision
    money = [i18n.get("desk-card-paid", amount=format_rub(card.paid))] if card.paid else []
    if card.paid_on_site:
        money.append(i18n.get("desk-card-paid-on-site", amount=format_rub(card.paid_on_site)))
    if card.refunded:
        money.append(i18n.get("pay-details-refunded", amount=format_rub(card.refunded)))
    if card.due:
        money.append(i18n.get("desk-card-due", amount=format_rub(card.due)))
    elif not card.paid and not card.paid_on_site and booking.total:
        money.append(i18n.get("desk-card-not-paid"))
    if booking.checked_in_at is not None:
        money.append(
            i18n.get("desk-card-arrived", time=format_time(booking.checked_in_at, settings.tz))
        )
    now = clock.now()
    origin = dialog_manager.dialog_data.get(ORIGIN)
    from_schedule = origin == "schedule"
    from_client = origin == "client"
    from_status = origin == "status"
    return {
        "id": str(booking.id),  # a number, not an amount: no digit grouping
        "title": booking_title(i18n, item.view),
        "period": period_text(i18n, item, settings),
        "status": i18n.get("book-status", status=booking.status.value),
        "prices": price_lines(i18n, item.tariff, booking_quote(item.view), None),
        "money": "\n".join(money),
        "client": client_line(i18n, item),
        "created": format_moment(i18n, booking.created_at, settings.tz),
        "pending": booking.status is BookingStatus.PENDING,
        "kind": "request" if booking.status is BookingStatus.PENDING else "booking",
        "history": "\n"  # a blank line between the booking and its history
        + "\n\n".join(
            [i18n.get("desk-card-history")]
            + [entry_text(i18n, entry, settings) for entry in card.history]
        )
        if card.history
        else "",
        "checkable": booking.may_check_in(now),
        "cancellable": booking.staff_may_cancel(now),
        "movable": booking.client_may_move(now),  # live, not started
        "payable": card.due > 0,
        "from_schedule": from_schedule,
        "from_client": from_client,
        "from_status": from_status,
        "from_queue": not (from_schedule or from_client or from_status),
    }


async def reject_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    return {
        "id": str(booking_id_of(dialog_manager)),
        "reasons": [
            (i18n.get(f"reject-reason-{reason.value}"), reason.value) for reason in RejectReason
        ],
        "limit": REASON_MAX_LENGTH,
    }


async def _settled(
    event: CallbackQuery | Message,
    manager: DialogManager,
    error: DomainError,
) -> None:
    """The request is no longer what the card showed: say why and show what it is now."""
    i18n = translator(manager)
    if isinstance(error, InvalidTransition | BookingNotFound):
        text = i18n.get("notice-staff-already-decided")
    else:
        text = i18n.get(error.key, **error.params)
    if isinstance(event, CallbackQuery):
        await event.answer(text, show_alert=True)
    else:
        await event.answer(text)
    if isinstance(error, BookingNotFound):
        await manager.switch_to(origin_state(manager))
        return
    await manager.switch_to(BookingDeskSG.card)


@inject
async def on_confirm(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    decisions: FromDishka[DecideBooking],
    actor: FromDishka[Actor],
) -> None:
    booking_id = booking_id_of(manager)
    try:
        await decisions.confirm(
            actor, booking_id, revision=int(manager.dialog_data.get(REVISION, -1))
        )
    except (InvalidTransition, BookingNotFound, RequestChanged) as error:
        await _settled(callback, manager, error)
        return
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(translator(manager).get("desk-confirmed", booking_id=str(booking_id)))
    await manager.switch_to(origin_state(manager))


async def _reject(
    event: CallbackQuery | Message,
    manager: DialogManager,
    decisions: DecideBooking,
    payments: PaymentService,
    actor: Actor,
    reason: RejectReason | str,
) -> None:
    booking_id = booking_id_of(manager)
    i18n = translator(manager)
    try:
        await decisions.reject(
            actor,
            booking_id,
            revision=int(manager.dialog_data.get(REVISION, -1)),
            reason=reason,
        )
    except (InvalidTransition, BookingNotFound, RequestChanged) as error:
        await _settled(event, manager, error)
        return
    except DomainError as error:
        await show_error(event, manager, error)
        return
    done = i18n.get("desk-rejected", booking_id=str(booking_id))
    if isinstance(event, CallbackQuery):
        await event.answer(done)
    else:
        await event.answer(done)
        manager.show_mode = ShowMode.SEND
    await manager.switch_to(origin_state(manager))
    # A rejection gives back every kopeck paid: hand the refund to YooKassa now.
    await payments.send_refunds_of(booking_id)


@inject
async def on_reason(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    decisions: FromDishka[DecideBooking],
    payments: FromDishka[PaymentService],
    actor: FromDishka[Actor],
) -> None:
    await _reject(callback, manager, decisions, payments, actor, RejectReason(item_id))


@inject
async def on_reason_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    decisions: FromDishka[DecideBooking],
    payments: FromDishka[PaymentService],
    actor: FromDishka[Actor],
) -> None:
    if not message.text:
        await message.answer(translator(manager).get("desk-reason-text-expected"))
        return
    await _reject(message, manager, decisions, payments, actor, message.text)


@inject
async def on_number(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    desk: FromDishka[BookingDesk],
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
) -> None:
    """A booking by its number, as the client or a receipt gives it (`12`, `№12`, `#12`), or a
    client by name, phone, @username or Telegram id, to open their bookings."""
    raw = (message.text or "").strip()
    number = raw.lstrip("№#").strip()
    if raw.startswith(("№", "#")) or (
        number.isascii() and number.isdigit() and len(number) <= BOOKING_NUMBER_DIGITS
    ):
        await _open_number(message, manager, desk, actor, number)
        return
    try:
        found = await clients.search_for_bookings(actor, raw)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    if not found.items:
        await message.answer(translator(manager).get("desk-find-nobody"))
        return
    manager.dialog_data[PAGE] = 0
    if found.total == 1:
        manager.dialog_data[CLIENT] = found.items[0].id
        await manager.switch_to(BookingDeskSG.client)
        return
    manager.dialog_data[FIND] = raw
    await manager.switch_to(BookingDeskSG.find_clients)


async def _open_number(
    message: Message, manager: DialogManager, desk: BookingDesk, actor: Actor, number: str
) -> None:
    if not (number.isascii() and number.isdigit() and 0 < len(number) <= 9):
        await message.answer(translator(manager).get("desk-find-number-expected"))
        return
    try:
        card = await desk.card(actor, int(number))
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[BOOKING] = card.item.booking.id
    manager.dialog_data[ORIGIN] = "queue"
    await manager.switch_to(BookingDeskSG.card)


@inject
async def found_clients_getter(
    dialog_manager: DialogManager,
    clients: FromDishka[ClientDesk],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    query = str(data.get(FIND, ""))
    try:
        page = await clients.search_for_bookings(actor, query, page=int(data.get(PAGE, 0)))
    except InvalidSearch:  # nothing searched for (a window reached another way): nothing listed
        page = ClientPage([], 0, 1, 0)
    data[PAGE] = page.page
    return {
        "query": html.escape(query),
        "clients": [(client_label(user), str(user.id)) for user in page.items],
        "total": page.total,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


async def on_found_client(
    callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str
) -> None:
    """A client picked from the search: their bookings (offered by the window, so digits)."""
    manager.dialog_data[CLIENT] = int(item_id)
    manager.dialog_data[PAGE] = 0
    await manager.switch_to(BookingDeskSG.client)
