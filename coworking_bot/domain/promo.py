"""Promo codes: when one applies, and why not when it does not."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from coworking_bot.domain.catalog import Tariff
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.pricing import DiscountKind, PromoTerms

CODE_MAX_LENGTH = 32


class PromoUnknown(DomainError):
    key = "error-promo-unknown"


class PromoExpired(DomainError):
    key = "error-promo-expired"


class PromoNotStarted(DomainError):
    key = "error-promo-not-started"


class PromoUsedUp(DomainError):
    key = "error-promo-used-up"


class PromoNotForTariff(DomainError):
    key = "error-promo-not-for-tariff"


class PromoAlreadyUsed(DomainError):
    key = "error-promo-already-used"


class PromoFirstBookingOnly(DomainError):
    key = "error-promo-first-booking"


@dataclass(frozen=True, slots=True)
class PromoCode:
    id: int
    code: str
    kind: DiscountKind
    value: int
    valid_from: datetime | None
    valid_until: datetime | None
    max_uses: int | None
    uses: int
    per_user_limit: int
    tariff_ids: tuple[int, ...] | None
    first_booking_only: bool
    is_active: bool

    @property
    def terms(self) -> PromoTerms:
        return PromoTerms(self.kind, self.value)


def normalize_code(raw: str | None) -> str:
    code = "".join((raw or "").split()).upper()
    if not code or len(code) > CODE_MAX_LENGTH or not code.replace("-", "").isalnum():
        raise PromoUnknown()
    return code


def check_promo(
    promo: PromoCode | None,
    tariff: Tariff,
    *,
    now: datetime,
    used_by_user: int,
    has_bookings: bool,
) -> PromoTerms:
    """The discount a code gives for this tariff and user now, or the reason it does not."""
    if promo is None or not promo.is_active:
        raise PromoUnknown()
    if promo.valid_from is not None and now < promo.valid_from:
        raise PromoNotStarted()
    if promo.valid_until is not None and now >= promo.valid_until:
        raise PromoExpired()
    if promo.tariff_ids is not None and tariff.id not in promo.tariff_ids:
        raise PromoNotForTariff()
    if used_by_user >= promo.per_user_limit:
        raise PromoAlreadyUsed()
    if promo.first_booking_only and has_bookings:
        raise PromoFirstBookingOnly()
    if promo.max_uses is not None and promo.uses >= promo.max_uses:
        raise PromoUsedUp()
    return promo.terms


# --- Promo codes as staff make them ----------------------------------------------------------

CODE_MIN_LENGTH = 3
GENERATED_LENGTH = 8
# Letters and digits nobody mixes up when reading a code aloud or from a poster: no 0/O, 1/I/L.
READABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PERCENT_MAX = 100
AMOUNT_MAX_RUB = 1_000_000  # a fixed discount, in rubles
LIMIT_MAX = 1_000_000  # total and per-client uses
_NEW_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_RUBLES = re.compile(r"(\d+)(?:[.,](\d{1,2}))?")


class PromoCodeInvalid(DomainError):
    key = "error-promo-code-invalid"


class PromoCodeTaken(DomainError):
    key = "error-promo-code-taken"


class PromoPercentInvalid(DomainError):
    key = "error-promo-percent-invalid"


class PromoAmountInvalid(DomainError):
    key = "error-promo-amount-invalid"


class PromoDayInvalid(DomainError):
    key = "error-promo-day-invalid"


class PromoWindowInvalid(DomainError):
    key = "error-promo-window-invalid"


class PromoWindowPast(DomainError):
    key = "error-promo-window-past"


class PromoLimitInvalid(DomainError):
    key = "error-promo-limit-invalid"


class PromoTariffsInvalid(DomainError):
    key = "error-promo-tariffs-invalid"


class PromoNotFound(DomainError):
    key = "error-promo-not-found"


class PromoStatus(StrEnum):
    ACTIVE = "active"
    OFF = "off"  # switched off by staff
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    USED_UP = "used_up"


def promo_status(promo: PromoCode, now: datetime) -> PromoStatus:
    """What a client trying the code now would find, most decisive first."""
    if not promo.is_active:
        return PromoStatus.OFF
    if promo.valid_until is not None and now >= promo.valid_until:
        return PromoStatus.EXPIRED
    if promo.valid_from is not None and now < promo.valid_from:
        return PromoStatus.NOT_STARTED
    if promo.max_uses is not None and promo.uses >= promo.max_uses:
        return PromoStatus.USED_UP
    return PromoStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class PromoDraft:
    """A new code as staff set it up: the validity window in the coworking's calendar days,
    both included (`None`: from now on / with no end)."""

    code: str
    kind: DiscountKind
    value: int  # percent, or kopecks
    first_day: date | None = None
    last_day: date | None = None
    max_uses: int | None = None
    per_user_limit: int = 1
    tariff_ids: tuple[int, ...] | None = None  # None: every tariff
    first_booking_only: bool = False


def parse_new_code(raw: str | None) -> str:
    """A code staff type: Latin letters and digits (a Cyrillic С and a Latin C look the same to
    a client, so only one alphabet), single hyphens between them; upper-cased."""
    code = "".join((raw or "").split()).upper()
    if (
        not CODE_MIN_LENGTH <= len(code) <= CODE_MAX_LENGTH
        or not code.isascii()
        or not _NEW_CODE.fullmatch(code)
    ):
        raise PromoCodeInvalid(min=CODE_MIN_LENGTH, max=CODE_MAX_LENGTH)
    return code


def generate_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """A random readable code, e.g. `K7MX-Q4RT`."""
    half = GENERATED_LENGTH // 2
    letters = [choice(READABLE_ALPHABET) for _ in range(GENERATED_LENGTH)]
    return "".join(letters[:half]) + "-" + "".join(letters[half:])


def parse_percent(raw: str | None) -> int:
    text = "".join((raw or "").split()).removesuffix("%")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= PERCENT_MAX:
        raise PromoPercentInvalid(max=PERCENT_MAX)
    return int(text)


def parse_rubles(raw: str | None) -> int:
    """`300`, `1 500`, `299,90` or `299.9` rubles, as kopecks; more than 0, at most
    `AMOUNT_MAX_RUB`."""
    text = "".join((raw or "").split()).removesuffix("₽").removesuffix("р").removesuffix("руб")
    found = _RUBLES.fullmatch(text) if text.isascii() else None
    if found is None:
        raise PromoAmountInvalid(max=AMOUNT_MAX_RUB)
    rubles, fraction = int(found[1]), (found[2] or "0").ljust(2, "0")
    kopecks = rubles * 100 + int(fraction)
    if not 0 < kopecks <= AMOUNT_MAX_RUB * 100:
        raise PromoAmountInvalid(max=AMOUNT_MAX_RUB)
    return kopecks


def parse_day(raw: str | None) -> date:
    """`DD.MM.YYYY` (`1.3.2027` too)."""
    text = "".join((raw or "").split())
    found = _DAY.fullmatch(text) if text.isascii() else None
    if found is None:
        raise PromoDayInvalid()
    try:
        return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        raise PromoDayInvalid() from None


def parse_limit(raw: str | None) -> int:
    text = "".join((raw or "").split())
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= LIMIT_MAX:
        raise PromoLimitInvalid(max=LIMIT_MAX)
    return int(text)


def check_window(first_day: date | None, last_day: date | None, today: date) -> None:
    """The last day is not before the first, and has not passed already."""
    if last_day is None:
        return
    if first_day is not None and last_day < first_day:
        raise PromoWindowInvalid()
    if last_day < today:
        raise PromoWindowPast()


def check_draft(draft: PromoDraft, today: date) -> PromoDraft:
    """Every rule of a new code at once (the wizard checked each step; this is the last word)."""
    if parse_new_code(draft.code) != draft.code:
        raise PromoCodeInvalid(min=CODE_MIN_LENGTH, max=CODE_MAX_LENGTH)
    if draft.kind is DiscountKind.PERCENT and not 1 <= draft.value <= PERCENT_MAX:
        raise PromoPercentInvalid(max=PERCENT_MAX)
    if draft.kind is DiscountKind.FIXED and not 0 < draft.value <= AMOUNT_MAX_RUB * 100:
        raise PromoAmountInvalid(max=AMOUNT_MAX_RUB)
    check_window(draft.first_day, draft.last_day, today)
    for limit in (draft.max_uses, draft.per_user_limit):
        if limit is not None and not 1 <= limit <= LIMIT_MAX:
            raise PromoLimitInvalid(max=LIMIT_MAX)
    if draft.tariff_ids is not None and not draft.tariff_ids:
        raise PromoTariffsInvalid()
    return draft


def window_bounds(
    first_day: date | None, last_day: date | None, tz: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """The window as stored: from the first day's local midnight, until the midnight after the
    last day (exclusive), in UTC."""

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), tz).astimezone(UTC)

    start = midnight(first_day) if first_day is not None else None
    end = midnight(last_day + timedelta(days=1)) if last_day is not None else None
    return start, end


def window_days(promo: PromoCode, tz: tzinfo) -> tuple[date | None, date | None]:
    """The window as staff read it: the first and the last day, both included."""
    first = promo.valid_from.astimezone(tz).date() if promo.valid_from is not None else None
    last = (
        (promo.valid_until - timedelta(microseconds=1)).astimezone(tz).date()
        if promo.valid_until is not None
        else None
    )
    return first, last
