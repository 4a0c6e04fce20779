"""The main menu: only what works."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Group, Start
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.users import User
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.staff.roster import StaffRoster
from dialogs.middlewares import USER_KEY
from dialogs.shared.i18n import T, translator
from dialogs.shared.window import REFUSAL, Screen
from dialogs.states import (
    AdminMenuSG,
    BookingSG,
    HelpSG,
    MainMenuSG,
    MyBookingsSG,
    ProfileSG,
    SupportSG,
    TariffsSG,
)

JUST_REGISTERED = "just_registered"


async def on_menu_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict) and start_data.get(JUST_REGISTERED):
        manager.dialog_data[JUST_REGISTERED] = True


@inject
async def menu_getter(
    dialog_manager: DialogManager,
    roster: FromDishka[StaffRoster],
    staff: FromDishka[StaffRepository],
    **_: Any,
) -> dict[str, Any]:
    user: User | None = dialog_manager.middleware_data.get(USER_KEY)
    # The greeting shows once, not again when the user comes back from tariffs or the profile.
    just_registered = bool(dialog_manager.dialog_data.pop(JUST_REGISTERED, False))
    is_staff = user is not None and await roster.contains(user.telegram_id, staff)
    return {
        "name": (user.full_name if user else None) or "",
        "just_registered": just_registered,
        "is_staff": is_staff,
        # A client who crafts the hidden staff button gets what /admin gives them.
        REFUSAL: None if is_staff else translator(dialog_manager).get("unknown-command"),
    }


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("menu-registered", when="just_registered"),
            T("menu-title"),
            Group(
                Start(T("btn-book"), id="book", state=BookingSG.space),
                Start(T("btn-my-bookings"), id="mine", state=MyBookingsSG.list),
                Start(T("btn-tariffs"), id="tariffs", state=TariffsSG.main),
                Start(T("btn-profile"), id="profile", state=ProfileSG.main),
                Start(T("btn-support"), id="support", state=SupportSG.list),
                Start(T("btn-help"), id="help", state=HelpSG.main),
                width=2,
            ),
            Start(T("btn-admin"), id="admin", state=AdminMenuSG.main, when="is_staff"),
            getter=menu_getter,
            state=MainMenuSG.main,
        ),
        on_start=on_menu_start,
    )
