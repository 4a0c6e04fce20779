"""The HTTP app factory."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from dishka import AsyncContainer
from dishka.integrations.fastapi import setup_dishka
from fastapi import FastAPI

from admin_api.routes import health
from admin_api.routes.telegram import create_telegram_router
from admin_api.routes.v1 import create_v1_router
from admin_api.routes.webapp import mount_webapp
from admin_api.routes.yookassa import create_yookassa_router
from coworking_bot.config import Settings


def create_app(
    settings: Settings,
    container: AsyncContainer,
    *,
    bot: Bot | None = None,
    dispatcher: Dispatcher | None = None,
) -> FastAPI:
    """The API. The Telegram webhook route exists when a bot and dispatcher are given; YooKassa's
    always does, and answers 404 while online payments are off. The Mini App is at /app/."""
    app = FastAPI(
        title="Coworking Bot API",
        version="0.1.0",
        description="Health, webhooks and the owners' Mini App API of Coworking Bot.",
    )
    app.include_router(health.router)
    app.include_router(create_yookassa_router(settings))
    app.include_router(create_v1_router())
    if bot is not None and dispatcher is not None and settings.webhook_mode:
        app.include_router(create_telegram_router(bot, dispatcher, settings.webhook_secret_token))
    mount_webapp(app)
    setup_dishka(container, app)
    return app
