"""How an outbox row reads when it is sent: its text in the recipient's language with the typed
params formatted there and then, and its buttons with the bot's own callback data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from coworking_bot.domain.enums import Language
from coworking_bot.domain.money import format_rub
from coworking_bot.i18n import Translations, Translator
from coworking_bot.i18n.formats import format_period, format_time
from coworking_bot.services.common.notices import (
    Money,
    Names,
    NoticeAction,
    NoticeParam,
    Period,
    Term,
    TimeOfDay,
    decode_buttons,
    decode_params,
)


class ButtonData(Protocol):
    """The bot's callback data for a notice button's action (`dialogs.callbacks`)."""

    def __call__(self, action: NoticeAction, args: tuple[int, ...]) -> str: ...


class NoticeRenderer:
    def __init__(self, translations: Translations, tz: ZoneInfo, button_data: ButtonData) -> None:
        self._translations = translations
        self._tz = tz
        self._button_data = button_data

    def text(self, language: Language, key: str, raw_params: Mapping[str, Any]) -> str:
        """The notice's HTML text; str params are plain text and get escaped here."""
        if not key:
            return ""
        i18n = self._translations(language)
        params = {
            name: self._param(i18n, value) for name, value in decode_params(raw_params).items()
        }
        return i18n.get(key, **params)

    def keyboard(
        self, language: Language, raw_buttons: Sequence[Sequence[Mapping[str, Any]]] | None
    ) -> InlineKeyboardMarkup | None:
        if not raw_buttons:
            return None
        i18n = self._translations(language)
        rows = [[self._button(i18n, raw) for raw in row] for row in raw_buttons if row]
        return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None

    def _button(self, i18n: Translator, raw: Mapping[str, Any]) -> InlineKeyboardButton:
        if "callback_data" in raw:  # queued before buttons named their action
            return InlineKeyboardButton(
                text=i18n.get(str(raw["key"])), callback_data=str(raw["callback_data"])
            )
        [[button]] = decode_buttons([[raw]])
        if button.action is not None:
            return InlineKeyboardButton(
                text=i18n.get(button.key),
                callback_data=self._button_data(button.action, button.args),
            )
        return InlineKeyboardButton(text=i18n.get(button.key), url=button.url)

    def _param(self, i18n: Translator, value: NoticeParam) -> str | int:
        if isinstance(value, str):
            return escape(value, quote=False)
        if isinstance(value, int):
            return value
        if isinstance(value, Money):
            return format_rub(value.kopecks)
        if isinstance(value, Period):
            return format_period(i18n, value.unit, value.start, value.end, self._tz)
        if isinstance(value, TimeOfDay):
            return format_time(value.moment, self._tz)
        if isinstance(value, Names):
            return escape(value.get(i18n.language), quote=False)
        if isinstance(value, Term):
            return i18n.get(value.key)
        raise TypeError(f"a notice param the renderer cannot show: {value!r}")
