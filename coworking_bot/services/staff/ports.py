"""What the staff use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from coworking_bot.domain.audit import AuditAuthor, AuditEntry
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import StaffMember


class StaffRepository(Protocol):
    async def get(self, telegram_id: int) -> StaffMember | None: ...

    async def list(self) -> Sequence[StaffMember]: ...

    async def save(self, telegram_id: int, role: StaffRole, added_by: int) -> StaffMember: ...

    async def remove(self, telegram_id: int) -> bool: ...


class AuditLog(Protocol):
    async def record(
        self,
        *,
        actor_telegram_id: int | None,
        action: str,
        target_type: str,
        target_id: str | int | None,
        details: dict[str, Any] | None = None,
    ) -> None: ...


class AuditReader(Protocol):
    async def page(
        self, *, actor_telegram_id: int | None, offset: int, limit: int
    ) -> Sequence[AuditEntry]: ...

    async def count(self, *, actor_telegram_id: int | None) -> int: ...

    async def authors(self) -> Sequence[AuditAuthor]: ...

    async def about(self, target_type: str, target_id: str, limit: int) -> Sequence[AuditEntry]:
        """What staff did to one object, oldest first (its last `limit` entries)."""
        ...
