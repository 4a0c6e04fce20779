"""Assembles the bot's routers: commands first, then dialogs, then the fallbacks."""

from __future__ import annotations

from aiogram import Router

from dialogs.admin import menu as admin_menu
from dialogs.admin import staff as admin_staff
from dialogs.client import commands, help, menu, onboarding, profile, tariffs


def build_router() -> Router:
    router = Router(name="coworking")
    router.include_routers(
        commands.router,
        admin_menu.router,
        onboarding.dialog,
        menu.dialog,
        profile.dialog,
        tariffs.dialog,
        help.dialog,
        admin_menu.dialog,
        admin_staff.dialog,
        commands.fallback_router,
    )
    return router
