"""Assembles the bot's routers: commands, then the buttons under notices, then the dialogs, then
the fallbacks.

Notice buttons come before the dialogs: aiogram-dialog hands a callback without an intent id to
the dialog open on top of the user's stack, which would take it and redraw its window over the
notice (DESIGN.md section 7)."""

from __future__ import annotations

from aiogram import Router

from dialogs.admin.audit import dialog as admin_audit
from dialogs.admin.bookings import alerts as staff_alerts
from dialogs.admin.bookings import desk as admin_desk
from dialogs.admin.bookings import new_booking as admin_new_booking
from dialogs.admin.broadcasts import controls as broadcast_controls
from dialogs.admin.broadcasts import dialog as admin_broadcasts
from dialogs.admin.catalog import dialog as admin_catalog
from dialogs.admin.clients import dialog as admin_clients
from dialogs.admin.menu import dialog as admin_menu
from dialogs.admin.promo import dialog as admin_promo
from dialogs.admin.staff import dialog as admin_staff
from dialogs.admin.tickets import alerts as ticket_alerts
from dialogs.admin.tickets import dialog as admin_tickets
from dialogs.client.booking import dialog as booking
from dialogs.client.booking import waitlist_offer
from dialogs.client.catalog import tariffs
from dialogs.client.menu import commands, help
from dialogs.client.menu import dialog as menu
from dialogs.client.my_bookings import dialog as my_bookings
from dialogs.client.my_bookings import notices as reminder_buttons
from dialogs.client.onboarding import dialog as onboarding
from dialogs.client.payment import dialog as payment
from dialogs.client.payment import notices as payment_notices
from dialogs.client.profile import dialog as profile
from dialogs.client.support import dialog as support
from dialogs.client.support import notices as support_notices


def build_router() -> Router:
    """A fresh tree every call, so each dispatcher (and each test) owns its own routers."""
    router = Router(name="coworking")
    router.include_routers(
        commands.create_router(),
        admin_menu.create_router(),
        commands.create_unknown_command_router(),
        staff_alerts.create_router(),
        waitlist_offer.create_router(),
        reminder_buttons.create_router(),
        payment_notices.create_router(),
        ticket_alerts.create_router(),
        support_notices.create_router(),
        broadcast_controls.create_router(),
        onboarding.create_dialog(),
        menu.create_dialog(),
        profile.create_dialog(),
        tariffs.create_dialog(),
        help.create_dialog(),
        booking.create_dialog(),
        my_bookings.create_dialog(),
        payment.create_dialog(),
        support.create_dialog(),
        admin_menu.create_dialog(),
        admin_staff.create_dialog(),
        admin_desk.create_dialog(),
        admin_audit.create_dialog(),
        admin_tickets.create_dialog(),
        admin_clients.create_dialog(),
        admin_new_booking.create_dialog(),
        admin_catalog.create_dialog(),
        admin_promo.create_dialog(),
        admin_broadcasts.create_dialog(),
        commands.create_fallback_router(),
    )
    return router
