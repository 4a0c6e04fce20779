"""Take and Open right in a staff alert about a ticket. The router sits before the dialogs, so
the buttons work whatever dialog the staff member has open; `TicketDesk` checks everything again
(the role, that the ticket is still open, that nobody else has taken it). Every other copy of
the alert is then edited to say who took it; a tap on an old copy says who did."""

from __future__ import annotations

import contextlib

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, StartMode
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import TicketClosed, TicketNotFound, TicketTaken
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.tickets.desk import TicketDesk
from dialogs.admin.tickets.dialog import TICKET
from dialogs.callbacks import TicketAlert
from dialogs.shared.filters import data_starts_with
from dialogs.shared.notices import close_notice
from dialogs.states import TicketsSG

PREFIXES = (f"{TicketAlert.__prefix__}:",)


@inject
async def on_alert(
    callback: CallbackQuery,
    callback_data: TicketAlert,
    i18n: Translator,
    dialog_manager: DialogManager,
    desk: FromDishka[TicketDesk],
    actor: FromDishka[Actor],
) -> None:
    number = callback_data.ticket_id
    if not callback_data.take:
        await callback.answer()
        # The dialog's own start checks who may see it.
        await dialog_manager.start(
            TicketsSG.card, data={TICKET: number}, mode=StartMode.RESET_STACK
        )
        return
    try:
        await desk.take(actor, number)
    except (TicketTaken, TicketClosed) as error:
        # Another member of staff was faster, or the ticket is over: say so, keep Open.
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        await _only_open(callback, number, None, i18n)
        return
    except TicketNotFound as error:
        await callback.answer(i18n.get(error.key), show_alert=True)
        await close_notice(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    await callback.answer(i18n.get("tickets-taken", ticket_id=str(number)))
    outcome = i18n.get("notice-staff-ticket-you-took", ticket_id=str(number))
    await _only_open(callback, number, outcome, i18n)


async def _only_open(
    callback: CallbackQuery, ticket_id: int, outcome: str | None, i18n: Translator
) -> None:
    """The alert keeps only its Open button, with `outcome` added under its text when given."""
    message = callback.message
    if not isinstance(message, Message):
        return
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=i18n.get("btn-ticket-open"),
                    callback_data=TicketAlert(take=False, ticket_id=ticket_id).pack(),
                )
            ]
        ]
    )
    # "Message is not modified" or too old to edit: the answer already told them.
    with contextlib.suppress(TelegramBadRequest):
        if outcome is None or not message.text:
            await message.edit_reply_markup(reply_markup=markup)
        else:
            await message.edit_text(f"{message.html_text}\n\n{outcome}", reply_markup=markup)


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with the alerts' prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(*PREFIXES))
    router.callback_query.register(on_alert, TicketAlert.filter())
    router.callback_query.register(on_unreadable)
    return router
