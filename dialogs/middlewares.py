"""Update-level middlewares: flood guard, one DI scope (and so one DB session) per update, and
the user with their language."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser
from dishka import AsyncContainer

from coworking_bot.domain.users import Caller
from coworking_bot.i18n import Translations
from coworking_bot.services.users.profile import ProfileService
from dialogs.shared.i18n import I18N_KEY

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
CONTAINER_KEY = "dishka_container"
USER_KEY = "user"


class FloodGuard(BaseMiddleware):
    """Drops a user's updates past `limit` in `window` seconds; says so once per window."""

    def __init__(self, translations: Translations, limit: int = 20, window: float = 10.0) -> None:
        self._translations = translations
        self._limit = limit
        self._window = window
        self._hits: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}
        self._last_sweep = time.monotonic()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: TgUser | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        now = time.monotonic()
        hits = self._hits.setdefault(user.id, deque())
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            await self._warn(event, user, now)
            return None
        hits.append(now)
        self._sweep(now)
        return await handler(event, data)

    async def _warn(self, event: TelegramObject, user: TgUser, now: float) -> None:
        if now - self._warned.get(user.id, -self._window) < self._window:
            return
        self._warned[user.id] = now
        text = self._translations(user.language_code).get("flood-slow-down")
        if isinstance(event, Update) and event.callback_query:
            await event.callback_query.answer(text, show_alert=False)
        elif isinstance(event, Update) and event.message:
            await event.message.answer(text)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self._window * 6:
            return
        self._last_sweep = now
        for user_id in [k for k, v in self._hits.items() if not v or now - v[-1] > self._window]:
            del self._hits[user_id]
        for user_id in [k for k, v in self._warned.items() if now - v > self._window]:
            del self._warned[user_id]


class ContainerMiddleware(BaseMiddleware):
    """One request scope per update: the update's database session lives and dies with it."""

    def __init__(self, container: AsyncContainer) -> None:
        self._container = container

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        caller = Caller(tg_user.id if tg_user is not None else 0)
        async with self._container(context={Caller: caller}) as request_container:
            data[CONTAINER_KEY] = request_container
            return await handler(event, data)


class UserContextMiddleware(BaseMiddleware):
    """Puts the user (None until /start) and their language's texts into the handler data.

    Banned users get one short answer and nothing else happens.
    """

    def __init__(self, translations: Translations) -> None:
        self._translations = translations

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        user = None
        if tg_user is not None and not tg_user.is_bot:
            container: AsyncContainer = data[CONTAINER_KEY]
            profiles = await container.get(ProfileService)
            user = await profiles.get(tg_user.id)
            if user is not None and user.bot_blocked:
                # They write to us again, so they unblocked the bot: notices may flow again.
                user = await profiles.mark_reachable(tg_user.id)
        data[USER_KEY] = user
        language = user.language if user else (tg_user.language_code if tg_user else None)
        i18n = self._translations(language)
        data[I18N_KEY] = i18n
        if user is not None and user.is_banned:
            text = i18n.get("error-user-banned")
            if isinstance(event, Update) and event.callback_query:
                await event.callback_query.answer(text, show_alert=True)
            elif (
                isinstance(event, Update) and event.message and event.message.chat.type == "private"
            ):
                await event.message.answer(text)
            return None
        return await handler(event, data)
