"""The HTTP app over a real database: health, readiness, docs, metrics and Telegram's webhook."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import MockMessageManager
from dishka import AsyncContainer
from fastapi import FastAPI
from pydantic import SecretStr

from admin_api.client_address import FORWARDED_FOR
from admin_api.routes.telegram import SECRET_HEADER
from coworking_bot.config import Settings
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.main.web import create_app
from tests.api.webhook_helpers import PROXY_HOST, STRANGER, Sessions
from tests.conftest import FakeClock, build_container
from tests.fakes.telegram import RecordingSession

WEBHOOK_SECRET = "webhook-secret_123"
USER_ID = 777
METRICS_TOKEN = "metrics-token-0123456789abcdef"
SCRAPER_HOST = "192.168.5.7"


def client_for(app: FastAPI, host: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(host, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


@pytest.fixture
async def api(settings: Settings, container: AsyncContainer) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(create_app(settings, container)) as client:
        yield client


@pytest.fixture
def webhook_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "webhook_url": "https://bot.example.com/webhooks/telegram",
            "webhook_secret": SecretStr(WEBHOOK_SECRET),
        }
    )


@pytest.fixture
async def webhook_api(
    webhook_settings: Settings, container: AsyncContainer, bot: Bot, dispatcher: Dispatcher
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(webhook_settings, container, bot=bot, dispatcher=dispatcher)
    async with client_for(app) as client:
        yield client


def _start_update() -> dict[str, Any]:
    return {
        "update_id": 1001,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": USER_ID, "type": "private", "first_name": "Anna"},
            "from": {"id": USER_ID, "is_bot": False, "first_name": "Anna", "language_code": "en"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_health(api: httpx.AsyncClient) -> None:
    response = await api.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_the_database_answers(api: httpx.AsyncClient) -> None:
    response = await api.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok"}


async def test_not_ready_when_the_database_is_unreachable(
    settings: Settings, bot: Bot, translations: Translations
) -> None:
    # Nothing listens on port 1: every connection is refused at once.
    down = settings.model_copy(
        update={"database_url": "postgresql+asyncpg://coworking:pw@127.0.0.1:1/coworking"}
    )
    engine = create_engine(down.database_url)
    container = create_container(down, bot, create_session_factory(engine), translations)
    try:
        async with client_for(create_app(down, container)) as client:
            response = await client.get("/ready")
            assert (await client.get("/health")).status_code == 200
    finally:
        await container.close()
        await engine.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "error"}


async def test_metrics_speak_prometheus(api: httpx.AsyncClient) -> None:
    response = await api.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE" in response.text


MetricsClient = Any  # (settings, host) -> an async context manager of httpx.AsyncClient


@pytest.fixture
def metrics_client(
    bot: Bot, session_factory: Sessions, translations: Translations, clock: FakeClock
) -> MetricsClient:
    """A client of the app built over `settings`, calling from `host`."""

    @asynccontextmanager
    async def open_client(settings: Settings, host: str) -> AsyncIterator[httpx.AsyncClient]:
        container = build_container(settings, bot, session_factory, translations, clock)
        try:
            async with client_for(create_app(settings, container), host) as client:
                yield client
        finally:
            await container.close()

    return open_client


def test_metrics_settings_read_like_the_other_address_lists() -> None:
    default = Settings(_env_file=None)  # type: ignore[call-arg]
    assert default.metrics_allowed_ips == [
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("::1/128"),
    ]
    assert default.metrics_token is None
    custom = Settings(
        METRICS_ALLOWED_IPS="10.0.0.0/8, 192.168.5.7",
        METRICS_TOKEN=f"  {METRICS_TOKEN}",
        _env_file=None,  # type: ignore[call-arg]
    )
    assert custom.metrics_allowed_ips == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("192.168.5.7/32"),
    ]
    assert custom.metrics_token is not None
    assert "metrics-token" not in repr(custom)


@pytest.fixture
def with_token(settings: Settings) -> Settings:
    return settings.model_copy(update={"metrics_token": SecretStr(METRICS_TOKEN)})


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
async def test_metrics_answer_loopback_by_default(
    settings: Settings, metrics_client: MetricsClient, host: str
) -> None:
    async with metrics_client(settings, host) as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert "# TYPE" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-0123456789abcdef"},
        {"Authorization": f"Bearer {METRICS_TOKEN}x"},
        {"Authorization": f"Basic {METRICS_TOKEN}"},
        {"Authorization": METRICS_TOKEN},
        {"Authorization": "Bearer "},
    ],
)
async def test_metrics_refuse_another_address_without_the_token(
    with_token: Settings, metrics_client: MetricsClient, headers: dict[str, str]
) -> None:
    async with metrics_client(with_token, STRANGER) as client:
        response = await client.get("/metrics", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "metrics need an allowed address or a bearer token"}
    assert "# TYPE" not in response.text


@pytest.mark.parametrize("scheme", ["Bearer", "bearer"])
async def test_the_metrics_token_is_enough_from_anywhere(
    with_token: Settings, metrics_client: MetricsClient, scheme: str
) -> None:
    async with metrics_client(with_token, STRANGER) as client:
        response = await client.get(
            "/metrics", headers={"Authorization": f"{scheme} {METRICS_TOKEN}"}
        )
    assert response.status_code == 200
    assert "# TYPE" in response.text


async def test_no_token_is_accepted_while_none_is_set(
    settings: Settings, metrics_client: MetricsClient
) -> None:
    assert settings.metrics_token is None
    async with metrics_client(settings, STRANGER) as client:
        for header in ("Bearer ", "Bearer None", "Bearer null"):
            response = await client.get("/metrics", headers={"Authorization": header})
            assert response.status_code == 403


@pytest.fixture
def behind_proxy(settings: Settings) -> Settings:
    """Prometheus in 192.168.5.0/24, reaching the API through a reverse proxy in 10.0.0.0/8."""
    return settings.model_copy(
        update={
            "metrics_allowed_ips": [ipaddress.ip_network("192.168.5.0/24")],
            "trusted_proxies": [ipaddress.ip_network("10.0.0.0/8")],
        }
    )


@pytest.mark.parametrize(
    ("host", "forwarded", "expected"),
    [
        (SCRAPER_HOST, None, 200),
        (PROXY_HOST, SCRAPER_HOST, 200),
        (PROXY_HOST, f"{SCRAPER_HOST}, 10.0.0.3", 200),
        (PROXY_HOST, f"{SCRAPER_HOST}, {STRANGER}", 403),  # the left part is the client's
        (PROXY_HOST, None, 403),  # the proxy itself is not allowed
        (STRANGER, SCRAPER_HOST, 403),  # forged: the peer is no proxy of ours
        (STRANGER, "127.0.0.1", 403),
        ("127.0.0.1", None, 403),  # loopback is only the default
    ],
)
async def test_metrics_see_the_client_through_trusted_proxies_only(
    behind_proxy: Settings,
    metrics_client: MetricsClient,
    host: str,
    forwarded: str | None,
    expected: int,
) -> None:
    headers = {FORWARDED_FOR: forwarded} if forwarded else {}
    async with metrics_client(behind_proxy, host) as client:
        response = await client.get("/metrics", headers=headers)
    assert response.status_code == expected


async def test_a_forged_forwarded_for_does_not_open_the_default(
    settings: Settings, metrics_client: MetricsClient
) -> None:
    async with metrics_client(settings, STRANGER) as client:
        response = await client.get("/metrics", headers={FORWARDED_FOR: "127.0.0.1"})
    assert response.status_code == 403


async def test_docs_and_openapi(api: httpx.AsyncClient) -> None:
    assert (await api.get("/docs")).status_code == 200
    schema = (await api.get("/openapi.json")).json()
    assert {"/health", "/ready"} <= set(schema["paths"])
    # Without webhook mode there is no route Telegram could call.
    assert "/webhooks/telegram" not in schema["paths"]
    assert (await api.post("/webhooks/telegram", json=_start_update())).status_code == 404


async def test_webhook_route_is_documented_in_webhook_mode(
    webhook_api: httpx.AsyncClient,
) -> None:
    paths = (await webhook_api.get("/openapi.json")).json()["paths"]
    assert "post" in paths["/webhooks/telegram"]


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong-secret"}])
async def test_webhook_refuses_a_missing_or_wrong_secret(
    webhook_api: httpx.AsyncClient,
    headers: dict[str, str],
    telegram: RecordingSession,
    message_manager: MockMessageManager,
) -> None:
    response = await webhook_api.post("/webhooks/telegram", json=_start_update(), headers=headers)
    assert response.status_code == 401
    assert telegram.calls == []
    assert message_manager.sent_messages == []


async def test_webhook_feeds_an_update_to_the_bot(
    webhook_api: httpx.AsyncClient,
    telegram: RecordingSession,
    message_manager: MockMessageManager,
) -> None:
    response = await webhook_api.post(
        "/webhooks/telegram", json=_start_update(), headers={SECRET_HEADER: WEBHOOK_SECRET}
    )
    assert response.status_code == 200
    answer = message_manager.one_message()
    assert answer.chat.id == USER_ID
    assert "Test Hub" in (answer.text or "")


@pytest.mark.parametrize(
    "body", [b"not json at all", b'{"no_update_id": true}', b'{"update_id": "x"}', b"[]"]
)
async def test_webhook_rejects_a_malformed_body(
    webhook_api: httpx.AsyncClient, body: bytes, message_manager: MockMessageManager
) -> None:
    response = await webhook_api.post(
        "/webhooks/telegram",
        content=body,
        headers={SECRET_HEADER: WEBHOOK_SECRET, "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert message_manager.sent_messages == []


def test_the_derived_secret_is_stable_and_not_the_token(settings: Settings) -> None:
    derived = settings.model_copy(update={"webhook_url": "https://bot.example.com/hook"})
    secret = derived.webhook_secret_token
    assert secret == derived.webhook_secret_token
    assert settings.token not in secret
    assert 1 <= len(secret) <= 256
