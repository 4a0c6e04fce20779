"""How fast the real dispatcher handles updates, over a database of many registered users.

Feeds updates through `create_dispatcher` with the real container, the real `SqlStorage` and the
real aiogram-dialog message manager; only the Bot API is replaced, by a session that answers in
process at once (so rendering and sending are measured, the network is not). One event loop, one
update at a time. Prints figures; never fails on time.

    .venv/bin/python bench/updates.py [--users 100000] [--updates 3000]
        [--database-url postgresql+asyncpg://...] [--profile]

A PostgreSQL database given with --database-url is emptied first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import itertools
import json
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.methods import EditMessageText, GetMe, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from sqlalchemy import event, insert, text

from coworking_bot.config import Settings
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations
from coworking_bot.main.bot import create_dispatcher
from coworking_bot.main.container import create_container
from dialogs.locales import LOCALES_DIR

TOKEN = "42:BENCH-token-0123456789abcdefghij"
FIRST_ID = 1_000_000
WARMUP = 200
SEED_BATCH = 10_000
HELP_BUTTON = "ℹ️"  # "Помощь" or "Help", by the user's language


class InstantSession(BaseSession):
    """Answers every Bot API call at once, through aiogram's own response parsing."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self._ids = itertools.count(1)
        # The latest window each chat was shown: its message id and inline keyboard.
        self.windows: dict[int, tuple[int, InlineKeyboardMarkup]] = {}

    async def close(self) -> None:
        pass

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> TelegramType:
        self.calls += 1
        result: Any = True
        if isinstance(method, GetMe):
            result = {"id": 42, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
        elif isinstance(method, SendMessage | EditMessageText):
            chat_id = int(method.chat_id or 0)
            message_id = next(self._ids)
            if isinstance(method.reply_markup, InlineKeyboardMarkup):
                self.windows[chat_id] = (message_id, method.reply_markup)
            result = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": method.text,
            }
        content = json.dumps({"ok": True, "result": result})
        return self.check_response(bot, method, 200, content).result  # type: ignore[return-value]

    async def stream_content(self, *_: Any, **__: Any) -> AsyncGenerator[bytes, None]:
        yield b""


def message_update(update_id: int, user_id: int, text_: str) -> Update:
    # The seeded username, so /start has nothing to update.
    user = User(
        id=user_id,
        is_bot=False,
        first_name="Bench",
        username=f"user{user_id - FIRST_ID}",
        language_code="ru",
    )
    return Update(
        update_id=update_id,
        message=Message(
            message_id=update_id,
            date=datetime.now(UTC),
            chat=Chat(id=user_id, type="private"),
            from_user=user,
            text=text_,
        ),
    )


def tap_update(
    update_id: int, user_id: int, window: tuple[int, InlineKeyboardMarkup], text_: str
) -> Update:
    """A tap on the button starting with `text_` of the window the user was shown last."""
    message_id, markup = window
    [data] = [
        b.callback_data for row in markup.inline_keyboard for b in row if b.text.startswith(text_)
    ]
    user = User(id=user_id, is_bot=False, first_name="Bench", language_code="ru")
    return Update(
        update_id=update_id,
        callback_query=CallbackQuery(
            id=str(update_id),
            from_user=user,
            chat_instance=str(user_id),
            message=Message(
                message_id=message_id,
                date=datetime.now(UTC),
                chat=Chat(id=user_id, type="private"),
                from_user=User(id=42, is_bot=True, first_name="Bench"),
                text="menu",
            ),
            data=data,
        ),
    )


async def prepare_database(url: str, users: int) -> float:
    """Migrates, empties and fills the database; the seconds the insert took."""
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(table.delete())
    now = datetime.now(UTC)
    started = time.perf_counter()
    async with engine.begin() as connection:
        for first in range(0, users, SEED_BATCH):
            rows = [
                {
                    "telegram_id": FIRST_ID + i,
                    "username": f"user{i}",
                    "full_name": f"Bench User {i}",
                    "phone": f"+7916{i:07d}",
                    "email": None,
                    "language": Language.RU if i % 3 else Language.EN,
                    "referral_code": f"B{i:07d}",
                    "consent_at": now,
                    "registered_at": now,
                    "is_banned": False,
                    "bot_blocked": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(first, min(first + SEED_BATCH, users))
            ]
            await connection.execute(insert(UserRow), rows)
    seconds = time.perf_counter() - started
    await engine.dispose()
    return seconds


async def measure(
    feed: Callable[[Update], Awaitable[Any]], make: Callable[[int], Update], count: int
) -> list[float]:
    """Latencies in seconds of `count` updates, after a warm-up."""
    for n in range(WARMUP):
        await feed(make(n))
    latencies = []
    for n in range(WARMUP, WARMUP + count):
        update = make(n)
        started = time.perf_counter()
        await feed(update)
        latencies.append(time.perf_counter() - started)
    return latencies


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: Any) -> None:
        self.count += 1


def report(
    name: str, latencies: list[float], bare_rate: float | None, statements: float = 0
) -> float:
    rate = len(latencies) / sum(latencies)
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    ratio = f"{bare_rate / rate:8.1f}x" if bare_rate else f"{'1.0x':>9}"
    print(f"{name:<28}{rate:>11,.0f}{statistics.median(ms):>9.2f}{p99:>9.2f}{ratio}"
          f"{statements:>9.1f}")  # fmt: skip
    return rate


async def main(args: argparse.Namespace) -> None:
    url = args.database_url
    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-updates-")
        url = f"sqlite+aiosqlite:///{Path(tmp.name) / 'bench.db'}"
    seed_seconds = await prepare_database(url, args.users)
    print(f"database: {url.split('://')[0]}; {args.users:,} registered users seeded in "
          f"{seed_seconds:.2f} s ({args.users / max(seed_seconds, 1e-9):,.0f} rows/s)")  # fmt: skip

    settings = Settings(
        bot_token=TOKEN, database_url=url, redis_url=None, admin_telegram_id=[1],
        _env_file=None,  # type: ignore[call-arg]
    )  # fmt: skip
    engine = create_engine(url)
    statements = StatementCounter()
    event.listen(engine.sync_engine, "before_cursor_execute", statements)
    sessions = create_session_factory(engine)
    translations = Translations(LOCALES_DIR, Language.RU)
    api = InstantSession()
    bot = Bot(token=TOKEN, session=api)
    container = create_container(settings, bot, sessions, translations)
    dispatcher = create_dispatcher(settings, container, sessions, translations)

    bare_dispatcher = Dispatcher()
    router = Router()
    router.message()(_noop)
    bare_dispatcher.include_router(router)

    ids = itertools.count(1)
    rng = random.Random(1)

    def user_update(command: str) -> Callable[[int], Update]:
        return lambda _: message_update(next(ids), FIRST_ID + rng.randrange(args.users), command)

    async def feed_bare(update: Update) -> Any:
        return await bare_dispatcher.feed_update(bot, update)

    async def feed_app(update: Update) -> Any:
        return await dispatcher.feed_update(bot, update)

    print(f"{args.updates:,} updates per scenario, users picked at random, one at a time\n")
    print(
        f"{'scenario':<28}{'updates/s':>11}{'p50 ms':>9}{'p99 ms':>9}{'vs bare':>9}{'SQL/upd':>9}"
    )
    bare = await measure(feed_bare, user_update("hello"), args.updates)
    bare_rate = report("bare aiogram, no-op handler", bare, None)
    with profiled(args.profile) as show_profile:
        start_latencies = await measure(feed_app, user_update("/start"), args.updates)
    per_update = statements.count / (args.updates + WARMUP)
    statements.count = 0
    report("/start -> main menu", start_latencies, bare_rate, per_update)
    # Each user who got the menu taps its Help button once: a callback through the window's
    # checks, then a new dialog.
    menus = list(api.windows.items())
    taps = min(args.updates, len(menus) - WARMUP)

    def tap(n: int) -> Update:
        chat_id, window = menus[n]
        return tap_update(next(ids), chat_id, window, HELP_BUTTON)

    tap_latencies = await measure(feed_app, tap, taps)
    per_update = statements.count / (taps + WARMUP)
    statements.count = 0
    report("tap Help in the main menu", tap_latencies, bare_rate, per_update)
    profile_latencies = await measure(feed_app, user_update("/profile"), args.updates)
    per_update = statements.count / (args.updates + WARMUP)
    report("/profile", profile_latencies, bare_rate, per_update)
    print(f"\nBot API calls answered: {api.calls:,}")

    await dispatcher.storage.close()
    await container.close()
    await engine.dispose()
    if tmp is not None:
        tmp.cleanup()
    show_profile()


@contextlib.contextmanager
def profiled(enabled: bool) -> Iterator[Callable[[], None]]:
    """pyinstrument (wall clock, follows awaits) when installed, else cProfile; yields a printer."""
    if not enabled:
        yield lambda: None
        return
    try:
        from pyinstrument import Profiler
    except ImportError:
        profile = cProfile.Profile()
        profile.enable()
        yield lambda: pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        profile.disable()
        return
    profiler = Profiler(async_mode="enabled")
    profiler.start()
    try:
        yield lambda: print(profiler.output_text(color=False))
    finally:
        profiler.stop()


async def _noop(_: Message) -> None:
    return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=100_000, help="registered users to seed")
    parser.add_argument("--updates", type=int, default=3000, help="updates per scenario")
    parser.add_argument(
        "--database-url", default=None, help="default: a SQLite file in a temporary directory"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the /start scenario (pyinstrument if installed, else cProfile)",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
