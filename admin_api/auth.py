"""Sign-in of the Mini App: `Authorization: tma <initData>`.

The raw init data is checked as Telegram documents for Mini Apps: the data-check-string is every
received field but `hash`, as `key=value` lines sorted by key; the secret key is
HMAC-SHA256(key="WebAppData", message=bot token); the hash must equal
hex(HMAC-SHA256(key=secret key, message=data-check-string)), compared in constant time. The
`auth_date` must be no older than WEBAPP_AUTH_MAX_AGE_SECONDS (nor ahead of our clock). Parsing
never lets odd input through as anything but a refusal: whatever is wrong with it, the answer is
401.

Then the Telegram user is looked up as staff in the database on every request, so a ban or a
role change counts at once: not staff, or banned, is 403 (the sign-in is genuine, the access is
refused); a staff member without VIEW_ANALYTICS gets 403 from the figures and exports.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import parse_qsl

from dishka import AsyncContainer
from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader

from coworking_bot.config import Settings
from coworking_bot.domain.errors import PermissionDenied, UserBanned
from coworking_bot.services.analytics.access import DashboardAccess, Viewer
from coworking_bot.services.common.ports import Clock

logger = logging.getLogger(__name__)

SCHEME = "tma"
INIT_DATA_MAX_LENGTH = 8192
FIELDS_MAX = 64
# Telegram's clock and ours may differ a little: an auth_date this far ahead is still taken.
CLOCK_SKEW = timedelta(seconds=60)
_HASH = re.compile(r"[0-9a-f]{64}")
_WEBAPP_KEY = b"WebAppData"

tma_header = APIKeyHeader(
    name="Authorization",
    scheme_name="TelegramMiniApp",
    description="`tma <initData>`: the Mini App's raw `Telegram.WebApp.initData`, as Telegram "
    "gave it. Missing, forged, stale (older than WEBAPP_AUTH_MAX_AGE_SECONDS) or signed for "
    "another bot: 401.",
    auto_error=False,
)


class InitDataRefused(Exception):
    """The init data is missing, malformed, forged, for another bot, or stale."""


@dataclass(frozen=True, slots=True)
class WebAppUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def init_data_hash(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram signs init data with, over `fields` (all of them but `hash`)."""
    check_string = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(_WEBAPP_KEY, bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check_string.encode(), hashlib.sha256).hexdigest()


def verify_init_data(raw: str, bot_token: str, *, now: datetime, max_age: timedelta) -> WebAppUser:
    """The user the init data was signed for; `InitDataRefused` for anything else."""
    if not raw or len(raw) > INIT_DATA_MAX_LENGTH or not raw.isascii():
        raise InitDataRefused("malformed")
    try:
        pairs = parse_qsl(
            raw,
            keep_blank_values=True,
            strict_parsing=True,
            errors="strict",
            max_num_fields=FIELDS_MAX,
        )
    except ValueError:  # UnicodeDecodeError is one
        raise InitDataRefused("malformed") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataRefused("a field given twice")
    received = fields.pop("hash", "")
    if not _HASH.fullmatch(received):
        raise InitDataRefused("no hash")
    if not hmac.compare_digest(init_data_hash(fields, bot_token), received):
        raise InitDataRefused("bad signature")
    auth_date = fields.get("auth_date", "")
    if not (auth_date.isascii() and auth_date.isdigit() and len(auth_date) <= 12):
        raise InitDataRefused("no auth_date")
    age = now.timestamp() - int(auth_date)
    if age > max_age.total_seconds() or age < -CLOCK_SKEW.total_seconds():
        raise InitDataRefused("stale")
    return _user(fields.get("user", ""))


def _user(raw: str) -> WebAppUser:
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise InitDataRefused("user is not JSON") from None
    if not isinstance(data, dict):
        raise InitDataRefused("user is not an object")
    user_id = data.get("id")
    first_name = data.get("first_name")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or not 0 < user_id < 2**53:
        raise InitDataRefused("user has no id")
    if not isinstance(first_name, str):
        raise InitDataRefused("user has no name")
    last_name, username = data.get("last_name"), data.get("username")
    return WebAppUser(
        user_id,
        first_name,
        last_name if isinstance(last_name, str) else None,
        username if isinstance(username, str) else None,
    )


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": SCHEME})


def _container(request: Request) -> AsyncContainer:
    container: AsyncContainer = request.state.dishka_container
    return container


async def signed_in_user(
    request: Request, authorization: Annotated[str | None, Security(tma_header)] = None
) -> WebAppUser:
    """The Telegram user of a valid `Authorization: tma <initData>`; 401 otherwise."""
    scheme, _, raw = (authorization or "").strip().partition(" ")
    if scheme.lower() != SCHEME or not raw.strip():
        raise _unauthorized("sign in with Authorization: tma <initData>")
    container = _container(request)
    settings = await container.get(Settings)
    clock = await container.get(Clock)
    try:
        return verify_init_data(
            raw.strip(),
            settings.token,
            now=clock.now(),
            max_age=timedelta(seconds=settings.webapp_auth_max_age_seconds),
        )
    except InitDataRefused as refusal:
        logger.info("Mini App sign-in refused: %s", refusal)
        raise _unauthorized("the init data is not valid, or too old: reopen the Mini App") from None


async def viewer_of(request: Request, telegram_id: int, fallback_name: str | None) -> Viewer:
    """The staff member behind a verified Telegram id, read now; 403 when banned or not staff."""
    access = await _container(request).get(DashboardAccess)
    try:
        viewer = await access.viewer(telegram_id)
    except UserBanned:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this account is banned") from None
    except PermissionDenied:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the dashboard is for staff only") from None
    if viewer.name is None and fallback_name:
        return Viewer(viewer.actor, fallback_name)
    return viewer


async def current_viewer(
    request: Request, user: Annotated[WebAppUser, Depends(signed_in_user)]
) -> Viewer:
    return await viewer_of(request, user.id, user.full_name)


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]
