"""Telegram's webhook: updates arrive here when WEBHOOK_URL is set."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from fastapi import APIRouter, Header, HTTPException, Request, status
from pydantic import ValidationError

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def create_telegram_router(bot: Bot, dispatcher: Dispatcher, secret: str) -> APIRouter:
    router = APIRouter(tags=["webhooks"])

    @router.post("/webhooks/telegram", status_code=status.HTTP_200_OK)
    async def telegram_webhook(
        request: Request,
        secret_token: str | None = Header(default=None, alias=SECRET_HEADER),
    ) -> dict[str, Any]:
        if secret_token is None or not hmac.compare_digest(secret_token, secret):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad secret token")
        try:
            update = Update.model_validate(await request.json(), context={"bot": bot})
        except (ValidationError, ValueError):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "not an update") from None
        await dispatcher.feed_update(bot, update)
        return {"ok": True}

    return router
