"""Notices: what a use case tells people, queued as outbox rows in its own transaction.

A notice is a locale message id with typed parameters (money, periods, times, names kept in both
languages) that are formatted when it is sent, in the recipient's language and the coworking's
time zone; buttons name what they do (`NoticeAction`), and the bot turns that into its own
callback data, so services never know a wire format. A notice may carry a text file, Telegram
media by file id (a photo, a video, a document, an album), or be a copy of a message someone
wrote. Notices about one thing share a topic, and `amend` makes every copy read the latest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, Protocol

from coworking_bot.domain.enums import Language, TariffUnit

ALBUM_LIMIT = 10  # Telegram's most items in one album


@dataclass(frozen=True, slots=True)
class Money:
    """Kopecks, shown as `1 500 ₽`."""

    kopecks: int


@dataclass(frozen=True, slots=True)
class Period:
    """A booked period, shown the way the booking screens show it."""

    unit: TariffUnit
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A moment shown as the coworking's wall-clock time, `14:30`."""

    moment: datetime


@dataclass(frozen=True, slots=True)
class Names:
    """A name kept in both languages (a space's, a tariff's): `en` falls back to `ru`."""

    ru: str
    en: str | None = None

    def get(self, language: Language) -> str:
        return self.en if language is Language.EN and self.en else self.ru


@dataclass(frozen=True, slots=True)
class Term:
    """A locale message id shown in the recipient's language (a role, a status)."""

    key: str


NoticeParam = str | int | Money | Period | TimeOfDay | Names | Term


class NoticeAction(StrEnum):
    """What a button under a notice does; the bot maps each to its callback data."""

    CONFIRM_BOOKING = "booking.confirm"  # args: booking id, its revision
    REJECT_BOOKING = "booking.reject"  # args: booking id, its revision
    OPEN_BOOKING = "booking.open"  # args: booking id; opens its card in the staff desk
    BOOK_WAITLIST_OFFER = "waitlist.book"  # args: waitlist entry id
    TAKE_TICKET = "ticket.take"  # args: ticket id
    OPEN_TICKET = "ticket.open"  # args: ticket id
    REPLY_TICKET = "ticket.reply"  # args: ticket id
    RATE_TICKET = "ticket.rate"  # args: ticket id, the score
    PAY_BOOKING = "booking.pay"  # args: booking id; opens the client's payment window for it
    # The client's own booking in My bookings (args: booking id): its card, the move, the cancel.
    OPEN_MY_BOOKING = "my_booking.open"
    MOVE_MY_BOOKING = "my_booking.move"
    CANCEL_MY_BOOKING = "my_booking.cancel"
    EXTEND_BOOKING = "my_booking.extend"  # args: booking id; books its tariff on from its end
    OPEN_SCHEDULE = "desk.schedule"  # no args: today's schedule in the staff desk
    # Under a broadcast's progress message (args: broadcast id).
    PAUSE_BROADCAST = "broadcast.pause"
    RESUME_BROADCAST = "broadcast.resume"
    CANCEL_BROADCAST = "broadcast.cancel"


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a notice: its text is a locale key; it acts, or opens a link."""

    key: str
    action: NoticeAction | None = None
    args: tuple[int, ...] = ()
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.action is None) == (self.url is None):
            raise ValueError(f"button {self.key} needs an action or a url, not both")


@dataclass(frozen=True, slots=True)
class TextFile:
    """A small text file sent right after the notice (an .ics)."""

    filename: str
    content: str


@dataclass(frozen=True, slots=True)
class Media:
    """A photo, a video or a document Telegram already has, by its file id."""

    kind: Literal["photo", "video", "document"]
    file_id: str


@dataclass(frozen=True, slots=True)
class Album:
    """Up to ten media sent as one album; the notice's text is the first one's caption."""

    items: tuple[Media, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not 1 <= len(self.items) <= ALBUM_LIMIT:
            raise ValueError(f"an album holds 1 to {ALBUM_LIMIT} items")


@dataclass(frozen=True, slots=True)
class Copy:
    """A message someone wrote to the bot, copied as it is (formatting and media included)."""

    from_chat_id: int
    message_id: int


Attachment = TextFile | Media | Album


class Notifier(Protocol):
    """Queues notices in the current use case's transaction: call it before the use case's block
    ends, so the notice exists exactly when the change does (DESIGN.md section 5)."""

    async def notify(
        self,
        telegram_id: int,
        language: Language,
        key: str,
        params: Mapping[str, NoticeParam] | None = None,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        attachment: Attachment | None = None,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        topic: str | None = None,
    ) -> None:
        """A notice to one chat: the locale message `key` with `params`. `dedupe_key` makes it
        idempotent: a second notice with the same key is dropped. Str params are plain text
        (escaped when sent)."""
        ...

    async def copy(
        self,
        telegram_id: int,
        language: Language,
        source: Copy,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        topic: str | None = None,
    ) -> None:
        """A copy of a message someone wrote, with buttons in the recipient's language."""
        ...

    async def amend(
        self,
        topic: str,
        key: str,
        params: Mapping[str, NoticeParam] | None = None,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        skip_chat: int | None = None,
    ) -> None:
        """Every notice of `topic` (but to `skip_chat`) comes to read this text with `buttons`:
        one already sent is edited; one not sent yet goes out like this."""
        ...


def encode_params(params: Mapping[str, NoticeParam] | None) -> dict[str, Any]:
    """Params as JSON for the outbox row; `decode_params` gives them back."""
    return {name: _encode(name, value) for name, value in (params or {}).items()}


def _encode(name: str, value: NoticeParam) -> Any:
    # A bool is an int to Python but means nothing to a text.
    if isinstance(value, bool):
        raise TypeError(f"notice param {name}: a bool has no text")
    if isinstance(value, str | int):
        return value
    if isinstance(value, Money):
        return {"money": value.kopecks}
    if isinstance(value, Period):
        return {
            "period": {
                "unit": value.unit.value,
                "start": value.start.isoformat(),
                "end": value.end.isoformat(),
            }
        }
    if isinstance(value, TimeOfDay):
        return {"time": value.moment.isoformat()}
    if isinstance(value, Names):
        return {"names": {"ru": value.ru, "en": value.en}}
    if isinstance(value, Term):
        return {"term": value.key}
    raise TypeError(f"notice param {name}: {type(value).__name__} cannot be sent")


def decode_params(raw: Mapping[str, Any]) -> dict[str, NoticeParam]:
    return {name: _decode(value) for name, value in raw.items()}


def _decode(value: Any) -> NoticeParam:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    if isinstance(value, dict) and len(value) == 1:
        [(tag, body)] = value.items()
        if tag == "money":
            return Money(int(body))
        if tag == "period":
            return Period(
                TariffUnit(body["unit"]),
                datetime.fromisoformat(body["start"]),
                datetime.fromisoformat(body["end"]),
            )
        if tag == "time":
            return TimeOfDay(datetime.fromisoformat(body))
        if tag == "names":
            return Names(body["ru"], body.get("en"))
        if tag == "term":
            return Term(str(body))
    if isinstance(value, float):  # rows written before params were typed
        return str(value)
    raise ValueError(f"a notice param the outbox cannot read: {value!r}")


def encode_buttons(buttons: Sequence[Sequence[Button]]) -> list[list[dict[str, Any]]] | None:
    if not buttons:
        return None
    return [
        [
            {"key": b.key, "action": b.action.value, "args": list(b.args)}
            if b.action is not None
            else {"key": b.key, "url": b.url}
            for b in row
        ]
        for row in buttons
    ]


def decode_buttons(raw: Sequence[Sequence[Mapping[str, Any]]] | None) -> list[list[Button]]:
    if not raw:
        return []
    return [
        [
            Button(
                key=str(b["key"]),
                action=NoticeAction(b["action"]) if "action" in b else None,
                args=tuple(int(a) for a in b.get("args", ())),
                url=b.get("url"),
            )
            for b in row
        ]
        for row in raw
    ]


def encode_attachment(attachment: Attachment | None) -> tuple[str, dict[str, Any] | None]:
    """The row's kind and media for an attachment (a text file goes in its own column)."""
    if attachment is None or isinstance(attachment, TextFile):
        return "message", None
    if isinstance(attachment, Media):
        return attachment.kind, {"file_id": attachment.file_id}
    return "album", {"items": [{"kind": m.kind, "file_id": m.file_id} for m in attachment.items]}
