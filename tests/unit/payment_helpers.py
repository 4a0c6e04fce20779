"""Shared steps for payment tests: the clients, the service as one update gets it, reading
the payment and refund rows, and a booking paid at the YooKassa stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BookingRow, PaymentRow, RefundRow
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.services.payments.service import PaymentService, PaymentView
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_user,
    at,
    book,
    client,
    seed,
)

ANNA = 1
BORIS = 2
RETURN_URL = "https://t.me/coworking_test_bot?start=paid_1"
Factory = async_sessionmaker[AsyncSession]


async def seed_clients(session_factory: Factory) -> Demo:
    """The demo coworking and two registered clients, Anna and Boris."""
    demo = await seed(session_factory)
    for telegram_id in (ANNA, BORIS):
        await add_user(session_factory, telegram_id, name=f"Client {telegram_id}")
    return demo


@asynccontextmanager
async def payment_service(container: AsyncContainer) -> AsyncIterator[PaymentService]:
    async with container() as request:
        yield await request.get(PaymentService)


async def pay(container: AsyncContainer, telegram_id: int, booking_id: int) -> PaymentView:
    async with payment_service(container) as service:
        return await service.pay(client(telegram_id), booking_id, RETURN_URL)


async def check(container: AsyncContainer, telegram_id: int, booking_id: int) -> PaymentView:
    async with payment_service(container) as service:
        return await service.pay(client(telegram_id), booking_id, RETURN_URL, check=True)


async def paying(
    container: AsyncContainer, telegram_id: int, tariff_id: int, *args: Any, **request: Any
) -> tuple[Booking, str]:
    """A held booking whose payment YooKassa has (pending): the booking and the payment's id."""
    booking = await book(container, telegram_id, tariff_id, *args, **request)
    view = await pay(container, telegram_id, booking.id)
    assert view.payment is not None
    assert view.payment.provider_id is not None
    return booking, view.payment.provider_id


async def reconcile(container: AsyncContainer) -> None:
    async with payment_service(container) as service:
        await service.reconcile()


async def payment_rows(factory: Factory) -> list[PaymentRow]:
    async with factory() as session:
        return list(await session.scalars(select(PaymentRow).order_by(PaymentRow.id)))


async def refund_rows(factory: Factory) -> list[RefundRow]:
    async with factory() as session:
        return list(await session.scalars(select(RefundRow).order_by(RefundRow.id)))


async def booking_row(factory: Factory, booking_id: int) -> BookingRow:
    async with factory() as session:
        row = await session.get(BookingRow, booking_id)
        assert row is not None
        return row


def creates(kassa: YooKassaStandIn, path: str = "/v3/payments") -> list[dict[str, object]]:
    return [body or {} for method, url, body in kassa.requests if method == "POST" and url == path]


async def paid_booking(
    container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo, telegram_id: int = ANNA
) -> tuple[int, str]:
    """A 2-hour small-room booking (2 400 ₽) paid at YooKassa and applied: (booking, payment)."""
    booking, provider_id = await paying(container, telegram_id, demo.small_room, at(DAY, 10), 2)
    kassa.succeed(provider_id)
    after = await check(container, telegram_id, booking.id)
    assert after.booking.status is BookingStatus.CONFIRMED
    return booking.id, provider_id
