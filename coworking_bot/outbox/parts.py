"""What an outbox row sends, as the ordered Telegram calls ("parts") of its kind: the text and
its text file, a photo or video or document with the text as caption, an album, a copy of a
message someone wrote, or an edit of a message an earlier row sent; and a broadcast's copy
(`copy_parts`).

A row remembers how many of its parts went out (`parts_sent`), so a retry goes on from there
and never sends a part twice.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaLivePhoto,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
    MessageId,
)

from coworking_bot.domain.broadcasts import LinkButton, Source

CAPTION_LIMIT = 1024  # Telegram's longest caption
MEDIA_KINDS = ("photo", "video", "document")

Sent = Message | MessageId | list[Message] | list[MessageId] | bool
MediaItem = (
    InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo
)


@dataclass(frozen=True, slots=True)
class Part:
    """One Telegram call; `weight` is how many messages it counts as against the rate limit."""

    send: Callable[[], Awaitable[Sent]]
    weight: int = 1


@dataclass(frozen=True, slots=True)
class Target:
    """The message an edit row changes: what kind of row sent it, and its id in the chat."""

    kind: str
    message_id: int


def message_id_of(sent: Sent) -> int | None:
    if isinstance(sent, Message | MessageId):
        return sent.message_id
    if isinstance(sent, list) and sent:
        return sent[0].message_id
    return None


def parts_of(
    bot: Bot,
    chat_id: int,
    kind: str,
    text: str,
    markup: InlineKeyboardMarkup | None,
    media: dict[str, Any] | None,
    document: dict[str, str] | None,
) -> list[Part]:
    """The calls that deliver a row of `kind` (not an edit: see `edit_part`)."""
    if kind == "message":
        parts = [Part(lambda: bot.send_message(chat_id, text, reply_markup=markup))]
    elif kind in MEDIA_KINDS:
        parts = _single_media(bot, chat_id, kind, str((media or {})["file_id"]), text, markup)
    elif kind == "album":
        parts = _album(bot, chat_id, (media or {})["items"], text, markup)
    elif kind == "copy":
        source = media or {}
        parts = [
            Part(
                lambda: bot.copy_message(
                    chat_id,
                    from_chat_id=int(source["from_chat_id"]),
                    message_id=int(source["message_id"]),
                    reply_markup=markup,
                )
            )
        ]
    else:
        raise ValueError(f"an outbox row of unknown kind {kind!r}")
    if document:
        file = BufferedInputFile(document["content"].encode("utf-8"), filename=document["filename"])
        parts.append(Part(lambda: bot.send_document(chat_id, file)))
    return parts


def copy_parts(
    bot: Bot,
    chat_id: int,
    source: Source,
    button: LinkButton | None,
    *,
    timeout: int | None = None,
) -> list[Part]:
    """A broadcast's copy: the message as its author wrote it, with the link button under it;
    an album (which takes no buttons) with the button under a message of its own."""
    markup = (
        InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=button.text, url=button.url)]]
        )
        if button is not None
        else None
    )
    ids = list(source.message_ids)
    if not source.is_album:
        return [
            Part(
                lambda: bot.copy_message(
                    chat_id, source.chat_id, ids[0], reply_markup=markup, request_timeout=timeout
                )
            )
        ]
    parts = [
        Part(
            lambda: bot.copy_messages(chat_id, source.chat_id, ids, request_timeout=timeout),
            weight=len(ids),
        )
    ]
    if button is not None:
        label = html.escape(button.text, quote=False)
        parts.append(
            Part(
                lambda: bot.send_message(
                    chat_id, label, reply_markup=markup, request_timeout=timeout
                )
            )
        )
    return parts


def edit_part(
    bot: Bot, chat_id: int, target: Target, text: str, markup: InlineKeyboardMarkup | None
) -> Part:
    """Rewrite the text (or the caption) of the message an earlier row sent."""
    if target.kind == "message":
        return Part(
            lambda: bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=target.message_id, reply_markup=markup
            )
        )
    return Part(
        lambda: bot.edit_message_caption(
            chat_id=chat_id,
            message_id=target.message_id,
            caption=text[:CAPTION_LIMIT],
            reply_markup=markup,
        )
    )


def _single_media(
    bot: Bot,
    chat_id: int,
    kind: str,
    file_id: str,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> list[Part]:
    fits = len(text) <= CAPTION_LIMIT
    caption = text if fits and text else None
    buttons = markup if fits else None

    def send() -> Awaitable[Sent]:
        if kind == "photo":
            return bot.send_photo(chat_id, file_id, caption=caption, reply_markup=buttons)
        if kind == "video":
            return bot.send_video(chat_id, file_id, caption=caption, reply_markup=buttons)
        return bot.send_document(chat_id, file_id, caption=caption, reply_markup=buttons)

    first = Part(send)
    if fits:
        return [first]
    # Too long for a caption: the media, then the text under it with the buttons.
    return [first, Part(lambda: bot.send_message(chat_id, text, reply_markup=markup))]


def _album(
    bot: Bot,
    chat_id: int,
    items: list[dict[str, str]],
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> list[Part]:
    # An album takes no buttons, and one caption of at most 1024 characters.
    caption_on_album = bool(text) and len(text) <= CAPTION_LIMIT and markup is None
    media: list[MediaItem] = [
        _input_media(item, text if index == 0 and caption_on_album else None)
        for index, item in enumerate(items)
    ]
    parts = [Part(lambda: bot.send_media_group(chat_id, media), weight=len(media))]
    if text and not caption_on_album:
        parts.append(Part(lambda: bot.send_message(chat_id, text, reply_markup=markup)))
    return parts


def _input_media(item: dict[str, str], caption: str | None) -> MediaItem:
    kind, file_id = item["kind"], item["file_id"]
    if kind == "photo":
        return InputMediaPhoto(media=file_id, caption=caption)
    if kind == "video":
        return InputMediaVideo(media=file_id, caption=caption)
    return InputMediaDocument(media=file_id, caption=caption)
