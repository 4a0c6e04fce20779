"""Support tickets as staff (ANSWER_TICKETS) handle them: the queue by status, a ticket's card
with its thread and notes, taking it, replying with text and photos, internal notes, and closing
it with a last message. Every action is written to the audit log; first-response and resolution
times are kept on the ticket.

A ticket someone on staff has is theirs: another member of staff may read it and add notes, but
replying and closing are refused (`TicketTaken`, saying who has it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.tickets import (
    Attachment,
    MessageKind,
    Ticket,
    TicketClosed,
    TicketEvent,
    TicketMessage,
    TicketNotFound,
    TicketStatus,
    TicketTaken,
    check_message,
    next_status,
)
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog
from coworking_bot.services.tickets.notices import TicketNotices, display_name
from coworking_bot.services.tickets.ports import TicketChanges, TicketRepository
from coworking_bot.services.tickets.views import LIST_PAGE_SIZE, ThreadPage, pages_for, thread_page
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class QueueItem:
    ticket: Ticket
    client: User | None
    assignee: str | None  # who has it


@dataclass(frozen=True, slots=True)
class QueuePage:
    status: TicketStatus
    items: Sequence[QueueItem]
    page: int
    pages: int
    total: int
    counts: dict[TicketStatus, int]


@dataclass(frozen=True, slots=True)
class TicketCard:
    ticket: Ticket
    client: User | None
    assignee: str | None
    thread: ThreadPage


class TicketDesk:
    def __init__(
        self,
        tickets: TicketRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        notices: TicketNotices,
        audit: AuditLog,
    ) -> None:
        self._tickets = tickets
        self._users = users
        self._uow = uow
        self._clock = clock
        self._notices = notices
        self._audit = audit

    async def queue(self, actor: Actor, status: TicketStatus, *, page: int) -> QueuePage:
        _require(actor)
        page = max(page, 0)
        async with self._uow.read():
            found, total = await self._tickets.queue(
                status, offset=page * LIST_PAGE_SIZE, limit=LIST_PAGE_SIZE
            )
            pages = pages_for(total, LIST_PAGE_SIZE)
            if page >= pages:  # the queue moved on: the last page there is
                page = pages - 1
                found, total = await self._tickets.queue(
                    status, offset=page * LIST_PAGE_SIZE, limit=LIST_PAGE_SIZE
                )
            items = [
                QueueItem(
                    ticket,
                    await self._users.get(ticket.user_id),
                    await self._name(ticket.assigned_to),
                )
                for ticket in found
            ]
            counts = await self._tickets.counts()
        return QueuePage(status, items, page, pages, total, counts)

    async def count_open(self, actor: Actor) -> int:
        """Tickets that wait for staff: new, and in progress."""
        _require(actor)
        async with self._uow.read():
            counts = await self._tickets.counts()
        return counts[TicketStatus.NEW] + counts[TicketStatus.IN_PROGRESS]

    async def card(self, actor: Actor, ticket_id: int, *, page: int = 0) -> TicketCard:
        _require(actor)
        async with self._uow.read():
            ticket = await self._tickets.get(ticket_id)
            if ticket is None:
                raise TicketNotFound()
            thread = await thread_page(
                self._tickets, ticket, page, with_notes=True, users=self._users
            )
            return TicketCard(
                ticket,
                await self._users.get(ticket.user_id),
                await self._name(ticket.assigned_to),
                thread,
            )

    async def take(self, actor: Actor, ticket_id: int) -> Ticket:
        """The ticket becomes the actor's; taking one's own again changes nothing."""
        _require(actor)
        async with self._uow.write():
            ticket = await self._open_ticket(ticket_id)
            if ticket.assigned_to == actor.telegram_id:
                return ticket
            await self._not_someone_elses(ticket, actor)
            status = ticket.status
            if status is TicketStatus.NEW:
                status = next_status(status, TicketEvent.TAKEN)
            taken = await self._tickets.update(
                ticket.id,
                {
                    "status": status,
                    "assigned_to": actor.telegram_id,
                    "updated_at": self._clock.now(),
                },
            )
            await self._record(actor, "ticket.take", ticket, taken)
            await self._notices.handled(
                taken,
                "notice-staff-ticket-taken-by",
                await self._staff_name(actor),
                skip_chat=actor.telegram_id,
            )
        return taken

    async def reply(
        self, actor: Actor, ticket_id: int, text: str | None, media: Sequence[Attachment]
    ) -> Ticket:
        """Staff answer the client (the ticket becomes theirs if nobody had it); the client gets
        it with a Reply button."""
        _require(actor)
        body = check_message(text, media)
        async with self._uow.write():
            ticket = await self._open_ticket(ticket_id)
            await self._not_someone_elses(ticket, actor)
            now = self._clock.now()
            message = await self._tickets.add_message(
                ticket_id=ticket.id,
                kind=MessageKind.STAFF,
                author_telegram_id=actor.telegram_id,
                text=body,
                media=media,
                now=now,
            )
            changes: TicketChanges = {
                "status": next_status(ticket.status, TicketEvent.STAFF_REPLIED),
                "assigned_to": actor.telegram_id,
                "updated_at": now,
            }
            if ticket.first_response_at is None:
                changes["first_response_at"] = now
            replied = await self._tickets.update(ticket.id, changes)
            await self._record(actor, "ticket.reply", ticket, replied, message)
            client = await self._users.get(ticket.user_id)
            if client is not None:
                await self._notices.replied(replied, client, message)
            if ticket.assigned_to is None:
                await self._notices.handled(
                    replied,
                    "notice-staff-ticket-answered-by",
                    await self._staff_name(actor),
                    skip_chat=actor.telegram_id,
                )
        return replied

    async def note(self, actor: Actor, ticket_id: int, text: str | None) -> TicketMessage:
        """A note for staff only, on any ticket, open or closed; the client never sees it."""
        _require(actor)
        body = check_message(text, ())
        async with self._uow.write():
            ticket = await self._tickets.get(ticket_id, lock=True)
            if ticket is None:
                raise TicketNotFound()
            message = await self._tickets.add_message(
                ticket_id=ticket.id,
                kind=MessageKind.NOTE,
                author_telegram_id=actor.telegram_id,
                text=body,
                media=(),
                now=self._clock.now(),
            )
            await self._record(actor, "ticket.note", ticket, ticket, message)
        return message

    async def close(self, actor: Actor, ticket_id: int, text: str | None = None) -> Ticket:
        """Staff close the ticket, with a last message to the client when given; the client is
        told and may rate the answer."""
        _require(actor)
        body = check_message(text, ()) if text is not None else None
        async with self._uow.write():
            ticket = await self._open_ticket(ticket_id)
            await self._not_someone_elses(ticket, actor)
            now = self._clock.now()
            message = None
            if body:
                message = await self._tickets.add_message(
                    ticket_id=ticket.id,
                    kind=MessageKind.STAFF,
                    author_telegram_id=actor.telegram_id,
                    text=body,
                    media=(),
                    now=now,
                )
            changes: TicketChanges = {
                "status": next_status(ticket.status, TicketEvent.CLOSED),
                "closed_at": now,
                "closed_by": actor.telegram_id,
                "updated_at": now,
            }
            if ticket.assigned_to is None:
                changes["assigned_to"] = actor.telegram_id
            if message is not None and ticket.first_response_at is None:
                changes["first_response_at"] = now
            closed = await self._tickets.update(ticket.id, changes)
            await self._record(actor, "ticket.close", ticket, closed, message)
            client = await self._users.get(ticket.user_id)
            if client is not None:
                await self._notices.closed_by_staff(closed, client, message)
            await self._notices.handled(
                closed,
                "notice-staff-ticket-closed-by",
                await self._staff_name(actor),
                skip_chat=actor.telegram_id,
            )
        return closed

    async def _open_ticket(self, ticket_id: int) -> Ticket:
        """The ticket, held for this transaction, if it is still open."""
        ticket = await self._tickets.get(ticket_id, lock=True)
        if ticket is None:
            raise TicketNotFound()
        if not ticket.is_open:
            raise TicketClosed()
        return ticket

    async def _not_someone_elses(self, ticket: Ticket, actor: Actor) -> None:
        if ticket.assigned_to is not None and ticket.assigned_to != actor.telegram_id:
            raise TicketTaken(staff=await self._name(ticket.assigned_to) or "")

    async def _record(
        self,
        actor: Actor,
        action: str,
        before: Ticket,
        after: Ticket,
        message: TicketMessage | None = None,
    ) -> None:
        details: dict[str, object] = {
            "before": before.status.value,
            "after": after.status.value,
            "assigned_before": before.assigned_to,
            "assigned_after": after.assigned_to,
        }
        if message is not None:
            details["message_id"] = message.id
            details["photos"] = len(message.media)
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action=action,
            target_type="ticket",
            target_id=before.id,
            details=details,
        )

    async def _staff_name(self, actor: Actor) -> str:
        return await self._name(actor.telegram_id) or str(actor.telegram_id)

    async def _name(self, telegram_id: int | None) -> str | None:
        if telegram_id is None:
            return None
        user = await self._users.get_by_telegram_id(telegram_id)
        return display_name(user, telegram_id)


def _require(actor: Actor) -> None:
    if not actor.can(Permission.ANSWER_TICKETS):
        raise PermissionDenied()
