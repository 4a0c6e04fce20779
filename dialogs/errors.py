"""What the user sees when something goes wrong, and what the owners hear about it."""

from __future__ import annotations

import logging
import time
import traceback

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState

from coworking_bot.domain.errors import DomainError, UserBanned
from coworking_bot.domain.users import User
from coworking_bot.i18n import Translations, Translator
from dialogs.shared.navigation import open_home

logger = logging.getLogger(__name__)

ALERT_INTERVAL_SECONDS = 60.0


class OwnerAlerts:
    """At most one alert a minute per kind of error, to every owner."""

    def __init__(self, owner_ids: frozenset[int], translations: Translations, default: str) -> None:
        self._owner_ids = owner_ids
        self._translations = translations
        self._default = default
        self._last: dict[str, float] = {}

    @property
    def fallback_translator(self) -> Translator:
        return self._translations(self._default)

    def due(self, kind: str) -> bool:
        now = time.monotonic()
        if now - self._last.get(kind, -ALERT_INTERVAL_SECONDS) < ALERT_INTERVAL_SECONDS:
            return False
        self._last[kind] = now
        return True

    async def send(self, bot: Bot, kind: str, error: BaseException) -> None:
        if not self._owner_ids or not self.due(kind):
            return
        text = self._translations(self._default).get(
            "error-owner-alert", kind=kind, error=str(error)[:500]
        )
        for owner_id in self._owner_ids:
            try:
                await bot.send_message(owner_id, text, parse_mode=None)
            except TelegramAPIError as send_error:
                logger.warning("could not alert owner %s: %s", owner_id, send_error)


def error_kind(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}"


def create_error_router(alerts: OwnerAlerts) -> Router:
    router = Router(name=__name__)

    @router.errors(ExceptionTypeFilter(UnknownIntent, UnknownState, OutdatedIntent))
    async def on_stale_button(
        event: ErrorEvent,
        dialog_manager: DialogManager,
        i18n: Translator | None = None,
        user: User | None = None,
    ) -> None:
        i18n = i18n or alerts.fallback_translator
        update = event.update
        if update.callback_query:
            await update.callback_query.answer(i18n.get("error-stale-button"), show_alert=False)
            if update.callback_query.message is None:
                return
        elif update.message:
            await update.message.answer(i18n.get("error-stale-button"))
        await open_home(dialog_manager, user, show_mode=ShowMode.SEND)

    @router.errors(ExceptionTypeFilter(DomainError))
    async def on_refusal(
        event: ErrorEvent,
        dialog_manager: DialogManager,
        i18n: Translator | None = None,
        user: User | None = None,
    ) -> None:
        """A refusal no handler caught: a screen drawn for something that changed meanwhile (a
        booking cancelled, a tariff switched off), a client banned in the middle of a dialog.
        It is said as the refusal it is, not as a fault, and the user goes back to the menu."""
        i18n = i18n or alerts.fallback_translator
        error = event.exception
        assert isinstance(error, DomainError)
        text = i18n.get(error.key, **error.params)
        update = event.update
        try:
            if update.callback_query:
                await update.callback_query.answer(text, show_alert=True)
            elif update.message:
                await update.message.answer(text)
        except TelegramAPIError:
            logger.warning("could not answer update %s", update.update_id)
        if isinstance(error, UserBanned) or (user is not None and user.is_banned):
            return
        await open_home(dialog_manager, user, show_mode=ShowMode.SEND)

    @router.errors()
    async def on_any_error(event: ErrorEvent, bot: Bot, i18n: Translator | None = None) -> None:
        i18n = i18n or alerts.fallback_translator
        error = event.exception
        logger.error("error while handling update %s", event.update.update_id, exc_info=error)
        update = event.update
        try:
            if update.callback_query:
                await update.callback_query.answer(i18n.get("error-apology"), show_alert=True)
            elif update.message:
                await update.message.answer(i18n.get("error-apology"))
        except TelegramAPIError:
            logger.warning("could not apologize for update %s", update.update_id)
        await alerts.send(bot, error_kind(error), error)

    return router
