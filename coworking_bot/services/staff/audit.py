"""Owners read the audit log: every staff action, newest first, paged in the database, all of
it or one member's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coworking_bot.domain.audit import AuditAuthor, AuditEntry
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.staff.ports import AuditReader

PAGE_SIZE = 6  # an entry may carry a reason of 300 characters: six fit one message


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: Sequence[AuditEntry]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


class AuditService:
    def __init__(self, audit: AuditReader, uow: UnitOfWork) -> None:
        self._audit = audit
        self._uow = uow

    async def page(self, actor: Actor, *, page: int, staff_id: int | None = None) -> AuditPage:
        _require(actor)
        async with self._uow.read():
            total = await self._audit.count(actor_telegram_id=staff_id)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            entries = await self._audit.page(
                actor_telegram_id=staff_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
            )
        return AuditPage(entries, page, pages, total)

    async def authors(self, actor: Actor) -> Sequence[AuditAuthor]:
        _require(actor)
        async with self._uow.read():
            return await self._audit.authors()


def _require(actor: Actor) -> None:
    if not actor.can(Permission.VIEW_AUDIT):
        raise PermissionDenied()
