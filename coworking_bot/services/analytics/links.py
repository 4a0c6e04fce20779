"""Short-lived signed links to an export.

A Mini App cannot set headers on a download (Telegram's `downloadFile` fetches a plain URL), so
the link carries its own authorization: who asked, until when, signed with HMAC-SHA256 over
everything the link is for (the export, its format and its period). The downloader is then
checked as staff again at download time, so a ban or a role taken away in between counts.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from coworking_bot.domain.analytics import Period

LINK_LIFETIME = timedelta(minutes=5)
_TOKEN_MAX_LENGTH = 128


class InvalidLink(Exception):
    """A link token that is malformed, forged, for something else, or expired."""


@dataclass(frozen=True, slots=True)
class SignedLink:
    token: str
    expires_at: datetime


def link_key(secret_key: str | None, bot_token: str) -> bytes:
    """SECRET_KEY when set; else a key derived from the bot's token, which every instance with
    the same token agrees on (and which changes when the token does)."""
    if secret_key:
        return hashlib.sha256(b"export-links\n" + secret_key.encode()).digest()
    return hashlib.sha256(b"export-links-from-token\n" + bot_token.encode()).digest()


class ExportLinks:
    def __init__(self, key: bytes, lifetime: timedelta = LINK_LIFETIME) -> None:
        self._key = key
        self._lifetime = lifetime

    def issue(self, telegram_id: int, export: str, period: Period, now: datetime) -> SignedLink:
        expires = int((now + self._lifetime).timestamp())
        signature = self._sign(telegram_id, export, period, expires)
        return SignedLink(
            f"{telegram_id}.{expires}.{signature}", datetime.fromtimestamp(expires, UTC)
        )

    def check(self, token: str, export: str, period: Period, now: datetime) -> int:
        """The Telegram id of who asked for this link; `InvalidLink` otherwise."""
        if len(token) > _TOKEN_MAX_LENGTH or not token.isascii():
            raise InvalidLink()
        parts = token.split(".")
        if len(parts) != 3 or not all(part.isdigit() for part in parts[:2]):
            raise InvalidLink()
        telegram_id, expires, signature = int(parts[0]), int(parts[1]), parts[2]
        expected = self._sign(telegram_id, export, period, expires)
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise InvalidLink()
        if now.timestamp() >= expires:
            raise InvalidLink()
        return telegram_id

    def _sign(self, telegram_id: int, export: str, period: Period, expires: int) -> str:
        message = "\n".join(
            (
                "export",
                str(telegram_id),
                export,
                period.date_from.isoformat(),
                period.date_to.isoformat(),
                str(expires),
            )
        )
        return hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()
