"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import logging

from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from admin_api.schemas import HealthPublic, ReadyPublic

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


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
