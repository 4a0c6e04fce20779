"""What the promo-code windows share: the dialog's data keys, the new code as the wizard keeps
it, and how a code's terms read.

Dialog data lives in the FSM storage (the database or Redis), so it holds only JSON: ids,
numbers, strings and ISO dates.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from coworking_bot.domain.catalog import SpaceTariffs
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.promo import PromoCode, PromoDraft, PromoStatus, window_days
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_day

# dialog_data keys.
PAGE = "page"
PROMO = "promo"  # the id of the code the card shows
CODE = "code"
KIND = "kind"
VALUE = "value"  # percent, or kopecks
FIRST_DAY = "first_day"  # ISO date; absent: from now on
LAST_DAY = "last_day"  # ISO date, included; absent: no end
MAX_USES = "max_uses"  # absent: no limit
PER_USER = "per_user"
TARIFFS = "tariffs"  # tariff ids; absent or null: every tariff
PICKED = "picked"  # tariffs ticked on the tariffs step so far
FIRST_ONLY = "first_only"
DRAFT_KEYS = (
    CODE,
    KIND,
    VALUE,
    FIRST_DAY,
    LAST_DAY,
    MAX_USES,
    PER_USER,
    TARIFFS,
    PICKED,
    FIRST_ONLY,
)

STATUS_MARKS = {
    PromoStatus.ACTIVE: "🟢",
    PromoStatus.OFF: "⚪️",
    PromoStatus.NOT_STARTED: "🕒",
    PromoStatus.EXPIRED: "⌛",
    PromoStatus.USED_UP: "🔴",
}


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def draft_of(data: Mapping[str, Any]) -> PromoDraft:
    """The new code as the wizard has it so far."""
    tariffs = data.get(TARIFFS)
    max_uses = data.get(MAX_USES)
    return PromoDraft(
        code=str(data.get(CODE, "")),
        kind=DiscountKind(data.get(KIND, DiscountKind.PERCENT.value)),
        value=int(data.get(VALUE, 0)),
        first_day=_day(data.get(FIRST_DAY)),
        last_day=_day(data.get(LAST_DAY)),
        max_uses=int(max_uses) if max_uses is not None else None,
        per_user_limit=int(data.get(PER_USER, 1)),
        tariff_ids=tuple(int(t) for t in tariffs) if tariffs is not None else None,
        first_booking_only=bool(data.get(FIRST_ONLY, False)),
    )


def draft_of_promo(promo: PromoCode, tz: ZoneInfo) -> PromoDraft:
    """A saved code's terms, read the way the wizard set them."""
    first_day, last_day = window_days(promo, tz)
    return PromoDraft(
        code=promo.code,
        kind=promo.kind,
        value=promo.value,
        first_day=first_day,
        last_day=last_day,
        max_uses=promo.max_uses,
        per_user_limit=promo.per_user_limit,
        tariff_ids=promo.tariff_ids,
        first_booking_only=promo.first_booking_only,
    )


def discount_text(i18n: Translator, kind: DiscountKind, value: int) -> str:
    """`15 %` or `300 ₽`."""
    if kind is DiscountKind.PERCENT:
        return i18n.get("promo-percent", value=value)
    return format_rub(value)


def tariff_names(i18n: Translator, groups: Sequence[SpaceTariffs]) -> dict[int, str]:
    """`Space · Tariff` of every tariff on sale, by id."""
    return {
        tariff.id: f"{group.space.title(i18n.language)} · {tariff.title(i18n.language)}"
        for group in groups
        for tariff in group.tariffs
    }


def status_text(i18n: Translator, status: PromoStatus) -> str:
    return f"{STATUS_MARKS[status]} {i18n.get('promo-status', status=status.value)}"


def item_label(i18n: Translator, promo: PromoCode, status: PromoStatus) -> str:
    """A code in the list: its status mark, the code, the discount, the uses (of the limit)."""
    uses = f"{promo.uses}/{promo.max_uses if promo.max_uses is not None else '∞'}"
    discount = discount_text(i18n, promo.kind, promo.value)
    return f"{STATUS_MARKS[status]} {promo.code} · −{discount} · {uses}"


def terms_text(i18n: Translator, draft: PromoDraft, names: Mapping[int, str]) -> str:
    """The terms of a code, one per line (HTML)."""
    first = format_day(i18n, draft.first_day) if draft.first_day else ""
    last = format_day(i18n, draft.last_day) if draft.last_day else ""
    if draft.tariff_ids is None:
        tariffs = i18n.get("promo-tariffs-all")
    else:
        tariffs = ", ".join(
            html.escape(names[t]) if t in names else i18n.get("promo-tariff-gone", id=str(t))
            for t in draft.tariff_ids
        )
    return "\n".join(
        [
            i18n.get("promo-terms-discount", discount=discount_text(i18n, draft.kind, draft.value)),
            i18n.get(
                "promo-terms-window",
                first=first,
                last=last,
                has_first="yes" if first else "no",
                has_last="yes" if last else "no",
            ),
            i18n.get(
                "promo-terms-limits",
                total=draft.max_uses if draft.max_uses is not None else 0,
                limited="yes" if draft.max_uses is not None else "no",
                per_user=draft.per_user_limit,
            ),
            i18n.get("promo-terms-tariffs", tariffs=tariffs),
            i18n.get("promo-terms-first", first="yes" if draft.first_booking_only else "no"),
        ]
    )
