"""How fast a broadcast goes out under Telegram's limits, and whether anyone gets it twice or not
at all, even when the process is killed midway.

Runs the real `coworking-bot run` as a subprocess against the Bot API stand-in of the tests
(reached through TELEGRAM_API_URL), which enforces Telegram's 30 messages a second (an album's
every item counting one) and answers every `--too-many-every`-th message 429 with `retry_after`.
The owner's message (a formatted text, or an album of photos) is already in the owner's chat;
the broadcast to every client is made and started through the real `BroadcastService`, as the
dialog does. Four runs, each a new broadcast to the same clients:

1. the text;  2. the album;  3. the text, the process killed (SIGKILL) once half the clients
have it, then started again;  4. the album, killed the same way.

For each it prints the messages a second sustained (while a process was running; the restart
excluded), the 429s received (and how many of them the rate itself caused), the clients who
got nothing (lost), the clients who got it more than once (doubled), the copies whose fate is
unknown (on their way when the process died: never sent again), and the wall time. Targets:
28.5 messages a second (95 % of the limit), 0 lost, 0 doubled. Never fails on time.

    .venv/bin/python bench/broadcast.py [--recipients 10000] [--album-items 2]
        [--too-many-every 2000] [--retry-after 1] [--runs text,album,text-killed,album-killed]

It takes a while at 30 messages a second: 10,000 clients are about 6 minutes of text and 12 of
an album of two; a killed run waits a minute more for the copies in doubt to be settled.

Scaled out: `--instances 2 --database-url postgresql+asyncpg://…/bench --redis-url redis://…`
runs two bot processes on one PostgreSQL database (it must be empty; the bench empties it again
at the end) sharing Redis, and with it Telegram's limit; a killed run kills the first of them.
The same targets hold: the two together must not go past 30 a second.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import BroadcastRecipientRow, BroadcastRow, UserRow
from coworking_bot.domain.broadcasts import BroadcastStatus, ContentKind, RecipientStatus, Source
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.locales import LOCALES_DIR
from tests.e2e.conftest import TOKEN, BotProcess
from tests.fakes.bot_api import BotApiStandIn, FakeMessage, FakeUser
from tests.fakes.bot_api_rules import Entity

OWNER = FakeUser(1000, "Owner")
FIRST_CLIENT = 5_000_000
INSERT_BATCH = 5_000
RUNS = ("text", "album", "text-killed", "album-killed")
Factory = async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class Outcome:
    messages: int
    per_second: float
    too_many: int
    overruns: int
    lost: int
    doubled: int
    unknown: int
    wall: float


async def add_clients(factory: Factory, api: BotApiStandIn, n: int) -> None:
    now = datetime.now(UTC)
    ids = range(FIRST_CLIENT, FIRST_CLIENT + n)
    async with factory() as session:
        for start in range(0, n, INSERT_BATCH):
            await session.execute(
                insert(UserRow),
                [
                    {
                        "telegram_id": telegram_id,
                        "full_name": f"Client {telegram_id}",
                        "language": Language.RU,
                        "referral_code": f"b{telegram_id}",
                        "consent_at": now,
                        "registered_at": now,
                    }
                    for telegram_id in ids[start : start + INSERT_BATCH]
                ],
            )
        await session.commit()
    for telegram_id in ids:
        api.add_user(FakeUser(telegram_id, "Client"))


def source_of(api: BotApiStandIn, album_items: int, album: bool) -> list[FakeMessage]:
    """The owner's message, written to the bot earlier."""
    if not album:
        text = "Завтра в 19:00 — вечеринка для резидентов. Приходите!"
        return [api.put_message(OWNER, text=text, entities=(Entity("bold", 0, 6),))]
    group = f"bench{time.monotonic_ns()}"
    return [
        api.put_message(
            OWNER, kind="photo", caption="Новый зал" if n == 0 else None, media_group_id=group
        )
        for n in range(album_items)
    ]


async def broadcast_state(factory: Factory, broadcast_id: int) -> tuple[BroadcastStatus, int]:
    """The broadcast's status and how many copies went out so far."""
    async with factory() as session:
        status = await session.scalar(
            select(BroadcastRow.status).where(BroadcastRow.id == broadcast_id)
        )
        sent = await session.scalar(
            select(func.count())
            .select_from(BroadcastRecipientRow)
            .where(
                BroadcastRecipientRow.broadcast_id == broadcast_id,
                BroadcastRecipientRow.status == RecipientStatus.SENT,
            )
        )
    assert status is not None
    return BroadcastStatus(status), int(sent or 0)


async def run(
    name: str,
    args: argparse.Namespace,
    api: BotApiStandIn,
    processes: list[BotProcess],
    container: AsyncContainer,
    factory: Factory,
) -> Outcome:
    album, killed = name.startswith("album"), name.endswith("killed")
    sources = source_of(api, args.album_items, album)
    ids = tuple(m.message_id for m in sources)
    kind = ContentKind.ALBUM if album else ContentKind.TEXT
    too_many, overruns = api.too_many, api.overruns
    began = time.monotonic()
    async with container() as request:
        service = await request.get(BroadcastService)
        draft = await service.create(Actor(OWNER.id, StaffRole.OWNER), Source(OWNER.id, ids, kind))
        broadcast = await service.start(Actor(OWNER.id, StaffRole.OWNER), draft.id)
    killed_at = None
    while True:
        await asyncio.sleep(0.5)
        status, sent = await broadcast_state(factory, broadcast.id)
        if killed and killed_at is None and sent >= args.recipients // 2:
            await processes[0].kill()
            killed_at = time.monotonic()
            await processes[0].start()
        if status is BroadcastStatus.DONE:
            break
    wall = time.monotonic() - began

    copied = set(ids)
    per_client: list[int] = []
    moments: list[float] = []
    for telegram_id in range(FIRST_CLIENT, FIRST_CLIENT + args.recipients):
        items = [m for m in api.messages(telegram_id) if m.copy_of and m.copy_of[1] in copied]
        per_client.append(len({m.copy_call for m in items}))
        moments.extend(m.sent_at for m in items)
    moments.sort()
    async with factory() as session:
        unknown = await session.scalar(
            select(BroadcastRow.unknown).where(BroadcastRow.id == broadcast.id)
        )
    return Outcome(
        messages=len(moments),
        per_second=len(moments) / _active(moments, killed_at),
        too_many=api.too_many - too_many,
        overruns=api.overruns - overruns,
        lost=sum(1 for n in per_client if n == 0),
        doubled=sum(1 for n in per_client if n > 1),
        unknown=int(unknown or 0),
        wall=wall,
    )


def _active(moments: list[float], killed_at: float | None) -> float:
    """Seconds a process was sending: first to last message, less the restart."""
    if len(moments) < 2:
        return 1.0
    if killed_at is None:
        return moments[-1] - moments[0]
    before = [t for t in moments if t <= killed_at]
    after = [t for t in moments if t > killed_at]
    spans = [(s[-1] - s[0]) for s in (before, after) if len(s) > 1]
    return max(sum(spans), 1e-9)


async def empty_database(url: str) -> None:
    """Refuses a PostgreSQL database that holds tables; `reset` empties it after the bench."""
    engine = create_engine(url)
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    await engine.dispose()
    if tables:
        sys.exit(f"{url} is not empty ({len(tables)} tables): give the bench a database of its own")


async def reset(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-broadcast-") as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        if args.database_url:
            await empty_database(url)
        await asyncio.to_thread(upgrade, url)
        engine = create_engine(url)
        factory = create_session_factory(engine)
        async with BotApiStandIn(TOKEN) as api:
            api.add_user(OWNER)
            started = time.perf_counter()
            await add_clients(factory, api, args.recipients)
            print(
                f"{args.recipients:,} clients in {time.perf_counter() - started:.1f} s; the Bot "
                f"API stand-in allows 30 messages a second and answers every "
                f"{args.too_many_every:,}th 429 (retry_after {args.retry_after} s)"
            )
            api.limit_rate(30)
            api.too_many_every = args.too_many_every
            api.retry_after = args.retry_after
            settings = Settings(
                bot_token=TOKEN, database_url=url, admin_telegram_id=[OWNER.id],
                _env_file=None,  # type: ignore[call-arg]
            )  # fmt: skip
            bot = Bot(TOKEN)  # never called here: the process sends
            container = create_container(
                settings, bot, factory, Translations(LOCALES_DIR, Language.RU)
            )
            processes = [BotProcess(api, url, Path(tmp)) for _ in range(args.instances)]
            for process in processes:
                process.env["LOG_LEVEL"] = "WARNING"
                process.env.pop("REDIS_URL", None)
                if args.redis_url:
                    process.env["REDIS_URL"] = args.redis_url
                await process.start()
            if args.instances > 1:
                print(f"{args.instances} instances on {url.split('://')[0]} sharing Redis")
            try:
                for name in args.runs:
                    outcome = await run(name, args, api, processes, container, factory)
                    print(
                        f"{name:>13}: {outcome.messages:,} messages, "
                        f"{outcome.per_second:.2f} messages/s sustained; "
                        f"429s received {outcome.too_many} ({outcome.overruns} from the rate); "
                        f"lost {outcome.lost}, doubled {outcome.doubled}, "
                        f"in doubt {outcome.unknown}; {outcome.wall:.0f} s",
                        flush=True,
                    )
            finally:
                for process in processes:
                    await process.stop()
                await container.close()
                await bot.session.close()
                await engine.dispose()
                if args.database_url:
                    await reset(url)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--album-items", type=int, default=2, choices=range(2, 11))
    parser.add_argument("--too-many-every", type=int, default=2_000)
    parser.add_argument("--retry-after", type=int, default=1)
    parser.add_argument(
        "--runs",
        type=lambda value: [run for run in value.split(",") if run],
        default=list(RUNS),
        help="which of " + ", ".join(RUNS),
    )
    parser.add_argument("--instances", type=int, default=1, choices=range(1, 5))
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--redis-url", help="Redis the instances share (needed with --instances)")
    args = parser.parse_args()
    if args.instances > 1 and not (args.database_url and args.redis_url):
        parser.error("several instances need --database-url (PostgreSQL) and --redis-url")
    unknown = set(args.runs) - set(RUNS)
    if unknown:
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    return args


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
