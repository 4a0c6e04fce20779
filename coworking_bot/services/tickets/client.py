"""A client's support tickets: opening one with text and photos or a document, the list of
one's own tickets, the thread, replying, closing, and rating the answer once it is closed.

Every use case reads the client from the database first: a client banned meanwhile is refused
(`UserBanned`), whatever their screen still shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coworking_bot.domain.tickets import (
    OPEN_TICKETS_MAX,
    AlreadyRated,
    Attachment,
    Ticket,
    TicketClosed,
    TicketEvent,
    TicketNotClosed,
    TicketNotFound,
    TicketStatus,
    TooManyOpenTickets,
    check_message,
    check_rating,
    next_status,
    subject_of,
)
from coworking_bot.domain.tickets import MessageKind as Kind
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.tickets.notices import TicketNotices
from coworking_bot.services.tickets.ports import TicketRepository
from coworking_bot.services.tickets.views import (
    LIST_PAGE_SIZE,
    ThreadPage,
    pages_for,
    thread_page,
)
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class TicketList:
    items: Sequence[Ticket]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class ClientThread:
    ticket: Ticket
    thread: ThreadPage


class ClientTickets:
    def __init__(
        self,
        tickets: TicketRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        notices: TicketNotices,
    ) -> None:
        self._tickets = tickets
        self._users = users
        self._uow = uow
        self._clock = clock
        self._notices = notices

    async def open(self, actor: Actor, text: str | None, media: Sequence[Attachment]) -> Ticket:
        """A new ticket with its first message; everyone who answers tickets is alerted."""
        body = check_message(text, media)
        async with self._uow.write():
            client = await active_user(self._users, actor.telegram_id)
            await self._users.lock(client.id)  # two at once count each other
            if await self._tickets.count_open(client.id) >= OPEN_TICKETS_MAX:
                raise TooManyOpenTickets(max=OPEN_TICKETS_MAX)
            now = self._clock.now()
            ticket = await self._tickets.add(
                user_id=client.id, subject=subject_of(body, media), now=now
            )
            message = await self._tickets.add_message(
                ticket_id=ticket.id,
                kind=Kind.CLIENT,
                author_telegram_id=actor.telegram_id,
                text=body,
                media=media,
                now=now,
            )
            await self._notices.opened(ticket, client, message)
        return ticket

    async def reply(
        self, actor: Actor, ticket_id: int, text: str | None, media: Sequence[Attachment]
    ) -> Ticket:
        """The client adds to their open ticket; whoever has it (or everyone) hears."""
        body = check_message(text, media)
        async with self._uow.write():
            client = await active_user(self._users, actor.telegram_id)
            ticket = await self._own(client, ticket_id, lock=True)
            status = next_status(ticket.status, TicketEvent.CLIENT_WROTE)
            now = self._clock.now()
            message = await self._tickets.add_message(
                ticket_id=ticket.id,
                kind=Kind.CLIENT,
                author_telegram_id=actor.telegram_id,
                text=body,
                media=media,
                now=now,
            )
            ticket = await self._tickets.update(ticket.id, {"status": status, "updated_at": now})
            await self._notices.client_wrote(ticket, client, message)
        return ticket

    async def close(self, actor: Actor, ticket_id: int) -> Ticket:
        """The client closes their ticket (the question is solved, or no longer matters)."""
        async with self._uow.write():
            client = await active_user(self._users, actor.telegram_id)
            ticket = await self._own(client, ticket_id, lock=True)
            status = next_status(ticket.status, TicketEvent.CLOSED)
            now = self._clock.now()
            ticket = await self._tickets.update(
                ticket.id,
                {
                    "status": status,
                    "closed_at": now,
                    "closed_by": actor.telegram_id,
                    "updated_at": now,
                },
            )
            await self._notices.closed_by_client(ticket, client)
        return ticket

    async def rate(self, actor: Actor, ticket_id: int, rating: int) -> Ticket:
        """The client rates the answer to their closed ticket, once, 1 to 5."""
        check_rating(rating)
        async with self._uow.write():
            client = await active_user(self._users, actor.telegram_id)
            ticket = await self._own(client, ticket_id, lock=True)
            if ticket.status is not TicketStatus.CLOSED:
                raise TicketNotClosed()
            if ticket.rating is not None:
                raise AlreadyRated()
            return await self._tickets.update(ticket.id, {"rating": rating})

    async def check_open(self, actor: Actor, ticket_id: int) -> Ticket:
        """The client's own ticket, if they may still write to it (before they start typing)."""
        async with self._uow.read():
            client = await active_user(self._users, actor.telegram_id)
            ticket = await self._own(client, ticket_id)
        if not ticket.is_open:
            raise TicketClosed()
        return ticket

    async def check_may_write(self, actor: Actor) -> None:
        """Refuses a banned or unregistered client before they start typing."""
        async with self._uow.read():
            await active_user(self._users, actor.telegram_id)

    async def page(self, actor: Actor, *, page: int) -> TicketList:
        """The client's own tickets, latest changed first (a page past the end: the last)."""
        page = max(page, 0)
        async with self._uow.read():
            client = await active_user(self._users, actor.telegram_id)
            found, total = await self._tickets.for_user(
                client.id, offset=page * LIST_PAGE_SIZE, limit=LIST_PAGE_SIZE
            )
            pages = pages_for(total, LIST_PAGE_SIZE)
            if page >= pages:
                page = pages - 1
                found, total = await self._tickets.for_user(
                    client.id, offset=page * LIST_PAGE_SIZE, limit=LIST_PAGE_SIZE
                )
        return TicketList(found, page, pages, total)

    async def thread(self, actor: Actor, ticket_id: int, *, page: int) -> ClientThread:
        """One of the client's own tickets with a page of its thread (staff notes never)."""
        async with self._uow.read():
            client = await active_user(self._users, actor.telegram_id)
            ticket = await self._own(client, ticket_id)
            return ClientThread(
                ticket, await thread_page(self._tickets, ticket, page, with_notes=False)
            )

    async def _own(self, client: User, ticket_id: int, *, lock: bool = False) -> Ticket:
        ticket = await self._tickets.get(ticket_id, lock=lock)
        if ticket is None or ticket.user_id != client.id:
            raise TicketNotFound()
        return ticket
