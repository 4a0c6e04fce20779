"""What the promo-code use cases need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from coworking_bot.domain.catalog import SpaceTariffs
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.promo import PromoCode


@dataclass(frozen=True, slots=True)
class NewPromo:
    code: str
    kind: DiscountKind
    value: int
    valid_from: datetime | None
    valid_until: datetime | None
    max_uses: int | None
    per_user_limit: int
    tariff_ids: tuple[int, ...] | None
    first_booking_only: bool


@dataclass(frozen=True, slots=True)
class PromoStats:
    """What a code brought.

    `bookings` and `discount`: the bookings made with it that were not cancelled and did not
    expire unpaid (waiting for payment or for staff, confirmed, completed, no-show), how many and
    the sum of their promo discounts. `revenue`: the money clients paid for bookings made with
    it, online or at the desk, less what was refunded or is being refunded."""

    bookings: int
    discount: int  # kopecks
    revenue: int  # kopecks


class PromoCodes(Protocol):
    async def by_id(self, promo_id: int) -> PromoCode | None: ...

    async def code_taken(self, code: str) -> bool:
        """Whether a code with these letters exists, whatever their case."""
        ...

    async def add(self, promo: NewPromo) -> PromoCode | None:
        """The new code, or None when one with the same letters came first."""
        ...

    async def set_active(self, promo_id: int, active: bool) -> bool:
        """Switch a code on or off; False when it already was."""
        ...

    async def page(self, *, offset: int, limit: int) -> tuple[list[PromoCode], int]:
        """Codes switched on first, the newest first; and how many there are."""
        ...

    async def stats(self, promo_id: int) -> PromoStats: ...


class ActiveTariffs(Protocol):
    async def active_tariffs(self) -> Sequence[SpaceTariffs]: ...
