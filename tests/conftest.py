"""Shared fixtures: a real database (a SQLite file, or PostgreSQL with TEST_DATABASE_URL), the
real dispatcher and dialogs, and a recording Telegram border."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from dishka import AsyncContainer, Provider, Scope, provide
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.storage import SqlStorage
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations, Translator
from coworking_bot.main.bot import create_dispatcher
from coworking_bot.main.container import create_container
from coworking_bot.outbox.rate_limit import RateLimiter
from coworking_bot.outbox.render import NoticeRenderer
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.common.ports import Clock
from dialogs.callbacks import notice_button_data
from dialogs.locales import LOCALES_DIR
from tests.fakes.telegram import TEST_TOKEN, RecordingSession, WindowRecorder, recording_bot
from tests.fakes.yookassa import YooKassaStandIn

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
OWNER_ID = 1000


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported by now lives to the end: a full collection need not walk it again.
    Without this each one walked over a million objects and took 1.5 s late in the suite."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def without_collections() -> Iterator[None]:
    """For a test that measures time: the garbage collected first, and not during it (a full
    collection late in the suite takes over a second, and once took a third of a 3 s window)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class FakeClock:
    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current


@pytest.fixture(scope="session")
def _migrated_postgres() -> str | None:
    if TEST_DATABASE_URL:
        upgrade(TEST_DATABASE_URL)
    return TEST_DATABASE_URL


@pytest.fixture
def database_url(tmp_path: Path, _migrated_postgres: str | None) -> str:
    if _migrated_postgres:
        return _migrated_postgres
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    if engine.dialect.name == "postgresql":
        names = ", ".join(t.name for t in Base.metadata.sorted_tables)
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def kassa() -> AsyncIterator[YooKassaStandIn]:
    """The YooKassa stand-in the app's settings point at (`YOOKASSA_API_URL`)."""
    async with YooKassaStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def settings(database_url: str, kassa: YooKassaStandIn) -> Settings:
    """Settings of a coworking that takes payments online (YooKassa: the local stand-in,
    which may call the webhook from 127.0.0.1)."""
    return Settings(
        bot_token=TEST_TOKEN,
        admin_telegram_id=[OWNER_ID],
        database_url=database_url,
        coworking_name="Test Hub",
        rules_url="https://example.com/rules",
        privacy_policy_url="https://example.com/privacy",
        contact_phone="+7 495 000-00-00",
        yookassa_account_id=kassa.shop_id,
        yookassa_secret_key=kassa.secret_key,
        yookassa_api_url=kassa.url,
        yookassa_webhook_ips="127.0.0.1",
        _env_file=None,  # type: ignore[call-arg]
    )


def without_payments(settings: Settings) -> Settings:
    """The same settings for a coworking without YooKassa: paid bookings are paid on site."""
    return settings.model_copy(update={"yookassa_account_id": None, "yookassa_secret_key": None})


@pytest.fixture(scope="session")
def translations() -> Translations:
    from coworking_bot.domain.enums import Language

    return Translations(LOCALES_DIR, Language.RU, strict=True)


@pytest.fixture
def ru(translations: Translations) -> Translator:
    return translations(Language.RU)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class VirtualTime:
    """A monotonic clock whose `sleep` moves time on at once: rate limits without waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)  # still let other tasks run, as a real sleep would


def build_outbox(
    session_factory: async_sessionmaker[AsyncSession],
    bot: Bot,
    translations: Translations,
    clock: Clock,
    time: VirtualTime | None = None,
) -> OutboxSender:
    """The real sender, its rate limiter on virtual time."""
    time = time or VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic, sleep=time.sleep)
    renderer = NoticeRenderer(translations, ZoneInfo("Europe/Moscow"), notice_button_data)
    return OutboxSender(session_factory, bot, renderer, clock, limiter=limiter)


@pytest.fixture
def outbox(
    session_factory: async_sessionmaker[AsyncSession],
    bot: Bot,
    translations: Translations,
    clock: FakeClock,
) -> OutboxSender:
    """Notices are rows until a test delivers them: `await outbox.deliver_due()`."""
    return build_outbox(session_factory, bot, translations, clock)


@pytest.fixture
def bot_and_session() -> tuple[Bot, RecordingSession]:
    return recording_bot()


@pytest.fixture
def bot(bot_and_session: tuple[Bot, RecordingSession]) -> Bot:
    return bot_and_session[0]


@pytest.fixture
def telegram(bot_and_session: tuple[Bot, RecordingSession]) -> RecordingSession:
    return bot_and_session[1]


def build_container(
    settings: Settings,
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    clock: FakeClock,
) -> AsyncContainer:
    """The real container, with the test clock."""

    class ClockProvider(Provider):
        @provide(scope=Scope.APP)
        def clock(self) -> Clock:
            return clock

    return create_container(settings, bot, session_factory, translations, ClockProvider())


def build_storage(session_factory: async_sessionmaker[AsyncSession]) -> BaseStorage:
    """A fresh storage object over the test database (or TEST_REDIS_URL), as a new process has."""
    key_builder = DefaultKeyBuilder(with_destiny=True)
    if TEST_REDIS_URL:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(TEST_REDIS_URL, key_builder=key_builder)
    # No cache: every read goes to the database, as after a restart.
    return SqlStorage(session_factory, key_builder)


@pytest.fixture
async def container(
    settings: Settings,
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    clock: FakeClock,
) -> AsyncIterator[AsyncContainer]:
    container = build_container(settings, bot, session_factory, translations, clock)
    yield container
    await container.close()


@pytest.fixture
async def storage(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[BaseStorage]:
    storage = build_storage(session_factory)
    if TEST_REDIS_URL:
        from aiogram.fsm.storage.redis import RedisStorage

        assert isinstance(storage, RedisStorage)
        await storage.redis.flushdb()
    yield storage
    await storage.close()


@pytest.fixture
def message_manager() -> WindowRecorder:
    return WindowRecorder()


@pytest.fixture
def dispatcher(
    settings: Settings,
    container: AsyncContainer,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    storage: BaseStorage,
    message_manager: MockMessageManager,
) -> Dispatcher:
    return create_dispatcher(
        settings,
        container,
        session_factory,
        translations,
        storage=storage,
        message_manager=message_manager,
    )


@pytest.fixture
def client(dispatcher: Dispatcher, bot: Bot) -> BotClient:
    return BotClient(dispatcher, user_id=1, chat_id=1, bot=bot)
