"""Who may open a staff window: checked when each staff dialog starts, whatever started it (the
/admin command, a button, a crafted callback). A client is told exactly what an unknown command
gets; a member of staff without the permission, that it is not allowed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.types import Chat
from aiogram_dialog import DialogManager, ShowMode
from dishka import AsyncContainer

from coworking_bot.domain.enums import Permission
from coworking_bot.domain.users import Actor
from dialogs.middlewares import CONTAINER_KEY
from dialogs.shared.i18n import translator

OnStart = Callable[[Any, DialogManager], Awaitable[None]]


def staff_only(permission: Permission | None = None) -> OnStart:
    """An `on_start` that closes the dialog at once for anyone not allowed to see it."""

    async def on_start(start_data: Any, manager: DialogManager) -> None:
        await may_open(manager, permission)

    return on_start


async def may_open(manager: DialogManager, permission: Permission | None = None) -> bool:
    """True for a member of staff with `permission`; anyone else is told why not (a client, as
    an unknown command) and the starting dialog is closed."""
    container: AsyncContainer = manager.middleware_data[CONTAINER_KEY]
    actor = await container.get(Actor)
    if actor.is_staff and (permission is None or actor.can(permission)):
        return True
    key = "unknown-command" if not actor.is_staff else "error-permission-denied"
    await refuse_start(manager, translator(manager).get(key))
    return False


async def refuse_start(manager: DialogManager, text: str) -> None:
    """Close the dialog that is starting, and say `text` instead."""
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    bot: Bot = manager.middleware_data["bot"]
    chat: Chat = manager.middleware_data["event_chat"]
    await bot.send_message(chat.id, text)
