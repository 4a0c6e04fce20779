"""Booking over a big history: the month calendar, a day's free starts, and many clients
booking at once, through the real services and container. Prints figures; never fails on time.

    .venv/bin/python bench/booking.py [--bookings 1000000] [--runs 200] [--clients 50]
        [--attempts 20] [--database-url postgresql+asyncpg://...]

The database (a temporary SQLite file unless --database-url is given) is migrated, emptied, given
the demo coworking and filled with bookings: most of them past (completed, cancelled, no-show,
expired), the rest over the next 60 days, a valid live schedule plus cancelled and expired rows.
A PostgreSQL database given with --database-url is emptied first.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import BookingRow, SpaceRow, TariffRow, UserRow
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import PlaceTaken, local_midnight
from coworking_bot.domain.enums import Language, TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.policy import BookingRequest
from dialogs.locales import LOCALES_DIR

TOKEN = "42:BENCH-token-0123456789abcdefghij"
FIRST_USER = 1_000_000
USERS = 2_000
BATCH = 10_000
FUTURE_SHARE = 0.05
PAST_DAYS = 3 * 365
AHEAD_DAYS = 60
DEAD = ("completed", "cancelled", "no_show", "expired")
LIVE = ("held", "pending", "confirmed")

# Live bookings beyond a space's capacity at the start of one of them: at the busiest moment of
# any overlap some booking has just started, so checking every start finds every excess.
DOUBLE_BOOKINGS = """
WITH live AS (
    SELECT id, space_id, starts_at, ends_at FROM bookings
    WHERE status IN ('held', 'pending', 'confirmed')
)
SELECT count(*) FROM (
    SELECT b.id
    FROM live b
    JOIN spaces s ON s.id = b.space_id
    JOIN live o ON o.space_id = b.space_id AND o.starts_at <= b.starts_at
        AND o.ends_at > b.starts_at
    GROUP BY b.id, s.capacity
    HAVING count(*) > s.capacity
) AS excess
"""


class Tariffs:
    """The demo catalog as the generator needs it."""

    def __init__(self, rows: list[tuple[TariffRow, SpaceRow]]) -> None:
        self.rows = rows
        self.by_name = {(s.name_en, t.name_en): (t, s) for t, s in rows}

    def get(self, space: str, tariff: str) -> tuple[TariffRow, SpaceRow]:
        return self.by_name[(space, tariff)]


def _row(
    tariff: TariffRow, space: SpaceRow, user_id: int, start: datetime, end: datetime, status: str
) -> dict[str, Any]:
    units = max(
        1,
        round(
            (end - start)
            / (timedelta(hours=1) if tariff.unit is TariffUnit.HOUR else timedelta(days=1))
        ),
    )
    return {
        "user_id": user_id,
        "space_id": space.id,
        "tariff_id": tariff.id,
        "status": status,
        "starts_at": start,
        "ends_at": end,
        "exclusive": space.capacity == 1,
        "units": units,
        "unit_price": tariff.price,
        "subtotal": tariff.price * units,
        "volume_discount": 0,
        "promo_discount": 0,
        "total": tariff.price * units,
        "created_at": start - timedelta(days=1),
        "updated_at": start - timedelta(days=1),
    }


def _interval(
    tariff: TariffRow, day: date, hour: int, tz: ZoneInfo, rng: random.Random
) -> tuple[datetime, datetime]:
    if tariff.unit is TariffUnit.HOUR:
        start = local_midnight(day, tz) + timedelta(hours=hour)
        return start, start + timedelta(hours=rng.randint(1, 3))
    if tariff.unit is TariffUnit.DAY:
        return local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)
    return local_midnight(day, tz), local_midnight(day + timedelta(days=30), tz)


def generate(
    count: int, tariffs: Tariffs, user_ids: list[int], now: datetime, tz: ZoneInfo, seed: int = 7
) -> Iterator[dict[str, Any]]:
    """`count` bookings. The live ones form a schedule without double bookings: meeting rooms
    every other hour (the 15-minute buffer stays clear), ten day passes a day in the open space,
    and one month of the office; every other future row is cancelled or expired."""
    rng = random.Random(seed)
    today = now.astimezone(tz).date()
    made = 0
    # The valid live schedule first.
    for offset in range(1, AHEAD_DAYS):
        day = today + timedelta(days=offset)
        for room in ("Meeting room Small", "Meeting room Large"):
            tariff, space = tariffs.get(room, "Hourly")
            for hour in range(9, 21, 2):
                if made < count and rng.random() < 0.7:
                    start = local_midnight(day, tz) + timedelta(hours=hour)
                    status = rng.choice(LIVE)
                    yield _row(
                        tariff,
                        space,
                        rng.choice(user_ids),
                        start,
                        start + timedelta(hours=1),
                        status,
                    )
                    made += 1
        tariff, space = tariffs.get("Open space", "Day pass")
        for _ in range(10):
            if made < count:
                start, end = _interval(tariff, day, 0, tz, rng)
                yield _row(tariff, space, rng.choice(user_ids), start, end, "confirmed")
                made += 1
    if made < count:
        tariff, space = tariffs.get("Private office for 4", "Monthly")
        start, end = _interval(tariff, today + timedelta(days=2), 0, tz, rng)
        yield _row(tariff, space, rng.choice(user_ids), start, end, "confirmed")
        made += 1
    future = int(count * FUTURE_SHARE)
    while made < count:
        tariff, space = rng.choice(tariffs.rows)
        if made < future:
            day = today + timedelta(days=rng.randint(1, AHEAD_DAYS - 1))
            status = rng.choice(("cancelled", "expired"))
        else:
            day = today - timedelta(days=rng.randint(1, PAST_DAYS))
            status = rng.choice(DEAD)
        start, end = _interval(tariff, day, rng.randint(9, 18), tz, rng)
        yield _row(tariff, space, rng.choice(user_ids), start, end, status)
        made += 1


async def prepare(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], bookings: int, tz: ZoneInfo
) -> tuple[Tariffs, float]:
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(table.delete())
    await seed_demo(sessions)
    now = datetime.now(UTC)
    async with sessions() as session:
        await session.execute(
            insert(UserRow),
            [
                {
                    "telegram_id": FIRST_USER + n,
                    "full_name": f"Client {n}",
                    "language": Language.RU,
                    "referral_code": f"bench{n}",
                    "consent_at": now,
                    "registered_at": now,
                }
                for n in range(USERS)
            ],
        )
        await session.commit()
        user_ids = list(await session.scalars(select(UserRow.id)))
        rows = (
            await session.execute(
                select(TariffRow, SpaceRow).join(SpaceRow, SpaceRow.id == TariffRow.space_id)
            )
        ).all()
    tariffs = Tariffs([(t, s) for t, s in rows if not t.is_trial])

    began = time.perf_counter()
    batch: list[dict[str, Any]] = []
    async with sessions() as session:
        for row in generate(bookings, tariffs, user_ids, now, tz):
            batch.append(row)
            if len(batch) == BATCH:
                await session.execute(insert(BookingRow), batch)
                await session.commit()
                batch = []
        if batch:
            await session.execute(insert(BookingRow), batch)
            await session.commit()
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))
    return tariffs, time.perf_counter() - began


def percentiles(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   ({len(ms)} runs)"


async def timed(runs: int, call: Callable[[], Awaitable[Any]]) -> list[float]:
    for _ in range(10):  # warm-up
        await call()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        await call()
        times.append(time.perf_counter() - began)
    return times


async def bench_reads(container: AsyncContainer, tariffs: Tariffs, runs: int, tz: ZoneInfo) -> None:
    today = datetime.now(tz).date()
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    day = today + timedelta(days=7)
    cases = [
        ("Meeting room Small", "Hourly"),
        ("Open space", "Hourly desk"),
        ("Open space", "Day pass"),
    ]
    for space_name, tariff_name in cases:
        tariff, _ = tariffs.get(space_name, tariff_name)

        async def month(tariff_id: int = tariff.id) -> None:
            async with container() as request:
                service = await request.get(AvailabilityService)
                await service.month(tariff_id, next_month.year, next_month.month)

        print(f"  month calendar {next_month:%Y-%m}, {space_name} / {tariff_name}:")
        print(f"      {percentiles(await timed(runs, month))}")
        if tariff.unit is TariffUnit.HOUR:

            async def starts(tariff_id: int = tariff.id) -> None:
                async with container() as request:
                    service = await request.get(AvailabilityService)
                    await service.starts(tariff_id, day)

            print(f"  free starts of {day}, {space_name} / {tariff_name}:")
            print(f"      {percentiles(await timed(runs, starts))}")


async def bench_creates(
    container: AsyncContainer, tariffs: Tariffs, clients: int, attempts: int, tz: ZoneInfo
) -> None:
    """`clients` clients at once, each trying `attempts` bookings of scarce places: the two
    meeting rooms and the open space's hourly desks, over a few days far ahead."""
    rng = random.Random(11)
    today = datetime.now(tz).date()
    days = [today + timedelta(days=AHEAD_DAYS - 3 + n) for n in range(2)]
    targets = [
        tariffs.get("Meeting room Small", "Hourly")[0].id,
        tariffs.get("Meeting room Large", "Hourly")[0].id,
        tariffs.get("Open space", "Hourly desk")[0].id,
    ]
    outcomes = {"booked": 0, "taken": 0, "refused": 0}
    latencies: list[float] = []

    async def client(n: int) -> None:
        telegram_id = FIRST_USER + n
        for _ in range(attempts):
            tariff_id = rng.choice(targets)
            day = rng.choice(days)
            hour = rng.randint(9, 19)
            start = local_midnight(day, tz) + timedelta(hours=hour)
            began = time.perf_counter()
            try:
                async with container() as request:
                    service = await request.get(CreateBooking)
                    await service.create(
                        Actor(telegram_id, None), BookingRequest(tariff_id, start, 1)
                    )
                outcomes["booked"] += 1
            except PlaceTaken:
                outcomes["taken"] += 1
            except DomainError:
                outcomes["refused"] += 1
            latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - began
    total = clients * attempts
    print(f"  {clients} concurrent clients, {total} attempts in {elapsed:.2f} s:")
    print(
        f"      {outcomes['booked'] / elapsed:8.1f} bookings/s, {total / elapsed:8.1f} attempts/s"
        f"  (booked {outcomes['booked']}, taken {outcomes['taken']},"
        f" refused {outcomes['refused']})"
    )
    print(f"      per attempt: {percentiles(latencies)}")


async def main(args: argparse.Namespace) -> None:
    url = args.database_url
    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="booking-bench-")
        url = f"sqlite+aiosqlite:///{Path(tmp.name) / 'bench.db'}"
    await asyncio.to_thread(upgrade, url)
    settings = Settings(
        bot_token=TOKEN,
        admin_telegram_id=[1],
        database_url=url,
        _env_file=None,
    )
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    bot = Bot(token=TOKEN)
    container = create_container(
        settings, bot, sessions, Translations(LOCALES_DIR, settings.default_language_enum)
    )
    try:
        print(f"database: {engine.dialect.name}")
        tariffs, seconds = await prepare(engine, sessions, args.bookings, settings.tz)
        print(
            f"seeded {args.bookings:,} bookings in {seconds:.1f} s"
            f" ({args.bookings / seconds:,.0f} rows/s)"
        )
        await bench_reads(container, tariffs, args.runs, settings.tz)
        await bench_creates(container, tariffs, args.clients, args.attempts, settings.tz)
        async with engine.connect() as connection:
            doubles = await connection.scalar(text(DOUBLE_BOOKINGS))
        print(f"  double bookings found: {doubles}")
    finally:
        await container.close()
        await bot.session.close()
        await engine.dispose()
        if tmp is not None:
            tmp.cleanup()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200, help="runs per read query")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--attempts", type=int, default=20, help="bookings each client tries")
    parser.add_argument("--database-url", help="PostgreSQL to use instead (emptied first)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
