"""How a refusal is shown: an alert under a button, or a reply to a message."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from coworking_bot.domain.errors import DomainError
from dialogs.shared.i18n import translator


async def show_error(
    event: Message | CallbackQuery, manager: DialogManager, error: DomainError
) -> None:
    text = translator(manager).get(error.key, **error.params)
    if isinstance(event, CallbackQuery):
        await event.answer(text, show_alert=True)
    else:
        await event.answer(text)
