"""Broadcasts as staff with SEND_BROADCASTS make them: a draft from a message the author wrote to
the bot, an optional link button, the audience and its size, then start now or at a time; pause,
resume and cancel while it runs; the history with the counts. Every step is audited.

Starting writes one recipient row per client of the audience in the same transaction, and the
progress message to the author; the outbox sender delivers the copies (`outbox/broadcasts.py`)
and `BroadcastTimers` keeps the progress message up to date and finishes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from coworking_bot.domain.broadcasts import (
    Audience,
    AudienceKind,
    Broadcast,
    BroadcastChanged,
    BroadcastEvent,
    BroadcastNotFound,
    BroadcastStatus,
    EmptyAudience,
    InvalidAudience,
    RecipientCounts,
    Source,
    eta_seconds,
    link_button,
    next_status,
    parse_send_time,
)
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.services.broadcasts.notices import BroadcastNotices
from coworking_bot.services.broadcasts.ports import (
    BroadcastChanges,
    BroadcastRepository,
    TariffOption,
)
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog

PAGE_SIZE = 6


@dataclass(frozen=True, slots=True)
class BroadcastPage:
    items: Sequence[Broadcast]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class BroadcastCard:
    broadcast: Broadcast
    counts: RecipientCounts  # live while it runs
    author: str | None
    tariff: TariffOption | None  # the audience's tariff
    audience_size: int | None  # how many it would reach now (not started yet)


def counts_changes(counts: RecipientCounts) -> BroadcastChanges:
    return {
        "total": counts.total,
        "sent": counts.sent,
        "failed": counts.failed,
        "blocked": counts.blocked,
        "unknown": counts.unknown,
        "skipped": counts.skipped,
    }


class BroadcastService:
    def __init__(
        self,
        broadcasts: BroadcastRepository,
        notices: BroadcastNotices,
        audit: AuditLog,
        uow: UnitOfWork,
        clock: Clock,
        tz: ZoneInfo,
    ) -> None:
        self._broadcasts = broadcasts
        self._notices = notices
        self._audit = audit
        self._uow = uow
        self._clock = clock
        self._tz = tz

    # --- composing ----------------------------------------------------------------------------

    async def create(self, actor: Actor, source: Source) -> Broadcast:
        """A draft of the message `source` names, for everyone, without a button."""
        _require(actor)
        async with self._uow.write():
            broadcast = await self._broadcasts.add(
                author_telegram_id=actor.telegram_id, source=source, now=self._clock.now()
            )
            await self._record(
                actor,
                "broadcast.create",
                broadcast,
                kind=source.kind.value,
                messages=len(source.message_ids),
            )
        return broadcast

    async def set_button(self, actor: Actor, broadcast_id: int, raw: str | None) -> Broadcast:
        """The link button under the message (`Text | https://...`); None takes it away."""
        _require(actor)
        button = link_button(raw) if raw is not None else None
        async with self._uow.write():
            await self._draft(broadcast_id)
            return await self._broadcasts.update(
                broadcast_id,
                {
                    "button_text": button.text if button else None,
                    "button_url": button.url if button else None,
                },
            )

    async def set_audience(self, actor: Actor, broadcast_id: int, audience: Audience) -> Broadcast:
        _require(actor)
        async with self._uow.write():
            if (
                audience.kind is AudienceKind.TARIFF
                and audience.tariff_id is not None
                and await self._broadcasts.tariff(audience.tariff_id) is None
            ):
                raise InvalidAudience()
            await self._draft(broadcast_id)
            return await self._broadcasts.update(broadcast_id, {"audience": audience.to_json()})

    async def discard(self, actor: Actor, broadcast_id: int) -> None:
        """A draft nobody will send is deleted."""
        _require(actor)
        async with self._uow.write():
            broadcast = await self._draft(broadcast_id)
            await self._broadcasts.delete(broadcast_id)
            await self._record(actor, "broadcast.discard", broadcast)

    # --- reading ------------------------------------------------------------------------------

    async def card(self, actor: Actor, broadcast_id: int) -> BroadcastCard:
        _require(actor)
        async with self._uow.read():
            broadcast = await self._get(broadcast_id)
            started = broadcast.started_at is not None
            counts = (
                await self._broadcasts.recipient_counts(broadcast_id)
                if started
                else broadcast.counts
            )
            audience = broadcast.audience
            size = None
            if broadcast.status in (BroadcastStatus.DRAFT, BroadcastStatus.SCHEDULED):
                size = await self._broadcasts.audience_size(audience, self._clock.now(), self._tz)
            tariff = (
                await self._broadcasts.tariff(audience.tariff_id)
                if audience.tariff_id is not None
                else None
            )
            author = await self._broadcasts.author_name(broadcast.author_telegram_id)
        return BroadcastCard(broadcast, counts, author, tariff, size)

    async def history(self, actor: Actor, *, page: int = 0) -> BroadcastPage:
        """Broadcasts, newest first, paged in the database."""
        _require(actor)
        page = max(page, 0)
        async with self._uow.read():
            items, total = await self._broadcasts.page(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
            pages = max(1, -(-total // PAGE_SIZE))
            if page >= pages:  # the list shrank: its last page
                page = pages - 1
                items, total = await self._broadcasts.page(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
        return BroadcastPage(items, page, pages, total)

    async def tariffs(self, actor: Actor) -> Sequence[TariffOption]:
        _require(actor)
        async with self._uow.read():
            return await self._broadcasts.tariffs()

    # --- sending ------------------------------------------------------------------------------

    async def start(self, actor: Actor, broadcast_id: int) -> Broadcast:
        """Send a draft now: its recipients are written (refused when there are none) and the
        progress message goes to the author."""
        _require(actor)
        now = self._clock.now()
        async with self._uow.write():
            broadcast = await self._broadcasts.get(broadcast_id, lock=True)
            if broadcast is None:
                raise BroadcastNotFound()
            status = next_status(broadcast.status, BroadcastEvent.START)
            total = await self._broadcasts.add_recipients(
                broadcast_id, broadcast.audience, now, self._tz
            )
            if total == 0:
                raise EmptyAudience()
            started = await begin_sending(
                self._broadcasts, self._notices, broadcast, status, total, now
            )
            await self._record(actor, "broadcast.start", started, recipients=total)
        return started

    async def schedule(self, actor: Actor, broadcast_id: int, raw_when: str | None) -> Broadcast:
        """Send a draft at a time typed in the coworking's time zone."""
        _require(actor)
        when = parse_send_time(raw_when, self._clock.now(), self._tz)
        async with self._uow.write():
            broadcast = await self._get(broadcast_id, lock=True)
            status = next_status(broadcast.status, BroadcastEvent.SCHEDULE)
            scheduled = await self._broadcasts.update(
                broadcast_id, {"status": status, "scheduled_at": when}
            )
            await self._record(actor, "broadcast.schedule", scheduled, at=when.isoformat())
        return scheduled

    async def pause(self, actor: Actor, broadcast_id: int) -> Broadcast:
        return await self._change(actor, broadcast_id, BroadcastEvent.PAUSE)

    async def resume(self, actor: Actor, broadcast_id: int) -> Broadcast:
        return await self._change(actor, broadcast_id, BroadcastEvent.RESUME)

    async def cancel(self, actor: Actor, broadcast_id: int) -> Broadcast:
        """Stop it for good (a scheduled one never starts); what went out stays sent."""
        return await self._change(actor, broadcast_id, BroadcastEvent.CANCEL)

    async def _change(self, actor: Actor, broadcast_id: int, event: BroadcastEvent) -> Broadcast:
        _require(actor)
        now = self._clock.now()
        async with self._uow.write():
            broadcast = await self._get(broadcast_id, lock=True)
            status = next_status(broadcast.status, event)
            counts = (
                await self._broadcasts.recipient_counts(broadcast_id)
                if broadcast.started_at is not None
                else broadcast.counts
            )
            changes: BroadcastChanges = {"status": status, **counts_changes(counts)}
            if event is BroadcastEvent.RESUME:
                changes["last_error"] = None
                changes["progress_at"] = now
                changes["progress_done"] = counts.finished
            if event is BroadcastEvent.CANCEL:
                changes["finished_at"] = now
            changed = await self._broadcasts.update(broadcast_id, changes)
            if changed.started_at is not None:
                if changed.is_over:
                    await self._notices.finished(changed, counts, now)
                else:
                    eta = (
                        eta_seconds(counts.left, changed.messages_each, None)
                        if status is BroadcastStatus.RUNNING
                        else None
                    )
                    await self._notices.progress(changed, counts, eta, now)
            await self._record(actor, f"broadcast.{event.value}", changed)
        return changed

    async def _get(self, broadcast_id: int, *, lock: bool = False) -> Broadcast:
        broadcast = await self._broadcasts.get(broadcast_id, lock=lock)
        if broadcast is None:
            raise BroadcastNotFound()
        return broadcast

    async def _draft(self, broadcast_id: int) -> Broadcast:
        broadcast = await self._get(broadcast_id, lock=True)
        if broadcast.status is not BroadcastStatus.DRAFT:
            raise BroadcastChanged()
        return broadcast

    async def _record(
        self, actor: Actor | None, action: str, broadcast: Broadcast, **details: object
    ) -> None:
        await self._audit.record(
            actor_telegram_id=actor.telegram_id if actor else None,
            action=action,
            target_type="broadcast",
            target_id=broadcast.id,
            details={"status": broadcast.status.value, **details},
        )


async def begin_sending(
    broadcasts: BroadcastRepository,
    notices: BroadcastNotices,
    broadcast: Broadcast,
    status: BroadcastStatus,
    total: int,
    now: datetime,
) -> Broadcast:
    """The broadcast runs with `total` recipients written; the progress message is queued."""
    started = await broadcasts.update(
        broadcast.id,
        {
            "status": status,
            "started_at": now,
            "total": total,
            "progress_at": now,
            "progress_done": 0,
        },
    )
    counts = RecipientCounts(pending=total)
    await notices.started(started, counts, eta_seconds(total, started.messages_each, None), now)
    return started


def _require(actor: Actor) -> None:
    if not actor.can(Permission.SEND_BROADCASTS):
        raise PermissionDenied()
