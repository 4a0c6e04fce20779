"""The YooKassa adapter against the local stand-in, over real HTTP."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from coworking_bot.adapters.yookassa import YooKassaGateway, kopecks_to_value, value_to_kopecks
from coworking_bot.services.payments.ports import (
    GatewayRejected,
    GatewayRetryLater,
    GatewayUnavailable,
    PaymentRequest,
    PaymentStatus,
    Receipt,
    ReceiptItem,
    RefundRequest,
    RefundStatus,
)
from tests.fakes.yookassa import YooKassaStandIn

# Generous for answers (a loaded CI machine must not turn a slow answer into a timeout); the
# hung-connection test uses its own short deadline, where a timeout is the expected outcome.
TIMEOUT = 5.0
HANG_TIMEOUT = 0.5


@pytest.fixture
async def kassa() -> AsyncIterator[YooKassaStandIn]:
    async with YooKassaStandIn() as stand_in:
        yield stand_in


@pytest.fixture
async def gateway(kassa: YooKassaStandIn) -> AsyncIterator[YooKassaGateway]:
    gateway = YooKassaGateway(kassa.url, kassa.shop_id, kassa.secret_key, timeout=TIMEOUT)
    yield gateway
    await gateway.aclose()


def _request(
    kopecks: int = 150_000,
    key: str | None = None,
    *,
    receipt: Receipt | None = None,
    capture: bool = True,
) -> PaymentRequest:
    return PaymentRequest(
        amount_kopecks=kopecks,
        description="Booking #7",
        idempotence_key=key or str(uuid.uuid4()),
        return_url="https://t.me/test_bot",
        metadata={"booking_id": "7"},
        receipt=receipt,
        capture=capture,
    )


def _refund(payment_id: str, kopecks: int, key: str | None = None) -> RefundRequest:
    return RefundRequest(payment_id, kopecks, key or str(uuid.uuid4()))


@pytest.mark.parametrize(
    ("kopecks", "value"),
    [(0, "0.00"), (1, "0.01"), (99, "0.99"), (100, "1.00"), (123456789, "1234567.89")],
)
def test_amounts_convert_exactly(kopecks: int, value: str) -> None:
    assert kopecks_to_value(kopecks) == value
    assert value_to_kopecks(value) == kopecks


@pytest.mark.parametrize("bad", ["", "1.234", "-1.00", "1e3", "1,00", " 1.00", "nan"])
def test_malformed_values_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        value_to_kopecks(bad)


@pytest.mark.parametrize(
    ("kopecks", "value"), [(1, "0.01"), (99, "0.99"), (100, "1.00"), (123456789, "1234567.89")]
)
async def test_create_sends_and_reads_exact_amounts(
    gateway: YooKassaGateway, kassa: YooKassaStandIn, kopecks: int, value: str
) -> None:
    payment = await gateway.create_payment(_request(kopecks))
    assert payment.amount_kopecks == kopecks
    assert kassa.payments[payment.id]["amount"] == {"value": value, "currency": "RUB"}
    assert payment.status is PaymentStatus.PENDING
    assert not payment.paid
    assert payment.confirmation_url
    assert payment.metadata == {"booking_id": "7"}


async def test_read_back_after_success(gateway: YooKassaGateway, kassa: YooKassaStandIn) -> None:
    created = await gateway.create_payment(_request())
    kassa.succeed(created.id)
    payment = await gateway.get_payment(created.id)
    assert (payment.id, payment.status, payment.paid) == (created.id, PaymentStatus.SUCCEEDED, True)


async def test_expired_payment_reads_back_with_reason(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request())
    kassa.cancel(created.id)
    payment = await gateway.get_payment(created.id)
    assert payment.status is PaymentStatus.CANCELED
    assert payment.cancellation_reason == "expired_on_confirmation"


async def test_cancel_two_stage_payment(gateway: YooKassaGateway, kassa: YooKassaStandIn) -> None:
    created = await gateway.create_payment(_request(capture=False))
    kassa.succeed(created.id)
    assert (await gateway.get_payment(created.id)).status is PaymentStatus.WAITING_FOR_CAPTURE
    payment = await gateway.cancel_payment(created.id, str(uuid.uuid4()))
    assert payment.status is PaymentStatus.CANCELED
    assert payment.cancellation_party == "merchant"


async def test_cancel_pending_one_stage_payment_is_rejected(gateway: YooKassaGateway) -> None:
    created = await gateway.create_payment(_request())
    with pytest.raises(GatewayRejected) as caught:
        await gateway.cancel_payment(created.id, str(uuid.uuid4()))
    assert caught.value.code == "invalid_request"


async def test_unknown_payment_is_rejected(gateway: YooKassaGateway) -> None:
    with pytest.raises(GatewayRejected) as caught:
        await gateway.get_payment("no-such/../payment")
    assert (caught.value.status, caught.value.code) == (404, "not_found")


async def test_full_and_partial_refunds(gateway: YooKassaGateway, kassa: YooKassaStandIn) -> None:
    created = await gateway.create_payment(_request(10_000))
    kassa.succeed(created.id)
    partial = await gateway.create_refund(_refund(created.id, 2_501))
    assert (partial.status, partial.amount_kopecks) == (RefundStatus.SUCCEEDED, 2_501)
    assert (await gateway.get_refund(partial.id)) == partial
    rest = await gateway.create_refund(_refund(created.id, 7_499))
    assert rest.payment_id == created.id
    assert (await gateway.get_payment(created.id)).refunded_kopecks == 10_000


async def test_refund_above_payment_is_rejected(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request(10_000))
    kassa.succeed(created.id)
    await gateway.create_refund(_refund(created.id, 6_000))
    with pytest.raises(GatewayRejected) as caught:
        await gateway.create_refund(_refund(created.id, 4_001))
    assert (caught.value.status, caught.value.parameter) == (400, "amount")
    assert len(kassa.refunds) == 1


@pytest.mark.parametrize("status", [202, 500, 503])
async def test_unknown_outcome_then_retry_with_same_key(
    gateway: YooKassaGateway, kassa: YooKassaStandIn, status: int
) -> None:
    request = _request()
    kassa.fail_next(status)
    with pytest.raises(GatewayRetryLater):
        await gateway.create_payment(request)
    payment = await gateway.create_payment(request)
    assert list(kassa.payments) == [payment.id]


async def test_202_carries_retry_after(gateway: YooKassaGateway, kassa: YooKassaStandIn) -> None:
    kassa.fail_next(202)
    with pytest.raises(GatewayRetryLater) as caught:
        await gateway.create_payment(_request())
    assert caught.value.retry_after_seconds == pytest.approx(1.8)


async def test_refund_retry_with_same_key_refunds_once(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request(10_000))
    kassa.succeed(created.id)
    request = _refund(created.id, 10_000)
    kassa.fail_next(500)
    with pytest.raises(GatewayRetryLater):
        await gateway.create_refund(request)
    refund = await gateway.create_refund(request)
    assert list(kassa.refunds) == [refund.id]


async def test_reused_key_with_another_body_is_rejected(gateway: YooKassaGateway) -> None:
    await gateway.create_payment(_request(100, key="same-key"))
    with pytest.raises(GatewayRejected) as caught:
        await gateway.create_payment(_request(200, key="same-key"))
    assert caught.value.code == "invalid_request"


async def test_hung_connection_gives_up_within_the_timeout(kassa: YooKassaStandIn) -> None:
    gateway = YooKassaGateway(kassa.url, kassa.shop_id, kassa.secret_key, timeout=HANG_TIMEOUT)
    kassa.hang_next(10)
    started = time.monotonic()
    with pytest.raises(GatewayRetryLater, match="timeout"):
        await gateway.create_payment(_request())
    await gateway.aclose()
    assert time.monotonic() - started < HANG_TIMEOUT + 2


async def test_unreachable_server_is_retry_later() -> None:
    async with YooKassaStandIn() as kassa:
        url = kassa.url
    gateway = YooKassaGateway(url, kassa.shop_id, kassa.secret_key, timeout=TIMEOUT)
    with pytest.raises(GatewayRetryLater, match="connection"):
        await gateway.get_payment("anything")
    await gateway.aclose()


async def test_bad_credentials_are_rejected_and_not_shown(
    kassa: YooKassaStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gateway = YooKassaGateway(kassa.url, kassa.shop_id, "wrong-secret", timeout=TIMEOUT)
    with pytest.raises(GatewayRejected) as caught:
        await gateway.create_payment(_request())
    await gateway.aclose()
    assert (caught.value.status, caught.value.code) == (401, "invalid_credentials")
    assert "wrong-secret" not in repr(gateway) + str(caught.value) + caplog.text
    assert "YooKassa POST /payments -> 401" in caplog.text


def test_missing_credentials_mean_unavailable() -> None:
    with pytest.raises(GatewayUnavailable):
        YooKassaGateway("http://127.0.0.1:1/v3", "", "")


async def test_receipt_json_shape(gateway: YooKassaGateway, kassa: YooKassaStandIn) -> None:
    receipt = Receipt(
        items=(ReceiptItem("Open space, 1 day", 50_000, quantity=2),),
        phone="79001234567",
        tax_system_code=2,
    )
    await gateway.create_payment(_request(100_000, receipt=receipt))
    _, _, body = kassa.requests[-1]
    assert body is not None
    assert body["receipt"] == {
        "customer": {"phone": "79001234567"},
        "items": [
            {
                "description": "Open space, 1 day",
                "quantity": 2,
                "amount": {"value": "500.00", "currency": "RUB"},
                "vat_code": 1,
                "payment_mode": "full_prepayment",
                "payment_subject": "service",
            }
        ],
        "tax_system_code": 2,
    }


def test_receipt_must_match_the_amount() -> None:
    receipt = Receipt(items=(ReceiptItem("Day", 100),), email="a@example.com")
    with pytest.raises(ValueError, match="add up"):
        _request(101, receipt=receipt)


async def test_webhook_body_is_the_documented_notification(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request())
    body = kassa.webhook_body("payment.succeeded", kassa.succeed(created.id))
    assert body["type"] == "notification"
    assert body["event"] == "payment.succeeded"
    assert body["object"]["id"] == created.id
    assert body["object"]["status"] == "succeeded"
    assert "_capture" not in body["object"]


# --- the list of a payment's refunds ------------------------------------------------------------


async def test_list_refunds_follows_the_cursor(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request(10_000))
    other = await gateway.create_payment(_request(10_000))
    for payment in (created, other):
        kassa.succeed(payment.id)
    made = [await gateway.create_refund(_refund(created.id, 1_000)) for _ in range(5)]
    await gateway.create_refund(_refund(other.id, 1_000))
    kassa.page_size = 2

    listed = await gateway.list_refunds(created.id)

    assert sorted(refund.id for refund in listed) == sorted(refund.id for refund in made)
    assert listed[0] == made[-1]  # newest first, and read exactly as one refund is
    assert all(refund.created_at and refund.created_at.tzinfo for refund in listed)
    pages = [url for method, url, _ in kassa.requests if (method, url) == ("GET", "/v3/refunds")]
    assert len(pages) == 3


async def test_list_refunds_of_a_payment_without_any(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    created = await gateway.create_payment(_request())
    kassa.succeed(created.id)
    assert await gateway.list_refunds(created.id) == []


@pytest.mark.parametrize("status", [202, 500, 503])
async def test_list_refunds_without_an_answer_is_retry_later(
    gateway: YooKassaGateway, kassa: YooKassaStandIn, status: int
) -> None:
    kassa.fail_next(status)
    with pytest.raises(GatewayRetryLater):
        await gateway.list_refunds("any-payment")


async def test_list_refunds_with_bad_credentials_is_rejected(kassa: YooKassaStandIn) -> None:
    gateway = YooKassaGateway(kassa.url, kassa.shop_id, "wrong-secret", timeout=TIMEOUT)
    with pytest.raises(GatewayRejected) as caught:
        await gateway.list_refunds("any-payment")
    await gateway.aclose()
    assert caught.value.status == 401


@pytest.mark.parametrize(
    "page",
    [
        {"type": "list", "items": [], "next_cursor": "again"},  # a cursor that never ends
        {"type": "list", "items": [{"id": "r1"}]},
        {"items": "nope"},
    ],
)
async def test_a_list_we_cannot_follow_means_unavailable(page: dict[str, object]) -> None:
    client = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=page))
    )
    gateway = YooKassaGateway("http://kassa.test/v3", "1", "secret", client=client)
    with pytest.raises(GatewayUnavailable):
        await gateway.list_refunds("any-payment")
    await client.aclose()


async def test_the_stand_in_forgets_a_key_after_a_day(
    gateway: YooKassaGateway, kassa: YooKassaStandIn
) -> None:
    """Why a refund unanswered for a day must be read back before it is sent again."""
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    kassa.clock = lambda: now
    created = await gateway.create_payment(_request(10_000))
    kassa.succeed(created.id)
    request = _refund(created.id, 4_000)
    kassa.fail_next(500)
    with pytest.raises(GatewayRetryLater):
        await gateway.create_refund(request)
    now += timedelta(hours=24)
    again = await gateway.create_refund(request)
    assert len(kassa.refunds) == 2
    assert again.created_at == now
