"""The HTTP app over a real database: health, readiness, docs, metrics and Telegram's webhook."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import MockMessageManager
from dishka import AsyncContainer
from fastapi import FastAPI
from pydantic import SecretStr

from admin_api.routes.telegram import SECRET_HEADER
from coworking_bot.config import Settings
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.i18n import Translations
from coworking_bot.main.container import create_container
from coworking_bot.main.web import create_app
from tests.fakes.telegram import RecordingSession

WEBHOOK_SECRET = "webhook-secret_123"
USER_ID = 777


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


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
