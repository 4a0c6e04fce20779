"""A broadcast's summary (the message, its button, the audience and its size right now) under
a preview in the author's chat, then send now or at a time typed in the coworking's zone."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.broadcasts import BroadcastStatus
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.outbox.parts import copy_parts
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.admin.broadcasts.keys import EDITING, PREVIEW_DUE, broadcast_id
from dialogs.admin.broadcasts.texts import audience_text, button_text, content_text
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import BroadcastSG


async def to_summary(
    manager: DialogManager,
    event: Message | CallbackQuery,
    broadcasts: BroadcastService,
    actor: Actor,
) -> None:
    """The summary, under a fresh preview when the message or its button changed."""
    manager.dialog_data.pop(EDITING, None)
    if manager.dialog_data.pop(PREVIEW_DUE, False):
        await send_preview(manager, event, broadcasts, actor)
    elif isinstance(event, Message):
        manager.show_mode = ShowMode.SEND
    await manager.switch_to(BroadcastSG.summary)


async def send_preview(
    manager: DialogManager,
    event: Message | CallbackQuery,
    broadcasts: BroadcastService,
    actor: Actor,
) -> None:
    """The broadcast as clients will get it, in the author's chat; the window follows it."""
    try:
        card = await broadcasts.card(actor, broadcast_id(manager))
    except DomainError as error:
        await show_error(event, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    chat_id = event.from_user.id if event.from_user else actor.telegram_id
    i18n = translator(manager)
    await bot.send_message(chat_id, i18n.get("broadcasts-preview-above"))
    try:
        for part in copy_parts(bot, chat_id, card.broadcast.source, card.broadcast.button):
            await part.send()
    except (TelegramBadRequest, TelegramForbiddenError):
        await bot.send_message(chat_id, i18n.get("broadcasts-source-gone"))
    manager.show_mode = ShowMode.SEND


@inject
async def on_preview(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    await send_preview(manager, callback, broadcasts, actor)


async def on_edit_step(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data[EDITING] = True


@inject
async def summary_getter(
    dialog_manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    try:
        card = await broadcasts.card(actor, broadcast_id(dialog_manager))
    except DomainError as error:  # discarded or started from another window meanwhile
        return {
            "gone": True,
            "is_draft": False,
            "may_send": False,
            "nobody": False,
            "refusal": i18n.get(error.key, **error.params),
        }
    broadcast = card.broadcast
    count = card.audience_size or 0
    is_draft = broadcast.status is BroadcastStatus.DRAFT
    return {
        "gone": not is_draft,
        "is_draft": is_draft,
        "number": broadcast.id,
        "content": content_text(i18n, broadcast.source),
        "button": button_text(i18n, broadcast.button),
        "audience": audience_text(i18n, broadcast.audience, card.tariff),
        "count": count,
        "nobody": is_draft and count == 0,
        "may_send": is_draft and count > 0,
    }


@inject
async def on_start(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        started = await broadcasts.start(actor, broadcast_id(manager))
    except DomainError as error:
        await show_error(callback, manager, error)
        await manager.switch_to(BroadcastSG.summary)
        return
    await callback.answer(translator(manager).get("broadcasts-started", number=started.id))
    await manager.switch_to(BroadcastSG.card)


@inject
async def on_schedule_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
    settings: FromDishka[Settings],
) -> None:
    try:
        scheduled = await broadcasts.schedule(actor, broadcast_id(manager), message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    assert scheduled.scheduled_at is not None
    local = scheduled.scheduled_at.astimezone(settings.tz)
    await message.answer(
        translator(manager).get(
            "broadcasts-scheduled", number=scheduled.id, when=f"{local:%d.%m.%Y %H:%M}"
        )
    )
    manager.show_mode = ShowMode.SEND
    await manager.switch_to(BroadcastSG.card)
