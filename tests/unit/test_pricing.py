from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coworking_bot.domain.catalog import Tariff, VolumeDiscount
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.pricing import (
    DiscountKind,
    InvalidDuration,
    PromoTerms,
    percent_of,
    quote,
)

HOURLY = Tariff(
    id=1,
    space_id=1,
    name="Hourly",
    unit=TariffUnit.HOUR,
    price=120_000,
    min_duration=1,
    max_duration=8,
    volume_discount=VolumeDiscount(from_units=3, percent=10),
)


def test_meeting_room_two_hours_with_twenty_percent_code() -> None:
    result = quote(HOURLY, 2, PromoTerms(DiscountKind.PERCENT, 20))
    assert (result.subtotal, result.volume_discount, result.promo_discount) == (240_000, 0, 48_000)
    assert result.total == 192_000


def test_volume_rule_applies_from_its_threshold_before_the_promo() -> None:
    result = quote(HOURLY, 3, PromoTerms(DiscountKind.FIXED, 10_000))
    assert result.volume_discount == 36_000
    assert result.total == 360_000 - 36_000 - 10_000


def test_fixed_code_never_takes_the_price_below_zero() -> None:
    result = quote(HOURLY, 1, PromoTerms(DiscountKind.FIXED, 10_000_000))
    assert result.total == 0
    assert result.is_free


@pytest.mark.parametrize("units", [0, 9, -1])
def test_duration_outside_the_tariff_is_refused(units: int) -> None:
    with pytest.raises(InvalidDuration):
        quote(HOURLY, units)


def test_bad_promo_terms_are_refused() -> None:
    with pytest.raises(ValueError, match="percent"):
        PromoTerms(DiscountKind.PERCENT, 101)
    with pytest.raises(ValueError, match="positive"):
        PromoTerms(DiscountKind.FIXED, 0)


def reference_total(
    price: int, units: int, rule: VolumeDiscount | None, promo: PromoTerms | None
) -> int:
    from decimal import ROUND_HALF_UP, Decimal

    subtotal = Decimal(price * units)
    if rule and units >= rule.from_units:
        subtotal -= (subtotal * rule.percent / 100).quantize(Decimal(1), ROUND_HALF_UP)
    if promo and promo.kind is DiscountKind.PERCENT:
        subtotal -= (subtotal * promo.value / 100).quantize(Decimal(1), ROUND_HALF_UP)
    elif promo:
        subtotal = max(Decimal(0), subtotal - promo.value)
    return int(subtotal)


promos = st.one_of(
    st.none(),
    st.builds(PromoTerms, st.just(DiscountKind.PERCENT), st.integers(1, 100)),
    st.builds(PromoTerms, st.just(DiscountKind.FIXED), st.integers(1, 50_000_000)),
)
rules = st.one_of(st.none(), st.builds(VolumeDiscount, st.integers(1, 30), st.integers(1, 100)))


@given(
    price=st.integers(0, 10_000_000),
    units=st.integers(1, 30),
    rule=rules,
    promo=promos,
)
def test_quote_matches_the_reference_and_stays_in_bounds(
    price: int, units: int, rule: VolumeDiscount | None, promo: PromoTerms | None
) -> None:
    tariff = replace(HOURLY, price=price, max_duration=30, volume_discount=rule)
    result = quote(tariff, units, promo)
    assert result.total == reference_total(price, units, rule, promo)
    assert 0 <= result.total <= result.subtotal == price * units
    assert all(isinstance(v, int) for v in (result.total, result.volume_discount))


@given(st.integers(0, 10**12), st.integers(0, 100))
def test_percent_of_rounds_half_up(amount: int, percent: int) -> None:
    exact = amount * percent / 100
    assert abs(percent_of(amount, percent) - exact) <= 0.5
