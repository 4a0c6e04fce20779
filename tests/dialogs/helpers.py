"""Shared steps for dialog tests: updates BotClient cannot send, reading windows, registering."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from aiogram.types import (
    Contact,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Sticker,
    Update,
)
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator

from coworking_bot.i18n import Translator
from tests.fakes.telegram import WindowRecorder


def _message(client: BotClient, **content: Any) -> Message:
    return Message(
        message_id=client._new_message_id(),
        date=datetime.fromtimestamp(1234567890),
        chat=client.chat,
        from_user=client.user,
        **content,
    )


async def feed_message(client: BotClient, **content: Any) -> Any:
    """Feed a message with any content (contact, sticker, ...) through the real dispatcher."""
    update = Update(update_id=client._new_update_id(), message=_message(client, **content))
    return await client.dp.feed_update(client.bot, update)


async def send_contact(client: BotClient, phone: str, user_id: int | None = None) -> Any:
    """A contact as the request-contact button sends it; `user_id` another's card if given."""
    contact = Contact(
        phone_number=phone,
        first_name=client.user.first_name,
        user_id=client.user.id if user_id is None else user_id,
    )
    return await feed_message(client, contact=contact)


async def send_sticker(client: BotClient) -> Any:
    sticker = Sticker(
        file_id="sticker",
        file_unique_id="sticker",
        type="regular",
        width=512,
        height=512,
        is_animated=False,
        is_video=False,
    )
    return await feed_message(client, sticker=sticker)


def last_text(message_manager: MockMessageManager) -> str:
    return message_manager.last_message().text or ""


async def click(client: BotClient, message_manager: MockMessageManager, text: str) -> str:
    """Click the inline button with exactly this text on the window shown last."""
    message = message_manager.last_message()
    locator = InlineButtonTextLocator(re.escape(text))
    if locator.find_button(message) is None:
        raise AssertionError(f"no button {text!r} in {button_texts(message)}")
    return await client.click(message, locator)


def button_texts(message: Message) -> list[str]:
    markup = message.reply_markup
    if markup is None:
        return []
    return [button.text for row in markup.inline_keyboard for button in row]


def reply_keyboard(recorder: WindowRecorder) -> ReplyKeyboardMarkup:
    """The reply keyboard of the latest window, which must have one."""
    markup = recorder.reply_keyboards.get(recorder.last_message().message_id)
    assert markup is not None, "the latest window has no reply keyboard"
    return markup


def reply_button(recorder: WindowRecorder, text: str) -> KeyboardButton:
    """The latest window's reply button whose visible text starts with `text`.

    aiogram-dialog hides a button's callback data after its visible text; sending the whole
    button text is what pressing it does.
    """
    markup = reply_keyboard(recorder)
    for row in markup.keyboard:
        for button in row:
            if button.text.startswith(text):
                return button
    raise AssertionError(f"no reply button {text!r} in {markup.keyboard}")


async def register(
    client: BotClient,
    message_manager: MockMessageManager,
    i18n: Translator,
    *,
    name: str = "Anna Petrova",
    phone: str = "+7 916 123-45-67",
    email: str | None = None,
    payload: str | None = None,
) -> None:
    """Go through the whole registration the way a user would."""
    await client.send(f"/start {payload}" if payload else "/start")
    await click(client, message_manager, i18n.get("btn-consent"))
    await client.send(name)
    await client.send(phone)
    if email is None:
        await click(client, message_manager, i18n.get("btn-skip"))
    else:
        await client.send(email)


async def tap_data(client: BotClient, message: Message, data: str) -> Any:
    """Tap a button with made-up callback data on `message`, as a crafted or stale client would."""
    button = InlineKeyboardButton(text="crafted", callback_data=data)
    crafted = message.model_copy(
        update={"reply_markup": InlineKeyboardMarkup(inline_keyboard=[[button]])}
    )
    return await client.click(crafted, InlineButtonTextLocator("crafted"))
