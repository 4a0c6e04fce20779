"""Tapping the buttons under outbox notices: the notice as Telegram shows it to the tapper, and
the callback query of a tap, fed through the real dispatcher."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User

from tests.fakes.telegram import BOT_ID, RecordingSession

_ids = itertools.count(1)


def delivered(telegram: RecordingSession, chat_id: int) -> Message:
    """The last message the sender sent to `chat_id`, as Telegram would show it to the tapper."""
    [*_, sent] = [c for c in telegram.calls if isinstance(c, SendMessage) and c.chat_id == chat_id]
    assert isinstance(sent.reply_markup, InlineKeyboardMarkup)
    return Message(
        message_id=next(_ids),
        date=datetime.now(UTC),
        chat=Chat(id=chat_id, type="private"),
        from_user=User(id=BOT_ID, is_bot=True, first_name="Coworking"),
        text=re.sub(r"<[^>]+>", "", str(sent.text)),  # Telegram keeps the markup as entities
        reply_markup=sent.reply_markup,
    )


def button_data(message: Message, text: str) -> str:
    assert isinstance(message.reply_markup, InlineKeyboardMarkup)
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if button.text == text and button.callback_data:
                return button.callback_data
    raise AssertionError(f"no button {text!r}")


async def tap(dispatcher: Dispatcher, bot: Bot, user_id: int, message: Message, data: str) -> None:
    query = CallbackQuery(
        id=f"cb{next(_ids)}",
        from_user=User(id=user_id, is_bot=False, first_name=f"Staff{user_id}", language_code="ru"),
        chat_instance="chat",
        message=message,
        data=data,
    )
    await dispatcher.feed_update(bot, Update(update_id=next(_ids), callback_query=query))
