"""Staff members and the audit log in SQL. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    AuditLogRow,
    StaffMemberRow,
    UserRow,
)
from coworking_bot.domain.audit import AuditAuthor, AuditEntry
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import StaffMember


def staff_from_row(row: StaffMemberRow, name: str | None = None) -> StaffMember:
    return StaffMember(
        telegram_id=row.telegram_id,
        role=row.role,
        added_by=row.added_by,
        created_at=row.created_at,
        name=name,
    )


class SqlStaffRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, telegram_id: int) -> StaffMember | None:
        found = (
            await self._session.execute(
                select(StaffMemberRow, UserRow.full_name)
                .outerjoin(UserRow, UserRow.telegram_id == StaffMemberRow.telegram_id)
                .where(StaffMemberRow.telegram_id == telegram_id)
            )
        ).first()
        return staff_from_row(found[0], found[1]) if found else None

    async def list(self) -> Sequence[StaffMember]:
        result = await self._session.execute(
            select(StaffMemberRow, UserRow.full_name)
            .outerjoin(UserRow, UserRow.telegram_id == StaffMemberRow.telegram_id)
            .order_by(StaffMemberRow.created_at, StaffMemberRow.id)
        )
        return [staff_from_row(row, name) for row, name in result.all()]

    async def save(self, telegram_id: int, role: StaffRole, added_by: int) -> StaffMember:
        row = await self._session.scalar(
            select(StaffMemberRow).where(StaffMemberRow.telegram_id == telegram_id)
        )
        if row is None:
            row = StaffMemberRow(telegram_id=telegram_id, role=role, added_by=added_by)
            self._session.add(row)
        else:
            row.role = role
        await self._session.flush()
        return staff_from_row(row)

    async def remove(self, telegram_id: int) -> bool:
        result = await self._session.execute(
            delete(StaffMemberRow).where(StaffMemberRow.telegram_id == telegram_id)
        )
        return bool(getattr(result, "rowcount", 0))


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self,
        *,
        actor_telegram_id: int | None,
        action: str,
        target_type: str,
        target_id: str | int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self._session.add(
            AuditLogRow(
                actor_telegram_id=actor_telegram_id,
                action=action,
                target_type=target_type,
                target_id=None if target_id is None else str(target_id),
                details=details or {},
            )
        )

    async def page(
        self, *, actor_telegram_id: int | None, offset: int, limit: int
    ) -> list[AuditEntry]:
        """Newest first; only this member's actions when `actor_telegram_id` is given."""
        query = (
            select(AuditLogRow, UserRow.full_name)
            .outerjoin(UserRow, UserRow.telegram_id == AuditLogRow.actor_telegram_id)
            .order_by(AuditLogRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        if actor_telegram_id is not None:
            query = query.where(AuditLogRow.actor_telegram_id == actor_telegram_id)
        return [_entry(row, name) for row, name in (await self._session.execute(query)).all()]

    async def about(self, target_type: str, target_id: str, limit: int) -> list[AuditEntry]:
        rows = (
            await self._session.execute(
                select(AuditLogRow, UserRow.full_name)
                .outerjoin(UserRow, UserRow.telegram_id == AuditLogRow.actor_telegram_id)
                .where(AuditLogRow.target_type == target_type, AuditLogRow.target_id == target_id)
                .order_by(AuditLogRow.id.desc())
                .limit(limit)
            )
        ).all()
        return [_entry(row, name) for row, name in reversed(rows)]

    async def count(self, *, actor_telegram_id: int | None) -> int:
        query = select(func.count()).select_from(AuditLogRow)
        if actor_telegram_id is not None:
            query = query.where(AuditLogRow.actor_telegram_id == actor_telegram_id)
        return int(await self._session.scalar(query) or 0)

    async def authors(self) -> list[AuditAuthor]:
        """Everyone who appears in the log, most recent first."""
        latest = func.max(AuditLogRow.id)
        result = await self._session.execute(
            select(AuditLogRow.actor_telegram_id, func.max(UserRow.full_name))
            .outerjoin(UserRow, UserRow.telegram_id == AuditLogRow.actor_telegram_id)
            .where(AuditLogRow.actor_telegram_id.is_not(None))
            .group_by(AuditLogRow.actor_telegram_id)
            .order_by(latest.desc())
        )
        return [
            AuditAuthor(int(telegram_id), name)
            for telegram_id, name in result.all()
            if telegram_id is not None
        ]


def _entry(row: AuditLogRow, name: str | None) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        actor_telegram_id=row.actor_telegram_id,
        actor_name=name,
        action=row.action,
        target_type=row.target_type,
        target_id=row.target_id,
        created_at=row.created_at,
        details=dict(row.details or {}),
    )
