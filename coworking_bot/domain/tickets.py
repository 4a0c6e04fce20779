"""Support tickets: statuses and how they move, what one message may hold, ratings, and how a
long thread is cut into pages of whole words. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from coworking_bot.domain.errors import DomainError

TEXT_MAX_LENGTH = 3500  # leaves room for the notice around it within Telegram's 4096
PHOTOS_MAX = 10  # Telegram's largest album
SUBJECT_LENGTH = 60  # the list's line for a ticket: the first words of its first message
RATING_MIN, RATING_MAX = 1, 5
# Open tickets one client may have at once: each new one alerts every member of support.
OPEN_TICKETS_MAX = 5


class TicketStatus(StrEnum):
    NEW = "new"  # nobody on staff has taken or answered it yet
    IN_PROGRESS = "in_progress"  # staff have it, or the client wrote again
    WAITING = "waiting"  # staff answered: the client's turn
    CLOSED = "closed"


OPEN_STATUSES = frozenset({TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.WAITING})


class TicketEvent(StrEnum):
    CLIENT_WROTE = "client_wrote"
    TAKEN = "taken"
    STAFF_REPLIED = "staff_replied"
    CLOSED = "closed"


class MessageKind(StrEnum):
    CLIENT = "client"
    STAFF = "staff"
    NOTE = "note"  # staff only: the client never sees it


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


_TRANSITIONS: dict[tuple[TicketStatus, TicketEvent], TicketStatus] = {
    (TicketStatus.NEW, TicketEvent.CLIENT_WROTE): TicketStatus.NEW,
    (TicketStatus.NEW, TicketEvent.TAKEN): TicketStatus.IN_PROGRESS,
    (TicketStatus.NEW, TicketEvent.STAFF_REPLIED): TicketStatus.WAITING,
    (TicketStatus.NEW, TicketEvent.CLOSED): TicketStatus.CLOSED,
    (TicketStatus.IN_PROGRESS, TicketEvent.CLIENT_WROTE): TicketStatus.IN_PROGRESS,
    (TicketStatus.IN_PROGRESS, TicketEvent.STAFF_REPLIED): TicketStatus.WAITING,
    (TicketStatus.IN_PROGRESS, TicketEvent.CLOSED): TicketStatus.CLOSED,
    (TicketStatus.WAITING, TicketEvent.CLIENT_WROTE): TicketStatus.IN_PROGRESS,
    (TicketStatus.WAITING, TicketEvent.STAFF_REPLIED): TicketStatus.WAITING,
    (TicketStatus.WAITING, TicketEvent.CLOSED): TicketStatus.CLOSED,
}


class TicketNotFound(DomainError):
    key = "error-ticket-not-found"


class TicketClosed(DomainError):
    key = "error-ticket-closed"


class TicketTaken(DomainError):
    """Another member of staff has the ticket (`staff`: who)."""

    key = "error-ticket-taken"


class TicketEmpty(DomainError):
    key = "error-ticket-empty"


class TicketTextTooLong(DomainError):
    key = "error-ticket-text-too-long"


class TooManyPhotos(DomainError):
    key = "error-ticket-too-many-photos"


class TooManyOpenTickets(DomainError):
    key = "error-ticket-too-many-open"


class MixedAttachments(DomainError):
    key = "error-ticket-mixed-attachments"


class InvalidRating(DomainError):
    key = "error-ticket-rating-invalid"


class TicketNotClosed(DomainError):
    key = "error-ticket-not-closed"


class AlreadyRated(DomainError):
    key = "error-ticket-already-rated"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo or a document Telegram keeps, by its file id."""

    kind: MediaKind
    file_id: str


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    user_id: int
    status: TicketStatus
    subject: str
    assigned_to: int | None
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    escalated_at: datetime | None
    rating: int | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def first_response_time(self) -> timedelta | None:
        return None if self.first_response_at is None else self.first_response_at - self.created_at

    def resolution_time(self) -> timedelta | None:
        return None if self.closed_at is None else self.closed_at - self.created_at


@dataclass(frozen=True, slots=True)
class TicketMessage:
    id: int
    ticket_id: int
    kind: MessageKind
    author_telegram_id: int
    text: str
    media: tuple[Attachment, ...]
    created_at: datetime


def next_status(status: TicketStatus, event: TicketEvent) -> TicketStatus:
    """Where `event` takes a ticket in `status`; a closed ticket takes nothing."""
    found = _TRANSITIONS.get((status, event))
    if found is None:
        raise TicketClosed()
    return found


def check_message(text: str | None, media: Sequence[Attachment]) -> str:
    """The message's text, stripped, if the message may be sent: something in it, a text within
    the limit, up to ten photos or one document. (Sent on, a text too long for a caption goes
    under the media instead: the outbox sees to Telegram's limits.)"""
    body = (text or "").strip()
    if not body and not media:
        raise TicketEmpty()
    check_media(media)
    if len(body) > TEXT_MAX_LENGTH:
        raise TicketTextTooLong(max=TEXT_MAX_LENGTH)
    return body


def check_media(media: Sequence[Attachment]) -> None:
    """Up to ten photos, or one document; never both."""
    kinds = {item.kind for item in media}
    if len(kinds) > 1 or (MediaKind.DOCUMENT in kinds and len(media) > 1):
        raise MixedAttachments()
    if len(media) > PHOTOS_MAX:
        raise TooManyPhotos(max=PHOTOS_MAX)


def check_rating(value: int) -> int:
    if not RATING_MIN <= value <= RATING_MAX:
        raise InvalidRating(min=RATING_MIN, max=RATING_MAX)
    return value


def subject_of(text: str, media: Sequence[Attachment]) -> str:
    """The ticket's line in lists: its first words, never a word cut in half."""
    flat = " ".join(text.split())
    if not flat:
        return "📎" if media else ""
    return excerpt(flat, SUBJECT_LENGTH)


def excerpt(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its first whole words and "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return _pieces(text, limit - 1)[0] + "…"


def escalation_due(created_at: datetime, minutes: int, now: datetime) -> bool:
    return now - created_at >= timedelta(minutes=minutes)


def split_pages(blocks: Sequence[str], limit: int) -> list[str]:
    """Blocks of text (a thread's messages) as pages of at most `limit` characters: blocks are
    kept whole where they fit, and a block too long for a page is split between words (a single
    word longer than a page, which no one types, is split where it must be)."""
    if limit < 1:
        raise ValueError("a page holds at least one character")
    pages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _pieces(block, limit):
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
                continue
            pages.append(current)
            current = piece
    if current or not pages:
        pages.append(current)
    return pages


def _pieces(block: str, limit: int) -> list[str]:
    """`block` in parts of at most `limit` characters, split at whitespace."""
    pieces: list[str] = []
    rest = block.strip()
    while len(rest) > limit:
        cut = max(rest.rfind(" ", 0, limit + 1), rest.rfind("\n", 0, limit + 1))
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces
