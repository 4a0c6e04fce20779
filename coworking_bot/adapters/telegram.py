"""Messages to users that are not a reply to what they just did."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations

logger = logging.getLogger(__name__)


class TelegramNotifier:
    def __init__(self, bot: Bot, translations: Translations) -> None:
        self._bot = bot
        self._translations = translations

    async def notify(self, telegram_id: int, language: Language, key: str, **params: Any) -> None:
        text = self._translations(language).get(key, **params)
        try:
            await self._bot.send_message(telegram_id, text)
        except TelegramForbiddenError:
            logger.info("user %s has blocked the bot; %s not delivered", telegram_id, key)
        except TelegramAPIError as error:
            logger.warning("could not deliver %s to %s: %s", key, telegram_id, error)
