"""Sign-in to the Mini App API (`Authorization: tma <initData>`) and who may see what: forged,
stale, missing and wrong-bot init data get 401; staff without VIEW_ANALYTICS, non-staff and
banned users 403; bans and role changes count on the next request."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import httpx
import pytest
from aiogram.utils.web_app import check_webapp_signature
from sqlalchemy import update

from coworking_bot.db.models import StaffMemberRow, UserRow
from coworking_bot.domain.enums import StaffRole
from tests.api.dashboard_helpers import (
    ADMIN_ID,
    ANNA_TG,
    BANNED_ADMIN_ID,
    CLOCK_NOW,
    MANAGER_ID,
    NOVEMBER,
    SUPPORT_ID,
    World,
    build_world,
    init_data,
    tma,
)
from tests.api.webhook_helpers import Sessions
from tests.conftest import OWNER_ID, FakeClock

SUMMARY = "/api/v1/analytics/summary"
DAY = 24 * 60 * 60
OTHER_BOT_TOKEN = "987654:OTHER-token-0123456789abcdefghij"


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await build_world(session_factory)


def test_the_test_signature_is_telegrams() -> None:
    """The init data these tests sign passes aiogram's own check of Telegram's scheme."""
    from tests.fakes.telegram import TEST_TOKEN

    assert check_webapp_signature(TEST_TOKEN, init_data(OWNER_ID))
    assert not check_webapp_signature(TEST_TOKEN, init_data(OWNER_ID, token=OTHER_BOT_TOKEN))


async def test_the_owner_is_let_in(api: httpx.AsyncClient, world: World) -> None:
    response = await api.get("/api/v1/me", headers=tma(OWNER_ID))
    assert response.status_code == 200
    body = response.json()
    assert body["telegram_id"] == OWNER_ID
    assert body["name"] == "Olga Owner"
    assert body["role"] == "owner"
    assert "view_analytics" in body["permissions"]
    assert (await api.get(SUMMARY, params=NOVEMBER, headers=tma(OWNER_ID))).status_code == 200


def _forged() -> str:
    fields = dict(parse_qsl(init_data(ADMIN_ID)))
    fields["user"] = fields["user"].replace(str(ADMIN_ID), str(OWNER_ID))
    return urlencode(fields)


def _with_hash(value: str) -> str:
    fields = dict(parse_qsl(init_data(OWNER_ID)))
    fields["hash"] = value
    return urlencode(fields)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "tma",
        "tma ",
        "Bearer " + init_data(OWNER_ID),
        init_data(OWNER_ID),
        "tma " + _forged(),
        "tma " + init_data(OWNER_ID, token=OTHER_BOT_TOKEN),
        "tma " + init_data(OWNER_ID, auth_date=CLOCK_NOW - DAY - 1),
        "tma " + init_data(OWNER_ID, auth_date=CLOCK_NOW + 3600),
        "tma " + init_data(OWNER_ID, auth_date=0),
        "tma " + _with_hash(""),
        "tma " + _with_hash("0" * 64),
        "tma " + _with_hash("Z" * 64),
        "tma " + init_data(OWNER_ID) + "&hash=" + "0" * 64,
        "tma " + init_data(OWNER_ID) + "&auth_date=1",
        "tma hash=%ZZ&user=%FF%FE",
        "tma a=1&&b",
        "tma " + "x=" + "y" * 10_000,
        "tma " + "&".join(f"k{i}=v" for i in range(200)),
        "tma user=%7B%7D&auth_date=1&hash=" + "a" * 64,
        "tma " + init_data(0),
        "tma " + init_data(-5),
    ],
    ids=lambda value: (value or "none")[:40],
)
async def test_missing_forged_stale_or_odd_init_data_is_401(
    api: httpx.AsyncClient, world: World, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for path in ("/api/v1/me", SUMMARY):
        response = await api.get(path, params=NOVEMBER, headers=headers)
        assert response.status_code == 401, (path, response.text)
        assert response.headers["www-authenticate"] == "tma"


async def test_init_data_with_odd_user_json_is_401(api: httpx.AsyncClient, world: World) -> None:
    for user in (
        "[1]",
        "not json",
        '{"id": "1000", "first_name": "x"}',
        '{"id": true}',
        "[" * 10_000,
        '{"id": 1000}',
    ):
        data = init_data(OWNER_ID, extra={"user": user})
        response = await api.get("/api/v1/me", headers={"Authorization": f"tma {data}"})
        assert response.status_code == 401, user[:20]


async def test_fresh_enough_init_data_is_taken(
    api: httpx.AsyncClient, world: World, clock: FakeClock
) -> None:
    """Up to WEBAPP_AUTH_MAX_AGE_SECONDS old (24 hours by default), and a little ahead of us."""
    old = tma(OWNER_ID, auth_date=CLOCK_NOW - DAY + 60)
    assert (await api.get("/api/v1/me", headers=old)).status_code == 200
    ahead = tma(OWNER_ID, auth_date=CLOCK_NOW + 30)
    assert (await api.get("/api/v1/me", headers=ahead)).status_code == 200
    clock.current += timedelta(minutes=2)
    assert (await api.get("/api/v1/me", headers=old)).status_code == 401


async def test_extra_fields_are_signed_too(api: httpx.AsyncClient, world: World) -> None:
    """Every field but `hash` is in the data-check-string, `signature` included."""
    data = init_data(OWNER_ID, extra={"signature": "abc", "chat_type": "sender"})
    assert (
        await api.get("/api/v1/me", headers={"Authorization": f"tma {data}"})
    ).status_code == 200
    tampered = data.replace("chat_type=sender", "chat_type=private")
    assert (
        await api.get("/api/v1/me", headers={"Authorization": f"tma {tampered}"})
    ).status_code == 401


@pytest.mark.parametrize("telegram_id", [SUPPORT_ID, MANAGER_ID])
async def test_staff_without_view_analytics_get_403(
    api: httpx.AsyncClient, world: World, telegram_id: int
) -> None:
    me = await api.get("/api/v1/me", headers=tma(telegram_id))
    assert me.status_code == 200
    assert "view_analytics" not in me.json()["permissions"]
    for path in (
        SUMMARY,
        "/api/v1/analytics/series",
        "/api/v1/analytics/heatmap",
        "/api/v1/analytics/funnel",
        "/api/v1/exports/bookings.csv",
    ):
        response = await api.get(path, params=NOVEMBER, headers=tma(telegram_id))
        assert response.status_code == 403, path
    for action in ("link", "send"):
        response = await api.post(
            f"/api/v1/exports/users.csv/{action}", params=NOVEMBER, headers=tma(telegram_id)
        )
        assert response.status_code == 403, action


async def test_a_client_and_a_banned_admin_get_403(api: httpx.AsyncClient, world: World) -> None:
    for telegram_id in (ANNA_TG, BANNED_ADMIN_ID, 99_999):
        assert (await api.get("/api/v1/me", headers=tma(telegram_id))).status_code == 403
        response = await api.get(SUMMARY, params=NOVEMBER, headers=tma(telegram_id))
        assert response.status_code == 403


async def test_bans_and_role_changes_count_at_once(
    api: httpx.AsyncClient, world: World, session_factory: Sessions
) -> None:
    headers = tma(ADMIN_ID)
    assert (await api.get(SUMMARY, params=NOVEMBER, headers=headers)).status_code == 200

    async def change(statement: object) -> None:
        async with session_factory() as session:
            await session.execute(statement)  # type: ignore[call-overload]
            await session.commit()

    await change(
        update(StaffMemberRow)
        .where(StaffMemberRow.telegram_id == ADMIN_ID)
        .values(role=StaffRole.SUPPORT)
    )
    assert (await api.get(SUMMARY, params=NOVEMBER, headers=headers)).status_code == 403
    assert (await api.get("/api/v1/me", headers=headers)).json()["role"] == "support"

    await change(
        update(StaffMemberRow)
        .where(StaffMemberRow.telegram_id == ADMIN_ID)
        .values(role=StaffRole.ADMIN)
    )
    assert (await api.get(SUMMARY, params=NOVEMBER, headers=headers)).status_code == 200

    await change(update(UserRow).where(UserRow.telegram_id == ADMIN_ID).values(is_banned=True))
    assert (await api.get(SUMMARY, params=NOVEMBER, headers=headers)).status_code == 403
    assert (await api.get("/api/v1/me", headers=headers)).status_code == 403


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"date_from": "2026-11-30", "date_to": "2026-11-01"}, SUMMARY),
        ({"date_from": "2026-11-01"}, SUMMARY),
        ({"date_from": "1700000000", "date_to": "2026-11-30"}, SUMMARY),
        ({"date_from": "2026-13-01", "date_to": "2026-11-30"}, SUMMARY),
        ({"date_from": "0001-01-01", "date_to": "0001-01-02"}, SUMMARY),
        ({"date_from": "9999-12-30", "date_to": "9999-12-31"}, SUMMARY),
        ({"date_from": "2020-01-01", "date_to": "2026-11-30"}, SUMMARY),
        ({**NOVEMBER, "space_id": "0"}, SUMMARY),
        ({**NOVEMBER, "space_id": str(2**40)}, SUMMARY),
        ({**NOVEMBER, "space_id": "x"}, SUMMARY),
        ({**NOVEMBER, "granularity": "year"}, "/api/v1/analytics/series"),
        ({"month": "2026-13"}, "/api/v1/analytics/calendar"),
        ({"month": "0000-01"}, "/api/v1/analytics/calendar"),
        ({"month": "9999-12"}, "/api/v1/analytics/calendar"),
        ({**NOVEMBER, "limit": "0"}, "/api/v1/analytics/top-clients"),
        ({"date_from": "2025-01-01", "date_to": "2026-11-30"}, "/api/v1/exports/users.csv"),
    ],
)
async def test_bad_query_parameters_are_422(
    api: httpx.AsyncClient, world: World, params: dict[str, str], path: str
) -> None:
    response = await api.get(path, params=params, headers=tma(OWNER_ID))
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


async def test_an_unknown_space_or_export_is_404_or_422(
    api: httpx.AsyncClient, world: World
) -> None:
    response = await api.get(SUMMARY, params={**NOVEMBER, "space_id": 999}, headers=tma(OWNER_ID))
    assert response.status_code == 404
    for path in ("/api/v1/exports/secrets.csv", "/api/v1/exports/users.pdf"):
        response = await api.get(path, params=NOVEMBER, headers=tma(OWNER_ID))
        assert response.status_code == 422, path
