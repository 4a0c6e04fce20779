"""Timed work of broadcasts, one tick every few seconds (`scheduler.py`):

- a scheduled broadcast whose time came starts (its recipients are written then);
- a running one's copies that were on their way when their sender died become "unknown";
- the progress message is edited when something moved, at most every PROGRESS_EVERY;
- a running broadcast with nobody left is done: the progress message says so, and the report.

Each step is a conditional change in its own transaction, so two instances ticking do no harm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.broadcasts import (
    Broadcast,
    BroadcastEvent,
    BroadcastStatus,
    RecipientCounts,
    eta_seconds,
    next_status,
)
from coworking_bot.services.broadcasts.notices import BroadcastNotices
from coworking_bot.services.broadcasts.ports import BroadcastRepository
from coworking_bot.services.broadcasts.service import begin_sending, counts_changes
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog

PROGRESS_EVERY = timedelta(seconds=4)


@dataclass(frozen=True, slots=True)
class TickOutcome:
    started: int = 0
    updated: int = 0
    finished: int = 0


class BroadcastTimers:
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

    async def tick(self) -> TickOutcome:
        started = await self.start_due()
        updated, finished = await self.follow_live()
        return TickOutcome(started, updated, finished)

    async def start_due(self) -> int:
        """Scheduled broadcasts whose time has come start."""
        now = self._clock.now()
        async with self._uow.read():
            due = await self._broadcasts.due(now)
        started = 0
        for broadcast_id in due:
            async with self._uow.write():
                broadcast = await self._broadcasts.get(broadcast_id, lock=True)
                if (
                    broadcast is None
                    or broadcast.status is not BroadcastStatus.SCHEDULED
                    or broadcast.scheduled_at is None
                    or broadcast.scheduled_at > now
                ):
                    continue  # another instance took it, or it changed meanwhile
                total = await self._broadcasts.add_recipients(
                    broadcast_id, broadcast.audience, now, self._tz
                )
                if total == 0:
                    over = await self._broadcasts.update(
                        broadcast_id,
                        {
                            "status": next_status(broadcast.status, BroadcastEvent.FINISH),
                            "started_at": now,
                            "finished_at": now,
                        },
                    )
                    await self._notices.nobody(over)
                else:
                    status = next_status(broadcast.status, BroadcastEvent.START)
                    over = await begin_sending(
                        self._broadcasts, self._notices, broadcast, status, total, now
                    )
                    started += 1
                await self._record(over, "broadcast.start", recipients=total)
        return started

    async def follow_live(self) -> tuple[int, int]:
        """Progress of running and paused broadcasts; (updated, finished)."""
        async with self._uow.read():
            live = await self._broadcasts.live()
        updated = finished = 0
        for broadcast_id in live:
            outcome = await self._follow(broadcast_id)
            updated += outcome == "updated"
            finished += outcome == "finished"
        return updated, finished

    async def _follow(self, broadcast_id: int) -> str:
        now = self._clock.now()
        async with self._uow.write():
            broadcast = await self._broadcasts.get(broadcast_id, lock=True)
            if broadcast is None or broadcast.status not in (
                BroadcastStatus.RUNNING,
                BroadcastStatus.PAUSED,
            ):
                return "gone"
            running = broadcast.status is BroadcastStatus.RUNNING
            if running:
                await self._broadcasts.settle_lost_sends(broadcast_id, now)
            counts = await self._broadcasts.recipient_counts(broadcast_id)
            if running and counts.left == 0:
                done = await self._broadcasts.update(
                    broadcast_id,
                    {
                        "status": next_status(broadcast.status, BroadcastEvent.FINISH),
                        "finished_at": now,
                        **counts_changes(counts),
                    },
                )
                await self._notices.finished(done, counts, now)
                await self._record(done, "broadcast.finish", sent=counts.sent)
                return "finished"
            if not _moved(broadcast, counts):
                return "same"
            if not await self._broadcasts.claim_progress(broadcast_id, now, now - PROGRESS_EVERY):
                return "soon"
            rate = _rate(broadcast, counts, now) if running else None
            changed = await self._broadcasts.update(
                broadcast_id, {**counts_changes(counts), "progress_done": counts.finished}
            )
            eta = eta_seconds(counts.left, changed.messages_each, rate) if running else None
            await self._notices.progress(changed, counts, eta, now)
            return "updated"

    async def _record(self, broadcast: Broadcast, action: str, **details: object) -> None:
        await self._audit.record(
            actor_telegram_id=None,
            action=action,
            target_type="broadcast",
            target_id=broadcast.id,
            details={"status": broadcast.status.value, **details},
        )


def _moved(broadcast: Broadcast, counts: RecipientCounts) -> bool:
    """Something to tell since the progress message was last edited: more copies are done, or
    the sender stopped it by itself (its progress time was cleared)."""
    return broadcast.progress_at is None or counts.finished != broadcast.progress_done


def _rate(broadcast: Broadcast, counts: RecipientCounts, now: datetime) -> float | None:
    """Recipients a second since the last progress update."""
    if broadcast.progress_at is None:
        return None
    seconds = (now - broadcast.progress_at).total_seconds()
    done = counts.finished - broadcast.progress_done
    return done / seconds if seconds > 0 and done > 0 else None
