"""The bot commands Telegram shows in its menu, in both languages."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations

CLIENT_COMMANDS = ("start", "menu", "book", "mybookings", "support", "profile", "help", "cancel")
STAFF_COMMANDS = (*CLIENT_COMMANDS, "admin")


def command_list(
    translations: Translations, language: Language, names: tuple[str, ...]
) -> list[BotCommand]:
    i18n = translations(language)
    return [BotCommand(command=name, description=i18n.get(f"command-{name}")) for name in names]


async def register_commands(bot: Bot, translations: Translations, staff_ids: set[int]) -> None:
    """Default commands for everyone (per language), plus /admin in staff chats."""
    for language, code in _language_codes(translations):
        await bot.set_my_commands(
            command_list(translations, language, CLIENT_COMMANDS),
            scope=BotCommandScopeDefault(),
            language_code=code,
        )
    for chat_id in staff_ids:
        await register_staff_commands(bot, translations, chat_id)


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
