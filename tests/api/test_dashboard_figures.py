"""The dashboard's figures over a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL),
against answers worked out by hand for the small coworking of `dashboard_helpers.build_world`.

The coworking (Europe/Moscow; the period is November 2026, 30 days; the previous period is
October 2nd to 31st):
- Room: one place, open 10:00-20:00 every day (300 place-hours in November); an hourly tariff.
- Desks: two places, open 09:00-21:00 every day (720 place-hours); a day pass and a month.
- Clients: Anna (registered in October), Boris (November 3rd, Anna's referral), Vera (10th),
  Gleb (30th, 17:30), Dina (12th, a name like a spreadsheet formula), Late (00:30 on December
  1st locally, 21:30 UTC on November 30th: December's).
- Bookings: b1 Anna Room 5th 12-14 completed, checked in, AUTUMN code (-500 ₽), 2 000 ₽;
  b2 Boris Room 6th 10-13 completed 3 000 ₽ (AUTUMN redeemed and given back); b3 Vera Room 7th
  15-16 no-show 1 000 ₽; b4 Vera Room 8th cancelled 1 000 ₽ (refunded); b5 Anna day pass 9th
  confirmed, not checked in, 1 500 ₽; b6 Anna month from the 16th, confirmed, checked in,
  9 000 ₽; b7 Boris Room 20th held (not paid); b8 Gleb Room 30th 19-20 pending 1 000 ₽; b9 Vera
  Room December 1st; b10 Anna Room October 20th completed 2 000 ₽; b11 Dina Room 12th expired.
- Payments succeeded: 2 000 (4th), 3 000 cash (5th), 1 000 (6th), 1 000 (7th), 1 500 card (8th),
  9 000 (15th), 1 000 (30th 23:59); 1 000 at 00:00 on December 1st; 2 000 on October 19th; one
  pending. Refunds succeeded: 1 000 (b4, 8th), 200 (b10's October payment, 2nd); one pending.
- Tickets: opened 2nd answered in 30 min closed 3rd; opened 10th answered in 90 min, open;
  opened 29th, unanswered; opened October 20th answered in 60 min, closed December 1st.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from coworking_bot.db.repositories.analytics import SqlAnalytics, SqlReaderPool
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.domain.analytics import Granularity, Period
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.services.analytics.access import Viewer
from coworking_bot.services.analytics.dashboard import Dashboard
from tests.api.dashboard_helpers import (
    ADMIN_ID,
    FORMULA_NAME,
    NOVEMBER,
    World,
    build_world,
    tma,
)
from tests.api.webhook_helpers import Sessions
from tests.conftest import OWNER_ID

OWNER = tma(OWNER_ID)


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await build_world(session_factory)


async def get(api: httpx.AsyncClient, path: str, **params: Any) -> Any:
    response = await api.get(f"/api/v1{path}", params=params, headers=OWNER)
    assert response.status_code == 200, response.text
    return response.json()


async def test_summary_of_november_and_october(api: httpx.AsyncClient, world: World) -> None:
    body = await get(api, "/analytics/summary", **NOVEMBER)
    current, previous = body["current"], body["previous"]
    assert current["date_from"] == "2026-11-01"
    assert current["date_to"] == "2026-11-30"
    # 20 000 + 30 000 + 10 000 + 10 000 + 15 000 + 90 000 + 10 000 ₽ paid, 1 000 + 200 back.
    assert current["revenue_kopecks"] == 1_850_000 - 120_000
    assert current["payments"] == 7
    assert current["average_check_kopecks"] == 264_286  # 1 850 000 / 7 = 264 285.71
    assert current["bookings"] == 6  # b1, b2, b3, b5, b6, b8
    assert current["new_users"] == 4  # Boris, Vera, Gleb, Dina (not Late)
    assert current["referrals"] == 1
    assert current["conversion_percent"] == 75.0  # Dina's only booking expired
    # Room 7 of 300 place-hours, Desks 12 + 15 × 12 = 192 of 720: 199 of 1 020.
    assert current["occupancy_percent"] == 19.5
    # Used: Room 5 (b1, b2), Desks 180 (b6 checked in; b5 not): 185 of 1 020.
    assert current["utilisation_percent"] == 18.1
    assert current["no_show_rate_percent"] == 33.3  # b3 of b1, b2, b3
    assert current["mrr_kopecks"] == 900_000
    assert current["active_members"] == 1
    assert current["open_tickets"] == 3
    assert current["median_first_response_minutes"] == 60.0  # 30 and 90
    spaces = {space["name"]: space for space in current["spaces"]}
    assert spaces["Room"]["occupancy_percent"] == 2.3  # 7 / 300
    assert spaces["Room"]["utilisation_percent"] == 1.7  # 5 / 300
    assert spaces["Desks"]["occupancy_percent"] == 26.7  # 192 / 720
    assert spaces["Desks"]["utilisation_percent"] == 25.0  # 180 / 720

    assert previous["date_from"] == "2026-10-02"
    assert previous["date_to"] == "2026-10-31"
    assert previous["revenue_kopecks"] == 200_000
    assert previous["payments"] == 1
    assert previous["bookings"] == 1
    assert previous["new_users"] == 1
    assert previous["occupancy_percent"] == 0.2  # 2 of 1 020
    assert previous["mrr_kopecks"] == 0
    assert previous["open_tickets"] == 1
    assert previous["median_first_response_minutes"] == 60.0


async def test_summary_of_one_space(api: httpx.AsyncClient, world: World) -> None:
    body = await get(api, "/analytics/summary", space_id=world.room, **NOVEMBER)
    current = body["current"]
    # Room's payments 20 000 + 30 000 + 10 000 + 10 000 + 10 000, refunds 1 000 + 200.
    assert current["revenue_kopecks"] == 800_000 - 120_000
    assert current["bookings"] == 4
    assert current["occupancy_percent"] == 2.3
    assert [s["name"] for s in current["spaces"]] == ["Room"]
    assert current["mrr_kopecks"] == 0
    assert current["new_users"] == 4  # clients are the whole coworking's


async def test_daily_and_weekly_series(api: httpx.AsyncClient, world: World) -> None:
    body = await get(api, "/analytics/series", granularity="day", **NOVEMBER)
    points = {p["date_from"]: p for p in body["points"]}
    assert len(points) == 30
    assert points["2026-11-02"]["revenue_kopecks"] == -20_000
    assert points["2026-11-08"]["revenue_kopecks"] == 150_000 - 100_000
    assert points["2026-11-30"]["revenue_kopecks"] == 100_000
    assert points["2026-11-05"]["bookings"] == 1
    assert points["2026-11-05"]["occupancy_percent"] == 5.9  # 2 of 10 + 24
    assert points["2026-11-09"]["occupancy_percent"] == 35.3  # 12 of 34
    assert points["2026-11-30"]["new_users"] == 1
    assert sum(p["revenue_kopecks"] for p in points.values()) == 1_730_000
    assert sum(p["bookings"] for p in points.values()) == 6

    weekly = await get(api, "/analytics/series", granularity="week", **NOVEMBER)
    weeks = [(p["date_from"], p["date_to"]) for p in weekly["points"]]
    # November 1st, 2026 is a Sunday: a one-day first week.
    assert weeks[:2] == [("2026-11-01", "2026-11-01"), ("2026-11-02", "2026-11-08")]
    assert weeks[-1] == ("2026-11-30", "2026-11-30")
    assert sum(p["revenue_kopecks"] for p in weekly["points"]) == 1_730_000

    monthly = await get(
        api, "/analytics/series", granularity="month", date_from="2026-10-15", date_to="2026-11-30"
    )
    assert [(p["date_from"], p["revenue_kopecks"]) for p in monthly["points"]] == [
        ("2026-10-15", 200_000),
        ("2026-11-01", 1_730_000),
    ]


async def test_heatmap(api: httpx.AsyncClient, world: World) -> None:
    body = await get(api, "/analytics/heatmap", space_id=world.room, **NOVEMBER)
    [room] = body["spaces"]
    cells = room["cells"]
    assert len(cells) == 7
    assert all(len(row) == 24 for row in cells)
    thursday = cells[3]  # b1 on Thursday the 5th, 12-14, of four Thursdays
    assert thursday[12] == 25.0
    assert thursday[13] == 25.0
    assert thursday[11] == 0.0
    assert thursday[9] is None  # the room opens at 10
    assert cells[4][10] == 25.0  # b2, Friday the 6th, 10-13
    everything = await get(api, "/analytics/heatmap", **NOVEMBER)
    desks = next(s for s in everything["spaces"] if s["name"] == "Desks")
    # Mondays: the 9th (day pass) and the 16th, 23rd, 30th (month): 4 of 5 Mondays × 2 places.
    assert desks["cells"][0][9] == 40.0


async def test_funnel_tariffs_promo_codes_referrals_top_clients(
    api: httpx.AsyncClient, world: World
) -> None:
    assert await get(api, "/analytics/funnel", **NOVEMBER) == {
        "registered": 4,
        "started": 4,
        "held": 3,
        "paid": 3,
        "completed": 1,
    }
    tariffs = (await get(api, "/analytics/tariffs", **NOVEMBER))["tariffs"]
    assert [
        (t["name"], t["bookings"], t["share_percent"], t["revenue_kopecks"]) for t in tariffs
    ] == [
        ("Room hourly", 4, 66.7, 680_000),
        ("Month", 1, 16.7, 900_000),
        ("Day pass", 1, 16.7, 150_000),
    ]
    promo = (await get(api, "/analytics/promo-codes", **NOVEMBER))["promo_codes"]
    assert [(p["code"], p["uses"], p["discount_kopecks"], p["revenue_kopecks"]) for p in promo] == [
        ("AUTUMN", 1, 50_000, 200_000)
    ]
    referrals = await get(api, "/analytics/referrals", **NOVEMBER)
    assert referrals["referrals"] == 1
    assert referrals["converted"] == 1
    assert referrals["conversion_percent"] == 100.0
    assert [(r["client"]["name"], r["invited"]) for r in referrals["top_referrers"]] == [
        ("Anna", 1)
    ]
    top = (await get(api, "/analytics/top-clients", limit=3, **NOVEMBER))["clients"]
    assert [(c["client"]["name"], c["revenue_kopecks"], c["bookings"]) for c in top] == [
        ("Anna", 1_230_000, 3),
        ("Boris", 300_000, 1),
        ("Vera", 100_000, 1),  # Gleb has 100 000 too; Vera registered first
    ]


async def test_calendar_of_a_month(api: httpx.AsyncClient, world: World) -> None:
    body = await get(api, "/analytics/calendar", month="2026-11")
    days = body["days"]
    assert len(days) == 30
    assert days[0] == {
        "date": "2026-11-01",
        "weekday": 6,
        "bookings": 0,
        "revenue_kopecks": 0,
        "occupancy_percent": 0.0,
    }
    assert days[4]["bookings"] == 1
    assert days[8]["occupancy_percent"] == 35.3
    february = await get(api, "/analytics/calendar", month="2028-02")
    assert len(february["days"]) == 29


async def test_definitions_are_the_figures_of_the_summary(
    api: httpx.AsyncClient, world: World
) -> None:
    figures = (await get(api, "/analytics/definitions"))["figures"]
    summary = (await get(api, "/analytics/summary", **NOVEMBER))["current"]
    for name in summary:
        if name not in ("date_from", "date_to", "spaces"):
            assert name in figures
    russian = (await get(api, "/analytics/definitions", language="ru"))["figures"]
    assert set(russian) == set(figures)
    assert all(re.search("[а-я]", text) for text in russian.values())
    assert russian["revenue_kopecks"].startswith("Полученные деньги минус возвращённые")
    refused = await api.get(
        "/api/v1/analytics/definitions", params={"language": "de"}, headers=OWNER
    )
    assert refused.status_code == 422


async def test_exports_add_up_to_the_summary(api: httpx.AsyncClient, world: World) -> None:
    payments = await api.get("/api/v1/exports/payments.csv", params=NOVEMBER, headers=OWNER)
    assert payments.status_code == 200
    assert payments.headers["content-type"].startswith("text/csv")
    assert "payments_2026-11-01_2026-11-30.csv" in payments.headers["content-disposition"]
    text = payments.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 9  # 7 payments and 2 refunds
    assert sum(int(row["amount_kopecks"]) for row in rows) == 1_730_000
    assert {row["method"] for row in rows} == {"online", "cash", "card"}

    bookings = await api.get("/api/v1/exports/bookings.csv", params=NOVEMBER, headers=OWNER)
    booking_rows = list(csv.DictReader(io.StringIO(bookings.content.decode("utf-8-sig"))))
    assert len(booking_rows) == 9  # every status: b1-b8 and b11
    first = booking_rows[0]
    assert first["starts_at"] == "2026-11-05 12:00:00"  # local time
    assert first["promo_code"] == "AUTUMN"
    assert first["total_kopecks"] == "200000"

    users = await api.get("/api/v1/exports/users.csv", params=NOVEMBER, headers=OWNER)
    user_rows = list(csv.DictReader(io.StringIO(users.content.decode("utf-8-sig"))))
    assert [row["name"] for row in user_rows] == ["Boris", "Vera", "'" + FORMULA_NAME, "Gleb"]
    assert user_rows[0]["referrer_telegram_id"] == "601"

    xlsx = await api.get("/api/v1/exports/users.xlsx", params=NOVEMBER, headers=OWNER)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["user_id", "telegram_id", "username", "name"]
    assert [row[3] for row in values[1:]] == ["Boris", "Vera", FORMULA_NAME, "Gleb"]
    assert sheet.cell(row=4, column=4).data_type == "s"  # text, not a formula


@pytest.mark.parametrize("kind", ["bookings", "payments", "users"])
async def test_every_export_in_xlsx(api: httpx.AsyncClient, world: World, kind: str) -> None:
    response = await api.get(f"/api/v1/exports/{kind}.xlsx", params=NOVEMBER, headers=OWNER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.max_row > 1


async def test_an_admin_sees_the_same(api: httpx.AsyncClient, world: World) -> None:
    response = await api.get("/api/v1/analytics/summary", params=NOVEMBER, headers=tma(ADMIN_ID))
    assert response.status_code == 200
    assert response.json()["current"]["revenue_kopecks"] == 1_730_000


async def test_reads_at_once_on_pooled_connections_give_the_same_figures(
    session_factory: Sessions, world: World
) -> None:
    """The summary, the series and the heatmap read on several connections at once (the
    app's way) and one after another on one session agree to the last figure."""
    tz = ZoneInfo("Europe/Moscow")
    viewer = Viewer(Actor(OWNER_ID, StaffRole.OWNER), None)
    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    answers = []
    for pool in (None, SqlReaderPool(session_factory, 8)):
        async with session_factory() as session:
            dashboard = Dashboard(SqlAnalytics(session), SqlUnitOfWork(session), tz, pool)
            answers.append(
                (
                    await dashboard.summary(viewer, november),
                    await dashboard.summary(viewer, november, space_id=world.desks),
                    await dashboard.series(viewer, november, Granularity.WEEK),
                    await dashboard.heatmaps(viewer, november),
                )
            )
    alone, together = answers
    assert together == alone
    assert alone[0].current.revenue_kopecks == 17_300_00


async def test_many_summaries_at_once_share_a_small_pool(
    database_url: str, session_factory: Sessions, world: World
) -> None:
    """Each read holds a connection only while it runs, never while waiting for another: twelve
    summaries at once over a pool of two connections all finish, with the same figures."""
    engine = create_async_engine(database_url, pool_size=2, max_overflow=0, pool_timeout=10)
    try:
        small = async_sessionmaker(engine, expire_on_commit=False)
        tz = ZoneInfo("Europe/Moscow")
        viewer = Viewer(Actor(OWNER_ID, StaffRole.OWNER), None)
        november = Period(date(2026, 11, 1), date(2026, 11, 30))

        async def summary() -> int:
            async with small() as session:
                dashboard = Dashboard(
                    SqlAnalytics(session), SqlUnitOfWork(session), tz, SqlReaderPool(small, 8)
                )
                return (await dashboard.summary(viewer, november)).current.revenue_kopecks

        answers = await asyncio.wait_for(asyncio.gather(*(summary() for _ in range(12))), 60)
    finally:
        await engine.dispose()
    assert answers == [17_300_00] * 12
