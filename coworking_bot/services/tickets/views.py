"""What the ticket screens read: pages of tickets and of a ticket's thread, paged in the
database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coworking_bot.domain.tickets import Ticket, TicketMessage
from coworking_bot.services.tickets.ports import TicketRepository
from coworking_bot.services.users.ports import UserRepository

THREAD_PAGE_SIZE = 5
LIST_PAGE_SIZE = 6


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """Messages of one page of a thread, oldest first; page 0 holds the latest ones."""

    messages: Sequence[TicketMessage]
    page: int
    pages: int
    total: int
    # Staff authors' names by telegram id (staff screens only).
    names: dict[int, str] = field(default_factory=dict)


def pages_for(total: int, size: int) -> int:
    return max(1, -(-total // size))


async def thread_page(
    tickets: TicketRepository,
    ticket: Ticket,
    page: int,
    *,
    with_notes: bool,
    users: UserRepository | None = None,
) -> ThreadPage:
    """One page of `ticket`'s thread (a page past the end gives the oldest page there is);
    with `users`, the names of those who wrote on it."""
    page = max(page, 0)
    found, total = await tickets.messages(
        ticket.id, with_notes=with_notes, offset=page * THREAD_PAGE_SIZE, limit=THREAD_PAGE_SIZE
    )
    pages = pages_for(total, THREAD_PAGE_SIZE)
    if page >= pages:
        page = pages - 1
        found, total = await tickets.messages(
            ticket.id,
            with_notes=with_notes,
            offset=page * THREAD_PAGE_SIZE,
            limit=THREAD_PAGE_SIZE,
        )
    names: dict[int, str] = {}
    if users is not None:
        for author in {message.author_telegram_id for message in found}:
            user = await users.get_by_telegram_id(author)
            names[author] = (user.full_name if user else None) or f"ID {author}"
    return ThreadPage(list(reversed(found)), page, pages, total, names)
