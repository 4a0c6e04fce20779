"""Help: what the bot does, contacts and rules from settings."""

from __future__ import annotations

import html
from typing import Any

from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Url
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import TO_MENU
from dialogs.shared.window import Screen
from dialogs.states import HelpSG


@inject
async def help_getter(
    dialog_manager: DialogManager, settings: FromDishka[Settings], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    contacts = [
        i18n.get(key, value=html.escape(value))
        for key, value in (
            ("help-address", settings.contact_address),
            ("help-phone", settings.contact_phone),
            ("help-email", settings.contact_email),
            ("help-telegram", settings.contact_telegram),
        )
        if value
    ]
    return {
        "coworking": html.escape(settings.coworking_name),
        "free_hours": settings.cancel_free_hours,
        "payments": "yes" if settings.payments_enabled else "no",
        "contacts": "\n".join(contacts),
        "has_contacts": bool(contacts),
        "rules_url": settings.rules_url or "",
        "has_rules": bool(settings.rules_url),
        "privacy_url": settings.privacy_policy_url or "",
        "has_privacy": bool(settings.privacy_policy_url),
    }


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("help-text"),
            Format("{contacts}", when="has_contacts"),
            Url(T("btn-rules"), Format("{rules_url}"), id="rules", when="has_rules"),
            Url(T("btn-privacy"), Format("{privacy_url}"), id="privacy", when="has_privacy"),
            TO_MENU,
            getter=help_getter,
            state=HelpSG.main,
        ),
    )
