"""Timed work on tickets, run by the scheduler: a new ticket nobody answered within
TICKET_ESCALATION_MINUTES is raised to staff again, once. Each ticket is claimed with a
conditional update, so several instances ticking do no harm."""

from __future__ import annotations

from datetime import timedelta

from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.tickets.notices import TicketNotices
from coworking_bot.services.tickets.ports import TicketRepository
from coworking_bot.services.users.ports import UserRepository


class TicketTimers:
    def __init__(
        self,
        tickets: TicketRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        notices: TicketNotices,
        escalation_minutes: int,
    ) -> None:
        self._tickets = tickets
        self._users = users
        self._uow = uow
        self._clock = clock
        self._notices = notices
        self._minutes = escalation_minutes

    async def escalate_due(self, limit: int = 100) -> int:
        """Raise every overdue new ticket to staff again; returns how many."""
        now = self._clock.now()
        async with self._uow.read():
            due = await self._tickets.due_escalation(now - timedelta(minutes=self._minutes), limit)
        raised = 0
        for ticket_id in due:
            async with self._uow.write():
                if not await self._tickets.claim_escalation(ticket_id, now):
                    continue
                ticket = await self._tickets.get(ticket_id)
                if ticket is None:
                    continue
                client = await self._users.get(ticket.user_id)
                await self._notices.escalated(ticket, client, self._minutes)
                raised += 1
        return raised
