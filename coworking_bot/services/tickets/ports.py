"""What the ticket use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, TypedDict

from coworking_bot.domain.tickets import (
    Attachment,
    MessageKind,
    Ticket,
    TicketMessage,
    TicketStatus,
)


class TicketChanges(TypedDict, total=False):
    status: TicketStatus
    assigned_to: int | None
    first_response_at: datetime
    closed_at: datetime
    closed_by: int
    rating: int
    updated_at: datetime


class TicketRepository(Protocol):
    async def add(self, *, user_id: int, subject: str, now: datetime) -> Ticket: ...

    async def get(self, ticket_id: int, *, lock: bool = False) -> Ticket | None:
        """The ticket; with `lock`, held for this write transaction (two staff taking it at
        once are served one after the other, the second seeing the first's change)."""
        ...

    async def update(self, ticket_id: int, changes: TicketChanges) -> Ticket: ...

    async def add_message(
        self,
        *,
        ticket_id: int,
        kind: MessageKind,
        author_telegram_id: int,
        text: str,
        media: Sequence[Attachment],
        now: datetime,
    ) -> TicketMessage: ...

    async def messages(
        self, ticket_id: int, *, with_notes: bool, offset: int, limit: int
    ) -> tuple[list[TicketMessage], int]:
        """One page of the thread, latest first, and how many messages it has in all."""
        ...

    async def count_open(self, user_id: int) -> int:
        """How many of the user's tickets are not closed."""
        ...

    async def for_user(self, user_id: int, *, offset: int, limit: int) -> tuple[list[Ticket], int]:
        """A client's tickets, the latest changed first."""
        ...

    async def queue(
        self, status: TicketStatus, *, offset: int, limit: int
    ) -> tuple[list[Ticket], int]:
        """Tickets in `status`: open ones oldest first, closed ones latest closed first."""
        ...

    async def counts(self) -> dict[TicketStatus, int]: ...

    async def due_escalation(self, created_before: datetime, limit: int) -> list[int]:
        """New tickets nobody answered, created before the moment, never raised again yet."""
        ...

    async def claim_escalation(self, ticket_id: int, now: datetime) -> bool:
        """Mark the ticket raised again, if it is still new and unraised; False when it is not
        (answered meanwhile, or another instance got there first)."""
        ...
