"""The outbox sender: delivers queued notices under Telegram's limits (DESIGN.md section 5).

Rows are claimed with a lease (`claimed_until`) in a short write transaction, so two senders
never take the same row; sending happens outside any transaction, and each outcome is recorded
in its own. A sender that dies after claiming leaves the rows to be claimed again when the lease
ends: delivery is at least once, and exactly once unless a process dies mid-send. A row's
progress (`parts_sent`) and the Telegram message it produced (`message_id`) are recorded, so a
retry goes on where it stopped and a later edit knows which message to change.

Broadcast copies go out beside the notices (`broadcasts.py`), under the same rate limiter.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import OutboxMessageRow, UserRow
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.db.user_cache import UserCache
from coworking_bot.outbox.broadcasts import BroadcastDelivery
from coworking_bot.outbox.claims import (
    ClaimedMessage,
    Progress,
    backoff,
    claimable,
    describe,
    fair_share,
)
from coworking_bot.outbox.parts import Part, Target, edit_part, message_id_of, parts_of
from coworking_bot.outbox.rate_limit import RateLimiter
from coworking_bot.outbox.render import NoticeRenderer
from coworking_bot.services.common.ports import Clock

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
BATCH_SIZE = 50
# At most this many rows of one chat per batch: the per-chat limit makes the rest wait anyway,
# and a batch must finish well inside its lease.
MAX_ATTEMPTS = 10
IDLE_SECONDS = 0.5
ERROR_PAUSE_SECONDS = 5.0
# An edit whose message is still on its way waits this long before it looks again.
EDIT_WAIT = timedelta(seconds=5)
# Errors that sending again will not cure.
_PERMANENT = (TelegramBadRequest, TelegramNotFound, TelegramEntityTooLarge, TelegramMigrateToChat)
NOT_MODIFIED = "message is not modified"


class OutboxSender:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        bot: Bot,
        renderer: NoticeRenderer,
        clock: Clock,
        *,
        limiter: RateLimiter | None = None,
        batch_size: int = BATCH_SIZE,
        lease: timedelta = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
        user_cache: UserCache | None = None,
    ) -> None:
        self._sessions = session_factory
        self._user_cache = user_cache
        self._bot = bot
        self._renderer = renderer
        self._clock = clock
        self._limiter = limiter or RateLimiter.for_telegram()
        self._batch_size = batch_size
        self._lease = lease
        self._max_attempts = max_attempts
        # Broadcast copies go out beside the notices, under the same limiter (behind them).
        self.broadcasts = BroadcastDelivery(
            session_factory, bot, clock, self._limiter, user_cache=user_cache
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Delivers notices and broadcasts until `stop` is set; naps briefly when there is
        nothing to send."""
        broadcasts = asyncio.create_task(self.broadcasts.run(stop), name="broadcasts")
        try:
            while not stop.is_set():
                try:
                    sent = await self.deliver_due()
                    nap = IDLE_SECONDS if sent == 0 else 0.0
                except Exception:
                    logger.exception("outbox: a delivery round failed")
                    nap = ERROR_PAUSE_SECONDS
                if nap:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), nap)
        finally:
            if not stop.is_set():  # cancelled: the broadcasts stop with us
                broadcasts.cancel()
            await asyncio.gather(broadcasts, return_exceptions=True)

    async def deliver_due(self, limit: int | None = None) -> int:
        """Claims the messages that are due, sends them, and records each outcome.

        Returns how many went out. Different chats are served concurrently, one chat's messages
        in order.
        """
        if self._limiter.paused_for() > 0:
            return 0
        claimed = await self.claim(limit or self._batch_size)
        by_chat: dict[int, list[ClaimedMessage]] = {}
        for message in claimed:
            by_chat.setdefault(message.chat_id, []).append(message)
        results = await asyncio.gather(
            *(self._deliver_chat(messages) for messages in by_chat.values()),
            return_exceptions=True,
        )
        sent = 0
        for result in results:
            if isinstance(result, BaseException):
                # Recording an outcome failed (the database went away): the lease will expire
                # and the row will be tried again.
                logger.error("outbox: delivery failed", exc_info=result)
            else:
                sent += result
        return sent

    async def claim(self, limit: int) -> list[ClaimedMessage]:
        """Takes up to `limit` due rows for this sender until the lease ends.

        PostgreSQL: rows another sender is claiming right now are skipped (`SKIP LOCKED`), and
        ones it claimed are no longer claimable. SQLite: `BEGIN IMMEDIATE` makes claims take turns.
        """
        now = self._clock.now()
        row = OutboxMessageRow
        async with self._sessions() as session:
            # A plain read first: an idle sender does not take SQLite's write lock twice a second.
            if await session.scalar(select(row.id).where(claimable(now)).limit(1)) is None:
                return []
            async with SqlUnitOfWork(session).write():
                return await self._claim_locked(session, now, limit)

    async def _claim_locked(
        self, session: AsyncSession, now: datetime, limit: int
    ) -> list[ClaimedMessage]:
        row = OutboxMessageRow
        candidates = (
            await session.scalars(
                select(row)
                .where(claimable(now))
                .order_by(row.due_at, row.id)
                .limit(limit * 4)
                .with_for_update(skip_locked=True)
            )
        ).all()
        chosen = fair_share(candidates, limit)
        if chosen:
            await session.execute(
                update(row)
                .where(row.id.in_([c.id for c in chosen]))
                .values(claimed_until=now + self._lease)
                .execution_options(synchronize_session=False)
            )
        return [ClaimedMessage.of(c) for c in chosen]

    async def _deliver_chat(self, messages: Sequence[ClaimedMessage]) -> int:
        sent = 0
        for message in messages:
            sent += await self._deliver(message)
        return sent

    async def _deliver(self, message: ClaimedMessage) -> int:
        try:
            text = self._renderer.text(message.language, message.key, message.params)
            markup = self._renderer.keyboard(message.language, message.buttons)
            if message.kind == "edit":
                parts = await self._edit_parts(message, text, markup)
                if parts is None:
                    return 0
            else:
                parts = parts_of(
                    self._bot,
                    message.chat_id,
                    message.kind,
                    text,
                    markup,
                    message.media,
                    message.document,
                )
        except Exception as error:  # a missing text or bad params: another try cannot help
            logger.exception("outbox: cannot render %s #%s", message.key, message.id)
            await self._fail(message, Progress(message.parts_sent, message.message_id), error)
            return 0
        progress = Progress(message.parts_sent, message.message_id)
        try:
            await self._send(message, parts, progress)
        except _Paused:
            await self._release(message, progress)
            return 0
        except TelegramRetryAfter as error:
            logger.warning("outbox: Telegram asks to wait %s s", error.retry_after)
            self._limiter.pause(error.retry_after)
            wait = timedelta(seconds=error.retry_after)
            await self._retry(message, progress, wait, error, count=False)
            return 0
        except TelegramForbiddenError as error:
            logger.info("outbox: %s blocked the bot; %s dropped", message.chat_id, message.key)
            await self._fail(message, progress, error, blocked=True)
            return 0
        except _PERMANENT as error:
            if message.kind == "edit" and NOT_MODIFIED in str(error):
                await self._done(message, progress)  # it already says exactly that
                return 1
            logger.warning("outbox: Telegram refused %s #%s: %s", message.key, message.id, error)
            await self._fail(message, progress, error)
            return 0
        except Exception as error:  # the network, Telegram's 5xx: try again later
            logger.warning("outbox: %s #%s not sent yet: %s", message.key, message.id, error)
            await self._retry(message, progress, backoff(message.attempts + 1), error)
            return 0
        await self._done(message, progress)
        return 1

    async def _send(self, message: ClaimedMessage, parts: list[Part], progress: Progress) -> None:
        """Sends the parts not sent yet, in order, noting each one as it goes out."""
        for index, part in enumerate(parts):
            if index < progress.parts_sent:
                continue
            if not await self._limiter.acquire(message.chat_id, weight=part.weight):
                raise _Paused()
            sent = await part.send()
            if progress.message_id is None and message.kind != "edit":
                progress.message_id = message_id_of(sent)
            progress.parts_sent = index + 1

    async def _edit_parts(
        self, message: ClaimedMessage, text: str, markup: Any
    ) -> list[Part] | None:
        """The edit of the message its row sent; None when there is nothing (yet) to edit."""
        async with self._sessions() as session:
            target = (
                await session.execute(
                    select(
                        OutboxMessageRow.kind,
                        OutboxMessageRow.message_id,
                        OutboxMessageRow.sent_at,
                        OutboxMessageRow.failed_at,
                    ).where(OutboxMessageRow.id == message.edit_of)
                )
            ).first()
        progress = Progress(message.parts_sent, None)
        if target is None or target.failed_at is not None:
            await self._fail(message, progress, LookupError("the message to edit was never sent"))
            return None
        if target.sent_at is not None and target.message_id is None:
            await self._fail(message, progress, LookupError("the sent message's id is unknown"))
            return None
        if target.sent_at is None:
            # Waiting for the message to be sent is not a failed try: the edit waits as long
            # as the message itself is tried, and gives up only once that one does.
            await self._retry(
                message, progress, EDIT_WAIT, LookupError("not sent yet"), count=False
            )
            return None
        return [
            edit_part(
                self._bot, message.chat_id, Target(target.kind, target.message_id), text, markup
            )
        ]

    async def _done(self, message: ClaimedMessage, progress: Progress) -> None:
        await self._write(
            message,
            {
                "sent_at": self._clock.now(),
                "claimed_until": None,
                "parts_sent": progress.parts_sent,
                "message_id": progress.message_id,
            },
        )

    async def _release(self, message: ClaimedMessage, progress: Progress) -> None:
        """Gives a row back untried while Telegram makes us wait."""
        wait = timedelta(seconds=self._limiter.paused_for())
        await self._write(
            message,
            {
                "claimed_until": None,
                "due_at": self._clock.now() + wait,
                "parts_sent": progress.parts_sent,
                "message_id": progress.message_id,
            },
        )

    async def _retry(
        self,
        message: ClaimedMessage,
        progress: Progress,
        delay: timedelta,
        error: BaseException,
        *,
        count: bool = True,
    ) -> None:
        attempts = message.attempts + 1 if count else message.attempts
        if attempts >= self._max_attempts:
            await self._fail(message, progress, error, attempts=attempts)
            return
        await self._write(
            message,
            {
                "attempts": attempts,
                "last_error": describe(error),
                "claimed_until": None,
                "due_at": self._clock.now() + delay,
                "parts_sent": progress.parts_sent,
                "message_id": progress.message_id,
            },
        )

    async def _fail(
        self,
        message: ClaimedMessage,
        progress: Progress,
        error: BaseException,
        *,
        blocked: bool = False,
        attempts: int | None = None,
    ) -> None:
        values = {
            "failed_at": self._clock.now(),
            "claimed_until": None,
            "attempts": message.attempts + 1 if attempts is None else attempts,
            "last_error": describe(error),
            "parts_sent": progress.parts_sent,
            "message_id": progress.message_id,
        }
        await self._write(message, values, blocked=blocked)

    async def _write(
        self, message: ClaimedMessage, values: dict[str, Any], *, blocked: bool = False
    ) -> None:
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await session.execute(
                update(OutboxMessageRow).where(OutboxMessageRow.id == message.id).values(values)
            )
            if blocked:
                await session.execute(
                    update(UserRow)
                    .where(UserRow.telegram_id == message.chat_id)
                    .values(bot_blocked=True)
                )
        if blocked and self._user_cache is not None:
            self._user_cache.invalidate(message.chat_id)


class _Paused(Exception):
    """Telegram asked everyone to wait (`retry_after`): the row goes back untried."""
