"""Broadcast delivery: every recipient's copy sent under Telegram's limits, with the outbox's own
rate limiter (notices go first, an album counts each item), at most once.

How one copy goes out:

1. a feeder takes a few pending recipients of running broadcasts for a short lease, under a
   token of its own, as the outbox claims its rows: nothing has been sent, so a sender that dies
   now loses nothing (another takes them when the lease is over);
2. a worker waits for a slot of the rate limiter (with several instances, also for its moment on
   the schedule they share in Redis), then marks the copy "sending", if it is still
   pending under its token, the broadcast still runs and the client may still have it (banned,
   blocked or news turned off meanwhile: "skipped");
3. it calls Telegram and records what came back: sent; the client blocked the bot (marked on
   the user too); refused for good; or, when Telegram asked to wait (429: every send waits,
   `retry_after`) or failed on its side, pending again for later.

A copy still "sending" when its lease is over belongs to a sender that died on the way, and a
copy whose call broke after it went out (a timeout): whether it arrived is unknown, and it is
never sent again (`BroadcastTimers` settles the first kind). So nobody gets a broadcast twice,
whatever stops when; the report counts the unknown ones apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiohttp import ClientConnectorError
from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BroadcastRecipientRow, BroadcastRow, UserRow
from coworking_bot.db.repositories.broadcasts import may_receive
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.broadcasts import (
    BroadcastStatus,
    LinkButton,
    RecipientStatus,
    Source,
)
from coworking_bot.outbox.claims import backoff, describe
from coworking_bot.outbox.parts import copy_parts, message_id_of
from coworking_bot.outbox.rate_limit import RateLimiter
from coworking_bot.services.common.ports import Clock

logger = logging.getLogger(__name__)

WORKERS = 8  # copies on their way at once: Telegram answers in 50-300 ms, a slot comes every 34
BATCH = 2 * WORKERS
LEASE = timedelta(seconds=15)  # a claimed copy not begun: another sender may take it after
SEND_LEASE = timedelta(seconds=60)  # a copy on its way; past it, its sender is gone
SEND_TIMEOUT = 20  # seconds a Telegram call may take (well inside SEND_LEASE)
MAX_ATTEMPTS = 5
IDLE_SECONDS = 1.0
FULL_SECONDS = 0.05
ERROR_PAUSE_SECONDS = 5.0
SOURCE_GONE = "the message to copy was deleted"
_PERMANENT = (TelegramBadRequest, TelegramNotFound, TelegramEntityTooLarge, TelegramMigrateToChat)


@dataclass(frozen=True, slots=True)
class Job:
    """One recipient's copy, claimed by this sender under `token`."""

    recipient_id: int
    broadcast_id: int
    chat_id: int
    parts_sent: int
    attempts: int
    token: str
    source: Source
    button: LinkButton | None


class _SourceGone(Exception):
    """Telegram copied nothing: the author deleted the message."""


class BroadcastDelivery:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        bot: Bot,
        clock: Clock,
        limiter: RateLimiter,
        *,
        workers: int = WORKERS,
        batch: int = BATCH,
        user_cache: UserCache | None = None,
    ) -> None:
        self._sessions = session_factory
        self._bot = bot
        self._clock = clock
        self._limiter = limiter
        self._workers = workers
        self._batch = batch
        self._user_cache = user_cache

    # --- running -------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Delivers until `stop` is set; the copies on their way then finish and are recorded,
        and the ones claimed but not begun are given back."""
        queue: asyncio.Queue[Job] = asyncio.Queue()
        workers = [
            asyncio.create_task(self._work(queue, stop), name=f"broadcast worker {n}")
            for n in range(self._workers)
        ]
        try:
            await self._feed(queue, stop)
        except asyncio.CancelledError:  # not a clean stop: the workers go at once too
            for worker in workers:
                worker.cancel()
            raise
        finally:
            await asyncio.gather(*workers, return_exceptions=True)
            left = []
            while not queue.empty():
                left.append(queue.get_nowait())
            with contextlib.suppress(Exception):
                await self._release_all(left)

    async def _feed(self, queue: asyncio.Queue[Job], stop: asyncio.Event) -> None:
        while not stop.is_set():
            nap = 0.0
            try:
                if self._limiter.paused_for() > 0:
                    nap = self._limiter.paused_for()
                elif queue.qsize() >= self._workers:
                    nap = FULL_SECONDS
                else:
                    jobs = await self.claim(self._batch - queue.qsize())
                    for job in jobs:
                        queue.put_nowait(job)
                    nap = 0.0 if jobs else IDLE_SECONDS
            except Exception:
                logger.exception("broadcasts: claiming copies failed")
                nap = ERROR_PAUSE_SECONDS
            if nap:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), nap)

    async def _work(self, queue: asyncio.Queue[Job], stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                job = await asyncio.wait_for(queue.get(), 0.5)
            except TimeoutError:
                continue
            try:
                await self.deliver(job)
            except Exception:
                logger.exception("broadcasts: copy %s failed", job.recipient_id)

    async def deliver_due(self, limit: int = 100) -> int:
        """Claims the copies that are due and sends them (at most `workers` at once); how many
        went out. For tests and tools; `run` is the long-lived loop."""
        jobs = await self.claim(limit)
        gate = asyncio.Semaphore(self._workers)

        async def one(job: Job) -> bool:
            async with gate:
                return await self.deliver(job)

        return sum(await asyncio.gather(*(one(job) for job in jobs)))

    # --- claiming ------------------------------------------------------------------------------

    async def claim(self, limit: int) -> list[Job]:
        """Takes up to `limit` due copies of running broadcasts for LEASE.

        PostgreSQL: copies another sender is claiming right now are skipped (`SKIP LOCKED`).
        SQLite: `BEGIN IMMEDIATE` makes claims take turns.
        """
        if limit <= 0:
            return []
        now = self._clock.now()
        row = BroadcastRecipientRow
        due = and_(
            row.broadcast_id.in_(
                select(BroadcastRow.id).where(BroadcastRow.status == BroadcastStatus.RUNNING)
            ),
            row.status == RecipientStatus.PENDING,
            or_(row.not_before.is_(None), row.not_before <= now),
            or_(row.claimed_until.is_(None), row.claimed_until < now),
        )
        async with self._sessions() as session:
            # A plain read first: an idle sender does not take SQLite's write lock every second.
            if await session.scalar(select(row.id).where(due).limit(1)) is None:
                return []
            async with SqlUnitOfWork(session).write():
                found = (
                    await session.execute(
                        select(row.id, row.broadcast_id, row.chat_id, row.parts_sent, row.attempts)
                        .where(due)
                        .order_by(row.broadcast_id, row.id)
                        .limit(limit)
                        .with_for_update(skip_locked=True)
                    )
                ).all()
                if not found:
                    return []
                token = uuid.uuid4().hex
                await session.execute(
                    update(row)
                    .where(row.id.in_([item.id for item in found]))
                    .values(claimed_until=now + LEASE, claim_token=token)
                    .execution_options(synchronize_session=False)
                )
                sources = await _sources(session, {item.broadcast_id for item in found})
        return [
            Job(
                recipient_id=item.id,
                broadcast_id=item.broadcast_id,
                chat_id=item.chat_id,
                parts_sent=item.parts_sent,
                attempts=item.attempts,
                token=token,
                source=sources[item.broadcast_id][0],
                button=sources[item.broadcast_id][1],
            )
            for item in found
        ]

    # --- one copy ------------------------------------------------------------------------------

    async def deliver(self, job: Job) -> bool:
        """Sends one claimed copy and records the outcome; True when it went out."""
        parts = copy_parts(self._bot, job.chat_id, job.source, job.button, timeout=SEND_TIMEOUT)
        weight = sum(part.weight for part in parts[job.parts_sent :])
        slot = await self._limiter.slot(job.chat_id, weight, background=True)
        # Its moment comes before it is marked "sending": a copy killed while waiting for it is
        # not in doubt.
        first = parts[job.parts_sent].weight if job.parts_sent < len(parts) else 1
        if slot is None or not await slot.ready(first):
            await self._release(job, wait=timedelta(seconds=self._limiter.paused_for()))
            return False
        if not await self._begin(job):
            return False
        parts_sent, message_id = job.parts_sent, None
        try:
            for index, part in enumerate(parts):
                if index < parts_sent:
                    continue
                paused = self._limiter.paused_for()  # a 429 came meanwhile
                if paused > 0 or (index > job.parts_sent and not await slot.ready(part.weight)):
                    paused = self._limiter.paused_for()
                    await self._again(job, parts_sent, timedelta(seconds=paused), None)
                    return False
                slot.go()
                sent = await part.send()
                if isinstance(sent, list) and not sent:
                    raise _SourceGone()
                message_id = message_id or message_id_of(sent)
                parts_sent = index + 1
        except TelegramRetryAfter as error:
            logger.warning("broadcasts: Telegram asks to wait %s s", error.retry_after)
            self._limiter.pause(error.retry_after)
            await self._again(job, parts_sent, timedelta(seconds=error.retry_after), error)
            return False
        except TelegramForbiddenError as error:
            await self._finish(job, RecipientStatus.BLOCKED, parts_sent, message_id, error)
            return False
        except (_SourceGone, TelegramBadRequest) as error:
            if isinstance(error, TelegramBadRequest) and not _source_gone(error):
                await self._finish(job, RecipientStatus.FAILED, parts_sent, message_id, error)
                return False
            await self._stop_broadcast(job, parts_sent)
            return False
        except _PERMANENT as error:
            await self._finish(job, RecipientStatus.FAILED, parts_sent, message_id, error)
            return False
        except TelegramNetworkError as error:
            if isinstance(error.__cause__, ClientConnectorError):  # it never left: try again
                await self._retry(job, parts_sent, error)
            else:  # it may have arrived
                await self._finish(job, RecipientStatus.UNKNOWN, parts_sent, message_id, error)
            return False
        except TelegramAPIError as error:  # Telegram answered that it failed (5xx): again later
            await self._retry(job, parts_sent, error)
            return False
        except Exception as error:  # the call went out; what came back is beyond us
            logger.exception("broadcasts: copy %s in an unknown state", job.recipient_id)
            await self._finish(job, RecipientStatus.UNKNOWN, parts_sent, message_id, error)
            return False
        await self._finish(job, RecipientStatus.SENT, parts_sent, message_id, None)
        return True

    async def _begin(self, job: Job) -> bool:
        """Pending under our token -> sending, if the broadcast runs and the client may still
        have it. A copy of a paused or cancelled broadcast is given back; one whose client may
        no longer have it is skipped."""
        row = BroadcastRecipientRow
        now = self._clock.now()
        mine = and_(
            row.id == job.recipient_id,
            row.status == RecipientStatus.PENDING,
            row.claim_token == job.token,
        )
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            result = await session.execute(
                update(row)
                .where(
                    mine,
                    exists(
                        select(BroadcastRow.id).where(
                            BroadcastRow.id == row.broadcast_id,
                            BroadcastRow.status == BroadcastStatus.RUNNING,
                        )
                    ),
                    exists(select(UserRow.id).where(UserRow.id == row.user_id, may_receive())),
                )
                .values(status=RecipientStatus.SENDING, claimed_until=now + SEND_LEASE)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0):
                return True
            state = (
                await session.execute(
                    select(row.status, row.claim_token, BroadcastRow.status)
                    .join(BroadcastRow, BroadcastRow.id == row.broadcast_id)
                    .where(row.id == job.recipient_id)
                )
            ).first()
            if state is None or state[0] != RecipientStatus.PENDING or state[1] != job.token:
                return False  # another sender has it now
            if state[2] != BroadcastStatus.RUNNING:
                values: dict[str, Any] = {"claimed_until": None, "claim_token": None}
            else:
                values = {"status": RecipientStatus.SKIPPED, "claimed_until": None}
            await session.execute(
                update(row).where(mine).values(values).execution_options(synchronize_session=False)
            )
        return False

    # --- outcomes ------------------------------------------------------------------------------

    async def _finish(
        self,
        job: Job,
        status: RecipientStatus,
        parts_sent: int,
        message_id: int | None,
        error: BaseException | None,
    ) -> None:
        if error is not None and status is not RecipientStatus.BLOCKED:
            logger.warning("broadcasts: copy %s %s: %s", job.recipient_id, status.value, error)
        values: dict[str, Any] = {
            "status": status,
            "claimed_until": None,
            "parts_sent": parts_sent,
            "message_id": message_id,
            "error": describe(error) if error is not None else None,
        }
        if status is RecipientStatus.SENT:
            values["sent_at"] = self._clock.now()
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await self._record(session, job, values, outcome=True)
            if status is RecipientStatus.BLOCKED:
                await session.execute(
                    update(UserRow)
                    .where(UserRow.telegram_id == job.chat_id)
                    .values(bot_blocked=True)
                    .execution_options(synchronize_session=False)
                )
        if status is RecipientStatus.BLOCKED and self._user_cache is not None:
            self._user_cache.invalidate(job.chat_id)

    async def _again(
        self, job: Job, parts_sent: int, wait: timedelta, error: BaseException | None
    ) -> None:
        """Not sent (or not all of it): pending again after `wait`, the same try."""
        values: dict[str, Any] = {
            "status": RecipientStatus.PENDING,
            "claimed_until": None,
            "claim_token": None,
            "not_before": self._clock.now() + wait,
            "parts_sent": parts_sent,
            "error": describe(error) if error is not None else None,
        }
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await self._record(session, job, values, outcome=True)

    async def _retry(self, job: Job, parts_sent: int, error: BaseException) -> None:
        """Telegram said it failed: tried again later, up to MAX_ATTEMPTS tries."""
        attempts = job.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            await self._finish(job, RecipientStatus.FAILED, parts_sent, None, error)
            return
        logger.warning("broadcasts: copy %s not sent yet: %s", job.recipient_id, error)
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await self._record(
                session,
                job,
                {
                    "status": RecipientStatus.PENDING,
                    "claimed_until": None,
                    "claim_token": None,
                    "not_before": self._clock.now() + backoff(attempts),
                    "attempts": attempts,
                    "parts_sent": parts_sent,
                    "error": describe(error),
                },
                outcome=True,
            )

    async def _stop_broadcast(self, job: Job, parts_sent: int) -> None:
        """The author deleted the message: the copy waits, and the broadcast pauses with the
        reason (its progress message says so at the next tick)."""
        logger.warning("broadcasts: #%s paused: %s", job.broadcast_id, SOURCE_GONE)
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await self._record(
                session,
                job,
                {
                    "status": RecipientStatus.PENDING,
                    "claimed_until": None,
                    "claim_token": None,
                    "parts_sent": parts_sent,
                },
                outcome=True,
            )
            await session.execute(
                update(BroadcastRow)
                .where(
                    BroadcastRow.id == job.broadcast_id,
                    BroadcastRow.status == BroadcastStatus.RUNNING,
                )
                .values(status=BroadcastStatus.PAUSED, last_error=SOURCE_GONE, progress_at=None)
                .execution_options(synchronize_session=False)
            )

    async def _release(self, job: Job, *, wait: timedelta = timedelta(0)) -> None:
        """A claimed copy not begun goes back (Telegram makes everyone wait)."""
        async with self._sessions() as session, SqlUnitOfWork(session).write():
            await self._record(
                session,
                job,
                {
                    "claimed_until": None,
                    "claim_token": None,
                    "not_before": self._clock.now() + wait if wait else None,
                },
                outcome=False,
            )

    async def _release_all(self, jobs: list[Job]) -> None:
        for job in jobs:
            await self._release(job)

    async def _record(
        self, session: AsyncSession, job: Job, values: dict[str, Any], *, outcome: bool
    ) -> None:
        """Writes `values` to the copy if it is still ours: on its way (`outcome`; an unknown
        one may still learn that it arrived) or, not begun, pending under our token."""
        row = BroadcastRecipientRow
        states = (
            (RecipientStatus.SENDING, RecipientStatus.UNKNOWN)
            if outcome
            else (RecipientStatus.PENDING,)
        )
        result = await session.execute(
            update(row)
            .where(row.id == job.recipient_id, row.claim_token == job.token, row.status.in_(states))
            .values(values)
            .execution_options(synchronize_session=False)
        )
        if outcome and not getattr(result, "rowcount", 0):
            logger.warning("broadcasts: copy %s changed hands before its outcome", job.recipient_id)


def _source_gone(error: TelegramBadRequest) -> bool:
    text = str(error.message).lower()
    return "message to copy not found" in text or "message_id_invalid" in text


async def _sources(
    session: AsyncSession, broadcast_ids: set[int]
) -> dict[int, tuple[Source, LinkButton | None]]:
    rows = await session.execute(
        select(
            BroadcastRow.id,
            BroadcastRow.kind,
            BroadcastRow.source_chat_id,
            BroadcastRow.source_message_ids,
            BroadcastRow.button_text,
            BroadcastRow.button_url,
        ).where(BroadcastRow.id.in_(broadcast_ids))
    )
    found: dict[int, tuple[Source, LinkButton | None]] = {}
    for broadcast_id, kind, chat_id, message_ids, text, url in rows:
        button = LinkButton(text, url) if text and url else None
        found[broadcast_id] = (Source(chat_id, tuple(message_ids), kind), button)
    return found
