"""What a sender holds while it delivers: the rows it claimed, which of them it takes in one
batch, how far each got, and how long a failed one waits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from coworking_bot.db.models import OutboxMessageRow
from coworking_bot.domain.enums import Language

PER_CHAT_BATCH = 3


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try: 5 s, 10 s, 20 s, ... at most 15 min."""
    return timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), 900))


@dataclass(frozen=True, slots=True)
class ClaimedMessage:
    id: int
    chat_id: int
    language: Language
    key: str
    kind: str
    params: dict[str, Any]
    buttons: list[Any] | None
    media: dict[str, Any] | None
    document: dict[str, str] | None
    attempts: int
    parts_sent: int
    message_id: int | None
    edit_of: int | None

    @classmethod
    def of(cls, row: OutboxMessageRow) -> ClaimedMessage:
        return cls(
            id=row.id,
            chat_id=row.chat_id,
            language=row.language,
            key=row.key,
            kind=row.kind,
            params=dict(row.params or {}),
            buttons=row.buttons,
            media=row.media,
            document=row.document,
            attempts=row.attempts,
            parts_sent=row.parts_sent,
            message_id=row.message_id,
            edit_of=row.edit_of,
        )


@dataclass(slots=True)
class Progress:
    """How far a row got in this try."""

    parts_sent: int
    message_id: int | None


def claimable(now: datetime) -> ColumnElement[bool]:
    row = OutboxMessageRow
    return and_(
        row.sent_at.is_(None),
        row.failed_at.is_(None),
        row.due_at <= now,
        or_(row.claimed_until.is_(None), row.claimed_until < now),
    )


def fair_share(rows: Sequence[OutboxMessageRow], limit: int) -> list[OutboxMessageRow]:
    """The oldest rows, at most `PER_CHAT_BATCH` of any one chat, so one busy chat cannot hold
    up everyone else's messages."""
    per_chat: dict[int, int] = {}
    chosen: list[OutboxMessageRow] = []
    for row in rows:
        if per_chat.get(row.chat_id, 0) >= PER_CHAT_BATCH:
            continue
        per_chat[row.chat_id] = per_chat.get(row.chat_id, 0) + 1
        chosen.append(row)
        if len(chosen) >= limit:
            break
    return chosen


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:255]
