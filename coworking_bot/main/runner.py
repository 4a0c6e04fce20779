"""`coworking-bot run`: one process with the bot, the scheduler and the HTTP API."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator
from typing import Any

import uvicorn
from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramUnauthorizedError,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.instances import Heartbeat
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.repositories.staff import SqlStaffRepository
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translations
from coworking_bot.main.bot import create_bot, create_dispatcher, create_notice_renderer
from coworking_bot.main.container import create_container
from coworking_bot.main.web import create_app
from coworking_bot.outbox.rate_limit import SAFE_PER_SECOND, RateLimiter
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.outbox.shared_rate import SharedRate
from coworking_bot.scheduler import create_scheduler
from coworking_bot.services.common.ports import Clock
from dialogs.commands import register_commands
from dialogs.locales import LOCALES_DIR

logger = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the runner stops everything together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    # aiohttp and httpx would log request URLs, and a Bot API URL carries the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    if level != "DEBUG":
        # Alembic tells every step of every start at INFO.
        logging.getLogger("alembic").setLevel(logging.WARNING)


async def _staff(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> dict[int, StaffRole]:
    async with sessions() as session:
        members = await SqlStaffRepository(session).list()
    staff = {member.telegram_id: member.role for member in members}
    return staff | dict.fromkeys(settings.owner_ids, StaffRole.OWNER)


async def _announce(
    bot: Bot, settings: Settings, translations: Translations, staff: dict[int, StaffRole]
) -> None:
    try:
        me = await bot.get_me()
        await register_commands(bot, translations, staff, settings.dashboard_url)
    except TelegramAPIError as error:
        logger.warning("could not register bot commands: %s", error)
        return
    logger.info("bot @%s is up", me.username)


class StartupError(Exception):
    """The bot cannot start; the message is one line for the operator."""


async def _check_bot(bot: Bot, settings: Settings) -> None:
    where = settings.telegram_api_url or "https://api.telegram.org"
    try:
        await bot.get_me()
    except TelegramUnauthorizedError:
        raise StartupError(
            "Setting BOT_TOKEN was refused by the Bot API: check it, or get a new one from"
            " @BotFather (/token)."
        ) from None
    except TelegramNetworkError as error:
        raise StartupError(f"cannot reach the Bot API at {where}: {error.message}") from None


async def run(settings: Settings) -> None:
    configure_logging(settings.log_level)
    logger.info("migrating the database")
    await asyncio.to_thread(upgrade, settings.database_url)

    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)
    translations = Translations(LOCALES_DIR, settings.default_language_enum)
    bot = create_bot(settings)
    container = create_container(settings, bot, sessions, translations)
    dispatcher = create_dispatcher(settings, container, sessions, translations)
    app = create_app(settings, container, bot=bot, dispatcher=dispatcher)
    scheduler = create_scheduler(container)
    # Several instances share Redis, and through it Telegram's limit of 30 messages a second.
    shared_rate = (
        SharedRate.from_url(settings.redis_url, SAFE_PER_SECOND) if settings.redis_url else None
    )
    sender = OutboxSender(
        sessions,
        bot,
        create_notice_renderer(settings, translations),
        await container.get(Clock),
        limiter=RateLimiter.for_telegram(shared_rate),
        user_cache=await container.get(UserCache) if settings.is_sqlite else None,
    )
    server = _Server(
        uvicorn.Config(
            app,
            host=settings.api_host,
            port=settings.api_port,
            log_config=None,
            lifespan="off",
            # uvicorn would believe X-Forwarded-For from 127.0.0.1 by default; the webhook reads
            # it itself, and only from the proxies listed in TRUSTED_PROXIES.
            proxy_headers=False,
        )
    )

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)

    tasks: list[asyncio.Task[Any]] = []
    try:
        await _check_bot(bot, settings)
        await _announce(bot, settings, translations, await _staff(settings, sessions))
        scheduler.start()
        tasks.append(asyncio.create_task(sender.run(stop), name="outbox"))
        # Lets `restore` see that the bot runs; the task removes its row when `stop` is set.
        tasks.append(asyncio.create_task(Heartbeat(sessions).run(stop), name="heartbeat"))
        tasks.append(asyncio.create_task(server.serve(), name="api"))
        if settings.webhook_mode:
            await bot.set_webhook(
                url=str(settings.webhook_url),
                secret_token=settings.webhook_secret_token,
                allowed_updates=dispatcher.resolve_used_update_types(),
            )
            logger.info("webhook mode: Telegram calls %s", settings.webhook_url)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            tasks.append(asyncio.create_task(_poll(dispatcher, bot), name="polling"))
        tasks.append(asyncio.create_task(stop.wait(), name="stop"))

        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        crashed = [task for task in done if task.get_name() != "stop"]
        for task in crashed:
            logger.error("%s stopped", task.get_name(), exc_info=task.exception())
        if crashed and not stop.is_set():
            names = ", ".join(task.get_name() for task in crashed)
            raise StartupError(f"{names} stopped unexpectedly; see the log above")
    finally:
        logger.info("shutting down")
        stop.set()
        server.should_exit = True
        if not settings.webhook_mode:
            with contextlib.suppress(RuntimeError):
                await dispatcher.stop_polling()
        await asyncio.gather(*tasks, return_exceptions=True)
        if scheduler.running:
            scheduler.shutdown(wait=False)
        await dispatcher.storage.close()
        if shared_rate is not None:
            await shared_rate.close()
        await container.close()
        await bot.session.close()
        await engine.dispose()


async def _poll(dispatcher: Dispatcher, bot: Bot) -> None:
    await dispatcher.start_polling(
        bot,
        handle_signals=False,
        close_bot_session=False,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
