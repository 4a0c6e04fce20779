"""Spaces and tariffs as plain values, and the rules for what staff may set them to.

What staff type for one field is read by that field's `read_*` function, which refuses with a
`DomainError` naming the rule. `check_space` and `check_tariff` then refuse a whole that cannot
work (no day open, the shortest booking longer than the longest, a free tariff anyone could book
again and again, ...). Edits travel as plain values (`space_values`, `space_with`), so a draft
survives any storage."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from coworking_bot.domain.enums import Language, SpaceKind, TariffUnit
from coworking_bot.domain.errors import DomainError


@dataclass(frozen=True, slots=True)
class VolumeDiscount:
    from_units: int
    percent: int


@dataclass(frozen=True, slots=True)
class Space:
    id: int
    name: str
    kind: SpaceKind
    capacity: int
    description: str = ""
    name_en: str | None = None
    description_en: str | None = None
    opening_hours: dict[str, Any] = field(default_factory=dict)
    slot_step_minutes: int = 30
    buffer_minutes: int = 0
    booking_horizon_days: int = 60
    min_lead_minutes: int = 0
    is_active: bool = True
    photo_file_id: str | None = None  # Telegram's file id of the space's photo

    def title(self, language: Language) -> str:
        return self.name_en if language is Language.EN and self.name_en else self.name

    def about(self, language: Language) -> str:
        if language is Language.EN and self.description_en:
            return self.description_en
        return self.description


@dataclass(frozen=True, slots=True)
class Tariff:
    id: int
    space_id: int
    name: str
    unit: TariffUnit
    price: int
    min_duration: int = 1
    max_duration: int = 1
    description: str = ""
    name_en: str | None = None
    description_en: str | None = None
    volume_discount: VolumeDiscount | None = None
    needs_confirmation: bool = False
    is_trial: bool = False
    crm_service_id: int | None = None
    is_active: bool = True
    check_in_required: bool = False  # a client who does not arrive becomes a no-show

    def title(self, language: Language) -> str:
        return self.name_en if language is Language.EN and self.name_en else self.name

    def about(self, language: Language) -> str:
        if language is Language.EN and self.description_en:
            return self.description_en
        return self.description


@dataclass(frozen=True, slots=True)
class SpaceTariffs:
    space: Space
    tariffs: tuple[Tariff, ...]


# --- what staff may set -------------------------------------------------------------------

NAME_MIN_LENGTH, NAME_MAX_LENGTH = 2, 60  # a name is also a button's label
SPACE_ABOUT_MAX_LENGTH = 800
TARIFF_ABOUT_MAX_LENGTH = 300
CAPACITY_MAX = 1000
BUFFER_MAX_MINUTES = 240
HORIZON_MAX_DAYS = 365
LEAD_MAX_MINUTES = 7 * 24 * 60
PRICE_MAX = 100_000_000  # kopecks a unit: 1 000 000 ₽
BOOKING_TOTAL_MAX = 2_000_000_000  # kopecks: the longest booking's price still fits a row
DISCOUNT_PERCENT_MAX = 90
DURATION_MAX = {TariffUnit.HOUR: 24, TariffUnit.DAY: 31, TariffUnit.MONTH: 12}
PHOTO_ID_MAX_LENGTH = 255
WEEK = tuple(range(7))  # Monday is 0, as `opening_hours` keys it ("0".."6")
DEFAULT_HOURS = ("09:00", "21:00")
_CLOSED_WORDS = frozenset({"-", "—", "closed", "off", "выходной", "закрыто", "нет"})

SPACE_FIELDS = frozenset(
    {
        "name",
        "name_en",
        "kind",
        "capacity",
        "description",
        "description_en",
        "opening_hours",
        "slot_step_minutes",
        "buffer_minutes",
        "booking_horizon_days",
        "min_lead_minutes",
        "photo_file_id",
    }
)
TARIFF_FIELDS = frozenset(
    {
        "name",
        "name_en",
        "description",
        "description_en",
        "unit",
        "price",
        "min_duration",
        "max_duration",
        "volume_discount",
        "needs_confirmation",
        "is_trial",
        "check_in_required",
    }
)


class CatalogNotFound(DomainError):
    key = "error-catalog-not-found"


class InvalidCatalogName(DomainError):
    key = "error-catalog-name"


class NameTaken(DomainError):
    key = "error-catalog-name-taken"


class InvalidCatalogText(DomainError):
    key = "error-catalog-text"


class InvalidCapacity(DomainError):
    key = "error-catalog-capacity"


class CapacityBelowBookings(DomainError):
    key = "error-catalog-capacity-bookings"


class InvalidHours(DomainError):
    key = "error-catalog-hours"


class ClosingBeforeOpening(DomainError):
    key = "error-catalog-hours-order"


class NoOpenDay(DomainError):
    key = "error-catalog-hours-none"


class InvalidSlotStep(DomainError):
    key = "error-catalog-slot-step"


class InvalidBuffer(DomainError):
    key = "error-catalog-buffer"


class InvalidHorizon(DomainError):
    key = "error-catalog-horizon"


class InvalidLead(DomainError):
    key = "error-catalog-lead"


class LeadBeyondHorizon(DomainError):
    key = "error-catalog-lead-horizon"


class InvalidPhoto(DomainError):
    key = "error-catalog-photo"


class InvalidPrice(DomainError):
    key = "error-catalog-price"


class NegativePrice(DomainError):
    key = "error-catalog-price-negative"


class FreeNeedsTrial(DomainError):
    key = "error-catalog-price-free"


class PriceTooHigh(DomainError):
    key = "error-catalog-price-high"


class InvalidDurations(DomainError):
    key = "error-catalog-durations"


class DurationsReversed(DomainError):
    key = "error-catalog-durations-order"


class DurationTooLong(DomainError):
    key = "error-catalog-durations-long"


class InvalidDiscount(DomainError):
    key = "error-catalog-discount"


class DiscountOutOfRange(DomainError):
    key = "error-catalog-discount-range"


class UnitLocked(DomainError):
    key = "error-catalog-unit-locked"


def read_name(raw: str | None) -> str:
    """A space's or a tariff's name: one line."""
    name = " ".join((raw or "").split())
    if not NAME_MIN_LENGTH <= len(name) <= NAME_MAX_LENGTH or not name.isprintable():
        raise InvalidCatalogName(min=NAME_MIN_LENGTH, max=NAME_MAX_LENGTH)
    return name


def read_about(raw: str | None, limit: int) -> str:
    """A description: line breaks kept, not empty, at most `limit` characters."""
    text = "\n".join(line.rstrip() for line in (raw or "").strip().splitlines())
    if not text or len(text) > limit:
        raise InvalidCatalogText(max=limit)
    return text


def _whole(raw: str | None) -> int | None:
    text = re.sub(r"\s", "", raw or "")
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def _within(raw: str | None, low: int, high: int, error: DomainError) -> int:
    number = _whole(raw)
    if number is None or not low <= number <= high:
        raise error
    return number


def read_capacity(raw: str | None) -> int:
    return _within(raw, 1, CAPACITY_MAX, InvalidCapacity(max=CAPACITY_MAX))


def read_slot_step(raw: str | None) -> int:
    """Minutes between start times: a part of the hour (5, 10, 15, 20, 30) or whole hours."""
    step = _within(raw, 5, 24 * 60, InvalidSlotStep())
    if 60 % step and step % 60:
        raise InvalidSlotStep()
    return step


def read_buffer(raw: str | None) -> int:
    return _within(raw, 0, BUFFER_MAX_MINUTES, InvalidBuffer(max=BUFFER_MAX_MINUTES))


def read_horizon(raw: str | None) -> int:
    return _within(raw, 1, HORIZON_MAX_DAYS, InvalidHorizon(max=HORIZON_MAX_DAYS))


def read_lead(raw: str | None) -> int:
    return _within(raw, 0, LEAD_MAX_MINUTES, InvalidLead(max=LEAD_MAX_MINUTES))


def read_photo(file_id: str | None) -> str:
    if not file_id or len(file_id) > PHOTO_ID_MAX_LENGTH:
        raise InvalidPhoto()
    return file_id


_HOURS = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?")


def _minutes(hours: str, minutes: str | None) -> int:
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise InvalidHours()
    return hour * 60 + minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def read_day_hours(raw: str | None) -> list[str] | None:
    """`09:00-21:00` (also `9-21`, `9.30–18`; `24:00` is midnight at the end of the day) as
    `["09:00", "21:00"]`; a word for closed (`-`, `closed`, `выходной`) as None."""
    text = " ".join((raw or "").split()).casefold()
    if text in _CLOSED_WORDS:
        return None
    found = _HOURS.fullmatch(text)
    if found is None:
        raise InvalidHours()
    opens, closes = _minutes(found[1], found[2]), _minutes(found[3], found[4])
    if closes <= opens:
        raise ClosingBeforeOpening(opens=_clock(opens), closes=_clock(closes))
    return [_clock(opens), _clock(closes)]


def week_hours(hours: Mapping[str, Any]) -> dict[str, list[str] | None]:
    """Every weekday's hours (None: closed), as `opening_hours` stores them."""
    week: dict[str, list[str] | None] = {}
    for day in WEEK:
        value = hours.get(str(day))
        week[str(day)] = [str(value[0]), str(value[1])] if value else None
    return week


def with_day_hours(
    hours: Mapping[str, Any], days: Iterable[int], value: list[str] | None
) -> dict[str, list[str] | None]:
    """`hours` with the given weekdays set to `value` (None: closed)."""
    week = week_hours(hours)
    for day in days:
        if day in WEEK:
            week[str(day)] = list(value) if value else None
    return week


def check_hours(hours: Mapping[str, Any]) -> None:
    open_days = 0
    for value in week_hours(hours).values():
        if value is not None:
            read_day_hours(f"{value[0]}-{value[1]}")
            open_days += 1
    if not open_days:
        raise NoOpenDay()


_MONEY = re.compile(r"(-?)(\d{1,9})(?:[.,](\d{1,2}))?")
_CURRENCY = ("₽", "руб.", "руб", "р.", "р", "rub", "rur")


def read_price(raw: str | None) -> int:
    """Rubles as people type them (`1200`, `1 200,50`, `1200 ₽`) in kopecks."""
    text = (raw or "").strip().casefold()
    for word in _CURRENCY:
        text = text.removesuffix(word).strip()
    found = _MONEY.fullmatch(re.sub(r"\s", "", text))
    if found is None:
        raise InvalidPrice()
    if found[1]:
        raise NegativePrice()
    kopecks = int(found[2]) * 100 + int((found[3] or "0").ljust(2, "0"))
    if kopecks > PRICE_MAX:
        raise PriceTooHigh(max=PRICE_MAX // 100)
    return kopecks


def read_durations(raw: str | None) -> tuple[int, int]:
    """`1-8`: from 1 to 8 units; `3`: exactly 3."""
    text = " ".join((raw or "").split())
    found = re.fullmatch(r"(\d{1,3})(?:\s*[-–—]\s*(\d{1,3}))?", text)
    if found is None or int(found[1]) < 1:
        raise InvalidDurations()
    low = int(found[1])
    high = int(found[2]) if found[2] else low
    if low > high:
        raise DurationsReversed(min=low, max=high)
    return low, high


def read_volume_discount(raw: str | None) -> VolumeDiscount:
    """`3 10`: 10 % off a booking of 3 units or more (`3, 10%` too)."""
    text = " ".join((raw or "").split())
    found = re.fullmatch(r"(\d{1,3})\s*[ ,;/:]\s*(\d{1,3})\s*%?", text)
    if found is None:
        raise InvalidDiscount(max=DISCOUNT_PERCENT_MAX)
    discount = VolumeDiscount(from_units=int(found[1]), percent=int(found[2]))
    if not 1 <= discount.percent <= DISCOUNT_PERCENT_MAX or discount.from_units < 2:
        raise InvalidDiscount(max=DISCOUNT_PERCENT_MAX)
    return discount


def check_space(space: Space) -> None:
    """Refuses a space whose fields break a rule, the first rule broken first."""
    read_name(space.name)
    if space.name_en is not None:
        read_name(space.name_en)
    for about in (space.description, space.description_en):
        if about:
            read_about(about, SPACE_ABOUT_MAX_LENGTH)
    read_capacity(str(space.capacity))
    check_hours(space.opening_hours)
    read_slot_step(str(space.slot_step_minutes))
    read_buffer(str(space.buffer_minutes))
    read_horizon(str(space.booking_horizon_days))
    read_lead(str(space.min_lead_minutes))
    if space.min_lead_minutes >= space.booking_horizon_days * 24 * 60:
        raise LeadBeyondHorizon(days=space.booking_horizon_days)
    if space.photo_file_id is not None:
        read_photo(space.photo_file_id)


def check_capacity(capacity: int, booked: int) -> None:
    """`booked`: the most live bookings of the space at one moment from now on."""
    if capacity < booked:
        raise CapacityBelowBookings(capacity=capacity, bookings=booked)


def check_tariff(tariff: Tariff) -> None:
    """Refuses a tariff whose fields break a rule, the first rule broken first."""
    read_name(tariff.name)
    if tariff.name_en is not None:
        read_name(tariff.name_en)
    for about in (tariff.description, tariff.description_en):
        if about:
            read_about(about, TARIFF_ABOUT_MAX_LENGTH)
    if tariff.price < 0:
        raise NegativePrice()
    if tariff.price > PRICE_MAX:
        raise PriceTooHigh(max=PRICE_MAX // 100)
    if tariff.price == 0 and not tariff.is_trial:
        raise FreeNeedsTrial()
    longest = DURATION_MAX[tariff.unit]
    if tariff.min_duration < 1:
        raise InvalidDurations()
    if tariff.min_duration > tariff.max_duration:
        raise DurationsReversed(min=tariff.min_duration, max=tariff.max_duration)
    if tariff.max_duration > longest:
        raise DurationTooLong(max=longest, unit=tariff.unit.value)
    if tariff.price * tariff.max_duration > BOOKING_TOTAL_MAX:
        raise PriceTooHigh(max=BOOKING_TOTAL_MAX // 100 // tariff.max_duration)
    discount = tariff.volume_discount
    if discount is not None:
        if not 1 <= discount.percent <= DISCOUNT_PERCENT_MAX or discount.from_units < 2:
            raise InvalidDiscount(max=DISCOUNT_PERCENT_MAX)
        if not tariff.min_duration < discount.from_units <= tariff.max_duration:
            raise DiscountOutOfRange(
                min=tariff.min_duration + 1, max=tariff.max_duration, unit=tariff.unit.value
            )


# --- drafts and edits as plain values ------------------------------------------------------


def new_space() -> Space:
    """What a space being made starts from: every field but the name already valid."""
    return Space(
        id=0,
        name="",
        kind=SpaceKind.OPEN_SPACE,
        capacity=1,
        opening_hours={str(day): list(DEFAULT_HOURS) for day in WEEK},
    )


def new_tariff(space_id: int) -> Tariff:
    """What a tariff being made starts from: every field but the name already valid."""
    return Tariff(id=0, space_id=space_id, name="", unit=TariffUnit.HOUR, price=100_000)


def _plain(value: Any) -> Any:
    if isinstance(value, VolumeDiscount):
        return {"from_units": value.from_units, "percent": value.percent}
    if isinstance(value, SpaceKind | TariffUnit):
        return value.value
    if isinstance(value, dict):
        return week_hours(value)
    return value


def space_values(space: Space) -> dict[str, Any]:
    return {name: _plain(getattr(space, name)) for name in sorted(SPACE_FIELDS)}


def tariff_values(tariff: Tariff) -> dict[str, Any]:
    return {name: _plain(getattr(tariff, name)) for name in sorted(TARIFF_FIELDS)}


def space_with(space: Space, edits: Mapping[str, Any]) -> Space:
    """`space` with the edits (plain values, as `space_values` gives them) applied."""
    values = _known(edits, SPACE_FIELDS)
    if "kind" in values:
        values["kind"] = SpaceKind(values["kind"])
    if "opening_hours" in values:
        values["opening_hours"] = week_hours(values["opening_hours"] or {})
    return replace(space, **values)


def tariff_with(tariff: Tariff, edits: Mapping[str, Any]) -> Tariff:
    """`tariff` with the edits (plain values, as `tariff_values` gives them) applied."""
    values = _known(edits, TARIFF_FIELDS)
    if "unit" in values:
        values["unit"] = TariffUnit(values["unit"])
    if "volume_discount" in values:
        rule = values["volume_discount"]
        values["volume_discount"] = (
            VolumeDiscount(int(rule["from_units"]), int(rule["percent"])) if rule else None
        )
    return replace(tariff, **values)


def _known(edits: Mapping[str, Any], fields: frozenset[str]) -> dict[str, Any]:
    unknown = set(edits) - fields
    if unknown:
        raise ValueError(f"not an editable field: {sorted(unknown)}")
    return dict(edits)


def differences(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose values differ: what they were, and what they are."""
    changed = sorted(name for name in after if before.get(name) != after[name])
    return {name: before.get(name) for name in changed}, {name: after[name] for name in changed}
