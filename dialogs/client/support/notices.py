"""The buttons under what a client hears about their ticket: Reply under a staff answer (it
opens the reply window, whatever dialog is open), and the stars under "your ticket is closed".
The router sits before the dialogs; the service checks everything again (the ticket is the
client's, still open or closed and not rated yet, the client is not banned)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import AlreadyRated, TicketClosed, TicketNotFound
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.tickets.client import ClientTickets
from dialogs.callbacks import TicketRating, TicketReply
from dialogs.client.support.dialog import TICKET
from dialogs.shared.filters import data_starts_with
from dialogs.shared.notices import close_notice
from dialogs.states import SupportSG

PREFIXES = (f"{TicketReply.__prefix__}:", f"{TicketRating.__prefix__}:")


@inject
async def on_reply(
    callback: CallbackQuery,
    callback_data: TicketReply,
    i18n: Translator,
    dialog_manager: DialogManager,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.check_open(actor, callback_data.ticket_id)
    except (TicketClosed, TicketNotFound) as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        await close_notice(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    await callback.answer()
    await dialog_manager.start(
        SupportSG.compose, data={TICKET: callback_data.ticket_id}, mode=StartMode.RESET_STACK
    )


@inject
async def on_rating(
    callback: CallbackQuery,
    callback_data: TicketRating,
    i18n: Translator,
    tickets: FromDishka[ClientTickets],
    actor: FromDishka[Actor],
) -> None:
    try:
        await tickets.rate(actor, callback_data.ticket_id, callback_data.score)
    except (AlreadyRated, TicketNotFound) as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        await close_notice(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    await callback.answer(i18n.get("ticket-rated"))
    await close_notice(callback, i18n.get("ticket-rated-with", stars="★" * callback_data.score))


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with our prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(*PREFIXES))
    router.callback_query.register(on_reply, TicketReply.filter())
    router.callback_query.register(on_rating, TicketRating.filter())
    router.callback_query.register(on_unreadable)
    return router
