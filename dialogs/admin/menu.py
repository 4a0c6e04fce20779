"""/admin: the staff menu. Non-staff get exactly the unknown-command answer."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager, StartMode, Window
from aiogram_dialog.widgets.kbd import Start
from dishka import FromDishka
from dishka.integrations.aiogram import inject
from dishka.integrations.aiogram_dialog import inject as inject_dialog

from coworking_bot.domain.enums import Permission
from coworking_bot.domain.users import User
from coworking_bot.i18n import Translator
from coworking_bot.services.staff import StaffService
from dialogs.client.commands import answer_unknown_command
from dialogs.common import TO_MENU
from dialogs.i18n import T
from dialogs.middlewares import USER_KEY
from dialogs.states import AdminMenu, StaffAdmin

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


@router.message(Command("admin"))
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
    await dialog_manager.start(AdminMenu.main, mode=StartMode.RESET_STACK)


@inject_dialog
async def admin_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    user: User = dialog_manager.middleware_data[USER_KEY]
    actor = await staff.actor(user.telegram_id)
    return {
        "role": actor.role.value if actor.role else "",
        "can_manage_staff": actor.can(Permission.MANAGE_STAFF),
    }


dialog = Dialog(
    Window(
        T("admin-title"),
        Start(T("btn-admin-staff"), id="staff", state=StaffAdmin.list, when="can_manage_staff"),
        TO_MENU,
        getter=admin_getter,
        state=AdminMenu.main,
    ),
)
