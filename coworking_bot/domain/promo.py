"""Promo codes: when one applies, and why not when it does not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
