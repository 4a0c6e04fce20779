"""A local YooKassa stand-in for tests: the real adapter reaches it through `YOOKASSA_API_URL`
(`stand_in.url`, ending in /v3) and it answers in YooKassa's documented JSON.

It keeps payments and refunds, checks basic auth and the Idempotence-Key of every POST, answers a
reused key with the same body with the same object (and a reused key with another body with
400 invalid_request) for 24 hours, as YooKassa does, and keeps refunds within the payment. It
lists refunds (GET /refunds, filtered by payment_id and status, newest first, a page at a time
with `next_cursor`). Tests drive it: `succeed`, `cancel`, `fail_next`, `hang_next`,
`refunds_pending_next` with `succeed_refund` and `cancel_refund`, and `webhook_body` for the
notification YooKassa would send. Set `clock` to the test's clock to move its time with the app's.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

Json = dict[str, Any]
Action = Callable[[Json], Json]

KEY_LIFETIME = timedelta(hours=24)  # how long YooKassa remembers an Idempotence-Key
LIST_LIMIT = 100  # the largest `limit` of a list request


class _Fail(Exception):
    def __init__(self, status: int, code: str, description: str, parameter: str | None = None):
        super().__init__(description)
        self.status, self.code, self.description, self.parameter = (
            status,
            code,
            description,
            parameter,
        )


def _kopecks(amount: Any, parameter: str = "amount") -> int:
    try:
        value = Decimal(str(amount["value"]))
        currency = amount["currency"]
    except (KeyError, TypeError, InvalidOperation):
        raise _Fail(400, "invalid_request", "Malformed amount", parameter) from None
    if currency != "RUB" or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise _Fail(400, "invalid_request", "Invalid amount value or currency", parameter)
    return int(value * 100)


def _amount(kopecks: int) -> Json:
    return {"value": f"{kopecks // 100}.{kopecks % 100:02d}", "currency": "RUB"}


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class YooKassaStandIn:
    def __init__(self, shop_id: str = "123456", secret_key: str = "test_secret_key") -> None:
        self.shop_id = shop_id
        self.secret_key = secret_key
        self.payments: dict[str, Json] = {}
        self.refunds: dict[str, Json] = {}
        self.requests: list[tuple[str, str, Json | None]] = []  # method, path, body
        self._keys: dict[str, tuple[str, Json, Json]] = {}  # key -> (path, body, answer)
        self._key_times: dict[str, datetime] = {}
        self._fail_next: list[tuple[int, bool, str | None]] = []  # status, carried out, method
        self._hang_next: list[float] = []
        self._refunds_pending = 0
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""
        # Where the payment page lives; tests may set e.g. http://localhost:8090 (no dot in the
        # host), which Telegram refuses in a URL button.
        self.checkout_base: str | None = None
        self.clock: Callable[[], datetime] = _wall_clock
        # At most this many objects on a page of a list, whatever `limit` asks: pages for tests.
        self.page_size = LIST_LIMIT

    async def __aenter__(self) -> YooKassaStandIn:
        app = web.Application()
        app.router.add_post("/v3/payments", self._create_payment)
        app.router.add_get("/v3/payments/{id}", self._get_payment)
        app.router.add_post("/v3/payments/{id}/cancel", self._cancel_payment)
        app.router.add_post("/v3/refunds", self._create_refund)
        app.router.add_get("/v3/refunds", self._list_refunds)
        app.router.add_get("/v3/refunds/{id}", self._get_refund)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/v3"
        return self

    async def __aexit__(self, *_: object) -> None:
        self._closing.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- test controls ------------------------------------------------------------------------

    def succeed(self, payment_id: str) -> Json:
        """The user paid: succeeded (or waiting_for_capture for a two-stage payment)."""
        payment = self.payments[payment_id]
        payment["paid"] = True
        if payment["_capture"]:
            payment.update(status="succeeded", captured_at=self._now(), refundable=True)
        else:
            payment["status"] = "waiting_for_capture"
        return self._public(payment)

    def cancel(self, payment_id: str, reason: str = "expired_on_confirmation") -> Json:
        payment = self.payments[payment_id]
        payment.update(status="canceled", paid=False, refundable=False)
        payment["cancellation_details"] = {"party": "yoo_money", "reason": reason}
        return self._public(payment)

    def refunds_pending_next(self, count: int = 1) -> None:
        """The next `count` refunds stay pending (YooKassa takes a while with some methods) until
        `succeed_refund` or `cancel_refund`; otherwise a refund succeeds when it is created."""
        self._refunds_pending += count

    def succeed_refund(self, refund_id: str) -> Json:
        refund = self.refunds[refund_id]
        refund["status"] = "succeeded"
        return dict(refund)

    def cancel_refund(self, refund_id: str, reason: str = "rejected_by_payee") -> Json:
        """The refund did not go through: the money is the payment's again."""
        refund = self.refunds[refund_id]
        refund["status"] = "canceled"
        refund["cancellation_details"] = {"party": "yoo_money", "reason": reason}
        payment = self.payments[refund["payment_id"]]
        left = _kopecks(payment["refunded_amount"]) - _kopecks(refund["amount"])
        if left > 0:
            payment["refunded_amount"] = _amount(left)
        else:
            payment.pop("refunded_amount", None)
        return dict(refund)

    def fail_next(
        self, status: int = 500, *, carried_out: bool = True, method: str | None = None
    ) -> None:
        """The next request (with `method`, if given) is carried out but answered with `status`
        (202 or 5xx), the worst case for a client: the object exists, yet the client learns
        nothing. With `carried_out=False` it never reaches YooKassa (a proxy answers): nothing
        is done, seen or remembered."""
        self._fail_next.append((status, carried_out, method))

    def keys(self, path: str) -> list[str]:
        """The Idempotence-Keys the requests carried out on `path` came with, oldest first."""
        return [key for key, (seen_path, _, _) in self._keys.items() if seen_path == path]

    def hang_next(self, seconds: float) -> None:
        """The next request waits `seconds` (or until shutdown) before it is handled."""
        self._hang_next.append(seconds)

    @staticmethod
    def webhook_body(event: str, obj: Json) -> Json:
        return {"type": "notification", "event": event, "object": obj}

    # -- the HTTP side ------------------------------------------------------------------------

    async def _create_payment(self, request: web.Request) -> web.Response:
        return await self._serve(request, self._new_payment)

    async def _cancel_payment(self, request: web.Request) -> web.Response:
        return await self._serve(request, lambda _: self._do_cancel(request.match_info["id"]))

    async def _create_refund(self, request: web.Request) -> web.Response:
        return await self._serve(request, self._new_refund)

    async def _get_payment(self, request: web.Request) -> web.Response:
        return await self._serve(request, lambda _: self._public(self._find_payment(request)))

    async def _list_refunds(self, request: web.Request) -> web.Response:
        return await self._serve(request, lambda _: self._refund_page(request))

    async def _get_refund(self, request: web.Request) -> web.Response:
        def find(_: Json) -> Json:
            refund = self.refunds.get(request.match_info["id"])
            if refund is None:
                raise _Fail(404, "not_found", "Refund doesn't exist")
            return dict(refund)

        return await self._serve(request, find)

    async def _serve(self, request: web.Request, action: Action) -> web.Response:
        if self._hang_next:
            hang = self._hang_next.pop(0)
            # Wait out the hang, but let shutdown end it early.
            await asyncio.wait([asyncio.create_task(self._closing.wait())], timeout=hang)
        fail, carried_out = self._take_failure(request.method)
        if fail is not None and not carried_out:
            return self._error(_Fail(fail, "internal_server_error", "Internal server error"))
        try:
            self._check_auth(request)
            body: Json | None = None
            if request.method == "POST":
                body = await self._body(request)
            self.requests.append((request.method, request.path, body))
            answer = self._idempotent(request, body, action) if body is not None else action({})
        except _Fail as error:
            return self._error(error)
        if fail == 202:
            return web.json_response(
                {"type": "processing", "description": "Request accepted", "retry_after": 1800},
                status=202,
            )
        if fail is not None:
            return self._error(_Fail(fail, "internal_server_error", "Internal server error"))
        return web.json_response(answer)

    def _take_failure(self, method: str) -> tuple[int | None, bool]:
        for index, (status, carried_out, only) in enumerate(self._fail_next):
            if only in (None, method):
                del self._fail_next[index]
                return status, carried_out
        return None, True

    def _idempotent(self, request: web.Request, body: Json, action: Action) -> Json:
        key = request.headers.get("Idempotence-Key", "")
        if not key or len(key) > 64:
            raise _Fail(400, "invalid_request", "Idempotence-Key is missing or too long")
        if key in self._keys and self.clock() - self._key_times[key] >= KEY_LIFETIME:
            del self._keys[key]  # forgotten: the same key now makes a new object
        seen = self._keys.get(key)
        if seen is not None:
            path, old_body, answer = seen
            if path != request.path or old_body != body:
                raise _Fail(400, "invalid_request", "Idempotence key reused for another request")
            return answer
        answer = action(body)
        self._keys[key] = (request.path, body, answer)
        self._key_times[key] = self.clock()
        return answer

    def _check_auth(self, request: web.Request) -> None:
        expected = base64.b64encode(f"{self.shop_id}:{self.secret_key}".encode()).decode()
        if request.headers.get("Authorization") != f"Basic {expected}":
            raise _Fail(401, "invalid_credentials", "Login or password is incorrect")

    async def _body(self, request: web.Request) -> Json:
        try:
            data = json.loads(await request.text() or "{}")
        except ValueError:
            raise _Fail(400, "invalid_request", "Malformed JSON") from None
        if not isinstance(data, dict):
            raise _Fail(400, "invalid_request", "Malformed JSON")
        return data

    @staticmethod
    def _error(error: _Fail) -> web.Response:
        data: Json = {
            "type": "error",
            "id": str(uuid.uuid4()),
            "code": error.code,
            "description": error.description,
        }
        if error.parameter:
            data["parameter"] = error.parameter
        return web.json_response(data, status=error.status)

    # -- the objects --------------------------------------------------------------------------

    def _new_payment(self, body: Json) -> Json:
        kopecks = _kopecks(body.get("amount"))
        confirmation = body.get("confirmation") or {}
        if confirmation.get("type") != "redirect" or not confirmation.get("return_url"):
            raise _Fail(400, "invalid_request", "Redirect needs return_url", "confirmation")
        if "receipt" in body:
            self._check_receipt(body["receipt"], kopecks)
        payment_id = str(uuid.uuid4())
        payment: Json = {
            "id": payment_id,
            "status": "pending",
            "paid": False,
            "amount": _amount(kopecks),
            "confirmation": {
                "type": "redirect",
                "return_url": confirmation["return_url"],
                "confirmation_url": f"{self.checkout_base or self.url}/checkout/{payment_id}",
            },
            "created_at": self._now(),
            "description": body.get("description", ""),
            "metadata": body.get("metadata") or {},
            "recipient": {"account_id": self.shop_id, "gateway_id": "1"},
            "refundable": False,
            "test": True,
            "_capture": bool(body.get("capture", False)),
        }
        self.payments[payment_id] = payment
        return self._public(payment)

    def _check_receipt(self, receipt: Any, kopecks: int) -> None:
        customer = receipt.get("customer") or {}
        if not customer.get("phone") and not customer.get("email"):
            raise _Fail(400, "invalid_request", "Receipt needs phone or email", "receipt.customer")
        items = receipt.get("items") or []
        total = 0
        for item in items:
            if not {"description", "quantity", "amount", "vat_code"} <= item.keys():
                raise _Fail(400, "invalid_request", "Receipt item is incomplete", "receipt.items")
            total += _kopecks(item["amount"], "receipt.items.amount") * int(item["quantity"])
        if not items or total != kopecks:
            raise _Fail(400, "invalid_request", "Receipt items don't add up to the amount")

    def _find_payment(self, request: web.Request) -> Json:
        payment = self.payments.get(request.match_info["id"])
        if payment is None:
            raise _Fail(404, "not_found", "Payment doesn't exist or access denied")
        return payment

    def _do_cancel(self, payment_id: str) -> Json:
        payment = self.payments.get(payment_id)
        if payment is None:
            raise _Fail(404, "not_found", "Payment doesn't exist or access denied")
        if payment["status"] != "waiting_for_capture":
            raise _Fail(400, "invalid_request", "Only waiting_for_capture can be canceled")
        payment.update(status="canceled", paid=False)
        payment["cancellation_details"] = {"party": "merchant", "reason": "canceled_by_merchant"}
        return self._public(payment)

    def _new_refund(self, body: Json) -> Json:
        kopecks = _kopecks(body.get("amount"))
        payment = self.payments.get(str(body.get("payment_id")))
        if payment is None:
            raise _Fail(400, "invalid_request", "Payment doesn't exist", "payment_id")
        if payment["status"] != "succeeded":
            raise _Fail(400, "invalid_request", "Payment isn't succeeded", "payment_id")
        refunded = _kopecks(payment["refunded_amount"]) if "refunded_amount" in payment else 0
        if refunded + kopecks > _kopecks(payment["amount"]):
            raise _Fail(400, "invalid_request", "Refund amount exceeds the payment", "amount")
        payment["refunded_amount"] = _amount(refunded + kopecks)
        pending = self._refunds_pending > 0
        self._refunds_pending -= pending
        refund: Json = {
            "id": str(uuid.uuid4()),
            "payment_id": payment["id"],
            "status": "pending" if pending else "succeeded",
            "created_at": self._now(),
            "amount": _amount(kopecks),
        }
        if body.get("description"):
            refund["description"] = body["description"]
        self.refunds[refund["id"]] = refund
        return dict(refund)

    def _refund_page(self, request: web.Request) -> Json:
        query = request.query
        limit = query.get("limit", "10")
        if not limit.isdigit() or not 1 <= int(limit) <= LIST_LIMIT:
            raise _Fail(400, "invalid_request", "Invalid limit", "limit")
        start = self._cursor_offset(query.get("cursor"))
        found = [
            refund
            for refund in reversed(self.refunds.values())
            if query.get("payment_id", refund["payment_id"]) == refund["payment_id"]
            and query.get("status", refund["status"]) == refund["status"]
        ]
        found.sort(key=lambda refund: str(refund["created_at"]), reverse=True)  # newest first
        end = start + min(int(limit), self.page_size)
        page: Json = {"type": "list", "items": [dict(refund) for refund in found[start:end]]}
        if end < len(found):
            page["next_cursor"] = base64.urlsafe_b64encode(str(end).encode()).decode()
        return page

    @staticmethod
    def _cursor_offset(cursor: str | None) -> int:
        """Our cursors are opaque to clients, as YooKassa's are; inside, an offset."""
        if not cursor:
            return 0
        try:
            offset = int(base64.urlsafe_b64decode(cursor).decode())
        except (ValueError, binascii.Error):
            offset = -1
        if offset < 0:
            raise _Fail(400, "invalid_request", "Invalid cursor", "cursor")
        return offset

    def _now(self) -> str:
        moment = self.clock().astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    @staticmethod
    def _public(payment: Json) -> Json:
        return {key: value for key, value in payment.items() if not key.startswith("_")}
