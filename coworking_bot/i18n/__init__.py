"""Texts in the user's language: Fluent translations, and how money, days and periods read."""

from coworking_bot.i18n.translations import (
    MissingTranslation,
    Translations,
    Translator,
    message_ids,
)

__all__ = ["MissingTranslation", "Translations", "Translator", "message_ids"]
