"""An in-process Telegram border for dialog tests: a bot session that records every call."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncGenerator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    CopyMessage,
    EditMessageCaption,
    EditMessageText,
    GetMe,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendVideo,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    Chat,
    Document,
    Message,
    MessageId,
    PhotoSize,
    ReplyKeyboardMarkup,
    User,
)
from aiogram_dialog.api.entities import NewMessage, OldMessage
from aiogram_dialog.test_tools import MockMessageManager

BOT_ID = 42
BOT_USERNAME = "coworking_test_bot"
TEST_TOKEN = f"{BOT_ID}:TEST-token-0123456789abcdefghij"


class RecordingSession(BaseSession):
    """Answers Bot API calls like Telegram would, and keeps them in `calls`."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []
        self._ids = itertools.count(10_000)
        self._failures: list[tuple[type[TelegramMethod[Any]], BaseException]] = []
        self._delays: dict[type[TelegramMethod[Any]], float] = {}
        self.delayed = asyncio.Event()  # set when a delayed call starts waiting

    def fail_next(self, method: type[TelegramMethod[Any]], error: BaseException) -> None:
        """The next call of this method raises `error` instead of reaching "Telegram"."""
        self._failures.append((method, error))

    def slow_down(self, method: type[TelegramMethod[Any]], seconds: float) -> None:
        """Calls of this method take `seconds` to answer, as on a slow network."""
        self._delays[method] = seconds

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [
            str(call.text)
            for call in self.calls
            if isinstance(call, SendMessage) and (chat_id is None or call.chat_id == chat_id)
        ]

    async def close(self) -> None:
        pass

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.calls.append(method)
        for slow, seconds in self._delays.items():
            if isinstance(method, slow):
                self.delayed.set()
                await asyncio.sleep(seconds)
        for index, (failing, error) in enumerate(self._failures):
            if isinstance(method, failing):
                del self._failures[index]
                raise error
        result: Any = True
        if isinstance(method, GetMe):
            result = User(id=BOT_ID, is_bot=True, first_name="Coworking", username=BOT_USERNAME)
        elif isinstance(method, SendMediaGroup):
            result = [
                self._message(int(method.chat_id), caption=getattr(item, "caption", None))
                for item in method.media
            ]
        elif isinstance(method, CopyMessage):
            result = MessageId(message_id=next(self._ids))
        elif isinstance(
            method,
            SendMessage
            | EditMessageText
            | EditMessageCaption
            | SendDocument
            | SendPhoto
            | SendVideo,
        ):
            chat_id = int(getattr(method, "chat_id", 0) or 0)
            result = Message(
                message_id=next(self._ids),
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private"),
                text=getattr(method, "text", None),
                caption=getattr(method, "caption", None),
                document=(
                    Document(file_id="doc", file_unique_id="doc")
                    if isinstance(method, SendDocument)
                    else None
                ),
                photo=(
                    [PhotoSize(file_id="ph", file_unique_id="ph", width=1, height=1)]
                    if isinstance(method, SendPhoto)
                    else None
                ),
            )
        content = json.dumps(
            {
                "ok": True,
                "result": [_dump(r) for r in result] if isinstance(result, list) else _dump(result),
            }
        )
        response = self.check_response(bot, method, 200, content)
        return response.result  # type: ignore[return-value]

    def _message(self, chat_id: int, caption: str | None = None) -> Message:
        return Message(
            message_id=next(self._ids),
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type="private"),
            caption=caption,
        )

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""


def _dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def recording_bot() -> tuple[Bot, RecordingSession]:
    session = RecordingSession()
    return Bot(token=TEST_TOKEN, session=session), session


class WindowRecorder(MockMessageManager):
    """aiogram-dialog's `MockMessageManager` that also records windows with a reply keyboard.

    The mock stores each window as an aiogram `Message`, whose `reply_markup` may only be inline;
    a reply keyboard (the contact button) is kept aside in `reply_keyboards` by message id.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reply_keyboards: dict[int, ReplyKeyboardMarkup] = {}

    async def show_message(
        self, bot: Bot, new_message: NewMessage, old_message: OldMessage | None
    ) -> OldMessage:
        markup = new_message.reply_markup
        if not isinstance(markup, ReplyKeyboardMarkup):
            return await super().show_message(bot, new_message, old_message)
        shown = await super().show_message(
            bot, replace(new_message, reply_markup=None), old_message
        )
        self.reply_keyboards[shown.message_id] = markup
        return replace(shown, has_reply_keyboard=True)
