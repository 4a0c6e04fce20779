"""Prices: unit price × duration, then the volume rule, then the promo code. Integer kopecks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coworking_bot.domain.catalog import Tariff
from coworking_bot.domain.errors import DomainError


class InvalidDuration(DomainError):
    key = "error-duration-invalid"


class DiscountKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class PromoTerms:
    """What a promo code takes off: a percent (1..100) or a fixed amount in kopecks."""

    kind: DiscountKind
    value: int

    def __post_init__(self) -> None:
        if self.kind is DiscountKind.PERCENT and not 0 < self.value <= 100:
            raise ValueError("a percent discount is 1..100")
        if self.kind is DiscountKind.FIXED and self.value <= 0:
            raise ValueError("a fixed discount is positive")


@dataclass(frozen=True, slots=True)
class Quote:
    unit_price: int
    units: int
    subtotal: int
    volume_discount: int
    promo_discount: int

    @property
    def total(self) -> int:
        return self.subtotal - self.volume_discount - self.promo_discount

    @property
    def is_free(self) -> bool:
        return self.total == 0


def percent_of(amount: int, percent: int) -> int:
    """`percent`% of `amount` kopecks, rounded half up to a whole kopeck."""
    return (amount * percent + 50) // 100


def quote(tariff: Tariff, units: int, promo: PromoTerms | None = None) -> Quote:
    if not tariff.min_duration <= units <= tariff.max_duration:
        raise InvalidDuration(min=tariff.min_duration, max=tariff.max_duration)
    subtotal = tariff.price * units
    volume = 0
    rule = tariff.volume_discount
    if rule is not None and units >= rule.from_units:
        volume = percent_of(subtotal, rule.percent)
    after_volume = subtotal - volume
    promo_discount = 0
    if promo is not None:
        off = (
            percent_of(after_volume, promo.value)
            if promo.kind is DiscountKind.PERCENT
            else promo.value
        )
        promo_discount = min(after_volume, off)
    return Quote(tariff.price, units, subtotal, volume, promo_discount)
