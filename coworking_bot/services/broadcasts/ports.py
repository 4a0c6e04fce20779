"""What the broadcast use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypedDict
from zoneinfo import ZoneInfo

from coworking_bot.domain.broadcasts import (
    Audience,
    Broadcast,
    BroadcastStatus,
    RecipientCounts,
    Source,
)


class BroadcastChanges(TypedDict, total=False):
    status: BroadcastStatus
    button_text: str | None
    button_url: str | None
    audience: dict[str, Any]
    scheduled_at: datetime | None
    started_at: datetime
    finished_at: datetime
    total: int
    sent: int
    failed: int
    blocked: int
    unknown: int
    skipped: int
    progress_at: datetime
    progress_done: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class TariffOption:
    """A tariff an audience may be picked by, with its space's name."""

    id: int
    name: str
    name_en: str | None
    space: str
    space_en: str | None
    is_active: bool


class BroadcastRepository(Protocol):
    async def add(self, *, author_telegram_id: int, source: Source, now: datetime) -> Broadcast:
        """A new draft for everyone, without a button."""
        ...

    async def get(self, broadcast_id: int, *, lock: bool = False) -> Broadcast | None:
        """The broadcast; with `lock`, held for this write transaction."""
        ...

    async def update(self, broadcast_id: int, changes: BroadcastChanges) -> Broadcast: ...

    async def delete(self, broadcast_id: int) -> None: ...

    async def page(self, *, offset: int, limit: int) -> tuple[Sequence[Broadcast], int]:
        """Broadcasts (drafts too), newest first, and how many there are."""
        ...

    async def audience_size(self, audience: Audience, now: datetime, tz: ZoneInfo) -> int:
        """How many clients the audience holds right now (the rule every audience follows
        included)."""
        ...

    async def add_recipients(
        self, broadcast_id: int, audience: Audience, now: datetime, tz: ZoneInfo
    ) -> int:
        """A pending recipient row for every client of the audience; how many."""
        ...

    async def recipient_counts(self, broadcast_id: int) -> RecipientCounts: ...

    async def settle_lost_sends(self, broadcast_id: int, now: datetime) -> int:
        """Copies still "sending" whose sender's lease ran out (it died on the way): their fate
        is unknown, and they are never sent again. How many."""
        ...

    async def due(self, now: datetime) -> Sequence[int]:
        """Scheduled broadcasts whose time has come."""
        ...

    async def live(self) -> Sequence[int]:
        """Running and paused broadcasts."""
        ...

    async def claim_progress(self, broadcast_id: int, now: datetime, since: datetime) -> bool:
        """Take the turn to update the progress message if nobody did after `since` (two
        instances ticking do it once)."""
        ...

    async def tariffs(self) -> Sequence[TariffOption]: ...

    async def tariff(self, tariff_id: int) -> TariffOption | None: ...

    async def author_name(self, telegram_id: int) -> str | None: ...
