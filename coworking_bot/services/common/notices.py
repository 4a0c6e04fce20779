"""Notices: what a use case tells people, queued in its own transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Required, TypedDict

from coworking_bot.domain.enums import Language


class MessageButton(TypedDict, total=False):
    """An inline button of a notice: its text is a locale key, rendered at send time."""

    key: Required[str]
    callback_data: str
    url: str


class MessageDocument(TypedDict):
    """A text file sent right after the notice (an .ics, a receipt)."""

    filename: str
    content: str


class Notifier(Protocol):
    """Queues a localized notice to a user, written in the current use case's transaction.

    Call it before the use case commits: the notice then exists exactly when the change does,
    and a sender delivers it later (DESIGN.md section 5). Params are plain text (the sender
    escapes them for HTML) and must be str, int or float: format dates and money before.
    `dedupe_key` makes the notice idempotent: a second notice with the same key is dropped.
    """

    async def notify(
        self,
        telegram_id: int,
        language: Language,
        key: str,
        *,
        buttons: Sequence[Sequence[MessageButton]] | None = None,
        document: MessageDocument | None = None,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        **params: str | int | float,
    ) -> None: ...
