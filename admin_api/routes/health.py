"""Liveness, readiness and Prometheus metrics.

The metrics tell how busy the coworking is and how payments go, so `/metrics` answers only
addresses in METRICS_ALLOWED_IPS (the client address as the YooKassa webhook sees it, through
TRUSTED_PROXIES) or a request with `Authorization: Bearer <METRICS_TOKEN>`.
"""

from __future__ import annotations

import hmac
import logging

from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, HTTPException, Request, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from admin_api.client_address import client_address, is_within
from admin_api.schemas import HealthPublic, ReadyPublic
from coworking_bot.config import Settings

logger = logging.getLogger(__name__)
router = APIRouter(tags=["service"], route_class=DishkaRoute)


@router.get("/health", response_model=HealthPublic)
async def health() -> HealthPublic:
    """The process is up."""
    return HealthPublic()


@router.get(
    "/ready",
    response_model=ReadyPublic,
    responses={status.HTTP_503_SERVICE_UNAVAILABLE: {"model": ReadyPublic}},
)
async def ready(session: FromDishka[AsyncSession], response: Response) -> ReadyPublic:
    """The process can serve: its database answers."""
    try:
        await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        logger.warning("readiness check failed: %s", type(error).__name__)
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return ReadyPublic(status="unavailable", database="error")
    return ReadyPublic(status="ready", database="ok")


def _bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _may_read_metrics(request: Request, settings: Settings) -> bool:
    sender = client_address(request, settings.trusted_proxies)
    if sender is not None and is_within(sender, settings.metrics_allowed_ips):
        return True
    given = _bearer_token(request)
    expected = settings.metrics_token
    return (
        given is not None
        and expected is not None
        and hmac.compare_digest(given.encode(), expected.get_secret_value().encode())
    )


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request, settings: FromDishka[Settings]) -> Response:
    """Prometheus metrics, for allowed addresses or the bearer token only (403 otherwise)."""
    if not _may_read_metrics(request, settings):
        # Scanners ask for /metrics all day: a line at INFO, not a warning each time.
        logger.info("metrics refused to %s", request.client.host if request.client else "unknown")
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "metrics need an allowed address or a bearer token"
        )
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
