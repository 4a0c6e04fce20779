"""YooKassa's webhook under load: many payments succeed, their notifications arrive with
duplicates in random order, and every booking must end up agreeing with its money. Prints
figures; never fails on time, but exits 1 when a booking and its payments disagree.

    .venv/bin/python bench/payments.py [--bookings 1000] [--duplicates 0.3] [--concurrency 16]
        [--database-url postgresql+asyncpg://...] [--asgi]

The database (a temporary SQLite file unless --database-url is given; a PostgreSQL database given
that way is emptied first) is migrated and given one large space with two day tariffs (one
confirmed at once, one waiting for staff) and a client per booking. Each client books through
`CreateBooking` and starts paying through `PaymentService` against the local YooKassa stand-in
(tests/fakes/yookassa.py), which then marks every payment succeeded. The notifications, each
one once plus a share sent again, are POSTed in random order by `--concurrency` senders to the
real app served by uvicorn on 127.0.0.1 (or called in process with --asgi); each one makes the
app read the payment back from the stand-in. Everything runs on one event loop.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvicorn
from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from admin_api.routes.yookassa import PATH
from coworking_bot.config import Settings
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import SpaceRow, TariffRow, UserRow
from coworking_bot.domain.booking import BookingStatus, local_midnight
from coworking_bot.domain.enums import Language, SpaceKind, TariffUnit
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.main.web import create_app
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.policy import BookingRequest
from coworking_bot.services.payments.service import PaymentService
from dialogs.locales import LOCALES_DIR
from tests.fakes.yookassa import YooKassaStandIn

TOKEN = "42:BENCH-token-0123456789abcdefghij"
FIRST_USER = 2_000_000
DAYS = 30  # bookings are spread over this many days ahead
SETUP_CONCURRENCY = 16

# Bookings whose state disagrees with their money: paid (a succeeded payment not refunded) but
# not live, or live with a price but no succeeded payment, or paid more than once.
DISAGREEING = """
WITH paid AS (
    SELECT p.booking_id, count(*) AS payments
    FROM payments p
    WHERE p.state = 'succeeded'
      AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = p.id AND r.state <> 'canceled')
    GROUP BY p.booking_id
)
SELECT count(*) FROM bookings b LEFT JOIN paid ON paid.booking_id = b.id
WHERE (paid.payments IS NOT NULL AND b.status NOT IN ('pending', 'confirmed'))
   OR (b.status IN ('pending', 'confirmed') AND b.total > 0 AND paid.payments IS NULL)
   OR paid.payments > 1
"""


async def prepare(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], n: int) -> None:
    """Empties the database and adds the bench space, its two tariffs and `n` clients."""
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(table.delete())
    now = datetime.now(UTC)
    async with sessions() as session:
        space = SpaceRow(
            name="Bench hall",
            kind=SpaceKind.OPEN_SPACE,
            capacity=1_000_000,
            opening_hours={str(day): ["00:00", "24:00"] for day in range(7)},
        )
        session.add(space)
        await session.flush()
        for name, price, staff in (("Day", 50_000, False), ("Day, confirmed", 70_000, True)):
            session.add(
                TariffRow(
                    space_id=space.id,
                    name=name,
                    unit=TariffUnit.DAY,
                    price=price,
                    needs_confirmation=staff,
                )
            )
        await session.execute(
            insert(UserRow),
            [
                {
                    "telegram_id": FIRST_USER + i,
                    "full_name": f"Client {i}",
                    "phone": f"+7916{i:07d}",
                    "language": Language.RU,
                    "referral_code": f"pay{i}",
                    "consent_at": now,
                    "registered_at": now,
                }
                for i in range(n)
            ],
        )
        await session.commit()


async def hold_and_pay(container: AsyncContainer, n: int, tariff_ids: list[int]) -> list[str]:
    """Each client books a day and starts paying; YooKassa's ids of the payments."""
    today = datetime.now(UTC).date()
    tz = (await container.get(Settings)).tz
    ids: list[str] = []
    gate = asyncio.Semaphore(SETUP_CONCURRENCY)

    async def one(i: int) -> None:
        day: date = today + timedelta(days=1 + i % DAYS)
        request = BookingRequest(tariff_ids[i % len(tariff_ids)], local_midnight(day, tz), 1)
        async with gate, container() as scope:
            client = Actor(FIRST_USER + i, None)
            booking = await (await scope.get(CreateBooking)).create(client, request)
            assert booking.status is BookingStatus.HELD
            view = await (await scope.get(PaymentService)).pay(
                client, booking.id, "https://t.me/bench_bot"
            )
        assert view.payment is not None
        assert view.payment.provider_id is not None
        ids.append(view.payment.provider_id)

    await asyncio.gather(*(one(i) for i in range(n)))
    return ids


async def send_all(
    client: httpx.AsyncClient, bodies: list[dict[str, Any]], concurrency: int
) -> tuple[list[float], Counter[str]]:
    """POSTs every body, `concurrency` at a time; latencies in seconds and outcomes."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()

    async def sender() -> None:
        while not queue.empty():
            body = queue.get_nowait()
            started = time.perf_counter()
            response = await client.post(PATH, json=body)
            latencies.append(time.perf_counter() - started)
            if response.status_code == 200:
                outcomes[response.json()["status"]] += 1
            else:
                outcomes[f"HTTP {response.status_code}"] += 1

    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return latencies, outcomes


async def serve(app: Any) -> tuple[uvicorn.Server, asyncio.Task[None], str]:
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=0, log_config=None, lifespan="off", access_log=False
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110  uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, task, f"http://127.0.0.1:{port}"


def ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


async def main(args: argparse.Namespace) -> int:
    url = args.database_url
    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-payments-")
        url = f"sqlite+aiosqlite:///{Path(tmp.name) / 'bench.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    await prepare(engine, sessions, args.bookings)
    async with engine.connect() as connection:
        tariff_ids = list(await connection.scalars(text("SELECT id FROM tariffs ORDER BY id")))

    async with YooKassaStandIn() as kassa:
        settings = Settings(
            bot_token=TOKEN, database_url=url, admin_telegram_id=[1], hold_minutes=24 * 60,
            yookassa_account_id=kassa.shop_id, yookassa_secret_key=kassa.secret_key,
            yookassa_api_url=kassa.url, yookassa_webhook_ips="127.0.0.1",
            _env_file=None,  # type: ignore[call-arg]
        )  # fmt: skip
        bot = Bot(TOKEN)  # never called: notices stay in the outbox
        container = create_container(
            settings, bot, sessions, Translations(LOCALES_DIR, Language.RU)
        )
        began = time.perf_counter()
        provider_ids = await hold_and_pay(container, args.bookings, tariff_ids)
        setup = time.perf_counter() - began
        print(f"database: {url.split('://')[0]}; {args.bookings:,} bookings held and paying in "
              f"{setup:.2f} s ({args.bookings / setup:,.0f}/s)")  # fmt: skip

        rng = random.Random(1)
        bodies = [kassa.webhook_body("payment.succeeded", kassa.succeed(i)) for i in provider_ids]
        repeats = round(len(bodies) * args.duplicates)
        bodies += [rng.choice(bodies) for _ in range(repeats)]
        rng.shuffle(bodies)

        app = create_app(settings, container)
        server = task = None
        if args.asgi:
            transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=app)
            base_url = "http://bench"
        else:
            server, task, base_url = await serve(app)
            transport = httpx.AsyncHTTPTransport(
                limits=httpx.Limits(max_connections=args.concurrency)
            )
        timeout = httpx.Timeout(60.0)  # measured, not limited
        async with httpx.AsyncClient(
            transport=transport, base_url=base_url, timeout=timeout
        ) as client:
            began = time.perf_counter()
            latencies, outcomes = await send_all(client, bodies, args.concurrency)
            seconds = time.perf_counter() - began
        if server is not None and task is not None:
            server.should_exit = True
            await task

        where = "in process (ASGI)" if args.asgi else "uvicorn on 127.0.0.1"
        print(f"{len(bodies):,} notifications ({repeats:,} of them repeats), {args.concurrency} "
              f"senders, {where}")  # fmt: skip
        p50 = statistics.median(latencies) * 1000
        print(f"{len(bodies) / seconds:,.0f} events/s; latency p50 {p50:.1f} ms, "
              f"p95 {ms(latencies, 0.95):.1f} ms, max {max(latencies) * 1000:.1f} ms")  # fmt: skip
        print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())))
        reads = sum(1 for method, _, _ in kassa.requests if method == "GET")
        print(f"read-backs from YooKassa: {reads:,}")
        await container.close()
        await bot.session.close()

    async with engine.connect() as connection:
        disagreeing = int(await connection.scalar(text(DISAGREEING)) or 0)
        rows = await connection.execute(text("SELECT status, count(*) FROM bookings GROUP BY 1"))
        statuses = {row[0]: row[1] for row in rows}
    await engine.dispose()
    if tmp is not None:
        tmp.cleanup()
    print(f"bookings by status: {statuses}")
    print(f"bookings disagreeing with their payments: {disagreeing}")
    failed = outcomes.get("applied", 0) != args.bookings or any(
        key.startswith("HTTP") for key in outcomes
    )
    if failed:
        print("not every payment was applied exactly once")
    return 1 if disagreeing or failed else 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument(
        "--duplicates", type=float, default=0.3, help="repeats, as a share of the bookings"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="notifications in flight")
    parser.add_argument("--database-url", help="PostgreSQL to use instead (emptied first)")
    parser.add_argument("--asgi", action="store_true", help="call the app in process")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
