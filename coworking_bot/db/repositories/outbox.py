"""The outbox writer: notices become rows in the use case's own transaction (DESIGN.md 5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from coworking_bot.db.models import OutboxMessageRow
from coworking_bot.domain.enums import Language
from coworking_bot.services.common.notices import (
    Attachment,
    Button,
    Copy,
    NoticeParam,
    TextFile,
    encode_attachment,
    encode_buttons,
    encode_params,
)
from coworking_bot.services.common.ports import Clock


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
        params: Mapping[str, NoticeParam] | None = None,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        attachment: Attachment | None = None,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        topic: str | None = None,
    ) -> None:
        kind, media = encode_attachment(attachment)
        document = (
            {"filename": attachment.filename, "content": attachment.content}
            if isinstance(attachment, TextFile)
            else None
        )
        await self._add(
            telegram_id,
            language,
            key,
            kind=kind,
            media=media,
            document=document,
            params=encode_params(params),
            buttons=encode_buttons(buttons),
            due_at=due_at,
            dedupe_key=dedupe_key,
            topic=topic,
        )

    async def copy(
        self,
        telegram_id: int,
        language: Language,
        source: Copy,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        topic: str | None = None,
    ) -> None:
        await self._add(
            telegram_id,
            language,
            "",
            kind="copy",
            media={"from_chat_id": source.from_chat_id, "message_id": source.message_id},
            buttons=encode_buttons(buttons),
            due_at=due_at,
            dedupe_key=dedupe_key,
            topic=topic,
        )

    async def amend(
        self,
        topic: str,
        key: str,
        params: Mapping[str, NoticeParam] | None = None,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        skip_chat: int | None = None,
    ) -> None:
        now = self._clock.now()
        row = OutboxMessageRow
        targets = (
            await self._session.execute(
                select(row.id, row.chat_id, row.language, row.sent_at)
                .where(row.topic == topic, row.kind != "edit", row.failed_at.is_(None))
                .order_by(row.id)
            )
        ).all()
        encoded, encoded_buttons = encode_params(params), encode_buttons(buttons)
        for target_id, chat_id, language, sent_at in targets:
            if chat_id == skip_chat:
                continue
            if sent_at is None and await self._rewrite(
                target_id, now, key, encoded, encoded_buttons
            ):
                continue  # not sent yet: it goes out as it reads now
            await self._add(
                chat_id,
                language,
                key,
                kind="edit",
                params=encoded,
                buttons=encoded_buttons,
                edit_of=target_id,
            )

    async def _rewrite(
        self,
        row_id: int,
        now: datetime,
        key: str,
        params: dict[str, Any],
        buttons: list[list[dict[str, Any]]] | None,
    ) -> bool:
        """Give a row no sender holds right now its new text and buttons; False when one is
        sending it (an edit then follows it)."""
        row = OutboxMessageRow
        result = await self._session.execute(
            update(row)
            .where(
                row.id == row_id,
                row.sent_at.is_(None),
                row.failed_at.is_(None),
                or_(row.claimed_until.is_(None), row.claimed_until < now),
            )
            .values(key=key, params=params, buttons=buttons)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def _add(
        self,
        telegram_id: int,
        language: Language,
        key: str,
        *,
        kind: str,
        media: dict[str, Any] | None = None,
        document: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        buttons: list[list[dict[str, Any]]] | None = None,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        topic: str | None = None,
        edit_of: int | None = None,
    ) -> None:
        now = self._clock.now()
        values: dict[str, Any] = {
            "chat_id": telegram_id,
            "language": language,
            "key": key,
            "kind": kind,
            "media": media,
            "document": document,
            "params": params or {},
            "buttons": buttons,
            "due_at": due_at or now,
            "dedupe_key": dedupe_key,
            "topic": topic,
            "edit_of": edit_of,
            "attempts": 0,
            "parts_sent": 0,
            "created_at": now,
        }
        await self._session.execute(_insert(self._session, values, skip_duplicate=bool(dedupe_key)))


class SqlOutboxArchive:
    """Rows the outbox is done with (sent, or given up), deleted after the retention period."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def purge_done_before(self, moment: datetime, limit: int, *, topics: datetime) -> int:
        row = OutboxMessageRow
        done = (
            select(row.id)
            .where(
                or_(row.sent_at < moment, row.failed_at < moment),
                or_(row.topic.is_(None), row.sent_at < topics, row.failed_at < topics),
            )
            .limit(limit)
            .scalar_subquery()
        )
        result = await self._session.execute(
            delete(row).where(row.id.in_(done)).execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)


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
