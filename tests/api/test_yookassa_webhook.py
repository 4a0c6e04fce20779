"""YooKassa's webhook through the real app over a real database, YooKassa being the local
stand-in: what a notification may change, and that it changes it once."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from dishka import AsyncContainer
from prometheus_client import REGISTRY

from admin_api.routes.yookassa import BODY_LIMIT, PATH
from coworking_bot.config import Settings
from coworking_bot.db.models import BookingRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.payments import PaymentState, RefundReason, RefundState
from coworking_bot.main.web import create_app
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.payments.service import PaymentOptions, PaymentService
from tests.api.webhook_helpers import (
    ANNA,
    BORIS,
    STRANGER,
    Sessions,
    client_for,
    client_notices,
    held_and_paying,
    payment_row,
    reads_of,
    row_of,
    snapshot,
    succeeded,
)
from tests.conftest import FakeClock
from tests.fakes.telegram import RecordingSession
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    at,
    book,
    booking_service,
    notices,
)
from tests.unit.payment_helpers import refund_rows

# -- what a notification may change ---------------------------------------------------------


async def test_a_body_claiming_success_is_not_trusted(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    claimed = {**kassa.payments[provider_id], "status": "succeeded", "paid": True}

    response = await api.post(PATH, json=kassa.webhook_body("payment.succeeded", claimed))

    assert response.status_code == 200
    assert response.json() == {"status": "unchanged"}
    assert reads_of(kassa, provider_id) == 1  # it asked YooKassa, which says pending
    assert (await payment_row(session_factory, provider_id)).state is PaymentState.PENDING
    assert (await row_of(session_factory, BookingRow, booking.id)).status is BookingStatus.HELD
    assert await notices(session_factory) == []


@pytest.mark.parametrize(
    ("tariff", "hour", "status", "notice"),
    [
        ("small_room", 10, BookingStatus.CONFIRMED, "notice-booking-confirmed"),
        ("office", 0, BookingStatus.PENDING, "notice-booking-paid-pending"),  # staff confirm it
    ],
)
async def test_success_pays_for_the_booking(
    api: httpx.AsyncClient,
    container: AsyncContainer,
    session_factory: Sessions,
    kassa: YooKassaStandIn,
    demo: Demo,
    tariff: str,
    hour: int,
    status: BookingStatus,
    notice: str,
) -> None:
    booking, provider_id = await held_and_paying(container, getattr(demo, tariff), hour=hour)

    response = await api.post(PATH, json=succeeded(kassa, provider_id))

    assert response.status_code == 200
    assert response.json() == {"status": "applied"}
    payment = await payment_row(session_factory, provider_id)
    assert payment.state is PaymentState.SUCCEEDED
    assert payment.paid_at is not None
    row = await row_of(session_factory, BookingRow, booking.id)
    assert row.status is status
    assert row.hold_expires_at is None
    assert await client_notices(session_factory, notice) == 1
    assert await refund_rows(session_factory) == []


async def test_the_same_success_five_more_times_changes_nothing(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo, clock: FakeClock,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    body = succeeded(kassa, provider_id)
    first = await api.post(PATH, json=body)
    after_first = await snapshot(session_factory)

    answers = []
    for _ in range(5):
        clock.current += timedelta(minutes=1)
        answers.append((await api.post(PATH, json=body)).json()["status"])

    assert first.json() == {"status": "applied"}
    assert answers == ["unchanged"] * 5
    assert await snapshot(session_factory) == after_first
    assert reads_of(kassa, provider_id) == 1  # a settled payment is not read back again
    assert await client_notices(session_factory, "notice-booking-confirmed") == 1
    assert (await row_of(session_factory, BookingRow, booking.id)).status is (
        BookingStatus.CONFIRMED
    )


async def test_canceled_after_succeeded_changes_nothing(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    assert (await api.post(PATH, json=succeeded(kassa, provider_id))).status_code == 200
    before = await snapshot(session_factory)

    late = kassa.webhook_body("payment.canceled", kassa.cancel(provider_id))
    response = await api.post(PATH, json=late)

    assert response.json() == {"status": "unchanged"}
    assert await snapshot(session_factory) == before
    assert (await row_of(session_factory, BookingRow, booking.id)).status is (
        BookingStatus.CONFIRMED
    )
    assert await client_notices(session_factory, "notice-payment-canceled") == 0


async def test_succeeded_after_canceled_changes_nothing(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    canceled = kassa.webhook_body("payment.canceled", kassa.cancel(provider_id))
    assert (await api.post(PATH, json=canceled)).json() == {"status": "applied"}
    assert await client_notices(session_factory, "notice-payment-canceled") == 1
    before = await snapshot(session_factory)

    claimed = {**kassa.payments[provider_id], "status": "succeeded", "paid": True}
    response = await api.post(PATH, json=kassa.webhook_body("payment.succeeded", claimed))

    assert response.json() == {"status": "unchanged"}
    assert await snapshot(session_factory) == before
    assert (await row_of(session_factory, BookingRow, booking.id)).status is BookingStatus.HELD


def _malformed_bodies(provider_id: str) -> list[bytes]:
    good = {"type": "notification", "event": "payment.succeeded", "object": {"id": provider_id}}
    variants: list[Any] = [
        [],
        {**good, "type": "event"},
        {**good, "object": {}},
        {**good, "object": {"id": 42}},
        {**good, "object": {"id": "x" * 65}},
        {**good, "object": provider_id},
        {**good, "event": "payment"},
        {key: value for key, value in good.items() if key != "event"},
    ]
    padded = json.dumps({**good, "padding": "x" * BODY_LIMIT}).encode()
    return [
        b"not json at all",
        b"\xff\xfe{}",
        b"[" * 10_000 + b"]" * 10_000,
        padded,
        *(json.dumps(variant).encode() for variant in variants),
    ]


async def test_malformed_bodies_are_refused_and_change_nothing(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    _, provider_id = await held_and_paying(container, demo.small_room)
    kassa.succeed(provider_id)  # a body that got through would confirm the booking
    before = await snapshot(session_factory)

    for body in _malformed_bodies(provider_id):
        response = await api.post(PATH, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, body[:80]
        assert "detail" in response.json()

    assert await snapshot(session_factory) == before
    assert reads_of(kassa, provider_id) == 0


async def test_unknown_objects_and_other_events(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    _, provider_id = await held_and_paying(container, demo.small_room)
    kassa.succeed(provider_id)
    before = await snapshot(session_factory)
    stranger = {"id": "2d2c2b2a-000f-5000-9000-1b2c3d4e5f60", "status": "succeeded"}

    answers = [
        (await api.post(PATH, json=kassa.webhook_body(event, obj))).json()
        for event, obj in [
            ("payment.succeeded", stranger),
            ("refund.succeeded", stranger),
            ("payout.succeeded", {"id": provider_id}),
        ]
    ]

    assert answers == [{"status": "unknown"}, {"status": "unknown"}, {"status": "ignored"}]
    assert await snapshot(session_factory) == before


async def test_yookassa_unreachable_answers_503_and_the_retry_applies(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    body = succeeded(kassa, provider_id)
    kassa.fail_next(500)

    failed = await api.post(PATH, json=body)

    assert failed.status_code == 503
    assert (await row_of(session_factory, BookingRow, booking.id)).status is BookingStatus.HELD
    retried = await api.post(PATH, json=body)
    assert retried.json() == {"status": "applied"}
    assert (await row_of(session_factory, BookingRow, booking.id)).status is (
        BookingStatus.CONFIRMED
    )


# -- races and late money --------------------------------------------------------------------


async def test_webhooks_racing_the_reconciliation_apply_each_payment_once(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo, clock: FakeClock,
) -> None:  # fmt: skip
    paying = [await held_and_paying(container, demo.small_room, hour=h) for h in (10, 12, 14)]
    clock.current += PaymentOptions(enabled=True).check_after + timedelta(seconds=1)
    bodies = [succeeded(kassa, provider_id) for _, provider_id in paying]

    async def reconcile() -> int:
        async with container() as request:
            report = await (await request.get(PaymentService)).reconcile()
        return report.payments_changed

    *responses, reconciled = await asyncio.gather(
        *(api.post(PATH, json=body) for body in bodies), reconcile()
    )

    applied = [response.json()["status"] for response in responses].count("applied")
    assert applied + reconciled == len(paying)
    for booking, provider_id in paying:
        assert (await payment_row(session_factory, provider_id)).state is PaymentState.SUCCEEDED
        row = await row_of(session_factory, BookingRow, booking.id)
        assert row.status is BookingStatus.CONFIRMED
    assert await client_notices(session_factory, "notice-booking-confirmed") == len(paying)
    assert await refund_rows(session_factory) == []  # a second "paid" would refund it
    assert kassa.refunds == {}


async def _expire_holds(container: AsyncContainer, clock: FakeClock) -> None:
    clock.current += timedelta(minutes=16)
    async with booking_service(container) as service:
        assert await service.expire_due_holds() == 1


async def test_late_money_for_a_place_taken_meanwhile_goes_back(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo, clock: FakeClock,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    await _expire_holds(container, clock)
    other = await book(container, BORIS, demo.small_room, at(DAY, 10))

    response = await api.post(PATH, json=succeeded(kassa, provider_id))

    assert response.json() == {"status": "applied"}
    payment = await payment_row(session_factory, provider_id)
    assert payment.state is PaymentState.SUCCEEDED
    [refund] = await refund_rows(session_factory)
    assert (refund.reason, refund.amount, refund.state) == (
        RefundReason.LATE_PAYMENT,
        payment.amount,
        RefundState.SUCCEEDED,
    )
    assert refund.provider_id is not None
    at_kassa = kassa.refunds[refund.provider_id]
    assert at_kassa["payment_id"] == provider_id
    assert at_kassa["amount"] == kassa.payments[provider_id]["amount"]
    assert await client_notices(session_factory, "notice-payment-late-refund") == 1
    assert (await row_of(session_factory, BookingRow, booking.id)).status is BookingStatus.EXPIRED
    assert (await row_of(session_factory, BookingRow, other.id)).status is BookingStatus.HELD


async def test_late_money_for_a_place_still_free_books_it_again(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo, clock: FakeClock,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    await _expire_holds(container, clock)

    response = await api.post(PATH, json=succeeded(kassa, provider_id))

    assert response.json() == {"status": "applied"}
    assert (await row_of(session_factory, BookingRow, booking.id)).status is (
        BookingStatus.CONFIRMED
    )
    assert await refund_rows(session_factory) == []
    assert kassa.refunds == {}
    assert await client_notices(session_factory, "notice-booking-confirmed") == 1


async def test_refund_succeeded_settles_a_pending_refund(
    api: httpx.AsyncClient, container: AsyncContainer, session_factory: Sessions,
    kassa: YooKassaStandIn, demo: Demo,
) -> None:  # fmt: skip
    booking, provider_id = await held_and_paying(container, demo.small_room)
    assert (await api.post(PATH, json=succeeded(kassa, provider_id))).status_code == 200
    kassa.refunds_pending_next()
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking.id)
    async with container() as request:
        await (await request.get(PaymentService)).send_refunds_of(booking.id)
    [refund] = await refund_rows(session_factory)
    assert refund.state is RefundState.PENDING
    assert refund.provider_id is not None

    claimed = {"id": refund.provider_id, "status": "succeeded"}
    early = await api.post(PATH, json=kassa.webhook_body("refund.succeeded", claimed))
    done = kassa.webhook_body("refund.succeeded", kassa.succeed_refund(refund.provider_id))
    answers = [(await api.post(PATH, json=done)).json()["status"] for _ in range(3)]

    assert early.json() == {"status": "unchanged"}  # YooKassa still says pending
    assert answers == ["applied", "unchanged", "unchanged"]
    [refund] = await refund_rows(session_factory)
    assert refund.state is RefundState.SUCCEEDED
    assert await client_notices(session_factory, "notice-refund-done") == 1


async def test_outcomes_are_counted_in_metrics(
    api: httpx.AsyncClient, container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo,
    settings: Settings,
) -> None:  # fmt: skip
    def count(outcome: str) -> float:
        value = REGISTRY.get_sample_value("yookassa_notifications_total", {"outcome": outcome})
        return value or 0.0

    _, provider_id = await held_and_paying(container, demo.small_room)
    applied, forbidden, malformed = count("applied"), count("forbidden"), count("malformed")
    body = succeeded(kassa, provider_id)
    async with client_for(create_app(settings, container), STRANGER) as stranger:
        assert (await stranger.post(PATH, json=body)).status_code == 403
    assert (await api.post(PATH, content=b"{")).status_code == 400
    assert (await api.post(PATH, json=body)).status_code == 200

    assert (count("applied"), count("forbidden"), count("malformed")) == (
        applied + 1,
        forbidden + 1,
        malformed + 1,
    )
    assert 'yookassa_notifications_total{outcome="applied"}' in (await api.get("/metrics")).text


async def test_client_notices_reach_the_client(
    api: httpx.AsyncClient,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    demo: Demo,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    booking, provider_id = await held_and_paying(container, demo.small_room)
    assert (await api.post(PATH, json=succeeded(kassa, provider_id))).status_code == 200
    await outbox.deliver_due()
    assert any(f"№{booking.id}" in text for text in telegram.sent_texts(ANNA))
