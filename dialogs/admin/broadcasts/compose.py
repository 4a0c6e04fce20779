"""Composing a broadcast: the message (any text with its formatting, a photo, a video, a
document, or an album, whose messages arrive one by one) and the link button under it.

The draft is a broadcast row from the moment the message is taken; `BroadcastService` checks
the permission and that it is still a draft at every step."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.broadcasts import ALBUM_LIMIT, ContentKind, Source, UnsupportedContent
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.admin.broadcasts.keys import (
    BROADCAST,
    EDITING,
    PREVIEW_DUE,
    SOURCE_ALBUM,
    SOURCE_CHAT,
    SOURCE_IDS,
    SOURCE_KIND,
    broadcast_id,
    clear_draft,
)
from dialogs.admin.broadcasts.summary import to_summary
from dialogs.admin.broadcasts.texts import content_text
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import BroadcastSG

# --- the message -----------------------------------------------------------------------------


def _kind_of(message: Message) -> ContentKind | None:
    if message.photo:
        return ContentKind.PHOTO
    if message.video:
        return ContentKind.VIDEO
    if message.document:
        return ContentKind.DOCUMENT
    if message.text:
        return ContentKind.TEXT
    return None


async def on_source(message: Message, _: MessageInput, manager: DialogManager) -> None:
    """The message to broadcast. The messages of an album come one by one and are gathered;
    any other message starts the draft anew."""
    data = manager.dialog_data
    manager.show_mode = ShowMode.DELETE_AND_SEND  # the window under the latest message
    kind = _kind_of(message)
    if kind is None:
        await message.answer(translator(manager).get("error-broadcast-content"))
        return
    group = message.media_group_id
    if group is not None and kind is not ContentKind.TEXT:
        ids = list(data.get(SOURCE_IDS) or []) if data.get(SOURCE_ALBUM) == group else []
        if len(ids) >= ALBUM_LIMIT:
            return
        data.update(
            {
                SOURCE_CHAT: message.chat.id,
                SOURCE_IDS: sorted({*ids, message.message_id}),
                SOURCE_KIND: ContentKind.ALBUM.value,
                SOURCE_ALBUM: group,
            }
        )
        return
    data.update(
        {SOURCE_CHAT: message.chat.id, SOURCE_IDS: [message.message_id], SOURCE_KIND: kind.value}
    )
    data.pop(SOURCE_ALBUM, None)


def draft_source(manager: DialogManager) -> Source | None:
    data = manager.dialog_data
    try:
        return Source(
            int(data[SOURCE_CHAT]),
            tuple(int(i) for i in data[SOURCE_IDS]),
            ContentKind(data[SOURCE_KIND]),
        )
    except (KeyError, TypeError, ValueError, UnsupportedContent):
        return None


async def compose_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    source = draft_source(dialog_manager)
    return {
        "has_draft": source is not None,
        "draft": content_text(translator(dialog_manager), source) if source else "",
    }


@inject
async def on_compose_done(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    source = draft_source(manager)
    if source is None:
        return
    try:
        created = await broadcasts.create(actor, source)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[BROADCAST] = created.id
    manager.dialog_data[PREVIEW_DUE] = True
    manager.dialog_data.pop(EDITING, None)
    await manager.switch_to(BroadcastSG.button)


# --- the link button -------------------------------------------------------------------------


async def _next_after_button(
    manager: DialogManager,
    event: Message | CallbackQuery,
    broadcasts: BroadcastService,
    actor: Actor,
) -> None:
    manager.dialog_data[PREVIEW_DUE] = True
    if manager.dialog_data.get(EDITING):
        await to_summary(manager, event, broadcasts, actor)
    else:
        await manager.switch_to(BroadcastSG.audience)


@inject
async def on_button(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        await broadcasts.set_button(actor, broadcast_id(manager), message.text or "")
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.show_mode = ShowMode.SEND
    await _next_after_button(manager, message, broadcasts, actor)


@inject
async def on_no_button(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        await broadcasts.set_button(actor, broadcast_id(manager), None)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await _next_after_button(manager, callback, broadcasts, actor)


@inject
async def on_discard(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        await broadcasts.discard(actor, broadcast_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    clear_draft(manager)
    await callback.answer(translator(manager).get("broadcasts-discarded"))
    await manager.switch_to(BroadcastSG.main)


async def on_text_expected(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("broadcasts-text-expected"))
