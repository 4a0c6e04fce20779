"""`PaymentGateway` over YooKassa's REST API (v3), spoken directly with httpx.

Why not the official `yookassa` SDK: it is synchronous (it would block the event loop that also
runs the bot, or need a thread per call) and it sets no timeout, so one stuck connection would
hang a payment step forever. Plain async httpx gives us a deadline on every call, one pooled
client, and full control over the idempotence key, which must be reused verbatim on a retry.

How answers map (YooKassa's documented semantics):
- 200: the object;
- 202 ("accepted, not processed yet"), 429, 5xx, timeouts, dropped connections:
  `GatewayRetryLater`; the outcome is unknown and the caller repeats the same request with the
  same Idempotence-Key;
- other 4xx: `GatewayRejected` with YooKassa's `code`, `description` and `parameter`;
- anything that is not YooKassa's JSON: `GatewayUnavailable` (wrong YOOKASSA_API_URL, a proxy).

Amounts cross this border as "123.45" strings and become integer kopecks, exactly, without
floats. The secret key lives only inside the basic-auth header and is never logged or shown.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from coworking_bot.services.payments.ports import (
    GatewayRejected,
    GatewayRetryLater,
    GatewayUnavailable,
    PaymentRequest,
    PaymentStatus,
    ProviderPayment,
    ProviderRefund,
    Receipt,
    RefundRequest,
    RefundStatus,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

CURRENCY = "RUB"
RETRY_AFTER_HEADER = "Retry-After"
LIST_LIMIT = 100  # YooKassa's largest page of a list
_VALUE = re.compile(r"(\d{1,15})(?:\.(\d{1,2}))?")


def kopecks_to_value(kopecks: int) -> str:
    """12345 -> "123.45"; exact for any non-negative integer."""
    if kopecks < 0:
        raise ValueError("an amount cannot be negative")
    return f"{kopecks // 100}.{kopecks % 100:02d}"


def value_to_kopecks(value: str) -> int:
    """ "123.45" -> 12345, "7" -> 700, "1.5" -> 150; anything else is a ValueError."""
    match = _VALUE.fullmatch(value)
    if match is None:
        raise ValueError(f"not an amount: {value!r}")
    rubles, fraction = match.groups()
    return int(rubles) * 100 + int((fraction or "0").ljust(2, "0"))


def _amount(kopecks: int) -> dict[str, str]:
    return {"value": kopecks_to_value(kopecks), "currency": CURRENCY}


def _receipt_json(receipt: Receipt) -> dict[str, Any]:
    customer = {"phone": receipt.phone, "email": receipt.email}
    data: dict[str, Any] = {
        "customer": {key: value for key, value in customer.items() if value},
        "items": [
            {
                "description": item.description,
                "quantity": item.quantity,
                "amount": _amount(item.amount_kopecks),
                "vat_code": item.vat_code,
                "payment_mode": item.payment_mode,
                "payment_subject": item.payment_subject,
            }
            for item in receipt.items
        ],
    }
    if receipt.tax_system_code is not None:
        data["tax_system_code"] = receipt.tax_system_code
    return data


class YooKassaGateway:
    def __init__(
        self,
        base_url: str,
        shop_id: str,
        secret_key: str,
        *,
        timeout: float = 10.0,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        if not shop_id or not secret_key:
            raise GatewayUnavailable("YooKassa is not configured: set the shop id and secret key")
        self._base_url = base_url.rstrip("/")
        self._shop_id = shop_id
        self._auth = httpx.BasicAuth(shop_id, secret_key)
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)

    def __repr__(self) -> str:
        return f"YooKassaGateway(base_url={self._base_url!r}, shop_id={self._shop_id!r})"

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    # -- payments -----------------------------------------------------------------------------

    async def create_payment(self, request: PaymentRequest) -> ProviderPayment:
        body: dict[str, Any] = {
            "amount": _amount(request.amount_kopecks),
            "capture": request.capture,
            "confirmation": {"type": "redirect", "return_url": request.return_url},
            "description": request.description,
            "metadata": dict(request.metadata),
        }
        if request.receipt is not None:
            body["receipt"] = _receipt_json(request.receipt)
        data = await self._call("POST", "/payments", body, request.idempotence_key)
        return _parse(_payment, data)

    async def get_payment(self, payment_id: str) -> ProviderPayment:
        return _parse(_payment, await self._call("GET", f"/payments/{_segment(payment_id)}"))

    async def cancel_payment(self, payment_id: str, idempotence_key: str) -> ProviderPayment:
        path = f"/payments/{_segment(payment_id)}/cancel"
        return _parse(_payment, await self._call("POST", path, {}, idempotence_key))

    # -- refunds ------------------------------------------------------------------------------

    async def create_refund(self, request: RefundRequest) -> ProviderRefund:
        body: dict[str, Any] = {
            "payment_id": request.payment_id,
            "amount": _amount(request.amount_kopecks),
        }
        if request.description is not None:
            body["description"] = request.description
        if request.receipt is not None:
            body["receipt"] = _receipt_json(request.receipt)
        data = await self._call("POST", "/refunds", body, request.idempotence_key)
        return _parse(_refund, data)

    async def get_refund(self, refund_id: str) -> ProviderRefund:
        return _parse(_refund, await self._call("GET", f"/refunds/{_segment(refund_id)}"))

    async def list_refunds(self, payment_id: str) -> list[ProviderRefund]:
        if not payment_id:
            raise ValueError("an empty id")
        refunds: list[ProviderRefund] = []
        params = {"payment_id": payment_id, "limit": str(LIST_LIMIT)}
        seen: set[str] = set()
        while True:
            page, cursor = _parse(_refund_page, await self._call("GET", "/refunds", params=params))
            refunds.extend(page)
            if cursor is None:
                return refunds
            if cursor in seen:  # a server that loops would keep us here forever
                raise GatewayUnavailable("YooKassa repeated a list cursor")
            seen.add(cursor)
            params = {**params, "cursor": cursor}

    # -- the wire -----------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        idempotence_key: str | None = None,
        *,
        params: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        headers = {"Idempotence-Key": idempotence_key} if idempotence_key is not None else {}
        try:
            # httpx's timeout bounds each phase; the outer one bounds the whole exchange.
            async with asyncio.timeout(self._timeout):
                response = await self._client.request(
                    method,
                    self._base_url + path,
                    json=body,
                    params=params,
                    headers=headers,
                    auth=self._auth,
                    timeout=self._timeout,
                )
        except (TimeoutError, httpx.TimeoutException):
            log.warning("YooKassa %s %s timed out (key %s)", method, path, idempotence_key)
            raise GatewayRetryLater("timeout") from None
        except httpx.TransportError as error:
            log.warning("YooKassa %s %s failed: %s", method, path, type(error).__name__)
            raise GatewayRetryLater(f"connection failed: {type(error).__name__}") from None
        status = response.status_code
        log.info("YooKassa %s %s -> %s (key %s)", method, path, status, idempotence_key)
        if status == 200:
            data = _json(response)
            if data is None:
                raise GatewayUnavailable(f"YooKassa answered {method} {path} with non-JSON")
            return data
        if status == 202 or status == 429 or status >= 500:
            raise GatewayRetryLater(f"HTTP {status}", retry_after_seconds=_retry_after(response))
        if 400 <= status < 500:
            data = _json(response) or {}
            raise GatewayRejected(
                status,
                str(data.get("code") or "http_error"),
                str(data.get("description") or response.reason_phrase),
                str(data["parameter"]) if data.get("parameter") else None,
            )
        raise GatewayUnavailable(f"YooKassa answered {method} {path} with HTTP {status}")


def _segment(identifier: str) -> str:
    if not identifier:
        raise ValueError("an empty id")
    return quote(identifier, safe="")


def _json(response: httpx.Response) -> dict[str, Any] | None:
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _retry_after(response: httpx.Response) -> float | None:
    """YooKassa puts `retry_after` (milliseconds) into a 202's body; 429 may set the header."""
    data = _json(response) or {}
    millis = data.get("retry_after")
    if isinstance(millis, int | float) and not isinstance(millis, bool) and millis >= 0:
        return millis / 1000
    header = response.headers.get(RETRY_AFTER_HEADER, "")
    return float(header) if header.isdigit() else None


def _parse(parser: Callable[[Mapping[str, Any]], T], data: dict[str, Any]) -> T:
    try:
        return parser(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise GatewayUnavailable(f"YooKassa sent an object we cannot read: {error!r}") from None


def _money(data: Any) -> int:
    if not isinstance(data, Mapping) or data.get("currency") != CURRENCY:
        raise ValueError("not an amount in RUB")
    return value_to_kopecks(str(data["value"]))


def _payment(data: Mapping[str, Any]) -> ProviderPayment:
    confirmation = data.get("confirmation") or {}
    cancellation = data.get("cancellation_details") or {}
    refunded = data.get("refunded_amount")
    return ProviderPayment(
        id=str(data["id"]),
        status=PaymentStatus(data["status"]),
        amount_kopecks=_money(data["amount"]),
        paid=bool(data.get("paid", False)),
        metadata={str(key): str(value) for key, value in (data.get("metadata") or {}).items()},
        confirmation_url=confirmation.get("confirmation_url"),
        cancellation_reason=cancellation.get("reason"),
        cancellation_party=cancellation.get("party"),
        refunded_kopecks=_money(refunded) if refunded else 0,
    )


def _refund(data: Mapping[str, Any]) -> ProviderRefund:
    cancellation = data.get("cancellation_details") or {}
    return ProviderRefund(
        id=str(data["id"]),
        payment_id=str(data["payment_id"]),
        status=RefundStatus(data["status"]),
        amount_kopecks=_money(data["amount"]),
        cancellation_reason=cancellation.get("reason"),
        created_at=_moment(created) if (created := data.get("created_at")) else None,
    )


def _refund_page(data: Mapping[str, Any]) -> tuple[list[ProviderRefund], str | None]:
    """A page of YooKassa's list of refunds and the cursor of the next page, if there is one."""
    items = data["items"]
    if data.get("type") != "list" or not isinstance(items, list):
        raise ValueError("not a list")
    cursor = data.get("next_cursor")
    return [_refund(item) for item in items], str(cursor) if cursor else None


def _moment(value: Any) -> datetime:
    """YooKassa's ISO 8601 time ("2026-12-01T09:00:00.000Z") as an aware UTC datetime."""
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(f"a time without a zone: {value!r}")
    return moment.astimezone(UTC)
