"""YooKassa's webhook through the real app over a real database, YooKassa being the local
stand-in: who may call it."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

import pytest
from dishka import AsyncContainer

from admin_api.client_address import FORWARDED_FOR
from admin_api.routes.yookassa import PATH
from coworking_bot.config import Settings
from coworking_bot.db.models import BookingRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.i18n import Translations
from coworking_bot.main.web import create_app
from tests.api.webhook_helpers import (
    PROXY_HOST,
    STRANGER,
    YOOKASSA_HOST,
    Sessions,
    client_for,
    held_and_paying,
    row_of,
    snapshot,
    succeeded,
)
from tests.conftest import FakeClock, build_container, without_payments
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    Demo,
)

# -- who may call ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "headers"),
    [
        (STRANGER, {}),
        # A forwarded address counts only when a trusted proxy wrote it.
        (STRANGER, {FORWARDED_FOR: "127.0.0.1"}),
        ("::1", {}),
    ],
)
async def test_a_forged_sender_is_refused_and_changes_nothing(
    settings: Settings,
    container: AsyncContainer,
    session_factory: Sessions,
    kassa: YooKassaStandIn,
    demo: Demo,
    host: str,
    headers: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, provider_id = await held_and_paying(container, demo.small_room)
    body = succeeded(kassa, provider_id)
    before, asked = await snapshot(session_factory), len(kassa.requests)

    async with client_for(create_app(settings, container), host) as client:
        with caplog.at_level(logging.WARNING):
            response = await client.post(PATH, json=body, headers=headers)

    assert response.status_code == 403
    assert await snapshot(session_factory) == before
    assert len(kassa.requests) == asked  # YooKassa was not even asked
    assert host in caplog.text


@pytest.fixture
def proxied(settings: Settings) -> Settings:
    """YooKassa's real ranges, reached through a reverse proxy in 10.0.0.0/8."""
    return settings.model_copy(
        update={
            "yookassa_webhook_ips": [ipaddress.ip_network("185.71.76.0/27")],
            "trusted_proxies": [ipaddress.ip_network("10.0.0.0/8")],
        }
    )


@pytest.mark.parametrize(
    ("host", "forwarded", "expected"),
    [
        (PROXY_HOST, YOOKASSA_HOST, 200),
        (PROXY_HOST, f"{YOOKASSA_HOST}, 10.0.0.3", 200),  # two proxies of ours
        (f"::ffff:{PROXY_HOST}", YOOKASSA_HOST, 200),
        (YOOKASSA_HOST, STRANGER, 200),  # straight from YooKassa: its header means nothing
        (PROXY_HOST, f"{YOOKASSA_HOST}, {STRANGER}", 403),  # the left part is the client's
        (PROXY_HOST, None, 403),  # the proxy itself is not YooKassa
        (PROXY_HOST, "10.0.0.3", 403),
        (PROXY_HOST, "not-an-address", 403),
        (STRANGER, YOOKASSA_HOST, 403),  # not our proxy
    ],
)
async def test_the_sender_behind_a_trusted_proxy(
    proxied: Settings,
    container: AsyncContainer,
    session_factory: Sessions,
    kassa: YooKassaStandIn,
    demo: Demo,
    host: str,
    forwarded: str | None,
    expected: int,
) -> None:
    booking, provider_id = await held_and_paying(container, demo.small_room)
    headers = {FORWARDED_FOR: forwarded} if forwarded else {}

    async with client_for(create_app(proxied, container), host) as client:
        response = await client.post(PATH, json=succeeded(kassa, provider_id), headers=headers)

    assert response.status_code == expected
    row = await row_of(session_factory, BookingRow, booking.id)
    accepted = BookingStatus.CONFIRMED if expected == 200 else BookingStatus.HELD
    assert row.status is accepted


async def test_off_without_online_payments(
    settings: Settings,
    bot: Any,
    session_factory: Sessions,
    translations: Translations,
    clock: FakeClock,
) -> None:
    offline = without_payments(settings)
    container = build_container(offline, bot, session_factory, translations, clock)
    try:
        async with client_for(create_app(offline, container)) as client:
            body = YooKassaStandIn.webhook_body("payment.succeeded", {"id": "x"})
            response = await client.post(PATH, json=body)
            paths = (await client.get("/openapi.json")).json()["paths"]
    finally:
        await container.close()
    assert response.status_code == 404
    assert response.json() == {"detail": "online payments are off"}
    assert "post" in paths[PATH]
