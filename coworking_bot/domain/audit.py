"""The audit log: who of the staff did what to which object, when, and what it was before and
after. Owners read it in the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    actor_telegram_id: int | None
    actor_name: str | None
    action: str  # "booking.confirm", "staff.add", ...
    target_type: str  # "booking", "staff", ...
    target_id: str | None
    created_at: datetime
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditAuthor:
    """A member of staff who appears in the log, for the filter."""

    telegram_id: int
    name: str | None
