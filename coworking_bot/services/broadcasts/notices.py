"""What the author of a broadcast is told, as outbox notices: the progress message (sent,
failed, left, time to finish) with Pause or Resume and Cancel, edited as the broadcast goes on
(the notice's topic is the broadcast), and the final report."""

from __future__ import annotations

import math
from datetime import datetime

from coworking_bot.domain.broadcasts import Broadcast, BroadcastStatus, RecipientCounts
from coworking_bot.domain.enums import Language
from coworking_bot.services.common.notices import Button, NoticeAction, NoticeParam, Notifier
from coworking_bot.services.users.ports import UserRepository

PROGRESS_KEY = "broadcast-progress"
REPORT_KEY = "broadcast-report"
NOBODY_KEY = "broadcast-nobody"


def topic(broadcast_id: int) -> str:
    return f"broadcast:{broadcast_id}"


def _buttons(broadcast: Broadcast) -> list[list[Button]]:
    args = (broadcast.id,)
    cancel = Button("btn-broadcast-cancel", NoticeAction.CANCEL_BROADCAST, args)
    if broadcast.status is BroadcastStatus.RUNNING:
        return [[Button("btn-broadcast-pause", NoticeAction.PAUSE_BROADCAST, args), cancel]]
    if broadcast.status is BroadcastStatus.PAUSED:
        return [[Button("btn-broadcast-resume", NoticeAction.RESUME_BROADCAST, args), cancel]]
    return []


def _params(
    broadcast: Broadcast, counts: RecipientCounts, eta: int | None, now: datetime
) -> dict[str, NoticeParam]:
    took = 0
    if broadcast.started_at is not None:
        took = max(
            0, round(((broadcast.finished_at or now) - broadcast.started_at).total_seconds())
        )
    return {
        "number": broadcast.id,
        "state": broadcast.status.value,
        "total": counts.total,
        "sent": counts.sent,
        "failed": counts.failed,
        "blocked": counts.blocked,
        "unknown": counts.unknown,
        "skipped": counts.skipped,
        "left": counts.left,
        "has_eta": "yes" if eta is not None else "no",
        "eta_min": math.ceil((eta or 0) / 60),
        "took_min": took // 60,
        "took_sec": took % 60,
        "stopped": "yes" if broadcast.last_error else "no",
    }


class BroadcastNotices:
    def __init__(
        self, notifier: Notifier, users: UserRepository, *, default_language: Language
    ) -> None:
        self._notifier = notifier
        self._users = users
        self._default_language = default_language

    async def started(
        self, broadcast: Broadcast, counts: RecipientCounts, eta: int | None, now: datetime
    ) -> None:
        """The progress message, sent once when the broadcast starts."""
        await self._notifier.notify(
            broadcast.author_telegram_id,
            await self._language(broadcast.author_telegram_id),
            PROGRESS_KEY,
            _params(broadcast, counts, eta, now),
            buttons=_buttons(broadcast),
            topic=topic(broadcast.id),
            dedupe_key=f"{topic(broadcast.id)}:progress",
        )

    async def progress(
        self, broadcast: Broadcast, counts: RecipientCounts, eta: int | None, now: datetime
    ) -> None:
        """The progress message comes to read this (paused, running, over: its buttons too)."""
        await self._notifier.amend(
            topic(broadcast.id),
            PROGRESS_KEY,
            _params(broadcast, counts, eta, now),
            buttons=_buttons(broadcast),
        )

    async def finished(self, broadcast: Broadcast, counts: RecipientCounts, now: datetime) -> None:
        """It is over (done or cancelled): the progress message says so, and the report."""
        await self.progress(broadcast, counts, None, now)
        await self._notifier.notify(
            broadcast.author_telegram_id,
            await self._language(broadcast.author_telegram_id),
            REPORT_KEY,
            _params(broadcast, counts, None, now),
            dedupe_key=f"{topic(broadcast.id)}:report",
        )

    async def nobody(self, broadcast: Broadcast) -> None:
        """A scheduled broadcast came due and its audience held nobody."""
        await self._notifier.notify(
            broadcast.author_telegram_id,
            await self._language(broadcast.author_telegram_id),
            NOBODY_KEY,
            {"number": broadcast.id},
            dedupe_key=f"{topic(broadcast.id)}:report",
        )

    async def _language(self, telegram_id: int) -> Language:
        user = await self._users.get_by_telegram_id(telegram_id)
        return user.language if user is not None else self._default_language
