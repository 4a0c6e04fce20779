"""Bot and dispatcher factories."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_dialog import setup_dialogs
from aiogram_dialog.api.protocols import MessageManagerProtocol
from dishka import AsyncContainer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.storage import SqlStorage
from coworking_bot.i18n import Translations
from dialogs.errors import OwnerAlerts, create_error_router
from dialogs.middlewares import ContainerMiddleware, FloodGuard, UserContextMiddleware
from dialogs.setup import build_router


def create_bot(settings: Settings) -> Bot:
    """A bot that talks to Telegram, or to the Bot API server at `TELEGRAM_API_URL`."""
    session = None
    if settings.telegram_api_url:
        server = TelegramAPIServer.from_base(settings.telegram_api_url)
        session = AiohttpSession(api=server)
    return Bot(
        token=settings.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def create_storage(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when `REDIS_URL` is set (several instances share it); our database otherwise."""
    key_builder = DefaultKeyBuilder(with_destiny=True)
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        storage = RedisStorage.from_url(settings.redis_url, key_builder=key_builder)
        return storage, RedisEventIsolation(storage.redis, key_builder=key_builder)
    # Only a single process writes a SQLite file, so it may cache what it wrote.
    return (
        SqlStorage(session_factory, key_builder, cache=settings.is_sqlite),
        SimpleEventIsolation(),
    )


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
