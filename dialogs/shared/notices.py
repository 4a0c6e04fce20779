"""Closing a notice whose button was tapped: its buttons go, and what happened is added under it."""

from __future__ import annotations

import contextlib

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message


async def close_notice(callback: CallbackQuery, outcome: str | None) -> None:
    """Take the buttons off the notice, adding `outcome` under its text when given."""
    message = callback.message
    if not isinstance(message, Message):
        return
    # "Message is not modified" or too old to edit: the answer already told the user.
    with contextlib.suppress(TelegramBadRequest):
        if outcome is None or not message.text:
            await message.edit_reply_markup(reply_markup=None)
        else:
            await message.edit_text(f"{message.html_text}\n\n{outcome}", reply_markup=None)
