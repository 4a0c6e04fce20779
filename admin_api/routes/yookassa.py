"""YooKassa's payment notifications: `POST /webhooks/yookassa`.

YooKassa signs nothing, so a notification counts only this far: it must come from one of
YooKassa's addresses (YOOKASSA_WEBHOOK_IPS, seen through TRUSTED_PROXIES), and it merely names a
payment or refund that `PaymentService` then reads back from the API. YooKassa sends an event
again until it is answered 200, so a read-back that fails answers 503.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, Depends, HTTPException, Request, status
from prometheus_client import Counter

from admin_api.client_address import client_address, is_within
from admin_api.schemas import ErrorPublic, NotificationAnswer
from coworking_bot.config import Settings
from coworking_bot.services.payments.events import MalformedNotification
from coworking_bot.services.payments.ports import GatewayError
from coworking_bot.services.payments.service import PaymentService

logger = logging.getLogger(__name__)

PATH = "/webhooks/yookassa"
CONTENT_LENGTH = "Content-Length"
# A notification is about 1-2 KiB; anything near this is not one.
BODY_LIMIT = 64 * 1024

NOTIFICATIONS = Counter(
    "yookassa_notifications",
    "YooKassa webhook requests by outcome: what the service did with them, or why they were "
    "refused (disabled, forbidden, malformed, unavailable).",
    ["outcome"],
)


def _refuse(outcome: str, code: int, detail: str) -> HTTPException:
    NOTIFICATIONS.labels(outcome).inc()
    return HTTPException(code, detail)


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None once it is longer than `limit` (without reading it all)."""
    declared = request.headers.get(CONTENT_LENGTH, "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def create_yookassa_router(settings: Settings) -> APIRouter:
    router = APIRouter(tags=["webhooks"], route_class=DishkaRoute)
    enabled = settings.payments_enabled
    senders = tuple(settings.yookassa_webhook_ips)
    proxies = tuple(settings.trusted_proxies)

    async def notification_body(request: Request) -> Any:
        """The parsed body of a request from YooKassa; refuses anything else before the
        service (and its database session) is asked for."""
        if not enabled:
            raise _refuse("disabled", status.HTTP_404_NOT_FOUND, "online payments are off")
        sender = client_address(request, proxies)
        if sender is None or not is_within(sender, senders):
            peer = request.client.host if request.client else "unknown"
            logger.warning(
                "YooKassa webhook refused: sender %s (peer %s) is not in YOOKASSA_WEBHOOK_IPS",
                sender or "unknown",
                peer,
            )
            raise _refuse("forbidden", status.HTTP_403_FORBIDDEN, "sender not allowed")
        raw = await _read_limited(request, BODY_LIMIT)
        if raw is None:
            raise _refuse("malformed", status.HTTP_400_BAD_REQUEST, "body too large")
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise _refuse("malformed", status.HTTP_400_BAD_REQUEST, "body is not JSON") from None

    # A default rather than Annotated[...]: string annotations cannot see this factory's locals.
    checked_body = Depends(notification_body)

    @router.post(
        PATH,
        response_model=NotificationAnswer,
        responses={
            code: {"model": ErrorPublic}
            for code in (
                status.HTTP_400_BAD_REQUEST,
                status.HTTP_403_FORBIDDEN,
                status.HTTP_404_NOT_FOUND,
                status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        },
    )
    async def yookassa_notification(
        payments: FromDishka[PaymentService],
        body: Any = checked_body,
    ) -> NotificationAnswer:
        """A YooKassa notification: the payment or refund it names is read back from YooKassa
        and applied at most once. 403 from other addresses, 400 for a body that is not a
        notification, 503 when YooKassa cannot be asked (it sends the event again)."""
        try:
            outcome = await payments.on_notification(body)
        except MalformedNotification as error:
            raise _refuse("malformed", status.HTTP_400_BAD_REQUEST, str(error)) from None
        except GatewayError as error:
            logger.warning("YooKassa webhook: read-back failed, it will come again: %s", error)
            raise _refuse(
                "unavailable", status.HTTP_503_SERVICE_UNAVAILABLE, "YooKassa did not answer"
            ) from None
        NOTIFICATIONS.labels(outcome).inc()
        return NotificationAnswer(status=outcome)

    return router
