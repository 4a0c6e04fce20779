"""The owners' dashboard API over a big history: p50 and p95 of each `/api/v1` endpoint through
the real app (FastAPI, the container, the services), in process. Prints figures; never fails on
time.

    .venv/bin/python bench/dashboard.py [--bookings 1000000] [--users 100000] [--runs 100]
        [--database-url postgresql+asyncpg://...] [--reuse]

The database (a temporary SQLite file unless --database-url is given; a database given that way
is **emptied first**) is migrated and bulk-filled: the demo coworking, `--users` clients
registered over three years (a tenth by referral), `--bookings` bookings over those years and the
next 60 days (most completed, some cancelled, expired, no-show; day passes and months too), a
succeeded payment for every paid booking, refunds for a share of the cancelled ones, promo code
redemptions and support tickets. `--reuse` skips the filling when the database already holds
bookings (to measure again). The rollup then keeps every closed day, as the scheduler does after
a start (timed), and one refresh after a change is timed.

Then each endpoint the Mini App calls when it opens is called `--runs` times, then all of them at
once as the browser does: me, and for this month so far the summary, the daily series, the
heatmap and the funnel (what a 420 x 900 screen asks for before any scrolling; the browser test
checks that the panels further down wait). "This month so far" is short early in a month, so the
same screen is also timed as it is on a month's last day (the whole of last month, compared with
the month before). The panels further down (tariff mix, promo codes, referrals, top clients, the
month's calendar) are timed the same way, and a few others (30 days, a year, one space) a fifth
as often.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import (
    BookingRow,
    PaymentRow,
    PromoCodeRow,
    PromoRedemptionRow,
    ReferralRow,
    RefundRow,
    SpaceRow,
    TariffRow,
    TicketRow,
    UserRow,
)
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus, local_midnight
from coworking_bot.domain.enums import Language, TariffUnit
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.main.web import create_app
from coworking_bot.services.analytics.rollup import Rollup
from dialogs.locales import LOCALES_DIR

TOKEN = "42:BENCH-token-0123456789abcdefghij"
OWNER = 777_000
FIRST_USER = 1_000_000
BATCH = 10_000
PAST_DAYS = 3 * 365
AHEAD_DAYS = 60
PAST_STATUSES = ("completed",) * 14 + ("cancelled", "cancelled", "expired", "no_show")
FUTURE_STATUSES = ("confirmed",) * 6 + ("pending", "held", "cancelled", "expired")


def init_data(telegram_id: int) -> str:
    fields = {
        "auth_date": str(int(time.time())),
        "user": json.dumps({"id": telegram_id, "first_name": "Owner"}),
    }
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def booking_rows(
    count: int,
    tariffs: list[tuple[TariffRow, SpaceRow]],
    users: int,
    first_user_id: int,
    now: datetime,
    tz: ZoneInfo,
    rng: random.Random,
) -> Iterator[dict[str, Any]]:
    """Bookings spread evenly over the past three years and the next 60 days; the mix of
    tariffs is mostly hourly rooms and desks, then day passes, a few months."""
    today = now.astimezone(tz).date()
    weights = [
        {TariffUnit.HOUR: 10, TariffUnit.DAY: 4, TariffUnit.MONTH: 0.2}[t.unit] for t, _ in tariffs
    ]
    span = PAST_DAYS + AHEAD_DAYS
    for n in range(count):
        tariff, space = rng.choices(tariffs, weights)[0]
        day = today - timedelta(days=PAST_DAYS) + timedelta(days=span * n // count)
        future = day > today
        status = rng.choice(FUTURE_STATUSES if future else PAST_STATUSES)
        if tariff.unit is TariffUnit.HOUR:
            units = rng.randint(1, 3)
            start = local_midnight(day, tz) + timedelta(hours=rng.randint(9, 18))
            end = start + timedelta(hours=units)
        elif tariff.unit is TariffUnit.DAY:
            units = 1
            start, end = local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)
        else:
            units = 1
            start, end = local_midnight(day, tz), local_midnight(day + timedelta(days=30), tz)
        total = tariff.price * units
        created = start - timedelta(days=rng.randint(0, 7), hours=rng.randint(0, 20))
        yield {
            "id": n + 1,
            "user_id": first_user_id + rng.randrange(users),
            "space_id": space.id,
            "tariff_id": tariff.id,
            "status": status,
            "starts_at": start,
            "ends_at": end,
            "exclusive": False,
            "units": units,
            "unit_price": tariff.price,
            "subtotal": total,
            "volume_discount": 0,
            "promo_discount": 0,
            "total": total,
            "checked_in_at": start if status == "completed" and rng.random() < 0.3 else None,
            "created_at": created,
            "updated_at": created,
        }


async def fill(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    bookings: int,
    users: int,
    tz: ZoneInfo,
) -> None:
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(table.delete())
    await seed_demo(sessions)
    rng = random.Random(7)
    now = datetime.now(UTC)
    began = time.perf_counter()
    async with sessions() as session:
        tariffs = [
            (t, s)
            for t, s in (
                await session.execute(
                    select(TariffRow, SpaceRow).join(SpaceRow, SpaceRow.id == TariffRow.space_id)
                )
            ).all()
            if not t.is_trial
        ]
        for start in range(0, users, BATCH):
            rows = []
            for n in range(start, min(users, start + BATCH)):
                registered = (
                    now
                    - timedelta(days=PAST_DAYS)
                    + timedelta(seconds=(PAST_DAYS * 86400) * n // users)
                )
                rows.append(
                    {
                        "id": n + 1,
                        "telegram_id": FIRST_USER + n,
                        "full_name": f"Client {n}",
                        "language": Language.RU,
                        "referral_code": f"bench{n}",
                        "referrer_id": rng.randint(1, n) if n > 10 and rng.random() < 0.1 else None,
                        "consent_at": registered,
                        "registered_at": registered,
                        "created_at": registered,
                        "updated_at": registered,
                    }
                )
            await session.execute(insert(UserRow), rows)
            await session.execute(
                insert(ReferralRow),
                [
                    {
                        "referrer_id": r["referrer_id"],
                        "invited_id": r["id"],
                        "created_at": r["registered_at"],
                    }
                    for r in rows
                    if r["referrer_id"]
                ],
            )
        await session.commit()
        promo = PromoCodeRow(code="BENCH10", kind="percent", value=10)
        session.add(promo)
        await session.commit()
        promo_id = promo.id
    print(f"  {users:,} users in {time.perf_counter() - began:.1f} s")

    began = time.perf_counter()
    payment_id = refund_id = 0
    batch: list[dict[str, Any]] = []

    async def flush(rows: list[dict[str, Any]]) -> None:
        nonlocal payment_id, refund_id
        payments, refunds, redemptions = [], [], []
        for row in rows:
            if row["status"] in ("held", "expired") or not row["total"]:
                continue
            payment_id += 1
            paid_at = row["created_at"] + timedelta(minutes=5)
            payments.append(
                {
                    "id": payment_id,
                    "booking_id": row["id"],
                    "user_id": row["user_id"],
                    "amount": row["total"],
                    "state": "succeeded",
                    "idempotence_key": f"p{payment_id}",
                    "return_url": "",
                    "paid_at": paid_at,
                    "method": "online",
                    "checked_at": paid_at,
                    "created_at": paid_at,
                    "updated_at": paid_at,
                }
            )
            if row["status"] == "cancelled" and rng.random() < 0.8:
                refund_id += 1
                settled = paid_at + timedelta(days=1)
                refunds.append(
                    {
                        "id": refund_id,
                        "payment_id": payment_id,
                        "booking_id": row["id"],
                        "amount": row["total"],
                        "state": "succeeded",
                        "reason": "client_cancelled",
                        "idempotence_key": f"r{refund_id}",
                        "checked_at": settled,
                        "created_at": settled,
                        "updated_at": settled,
                    }
                )
            if rng.random() < 0.05:
                redemptions.append(
                    {
                        "promo_code_id": promo_id,
                        "user_id": row["user_id"],
                        "booking_id": row["id"],
                        "created_at": row["created_at"],
                    }
                )
        async with sessions() as session:
            await session.execute(insert(BookingRow), rows)
            if payments:
                await session.execute(insert(PaymentRow), payments)
            if refunds:
                await session.execute(insert(RefundRow), refunds)
            if redemptions:
                await session.execute(insert(PromoRedemptionRow), redemptions)
            await session.commit()

    for row in booking_rows(bookings, tariffs, users, 1, now, tz, rng):
        batch.append(row)
        if len(batch) == BATCH:
            await flush(batch)
            batch = []
    if batch:
        await flush(batch)
    tickets = []
    for n in range(max(bookings // 50, 10)):
        opened = (
            now
            - timedelta(days=PAST_DAYS)
            + timedelta(seconds=PAST_DAYS * 86400 * n // max(bookings // 50, 10))
        )
        answered = opened + timedelta(minutes=rng.randint(1, 600)) if rng.random() < 0.9 else None
        tickets.append(
            {
                "user_id": 1 + rng.randrange(users),
                "status": "closed" if answered and rng.random() < 0.9 else "new",
                "first_response_at": answered,
                "closed_at": answered + timedelta(hours=2) if answered else None,
                "created_at": opened,
                "updated_at": opened,
            }
        )
    async with sessions() as session:
        for start in range(0, len(tickets), BATCH):
            await session.execute(insert(TicketRow), tickets[start : start + BATCH])
        await session.commit()
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            for table in ("users", "bookings", "payments", "refunds"):
                await connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
            await connection.commit()
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
        else:
            await connection.execute(text("ANALYZE"))
            await connection.commit()
    print(
        f"  {bookings:,} bookings, {payment_id:,} payments, {refund_id:,} refunds, "
        f"{len(tickets):,} tickets in {time.perf_counter() - began:.1f} s"
    )


def percentiles(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"


async def measure(api: httpx.AsyncClient, runs: int, tz: ZoneInfo, first_only: bool) -> None:
    today = datetime.now(tz).date()
    this_month = {"date_from": str(today.replace(day=1)), "date_to": str(today)}
    month = {"date_from": str(today - timedelta(days=29)), "date_to": str(today)}
    year = {"date_from": str(today - timedelta(days=364)), "date_to": str(today)}
    last_month_end = today.replace(day=1) - timedelta(days=1)
    last_month = {"date_from": str(last_month_end.replace(day=1)), "date_to": str(last_month_end)}
    headers = {"Authorization": f"tma {init_data(OWNER)}"}

    def screen(params: dict[str, str], when: str) -> list[tuple[str, str, dict[str, str]]]:
        """What the Mini App asks for when it opens on `params` (the browser test checks it)."""
        return [
            ("GET /me", "/api/v1/me", {}),
            (f"GET /analytics/summary ({when})", "/api/v1/analytics/summary", params),
            (f"GET /analytics/series day ({when})", "/api/v1/analytics/series", params),
            (f"GET /analytics/heatmap ({when})", "/api/v1/analytics/heatmap", params),
            (f"GET /analytics/funnel ({when})", "/api/v1/analytics/funnel", params),
        ]

    first_screen = screen(this_month, "this month")
    month_end = screen(last_month, "a whole month")
    below: list[tuple[str, str, dict[str, str]]] = [
        ("GET /analytics/tariffs (this month)", "/api/v1/analytics/tariffs", this_month),
        ("GET /analytics/promo-codes (this month)", "/api/v1/analytics/promo-codes", this_month),
        ("GET /analytics/referrals (this month)", "/api/v1/analytics/referrals", this_month),
        ("GET /analytics/top-clients (this month)", "/api/v1/analytics/top-clients", this_month),
        (
            "GET /analytics/calendar (this month)",
            "/api/v1/analytics/calendar",
            {"month": f"{today:%Y-%m}"},
        ),
    ]
    others: list[tuple[str, str, dict[str, str]]] = [
        ("GET /analytics/summary (30 days)", "/api/v1/analytics/summary", month),
        ("GET /analytics/summary (365 days)", "/api/v1/analytics/summary", year),
        (
            "GET /analytics/series week (365 days)",
            "/api/v1/analytics/series",
            {**year, "granularity": "week"},
        ),
        (
            "GET /analytics/summary, one space",
            "/api/v1/analytics/summary",
            {**month, "space_id": "1"},
        ),
        ("GET /analytics/heatmap (30 days)", "/api/v1/analytics/heatmap", month),
        ("GET /analytics/top-clients (30 days)", "/api/v1/analytics/top-clients", month),
    ]
    # The other panels are timed with fewer runs: a year's summary takes a second on SQLite.
    groups = [
        ("first screen, this month so far", first_screen, runs),
        ("first screen on a month's last day (last month)", month_end, runs),
    ]
    if not first_only:
        groups.append(("panels further down (this month)", below, runs))
        groups.append(("other panels", others, max(runs // 5, 5)))
    for title, group, count in groups:
        print(f"  {title} ({count} runs each):")
        for name, path, params in group:
            for _ in range(5):  # warm-up
                (await api.get(path, params=params, headers=headers)).raise_for_status()
            times = []
            for _ in range(count):
                began = time.perf_counter()
                response = await api.get(path, params=params, headers=headers)
                times.append(time.perf_counter() - began)
                response.raise_for_status()
            print(f"    {name:42} {percentiles(times)}")
        if group is first_screen or group is month_end:
            await whole_first_screen(api, headers, group, count)
    if first_only:
        return
    print("  exports (one run each):")
    for export in ("bookings.csv", "payments.csv", "users.csv", "bookings.xlsx"):
        began = time.perf_counter()
        response = await api.get(f"/api/v1/exports/{export}", params=month, headers=headers)
        response.raise_for_status()
        print(
            f"    GET /exports/{export} (30 days) {time.perf_counter() - began:8.2f} s, "
            f"{len(response.content) / 1e6:.1f} MB"
        )


async def whole_first_screen(
    api: httpx.AsyncClient,
    headers: dict[str, str],
    calls: list[tuple[str, str, dict[str, str]]],
    runs: int,
) -> None:
    """Calls as the browser makes them: every one at once, until the last answers."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        answers = await asyncio.gather(
            *(api.get(path, params=params, headers=headers) for _, path, params in calls)
        )
        times.append(time.perf_counter() - began)
        for answer in answers:
            answer.raise_for_status()
    print(f"    {'all of them at once':42} {percentiles(times)}")


async def run(args: argparse.Namespace, url: str, tz: ZoneInfo) -> None:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    async with sessions() as session:
        existing = await session.scalar(select(func.count()).select_from(BookingRow))
    print(f"{engine.dialect.name}: {args.bookings:,} bookings, {args.users:,} users")
    if not (args.reuse and existing):
        await fill(engine, sessions, args.bookings, args.users, tz)
    settings = Settings(
        bot_token=TOKEN,
        admin_telegram_id=[OWNER],
        database_url=url,
        timezone="Europe/Moscow",
        _env_file=None,  # type: ignore[call-arg]
    )
    bot = Bot(TOKEN)
    container = create_container(
        settings, bot, sessions, Translations(LOCALES_DIR, settings.default_language_enum)
    )
    transport = httpx.ASGITransport(app=create_app(settings, container))
    try:
        await roll_up(container, sessions)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as api:
            await measure(api, args.runs, tz, args.first_screen)
    finally:
        await container.close()
        await bot.session.close()
        await engine.dispose()


async def roll_up(container: AsyncContainer, sessions: async_sessionmaker[AsyncSession]) -> None:
    """What the scheduler does within a minute of start: the closed days kept (all of them
    after a fill; the ones gone by since, on --reuse); then one refresh after a change."""

    async def refresh() -> int:
        async with container() as request:
            return await (await request.get(Rollup)).refresh()

    began, days = time.perf_counter(), 0
    while done := await refresh():
        days += done
    print(f"  rollup: {days:,} days kept in {time.perf_counter() - began:.1f} s")
    async with sessions() as session, session.begin():
        last = await session.scalar(
            select(BookingRow.id)
            .where(
                BookingRow.status == BookingStatus.COMPLETED,
                BookingRow.starts_at < datetime.now(UTC) - timedelta(days=2),
            )
            .order_by(BookingRow.starts_at.desc())
            .limit(1)
        )
        await session.execute(
            update(BookingRow).where(BookingRow.id == last).values(status=BookingStatus.NO_SHOW)
        )
    began = time.perf_counter()
    days = await refresh()
    print(
        f"  rollup after a visit marked a no-show: {days} day(s) in "
        f"{(time.perf_counter() - began) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--database-url", help="PostgreSQL to fill (emptied first)")
    parser.add_argument("--sqlite-file", help="a SQLite file to fill, kept for --reuse")
    parser.add_argument("--reuse", action="store_true", help="keep a filled database as it is")
    parser.add_argument(
        "--first-screen",
        action="store_true",
        help="time only what the Mini App asks for when it opens",
    )
    args = parser.parse_args()
    tz = ZoneInfo("Europe/Moscow")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{args.sqlite_file or folder + '/bench.db'}"
        upgrade(url)
        asyncio.run(run(args, url, tz))


if __name__ == "__main__":
    main()
