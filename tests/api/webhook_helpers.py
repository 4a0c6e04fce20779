"""Shared steps for the webhook tests: an HTTP client as a given address, a booking paying at
the YooKassa stand-in, and snapshots of what a notification could change."""

from __future__ import annotations

from typing import Any

import httpx
from dishka import AsyncContainer
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.base import Base
from coworking_bot.db.models import PaymentRow
from coworking_bot.domain.booking import Booking, BookingStatus
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    at,
    notices,
)
from tests.unit.payment_helpers import paying

Sessions = async_sessionmaker[AsyncSession]
ANNA = 501
BORIS = 502
YOOKASSA_HOST = "185.71.76.5"
PROXY_HOST = "10.0.0.2"
STRANGER = "203.0.113.9"
WATCHED = ("bookings", "payments", "refunds", "outbox_messages", "audit_log", "promo_redemptions")


def client_for(app: FastAPI, host: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(host, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def held_and_paying(
    container: AsyncContainer, tariff_id: int, telegram_id: int = ANNA, hour: int = 10
) -> tuple[Booking, str]:
    """A held booking and its payment, pending at the stand-in: (booking, YooKassa's id)."""
    booking, provider_id = await paying(container, telegram_id, tariff_id, at(DAY, hour))
    assert booking.status is BookingStatus.HELD
    return booking, provider_id


async def snapshot(factory: Sessions) -> dict[str, list[Any]]:
    """Every row of the tables a notification could touch, every column."""
    async with factory() as session:
        return {
            name: list(
                (await session.execute(select(table).order_by(*table.primary_key.columns))).all()
            )
            for name, table in Base.metadata.tables.items()
            if name in WATCHED
        }


async def row_of(factory: Sessions, model: Any, row_id: int) -> Any:
    async with factory() as session:
        return await session.get(model, row_id)


async def payment_row(factory: Sessions, provider_id: str) -> PaymentRow:
    async with factory() as session:
        row = await session.scalar(select(PaymentRow).where(PaymentRow.provider_id == provider_id))
        assert row is not None
        return row


async def client_notices(factory: Sessions, key: str, telegram_id: int = ANNA) -> int:
    return sum(1 for row in await notices(factory, key) if row.chat_id == telegram_id)


def reads_of(kassa: YooKassaStandIn, provider_id: str) -> int:
    return kassa.requests.count(("GET", f"/v3/payments/{provider_id}", None))


def succeeded(kassa: YooKassaStandIn, provider_id: str) -> dict[str, Any]:
    return kassa.webhook_body("payment.succeeded", kassa.succeed(provider_id))
