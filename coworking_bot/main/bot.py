"""Bot and dispatcher factories."""

from __future__ import annotations

from collections import OrderedDict
from typing import cast

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.methods import AnswerCallbackQuery, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram_dialog import setup_dialogs
from aiogram_dialog.api.protocols import MessageManagerProtocol
from dishka import AsyncContainer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.storage import SqlStorage
from coworking_bot.i18n import Translations
from coworking_bot.outbox.render import NoticeRenderer
from dialogs.callbacks import notice_button_data
from dialogs.errors import OwnerAlerts, create_error_router
from dialogs.middlewares import ContainerMiddleware, FloodGuard, UserContextMiddleware
from dialogs.setup import build_router


class AnswerCallbackOnce(BaseRequestMiddleware):
    """Sends only the first answer to a button press.

    aiogram-dialog answers every press after the handler ran, even when the handler already
    answered it with a text (an alert, "Language changed"); Telegram refuses the second answer.
    """

    def __init__(self, remember: int = 4096) -> None:
        self._answered: OrderedDict[str, None] = OrderedDict()
        self._remember = remember

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        query_id = method.callback_query_id if isinstance(method, AnswerCallbackQuery) else None
        if query_id is None:
            return await make_request(bot, method)
        if query_id in self._answered:
            return cast(Response[TelegramType], True)  # what the session gives for an answer
        result = await make_request(bot, method)
        self._answered[query_id] = None
        if len(self._answered) > self._remember:
            self._answered.popitem(last=False)
        return result


def create_bot(settings: Settings) -> Bot:
    """A bot that talks to Telegram, or to the Bot API server at `TELEGRAM_API_URL`."""
    session = None
    if settings.telegram_api_url:
        server = TelegramAPIServer.from_base(settings.telegram_api_url)
        session = AiohttpSession(api=server)
    bot = Bot(
        token=settings.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    bot.session.middleware(AnswerCallbackOnce())
    return bot


def create_notice_renderer(settings: Settings, translations: Translations) -> NoticeRenderer:
    """How outbox notices read when sent: texts, the coworking's time zone, the bot's buttons."""
    return NoticeRenderer(translations, settings.tz, notice_button_data)


STORAGE_FLUSH_SECONDS = 0.1


def create_storage(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when `REDIS_URL` is set (several instances share it); our database otherwise."""
    key_builder = DefaultKeyBuilder(with_destiny=True)
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        redis = RedisStorage.from_url(settings.redis_url, key_builder=key_builder)
        return redis, RedisEventIsolation(redis.redis, key_builder=key_builder)
    # Only a single process writes a SQLite file, so it may cache what it wrote and batch its
    # writes (see SqlStorage). On PostgreSQL without Redis, several instances may share the
    # table, so every read and write goes to the database.
    single_process = settings.is_sqlite
    storage = SqlStorage(
        session_factory,
        key_builder,
        cache=single_process,
        flush_interval=STORAGE_FLUSH_SECONDS if single_process else None,
    )
    return storage, SimpleEventIsolation()


def create_dispatcher(
    settings: Settings,
    container: AsyncContainer,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    *,
    storage: BaseStorage | None = None,
    events_isolation: BaseEventIsolation | None = None,
    message_manager: MessageManagerProtocol | None = None,
) -> Dispatcher:
    """The whole bot: middlewares, error handling, every router and dialog.

    Tests pass a storage and aiogram-dialog's `MockMessageManager`; nothing else differs.
    """
    if storage is None:
        storage, default_isolation = create_storage(settings, session_factory)
        events_isolation = events_isolation or default_isolation
    dispatcher = Dispatcher(
        storage=storage, events_isolation=events_isolation or SimpleEventIsolation()
    )
    dispatcher.update.outer_middleware(FloodGuard(translations))
    dispatcher.update.outer_middleware(ContainerMiddleware(container))
    dispatcher.update.outer_middleware(UserContextMiddleware(translations))
    # An error is handled after the update's scope closed: give the handlers a fresh one.
    dispatcher.errors.outer_middleware(ContainerMiddleware(container))

    alerts = OwnerAlerts(settings.owner_ids, translations, settings.default_language)
    dispatcher.include_router(create_error_router(alerts))
    dispatcher.include_router(build_router())
    setup_dialogs(dispatcher, message_manager=message_manager)
    return dispatcher
