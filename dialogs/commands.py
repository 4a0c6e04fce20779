"""The bot commands Telegram shows in its menu, in both languages."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

from coworking_bot.domain.enums import Language, Permission, StaffRole
from coworking_bot.domain.permissions import ROLE_PERMISSIONS
from coworking_bot.i18n import Translations

logger = logging.getLogger(__name__)

CLIENT_COMMANDS = ("start", "menu", "book", "mybookings", "support", "profile", "help", "cancel")
STAFF_COMMANDS = (*CLIENT_COMMANDS, "admin")


def command_list(
    translations: Translations, language: Language, names: tuple[str, ...]
) -> list[BotCommand]:
    i18n = translations(language)
    return [BotCommand(command=name, description=i18n.get(f"command-{name}")) for name in names]


async def register_commands(
    bot: Bot,
    translations: Translations,
    staff: dict[int, StaffRole],
    dashboard_url: str | None = None,
) -> None:
    """Default commands for everyone (per language), plus /admin in staff chats, and the
    dashboard as the menu button of those who may see it."""
    for language, code in _language_codes(translations):
        await bot.set_my_commands(
            command_list(translations, language, CLIENT_COMMANDS),
            scope=BotCommandScopeDefault(),
            language_code=code,
        )
    for chat_id, role in staff.items():
        await set_staff_menus(bot, translations, chat_id, role, dashboard_url)


async def set_staff_menus(
    bot: Bot,
    translations: Translations,
    chat_id: int,
    role: StaffRole | None,
    dashboard_url: str | None,
) -> None:
    """The chat's own command list and menu button for its role: /admin, and the dashboard for
    those who may open it; Telegram's defaults without a role. Best effort: a chat Telegram
    refuses (a member who never wrote to the bot) is logged, and whatever changed the role
    stands."""
    try:
        if role is None:
            await unregister_staff_commands(bot, translations, chat_id)
        else:
            await register_staff_commands(bot, translations, chat_id)
        await set_menu_button(bot, translations, chat_id, dashboard_for(role, dashboard_url))
    except TelegramAPIError as error:
        logger.warning("could not set the staff menus of chat %s: %s", chat_id, error)


def dashboard_for(role: StaffRole | None, dashboard_url: str | None) -> str | None:
    """The dashboard's address for a member of this role, when they may open it."""
    if role is None or Permission.VIEW_ANALYTICS not in ROLE_PERMISSIONS[role]:
        return None
    return dashboard_url


async def set_menu_button(
    bot: Bot, translations: Translations, chat_id: int, dashboard_url: str | None
) -> None:
    """The chat's menu button: the dashboard when given, else Telegram's list of commands. One
    button per chat, so it reads in the bot's default language."""
    if dashboard_url:
        text = translations(translations.default).get("btn-dashboard")
        button: MenuButtonWebApp | MenuButtonDefault = MenuButtonWebApp(
            text=text, web_app=WebAppInfo(url=dashboard_url)
        )
    else:
        button = MenuButtonDefault()
    await bot.set_chat_menu_button(chat_id=chat_id, menu_button=button)


def _language_codes(translations: Translations) -> list[tuple[Language, str | None]]:
    """Each language with the code Telegram keys its command lists by (none for the default)."""
    return [
        (language, None if language is translations.default else language.value)
        for language in Language
    ]


async def register_staff_commands(bot: Bot, translations: Translations, chat_id: int) -> None:
    for language, code in _language_codes(translations):
        await bot.set_my_commands(
            command_list(translations, language, STAFF_COMMANDS),
            scope=BotCommandScopeChat(chat_id=chat_id),
            language_code=code,
        )


async def unregister_staff_commands(bot: Bot, translations: Translations, chat_id: int) -> None:
    """Drops the chat's own lists, so the chat sees the default commands again."""
    for _, code in _language_codes(translations):
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=chat_id), language_code=code)
