"""Broadcasts: a message staff wrote to the bot, copied as it is (formatting and media included)
to an audience of clients, with an optional link button under it.

The rules: what may be broadcast, who is in an audience (always registered clients who are not
banned, have not blocked the bot and have not turned news off), the life of a broadcast and of
each recipient's copy, and what staff type (a link button, a number of days, a period, a time).

A recipient's copy is sent at most once: a copy whose fate is unknown (the process died while
it was on its way, or the connection broke after the request went out) is never sent again; the
report counts it apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import DomainError

ALBUM_LIMIT = 10  # Telegram's most items in one album
BUTTON_TEXT_MAX = 64
URL_MAX = 1024
ACTIVE_DAYS_MAX = 3650
PERIOD_MAX_DAYS = 3 * 366
SCHEDULE_AHEAD_MAX = timedelta(days=366)
SCHEDULE_AHEAD_MIN = timedelta(minutes=1)
YEAR_GUESS_BEHIND = timedelta(days=31)
# Telegram's documented limit for a bot: about 30 messages a second overall.
TELEGRAM_PER_SECOND = 30

# Bookings that say a client booked: anything paid or confirmed, kept or not; a hold that ran
# out and a cancelled booking do not count.
BOOKED_STATUSES: frozenset[BookingStatus] = frozenset(
    {
        BookingStatus.PENDING,
        BookingStatus.CONFIRMED,
        BookingStatus.COMPLETED,
        BookingStatus.NO_SHOW,
    }
)


class BroadcastNotFound(DomainError):
    key = "error-broadcast-not-found"


class BroadcastChanged(DomainError):
    """The broadcast is no longer in a state that allows this (started, finished, cancelled)."""

    key = "error-broadcast-changed"


class UnsupportedContent(DomainError):
    key = "error-broadcast-content"


class InvalidLinkButton(DomainError):
    key = "error-broadcast-button"


class InvalidActiveDays(DomainError):
    key = "error-broadcast-days"


class InvalidPeriod(DomainError):
    key = "error-broadcast-period"


class InvalidAudience(DomainError):
    key = "error-broadcast-audience"


class InvalidSendTime(DomainError):
    key = "error-broadcast-when"


class SendTimeNotAhead(DomainError):
    key = "error-broadcast-when-past"


class EmptyAudience(DomainError):
    key = "error-broadcast-nobody"


# --- the life of a broadcast -------------------------------------------------------------------


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"


class BroadcastEvent(StrEnum):
    START = "start"
    SCHEDULE = "schedule"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"
    FINISH = "finish"


_TRANSITIONS: Mapping[tuple[BroadcastStatus, BroadcastEvent], BroadcastStatus] = {
    (BroadcastStatus.DRAFT, BroadcastEvent.START): BroadcastStatus.RUNNING,
    (BroadcastStatus.DRAFT, BroadcastEvent.SCHEDULE): BroadcastStatus.SCHEDULED,
    (BroadcastStatus.SCHEDULED, BroadcastEvent.START): BroadcastStatus.RUNNING,
    (BroadcastStatus.SCHEDULED, BroadcastEvent.CANCEL): BroadcastStatus.CANCELLED,
    (BroadcastStatus.RUNNING, BroadcastEvent.PAUSE): BroadcastStatus.PAUSED,
    (BroadcastStatus.RUNNING, BroadcastEvent.CANCEL): BroadcastStatus.CANCELLED,
    (BroadcastStatus.RUNNING, BroadcastEvent.FINISH): BroadcastStatus.DONE,
    (BroadcastStatus.PAUSED, BroadcastEvent.RESUME): BroadcastStatus.RUNNING,
    (BroadcastStatus.PAUSED, BroadcastEvent.CANCEL): BroadcastStatus.CANCELLED,
    # Nobody to send to when a scheduled broadcast came due: it is over at once.
    (BroadcastStatus.SCHEDULED, BroadcastEvent.FINISH): BroadcastStatus.DONE,
}


def next_status(status: BroadcastStatus, event: BroadcastEvent) -> BroadcastStatus:
    try:
        return _TRANSITIONS[(status, event)]
    except KeyError:
        raise BroadcastChanged() from None


def allows(status: BroadcastStatus, event: BroadcastEvent) -> bool:
    return (status, event) in _TRANSITIONS


class RecipientStatus(StrEnum):
    PENDING = "pending"  # not sent yet (or Telegram asked to wait: sent again later)
    SENDING = "sending"  # on its way right now
    SENT = "sent"
    FAILED = "failed"  # Telegram refused it for good
    BLOCKED = "blocked"  # the client blocked the bot
    UNKNOWN = "unknown"  # it may or may not have arrived: never sent again
    SKIPPED = "skipped"  # banned, blocked or turned news off after the broadcast started


OPEN_RECIPIENT_STATUSES = frozenset({RecipientStatus.PENDING, RecipientStatus.SENDING})


@dataclass(frozen=True, slots=True)
class RecipientCounts:
    pending: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    unknown: int = 0
    skipped: int = 0

    @classmethod
    def of(cls, counts: Mapping[RecipientStatus, int]) -> RecipientCounts:
        return cls(**{status.value: int(counts.get(status, 0)) for status in RecipientStatus})

    @property
    def total(self) -> int:
        return (
            self.pending
            + self.sending
            + self.sent
            + self.failed
            + self.blocked
            + self.unknown
            + self.skipped
        )

    @property
    def left(self) -> int:
        return self.pending + self.sending

    @property
    def finished(self) -> int:
        return self.total - self.left


def eta_seconds(left: int, messages_each: int, rate: float | None) -> int:
    """How long `left` recipients take: at the rate seen so far (recipients a second), or at
    Telegram's limit when there is none yet."""
    if left <= 0:
        return 0
    if rate is not None and rate > 0:
        return math.ceil(left / rate)
    return math.ceil(left * max(messages_each, 1) / TELEGRAM_PER_SECOND)


# --- what is broadcast -------------------------------------------------------------------------


class ContentKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    VIDEO = "video"
    DOCUMENT = "document"
    ALBUM = "album"


@dataclass(frozen=True, slots=True)
class Source:
    """The message (or the album's messages, in order) an author wrote to the bot."""

    chat_id: int
    message_ids: tuple[int, ...]
    kind: ContentKind

    def __post_init__(self) -> None:
        ids = self.message_ids
        if self.kind is ContentKind.ALBUM:
            if not 1 <= len(ids) <= ALBUM_LIMIT or list(ids) != sorted(set(ids)):
                raise UnsupportedContent()
        elif len(ids) != 1:
            raise UnsupportedContent()
        if any(message_id <= 0 for message_id in ids):
            raise UnsupportedContent()

    @property
    def is_album(self) -> bool:
        return self.kind is ContentKind.ALBUM


@dataclass(frozen=True, slots=True)
class LinkButton:
    text: str
    url: str


_URL_TOKEN = re.compile(r"\S+://\S+|www\.\S+", re.IGNORECASE)


def link_button(raw: str | None) -> LinkButton:
    """`Book now | https://example.com`, or the text and the link on two lines."""
    text = (raw or "").strip()
    if "\n" in text:
        label, _, url = text.partition("\n")
    elif "|" in text:
        label, _, url = text.rpartition("|")
    else:
        found = _URL_TOKEN.search(text)
        label, url = (text[: found.start()], found.group()) if found else (text, "")
    label, url = " ".join(label.split()), url.strip()
    if not 1 <= len(label) <= BUTTON_TEXT_MAX or not _is_web_link(url):
        raise InvalidLinkButton(max=BUTTON_TEXT_MAX)
    return LinkButton(label, url)


def _is_web_link(url: str) -> bool:
    if not url or len(url) > URL_MAX or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host) and "." in (host or "")


# --- who gets it -------------------------------------------------------------------------------


class AudienceKind(StrEnum):
    EVERYONE = "everyone"
    ACTIVE = "active"  # registered, booked or wrote to support in the last N days
    BOOKED = "booked"  # had a booking during a period
    NEVER_BOOKED = "never_booked"
    TARIFF = "tariff"  # booked this tariff at least once
    LANGUAGE = "language"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a broadcast is for, on top of the rule that holds for every broadcast: registered
    clients, not banned, who have not blocked the bot and have not turned news off."""

    kind: AudienceKind
    days: int | None = None
    first_day: date | None = None
    last_day: date | None = None
    tariff_id: int | None = None
    language: Language | None = None

    def __post_init__(self) -> None:
        kind = self.kind
        given = {
            "days": self.days is not None,
            "period": self.first_day is not None or self.last_day is not None,
            "tariff": self.tariff_id is not None,
            "language": self.language is not None,
        }
        needs = {
            AudienceKind.ACTIVE: "days",
            AudienceKind.BOOKED: "period",
            AudienceKind.TARIFF: "tariff",
            AudienceKind.LANGUAGE: "language",
        }.get(kind)
        if any(flag for name, flag in given.items() if name != needs) or (
            needs is not None and not given[needs]
        ):
            raise InvalidAudience()
        if kind is AudienceKind.ACTIVE and not 1 <= (self.days or 0) <= ACTIVE_DAYS_MAX:
            raise InvalidActiveDays(max=ACTIVE_DAYS_MAX)
        if kind is AudienceKind.BOOKED:
            first, last = self.first_day, self.last_day
            if first is None or last is None or first > last:
                raise InvalidPeriod(max=PERIOD_MAX_DAYS)
            if (last - first).days + 1 > PERIOD_MAX_DAYS:
                raise InvalidPeriod(max=PERIOD_MAX_DAYS)
        if kind is AudienceKind.TARIFF and not 1 <= (self.tariff_id or 0) < 2**31:
            raise InvalidAudience()

    @classmethod
    def everyone(cls) -> Audience:
        return cls(AudienceKind.EVERYONE)

    def since(self, now: datetime) -> datetime:
        """The start of the window of an ACTIVE audience."""
        return now - timedelta(days=self.days or 0)

    def window(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The period of a BOOKED audience in UTC: from the first day's midnight to the end of
        the last day, in the coworking's time zone."""
        assert self.first_day is not None
        assert self.last_day is not None
        start = datetime.combine(self.first_day, time(), tz)
        end = datetime.combine(self.last_day + timedelta(days=1), time(), tz)
        return start.astimezone(UTC), end.astimezone(UTC)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value}
        if self.days is not None:
            data["days"] = self.days
        if self.first_day is not None and self.last_day is not None:
            data["first_day"] = self.first_day.isoformat()
            data["last_day"] = self.last_day.isoformat()
        if self.tariff_id is not None:
            data["tariff_id"] = self.tariff_id
        if self.language is not None:
            data["language"] = self.language.value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Audience:
        if not data:
            return cls.everyone()
        try:
            first, last = data.get("first_day"), data.get("last_day")
            language = data.get("language")
            return cls(
                AudienceKind(data["kind"]),
                days=int(data["days"]) if data.get("days") is not None else None,
                first_day=date.fromisoformat(first) if first else None,
                last_day=date.fromisoformat(last) if last else None,
                tariff_id=int(data["tariff_id"]) if data.get("tariff_id") is not None else None,
                language=Language(language) if language else None,
            )
        except (KeyError, ValueError, TypeError):
            raise InvalidAudience() from None


def parse_days(raw: str | None) -> int:
    """A number of days typed by staff: 1 to ACTIVE_DAYS_MAX."""
    text = (raw or "").strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= ACTIVE_DAYS_MAX:
        raise InvalidActiveDays(max=ACTIVE_DAYS_MAX)
    return int(text)


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_period(raw: str | None) -> tuple[date, date]:
    """`01.11.2026 - 30.11.2026` (or ISO dates; one date is a period of a day)."""
    text = (raw or "").strip()
    days = []
    for match in _DAY.finditer(text[:64]):
        iso_year, iso_month, iso_day, day, month, year = match.groups()
        try:
            if iso_year:
                days.append(date(int(iso_year), int(iso_month), int(iso_day)))
            else:
                days.append(date(int(year), int(month), int(day)))
        except ValueError:
            raise InvalidPeriod(max=PERIOD_MAX_DAYS) from None
    if not 1 <= len(days) <= 2 or _DAY.sub("", text).strip(" -–—.") != "":
        raise InvalidPeriod(max=PERIOD_MAX_DAYS)
    first, last = days[0], days[-1]
    Audience(AudienceKind.BOOKED, first_day=first, last_day=last)  # checks order and length
    return first, last


_WHEN = re.compile(
    r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?)"  # the day
    r"[ ,T]+(\d{1,2})[:.](\d{2})$"  # the time
)


def parse_send_time(raw: str | None, now: datetime, tz: ZoneInfo) -> datetime:
    """When to send, typed in the coworking's time zone: `25.12 18:00`, `25.12.2026 18:00` or
    `2026-12-25 18:00`. Without a year, this year's day, or next year's when this year's is
    long past (a time just past is refused, not moved a year on). In UTC; ahead of `now` by at
    least a minute and at most a year."""
    match = _WHEN.match(" ".join((raw or "").split())[:40])
    if match is None:
        raise InvalidSendTime()
    iso_year, iso_month, iso_day, day, month, year, hour, minute = match.groups()
    local_now = now.astimezone(tz)
    try:
        clock = time(int(hour), int(minute))
        if iso_year:
            moment = datetime.combine(date(int(iso_year), int(iso_month), int(iso_day)), clock)
        else:
            moment = datetime.combine(
                date(int(year) if year else local_now.year, int(month), int(day)), clock
            )
            if not year and moment.replace(tzinfo=tz) < local_now - YEAR_GUESS_BEHIND:
                moment = moment.replace(year=moment.year + 1)
    except ValueError:
        raise InvalidSendTime() from None
    when = moment.replace(tzinfo=tz).astimezone(UTC)
    if when < now + SCHEDULE_AHEAD_MIN or when > now + SCHEDULE_AHEAD_MAX:
        raise SendTimeNotAhead()
    return when


# --- a broadcast ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    author_telegram_id: int
    status: BroadcastStatus
    source: Source
    button: LinkButton | None
    audience: Audience
    scheduled_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    counts: RecipientCounts  # as of the last progress update (final once it is over)
    progress_at: datetime | None
    progress_done: int
    last_error: str | None
    created_at: datetime

    @property
    def messages_each(self) -> int:
        """Messages each recipient costs against Telegram's limit: an album's every item, and
        the message that carries the link button under an album."""
        extra = 1 if self.source.is_album and self.button is not None else 0
        return len(self.source.message_ids) + extra

    @property
    def is_over(self) -> bool:
        return self.status in (BroadcastStatus.CANCELLED, BroadcastStatus.DONE)
