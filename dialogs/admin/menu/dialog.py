"""/admin: the staff menu, with the sections the role allows, and the roles and what each may do.
Non-staff get exactly the unknown-command answer."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TgUser
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button, Start, SwitchTo, WebApp
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram import inject
from dishka.integrations.aiogram_dialog import inject as inject_dialog

from coworking_bot.config import Settings
from coworking_bot.domain.enums import Permission, StaffRole
from coworking_bot.domain.permissions import ROLE_PERMISSIONS
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.booking.morning import MorningSchedule
from coworking_bot.services.staff.service import StaffService
from dialogs.admin.access import staff_only
from dialogs.client.menu.commands import answer_unknown_command
from dialogs.shared.filters import private_chat
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU
from dialogs.shared.window import Screen
from dialogs.states import (
    AdminMenuSG,
    AuditSG,
    BookingDeskSG,
    BroadcastSG,
    CatalogSG,
    ClientsSG,
    PromoSG,
    StaffAdminSG,
    TicketsSG,
)


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
    dialog_manager: DialogManager,
    staff: FromDishka[StaffService],
    desk: FromDishka[BookingDesk],
    morning: FromDishka[MorningSchedule],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    # An owner from the settings may open /admin before ever sending /start: no User yet.
    user: TgUser = dialog_manager.middleware_data["event_from_user"]
    actor = await staff.actor(user.id)
    bookings = actor.can(Permission.MANAGE_BOOKINGS)
    analytics = actor.can(Permission.VIEW_ANALYTICS)
    return {
        "role": translator(dialog_manager).get(f"role-{actor.role.value}") if actor.role else "",
        "can_manage_bookings": bookings,
        "requests": await desk.count_requests(actor) if bookings else 0,
        # The morning schedule is kept on the user's row: a member who never sent /start has none.
        "can_morning": bookings and dialog_manager.middleware_data.get("user") is not None,
        "morning": "on" if bookings and await morning.wanted(actor) else "off",
        "can_manage_users": actor.can(Permission.MANAGE_USERS),
        "can_answer_tickets": actor.can(Permission.ANSWER_TICKETS),
        "can_manage_catalog": actor.can(Permission.MANAGE_CATALOG),
        "can_manage_promo": actor.can(Permission.MANAGE_PROMO),
        "can_send_broadcasts": actor.can(Permission.SEND_BROADCASTS),
        "can_manage_staff": actor.can(Permission.MANAGE_STAFF),
        "can_view_audit": actor.can(Permission.VIEW_AUDIT),
        # Telegram opens a Mini App over https only: without it, the menu says what to set.
        "dashboard_url": settings.dashboard_url or "",
        "can_open_dashboard": analytics and settings.dashboard_url is not None,
        "dashboard_unset": analytics and settings.dashboard_url is None,
    }


@inject_dialog
async def on_morning(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    staff: FromDishka[StaffService],
    morning: FromDishka[MorningSchedule],
    settings: FromDishka[Settings],
) -> None:
    """The day's schedule every morning: on, or off again."""
    actor = await staff.actor(callback.from_user.id)
    on = await morning.switch(actor, not await morning.wanted(actor))
    text = translator(manager).get(
        "admin-morning-switched",
        morning="on" if on else "off",
        hour=f"{settings.morning_schedule_hour:02d}",
    )
    await callback.answer(text)


async def roles_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The permission matrix as it is defined (`ROLE_PERMISSIONS`), in the reader's words."""
    i18n = translator(dialog_manager)
    lines = []
    for role in StaffRole:
        allowed = [p for p in Permission if p in ROLE_PERMISSIONS[role]]
        names = ", ".join(i18n.get(f"permission-{p.value}") for p in allowed)
        lines.append(i18n.get("admin-role-line", role=i18n.get(f"role-{role.value}"), rights=names))
    return {"matrix": "\n".join(lines)}


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
            T("admin-dashboard-unset", when="dashboard_unset"),
            WebApp(
                T("btn-dashboard"),
                Format("{dashboard_url}"),
                id="dashboard",
                when="can_open_dashboard",
            ),
            Start(
                T("btn-admin-requests"),
                id="requests",
                state=BookingDeskSG.queue,
                when="can_manage_bookings",
            ),
            Start(
                T("btn-admin-schedule"),
                id="schedule",
                state=BookingDeskSG.schedule,
                when="can_manage_bookings",
            ),
            Start(
                T("btn-admin-tickets"),
                id="tickets",
                state=TicketsSG.queue,
                when="can_answer_tickets",
            ),
            Start(
                T("btn-admin-clients"),
                id="clients",
                state=ClientsSG.search,
                when="can_manage_users",
            ),
            Start(
                T("btn-admin-catalog"),
                id="catalog",
                state=CatalogSG.main,
                when="can_manage_catalog",
            ),
            Start(T("btn-admin-promo"), id="promo", state=PromoSG.list, when="can_manage_promo"),
            Start(
                T("btn-admin-broadcasts"),
                id="broadcasts",
                state=BroadcastSG.main,
                when="can_send_broadcasts",
            ),
            Start(
                T("btn-admin-staff"), id="staff", state=StaffAdminSG.list, when="can_manage_staff"
            ),
            Start(T("btn-admin-audit"), id="audit", state=AuditSG.list, when="can_view_audit"),
            Button(T("btn-admin-morning"), id="morning", on_click=on_morning, when="can_morning"),
            SwitchTo(T("btn-admin-roles"), id="roles", state=AdminMenuSG.roles),
            TO_MENU,
            getter=admin_getter,
            state=AdminMenuSG.main,
        ),
        Screen(
            T("admin-roles-title"),
            Format("{matrix}"),
            T("admin-roles-hint"),
            SwitchTo(T("btn-back"), id="back", state=AdminMenuSG.main),
            getter=roles_getter,
            state=AdminMenuSG.roles,
        ),
        on_start=staff_only(),
    )
