"""Assembles the bot's routers: commands first, then dialogs, then the fallbacks."""

from __future__ import annotations

from aiogram import Router

from dialogs.admin import menu as admin_menu
from dialogs.admin import staff as admin_staff
from dialogs.client import (
    booking,
    commands,
    help,
    menu,
    my_bookings,
    notices,
    onboarding,
    payment,
    profile,
    tariffs,
)


def build_router() -> Router:
    """A fresh tree every call, so each dispatcher (and each test) owns its own routers."""
    router = Router(name="coworking")
    router.include_routers(
        commands.create_router(),
        admin_menu.create_router(),
        commands.create_unknown_command_router(),
        onboarding.create_dialog(),
        menu.create_dialog(),
        profile.create_dialog(),
        tariffs.create_dialog(),
        help.create_dialog(),
        booking.create_dialog(),
        my_bookings.create_dialog(),
        payment.create_dialog(),
        admin_menu.create_dialog(),
        admin_staff.create_dialog(),
        notices.create_router(),
        commands.create_fallback_router(),
    )
    return router
