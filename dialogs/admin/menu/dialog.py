"""/admin: the staff menu. Non-staff get exactly the unknown-command answer."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.types import User as TgUser
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Start
from dishka import FromDishka
from dishka.integrations.aiogram import inject
from dishka.integrations.aiogram_dialog import inject as inject_dialog

from coworking_bot.domain.enums import Permission
from coworking_bot.i18n import Translator
from coworking_bot.services.staff.service import StaffService
from dialogs.admin.access import staff_only
from dialogs.client.menu.commands import answer_unknown_command
from dialogs.shared.filters import private_chat
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU
from dialogs.shared.window import Screen
from dialogs.states import AdminMenuSG, StaffAdminSG


@inject
async def on_admin(
    message: Message,
    dialog_manager: DialogManager,
    i18n: Translator,
    staff: FromDishka[StaffService],
) -> None:
    actor = await staff.actor(message.chat.id)
    if not actor.is_staff:
        await answer_unknown_command(message, i18n)
        return
    await dialog_manager.start(AdminMenuSG.main, mode=StartMode.RESET_STACK)


@inject_dialog
async def admin_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    # An owner from the settings may open /admin before ever sending /start: no User yet.
    user: TgUser = dialog_manager.middleware_data["event_from_user"]
    actor = await staff.actor(user.id)
    return {
        "role": translator(dialog_manager).get(f"role-{actor.role.value}") if actor.role else "",
        "can_manage_staff": actor.can(Permission.MANAGE_STAFF),
    }


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(private_chat)
    router.message.register(on_admin, Command("admin"))
    return router


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("admin-title"),
            Start(
                T("btn-admin-staff"), id="staff", state=StaffAdminSG.list, when="can_manage_staff"
            ),
            TO_MENU,
            getter=admin_getter,
            state=AdminMenuSG.main,
        ),
        on_start=staff_only(),
    )
