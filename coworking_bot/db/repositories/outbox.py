"""The outbox writer: notices become rows in the use case's own transaction (DESIGN.md 5)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from coworking_bot.db.models import OutboxMessageRow
from coworking_bot.domain.enums import Language
from coworking_bot.services.common.notices import MessageButton, MessageDocument
from coworking_bot.services.common.ports import Clock

_PARAM_TYPES = (str, int, float)


class SqlOutbox:
    """`Notifier` over the request's session. Never commits: the use case does."""

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

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
    ) -> None:
        for name, value in params.items():
            # A bool is an int to Python but means nothing to Fluent; dates lose their zone in JSON.
            if isinstance(value, bool) or not isinstance(value, _PARAM_TYPES):
                raise TypeError(f"notice {key}: param {name} must be str, int or float")
        for row in buttons or ():
            for button in row:
                if ("callback_data" in button) == ("url" in button):
                    raise ValueError(f"notice {key}: button {button['key']} needs data or a url")
        values: dict[str, Any] = {
            "chat_id": telegram_id,
            "language": language,
            "key": key,
            "params": dict(params),
            "buttons": [[dict(button) for button in row] for row in buttons] if buttons else None,
            "document": dict(document) if document else None,
            "due_at": due_at or self._clock.now(),
            "dedupe_key": dedupe_key,
            "attempts": 0,
            "created_at": self._clock.now(),
        }
        await self._session.execute(_insert(self._session, values, skip_duplicate=bool(dedupe_key)))


def _insert(session: AsyncSession, values: dict[str, Any], *, skip_duplicate: bool) -> Executable:
    """INSERT, or INSERT .. ON CONFLICT (dedupe_key) DO NOTHING, in the session's dialect."""
    dialect = session.bind.dialect.name if session.bind else ""
    if dialect == "postgresql":
        pg_insert = postgresql.insert(OutboxMessageRow).values(values)
        if skip_duplicate:
            return pg_insert.on_conflict_do_nothing(index_elements=["dedupe_key"])
        return pg_insert
    if dialect == "sqlite":
        sqlite_insert = sqlite.insert(OutboxMessageRow).values(values)
        if skip_duplicate:
            return sqlite_insert.on_conflict_do_nothing(index_elements=["dedupe_key"])
        return sqlite_insert
    raise RuntimeError(f"the outbox does not support {dialect or 'this database'}")
