"""User entities and the rules for what a user may type in."""

from __future__ import annotations

import re
import secrets
import string
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from coworking_bot.domain.enums import Language, Permission, StaffRole
from coworking_bot.domain.errors import (
    InvalidEmail,
    InvalidName,
    InvalidPhone,
    InvalidSearch,
    InvalidStaffText,
    InvalidTelegramId,
)
from coworking_bot.domain.permissions import permissions_of

NAME_MAX_LENGTH = 100
NAME_MIN_LENGTH = 2
REFERRAL_PREFIX = "ref_"
_REFERRAL_ALPHABET = string.ascii_lowercase + string.digits
_NAME_SEPARATORS = " '-."
_NAME_ALLOWED = re.compile(r"^[^\W\d_]+(?:[ '\-.][^\W\d_]+)*\.?$")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    telegram_id: int
    username: str | None
    full_name: str | None
    phone: str | None
    email: str | None
    language: Language
    referral_code: str
    referrer_id: int | None
    consent_at: datetime | None
    registered_at: datetime | None
    is_banned: bool
    bot_blocked: bool
    created_at: datetime
    news_enabled: bool = True  # broadcasts reach them
    morning_schedule: bool = False  # staff: the day's schedule every morning

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None


@dataclass(frozen=True, slots=True)
class StaffMember:
    telegram_id: int
    role: StaffRole
    added_by: int | None
    created_at: datetime | None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sent the update or request being handled (0: nobody, e.g. a channel post)."""

    telegram_id: int


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is asking: every permission check in the services takes one of these."""

    telegram_id: int
    role: StaffRole | None

    @property
    def is_staff(self) -> bool:
        return self.role is not None

    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.role)


def normalize_name(raw: str | None) -> str:
    name = unicodedata.normalize("NFC", " ".join((raw or "").split()))
    letters = _without_marks(name)
    if (
        not (NAME_MIN_LENGTH <= len(name) <= NAME_MAX_LENGTH)
        or not _NAME_ALLOWED.match(letters)
        or not all(ch.isalpha() or ch in _NAME_SEPARATORS for ch in letters)  # no ¹, ½, Ⅻ
    ):
        raise InvalidName(max=NAME_MAX_LENGTH)
    return name


def _without_marks(name: str) -> str:
    """Drops combining marks (Hindi and Thai vowel signs, accents typed apart) that follow a
    letter; a mark anywhere else is left in, so the name does not match."""
    kept: list[str] = []
    for index, ch in enumerate(name):
        after_letter = index > 0 and (name[index - 1].isalpha() or _is_mark(name[index - 1]))
        if not (_is_mark(ch) and after_letter):
            kept.append(ch)
    return "".join(kept)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def normalize_phone(raw: str | None, default_region: str = "RU") -> str:
    """Any country's number, typed any usual way, as E.164 (`+79161234567`)."""
    text = (raw or "").strip()
    if not text or len(text) > 32 or re.search(r"[^\d\s()+\-.]", text):
        raise InvalidPhone()
    digits = re.sub(r"\D", "", text)
    if text.startswith(("+", "00")):
        candidate = "+" + digits.removeprefix("00") if text.startswith("00") else "+" + digits
        region = None
    elif len(digits) == 11 and digits[0] in "78" and default_region == "RU":
        candidate, region = "+7" + digits[1:], None
    else:
        candidate, region = digits, default_region
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone() from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone()
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalize_email(raw: str | None) -> str:
    text = (raw or "").strip()
    if not text or len(text) > 254:
        raise InvalidEmail()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmail() from None
    return str(result.normalized)


def parse_telegram_id(raw: str | None) -> int:
    text = (raw or "").strip()
    if not text.isdigit() or not (0 < int(text) < 10**15):
        raise InvalidTelegramId()
    return int(text)


def new_referral_code() -> str:
    return "".join(secrets.choice(_REFERRAL_ALPHABET) for _ in range(8))


def referral_code_from_payload(payload: str | None) -> str | None:
    """`ref_ab12cd34` -> `ab12cd34`; anything else -> None."""
    if not payload or not payload.startswith(REFERRAL_PREFIX):
        return None
    code = payload[len(REFERRAL_PREFIX) :]
    if not code or len(code) > 32 or not code.isalnum():
        return None
    return code.lower()


# What staff type to find a client, and what they write about or to one.
SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 64
NOTE_MAX_LENGTH = 1000
MESSAGE_MAX_LENGTH = 3500  # leaves room in Telegram's 4096 for the heading around it


class SearchKind(StrEnum):
    NAME = "name"
    USERNAME = "username"
    DIGITS = "digits"  # a Telegram id or a part of a phone number


@dataclass(frozen=True, slots=True)
class ClientQuery:
    kind: SearchKind
    value: str  # casefolded name, username without @, or digits


def client_query(raw: str | None) -> ClientQuery:
    """`@anna`, `+7 916 123-45-67`, `89161234567`, `123456789` or a part of a name."""
    text = " ".join((raw or "").split())
    if not SEARCH_MIN_LENGTH <= len(text) <= SEARCH_MAX_LENGTH:
        raise InvalidSearch(min=SEARCH_MIN_LENGTH, max=SEARCH_MAX_LENGTH)
    if text.startswith("@"):
        name = text[1:]
        if not re.fullmatch(r"[A-Za-z0-9_]{2,32}", name):
            raise InvalidSearch(min=SEARCH_MIN_LENGTH, max=SEARCH_MAX_LENGTH)
        return ClientQuery(SearchKind.USERNAME, name.casefold())
    if re.fullmatch(r"[\d\s()+\-.]+", text):
        digits = re.sub(r"\D", "", text)
        if len(digits) == 11 and digits[0] == "8" and not text.startswith("+"):
            digits = "7" + digits[1:]  # a Russian number typed the old way
        if len(digits) < SEARCH_MIN_LENGTH + 2:
            raise InvalidSearch(min=SEARCH_MIN_LENGTH, max=SEARCH_MAX_LENGTH)
        return ClientQuery(SearchKind.DIGITS, digits)
    return ClientQuery(SearchKind.NAME, text.casefold())


def staff_text(raw: str | None, limit: int) -> str:
    """A note or a message staff typed: trimmed, not empty, not over `limit` characters. Line
    breaks are kept (a message may have paragraphs)."""
    text = "\n".join(line.rstrip() for line in (raw or "").strip().splitlines())
    if not text or len(text) > limit:
        raise InvalidStaffText(limit=limit)
    return text
