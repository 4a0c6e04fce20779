"""Request and response bodies, apart from the table models: the service endpoints here, the
Mini App API in `dashboard`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class HealthPublic(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyPublic(BaseModel):
    status: Literal["ready", "unavailable"]
    database: Literal["ok", "error"]


class NotificationAnswer(BaseModel):
    """What a YooKassa notification did: `applied` changed a payment or refund, `unchanged` found
    it settled already (or still open at YooKassa), `unknown` names nothing of ours, `ignored` is
    an event we do not act on."""

    status: Literal["applied", "unchanged", "unknown", "ignored"]


class ErrorPublic(BaseModel):
    detail: str
