"""Pieces the client's and staff's ticket screens share: the draft a message is collected in
(text, up to ten photos or a document), a thread as pages of whole words that fit a message,
a ticket's age, and sending a page's photos and files into the chat."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import InputMediaDocument, InputMediaPhoto, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import (
    TEXT_MAX_LENGTH,
    Attachment,
    MediaKind,
    MessageKind,
    TicketMessage,
    TicketStatus,
    TicketTextTooLong,
    check_media,
    excerpt,
    split_pages,
)
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_moment
from coworking_bot.services.tickets.views import ThreadPage
from dialogs.shared.i18n import translator

# dialog_data keys: plain JSON, so they survive any FSM storage.
DRAFT_TEXT = "draft_text"
DRAFT_MEDIA = "draft_media"  # [[kind, file_id], ...]
THREAD_PAGE = "thread_page"
PART = "part"
PARTS = "parts"
# A window's text is at most 4096 characters: the thread gets this much, its heading the rest.
THREAD_TEXT_LIMIT = 3000
PREVIEW_LENGTH = 300
# Buttons whose handler tells them apart by id.
OLDER, NEWER = "older", "newer"

STATUS_MARKS = {
    TicketStatus.NEW: "🆕",
    TicketStatus.IN_PROGRESS: "🔄",
    TicketStatus.WAITING: "💬",
    TicketStatus.CLOSED: "✅",
}


def status_text(i18n: Translator, status: TicketStatus) -> str:
    return f"{STATUS_MARKS[status]} {i18n.get(f'ticket-status-{status.value}')}"


# --- the draft -------------------------------------------------------------------------------


def draft_text(manager: DialogManager) -> str:
    return str(manager.dialog_data.get(DRAFT_TEXT, ""))


def draft_media(manager: DialogManager) -> list[Attachment]:
    raw = manager.dialog_data.get(DRAFT_MEDIA) or []
    return [Attachment(MediaKind(kind), str(file_id)) for kind, file_id in raw]


def clear_draft(manager: DialogManager) -> None:
    manager.dialog_data.pop(DRAFT_TEXT, None)
    manager.dialog_data.pop(DRAFT_MEDIA, None)


def draft_data(manager: DialogManager) -> dict[str, Any]:
    """What a compose window shows of the draft."""
    i18n = translator(manager)
    text, media = draft_text(manager), draft_media(manager)
    photos = sum(1 for item in media if item.kind is MediaKind.PHOTO)
    lines = []
    if text:
        lines.append(html.escape(excerpt(text, PREVIEW_LENGTH)))
    if photos:
        lines.append(i18n.get("ticket-draft-photos", count=photos))
    if len(media) > photos:
        lines.append(i18n.get("ticket-draft-document"))
    return {
        "draft": "\n".join(lines),
        "has_draft": bool(text or media),
        "limit": TEXT_MAX_LENGTH,
    }


async def on_draft_message(message: Message, _: MessageInput, manager: DialogManager) -> None:
    """A message for the draft: its text or caption, and its photo or document. Anything else
    (a sticker, a voice message), an 11th photo, a photo with a document, or text beyond the
    limit is refused with a word why, and the draft stays as it was."""
    i18n = translator(manager)
    new: Attachment | None = None
    if message.photo:
        new = Attachment(MediaKind.PHOTO, message.photo[-1].file_id)
    elif message.document:
        new = Attachment(MediaKind.DOCUMENT, message.document.file_id)
    said = message.text if message.text is not None else message.caption
    if new is None and message.text is None:
        await message.answer(i18n.get("ticket-draft-unsupported"))
        return
    media = draft_media(manager)
    text = draft_text(manager)
    try:
        if new is not None:
            check_media([*media, new])
            media.append(new)
        if said:
            text = f"{text}\n\n{said.strip()}".strip()
            if len(text) > TEXT_MAX_LENGTH:
                raise TicketTextTooLong(max=TEXT_MAX_LENGTH)
    except DomainError as error:
        await message.answer(i18n.get(error.key, **error.params))
        return
    manager.dialog_data[DRAFT_TEXT] = text
    manager.dialog_data[DRAFT_MEDIA] = [[item.kind.value, item.file_id] for item in media]
    # Photos of an album arrive one by one: the window is shown again under the last.
    manager.show_mode = ShowMode.DELETE_AND_SEND


async def on_text_only(message: Message, manager: DialogManager) -> str | None:
    """The text of a message where only text is taken, or None after saying so."""
    if message.text:
        return message.text
    await message.answer(translator(manager).get("ticket-text-expected"))
    return None


# --- the thread ------------------------------------------------------------------------------


def thread_pages(
    i18n: Translator,
    thread: ThreadPage,
    tz: ZoneInfo,
    *,
    client_id: int | None = None,
    staff_view: bool,
) -> list[str]:
    """The thread page's messages as texts of at most THREAD_TEXT_LIMIT characters, cut only
    between words."""
    blocks = []
    for message in thread.messages:
        when = format_moment(i18n, message.created_at, tz)
        if message.kind is MessageKind.CLIENT:
            who = i18n.get("ticket-author-client" if staff_view else "ticket-author-you")
        elif message.kind is MessageKind.NOTE:
            who = i18n.get(
                "ticket-author-note",
                name=html.escape(thread.names.get(message.author_telegram_id, "")),
            )
        elif staff_view:
            name = thread.names.get(message.author_telegram_id, "")
            who = i18n.get("ticket-author-staff-named", name=html.escape(name))
        else:
            who = i18n.get("ticket-author-support")
        lines = [i18n.get("ticket-message-head", who=who, when=when)]
        if message.text:
            lines.append(html.escape(message.text))
        lines.extend(_media_lines(i18n, message))
        blocks.append("\n".join(lines))
    if not blocks:
        blocks.append(i18n.get("ticket-thread-empty"))
    return split_pages(blocks, THREAD_TEXT_LIMIT)


def _media_lines(i18n: Translator, message: TicketMessage) -> list[str]:
    photos = sum(1 for item in message.media if item.kind is MediaKind.PHOTO)
    lines = []
    if photos:
        lines.append(i18n.get("ticket-message-photos", count=photos))
    if len(message.media) > photos:
        lines.append(i18n.get("ticket-message-document"))
    return lines


def thread_view(manager: DialogManager, thread: ThreadPage, pages: list[str]) -> dict[str, Any]:
    """Getter data of a thread page and its part, and the pager's state."""
    data = manager.dialog_data
    part = int(data.get(PART, 0))
    part = len(pages) - 1 if part < 0 or part >= len(pages) else part
    data[PART] = part
    data[PARTS] = len(pages)
    data[THREAD_PAGE] = thread.page
    return {
        "thread": pages[part],
        "older": part > 0 or thread.page + 1 < thread.pages,
        "newer": part + 1 < len(pages) or thread.page > 0,
        "has_files": any(message.media for message in thread.messages),
    }


async def on_thread_page(callback: Any, button: Any, manager: DialogManager) -> None:
    """Older goes back a part of the page, then to the last part of the page before; Newer the
    other way."""
    data = manager.dialog_data
    part, page = int(data.get(PART, 0)), int(data.get(THREAD_PAGE, 0))
    parts = int(data.get(PARTS, 1))
    if button.widget_id == OLDER:
        if part > 0:
            data[PART] = part - 1
        else:
            data[THREAD_PAGE], data[PART] = page + 1, -1
    elif part + 1 < parts:
        data[PART] = part + 1
    elif page > 0:
        data[THREAD_PAGE], data[PART] = page - 1, 0


def reset_thread(manager: DialogManager) -> None:
    manager.dialog_data[THREAD_PAGE] = 0
    manager.dialog_data[PART] = -1  # the latest messages: the page's last part


async def send_files(bot: Bot, chat_id: int, messages: Sequence[TicketMessage]) -> int:
    """Each message's photos (as an album) or document, sent into the chat; returns how many
    messages had some."""
    sent = 0
    for message in messages:
        media = message.media
        if not media:
            continue
        sent += 1
        if len(media) == 1:
            item = media[0]
            if item.kind is MediaKind.PHOTO:
                await bot.send_photo(chat_id, item.file_id)
            else:
                await bot.send_document(chat_id, item.file_id)
            continue
        await bot.send_media_group(
            chat_id,
            [
                InputMediaPhoto(media=item.file_id)
                if item.kind is MediaKind.PHOTO
                else InputMediaDocument(media=item.file_id)
                for item in media
            ],
        )
    return sent


def age_text(i18n: Translator, age: timedelta) -> str:
    """`5 min`, `3 h`, `2 d`."""
    minutes = max(int(age.total_seconds() // 60), 0)
    if minutes < 60:
        return i18n.get("ticket-age-minutes", count=minutes)
    if minutes < 24 * 60:
        return i18n.get("ticket-age-hours", count=minutes // 60)
    return i18n.get("ticket-age-days", count=minutes // (24 * 60))
