"""Pause, Resume and Cancel right under a broadcast's progress message. The router sits before
the dialogs, so the buttons work whatever dialog is open; `BroadcastService` checks the
permission (the author and anyone else with SEND_BROADCASTS) and the broadcast's state, and the
progress message is then edited to match (through the outbox)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.callbacks import BroadcastControl
from dialogs.shared.filters import data_starts_with

PREFIXES = (f"{BroadcastControl.__prefix__}:",)
_DONE_KEYS = {
    "pause": "broadcasts-paused",
    "resume": "broadcasts-resumed",
    "cancel": "broadcasts-cancelled",
}


@inject
async def on_control(
    callback: CallbackQuery,
    callback_data: BroadcastControl,
    i18n: Translator,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    number = callback_data.broadcast_id
    change = {
        "pause": broadcasts.pause,
        "resume": broadcasts.resume,
        "cancel": broadcasts.cancel,
    }[callback_data.step]
    try:
        await change(actor, number)
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    await callback.answer(i18n.get(_DONE_KEYS[callback_data.step], number=number))


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with the prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(*PREFIXES))
    router.callback_query.register(on_control, BroadcastControl.filter())
    router.callback_query.register(on_unreadable)
    return router
