"""The catalogue's fields as staff edit them: what each window asks, how typed text or a tapped
choice becomes an edit (the domain's `read_*` functions), and the steps a new space or tariff
goes through before its card."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from coworking_bot.domain.catalog import (
    SPACE_ABOUT_MAX_LENGTH,
    TARIFF_ABOUT_MAX_LENGTH,
    read_about,
    read_buffer,
    read_capacity,
    read_durations,
    read_horizon,
    read_lead,
    read_name,
    read_price,
    read_slot_step,
    read_volume_discount,
)
from coworking_bot.domain.enums import SpaceKind, TariffUnit
from coworking_bot.i18n import Translator
from dialogs.admin.catalog.common import UNIT_CHOICE_KEYS, minutes_text

Edits = dict[str, Any]
HOURS = "hours"  # the space's opening hours: a window of their own
FREE_TRIAL = "trial"  # the price field's choice: free, once per client


@dataclass(frozen=True, slots=True)
class Field:
    id: str  # in callback data and in dialog_data
    label: str  # locale key: the card's line and button
    ask: str  # locale key: what the field's window asks for
    read: Callable[[str | None], Edits] | None = None  # typed text as edits
    choices: tuple[str, ...] = ()  # ids of the buttons offered instead of typing
    choose: Callable[[str], Edits] | None = None  # a tapped choice as edits
    label_of: Callable[[Translator, str], str] | None = None  # a choice's label
    clear: Mapping[str, Any] | None = None  # edits that remove an optional value
    photo: bool = False  # takes a photo, not text


def _minutes(i18n: Translator, value: str) -> str:
    return minutes_text(i18n, int(value))


def _lead(i18n: Translator, value: str) -> str:
    return i18n.get("catalog-lead-none") if value == "0" else minutes_text(i18n, int(value))


def _days(i18n: Translator, value: str) -> str:
    return i18n.get("catalog-days", days=int(value))


def _kind(i18n: Translator, value: str) -> str:
    return i18n.get(f"space-kind-{SpaceKind(value).value}")


def _unit(i18n: Translator, value: str) -> str:
    return i18n.get(UNIT_CHOICE_KEYS[value])


def _price(i18n: Translator, value: str) -> str:
    return i18n.get("btn-catalog-free-trial")


def _name(attribute: str, label: str, ask: str) -> Field:
    return Field(
        attribute,
        label,
        ask,
        read=lambda raw: {attribute: read_name(raw)},
        clear={attribute: None} if attribute == "name_en" else None,
    )


def _about(field_id: str, label: str, ask: str, attribute: str, limit: int) -> Field:
    return Field(
        field_id,
        label,
        ask,
        read=lambda raw: {attribute: read_about(raw, limit)},
        clear={attribute: "" if attribute == "description" else None},
    )


SPACE_FORM: Mapping[str, Field] = {
    field.id: field
    for field in (
        _name("name", "catalog-field-name", "catalog-ask-name"),
        Field(
            "kind",
            "catalog-field-kind",
            "catalog-ask-kind",
            choices=tuple(kind.value for kind in SpaceKind),
            choose=lambda value: {"kind": SpaceKind(value).value},
            label_of=_kind,
        ),
        Field(
            "capacity",
            "catalog-field-capacity",
            "catalog-ask-capacity",
            read=lambda raw: {"capacity": read_capacity(raw)},
        ),
        Field(HOURS, "catalog-field-hours", "catalog-hours-title"),
        _about(
            "about",
            "catalog-field-about",
            "catalog-ask-space-about",
            "description",
            SPACE_ABOUT_MAX_LENGTH,
        ),
        Field(
            "photo",
            "catalog-field-photo",
            "catalog-ask-photo",
            clear={"photo_file_id": None},
            photo=True,
        ),
        Field(
            "step",
            "catalog-field-step",
            "catalog-ask-step",
            read=lambda raw: {"slot_step_minutes": read_slot_step(raw)},
            choices=("15", "30", "60"),
            choose=lambda value: {"slot_step_minutes": read_slot_step(value)},
            label_of=_minutes,
        ),
        Field(
            "buffer",
            "catalog-field-buffer",
            "catalog-ask-buffer",
            read=lambda raw: {"buffer_minutes": read_buffer(raw)},
            choices=("0", "15", "30"),
            choose=lambda value: {"buffer_minutes": read_buffer(value)},
            label_of=_minutes,
        ),
        Field(
            "ahead",
            "catalog-field-ahead",
            "catalog-ask-ahead",
            read=lambda raw: {"booking_horizon_days": read_horizon(raw)},
            choices=("30", "60", "90"),
            choose=lambda value: {"booking_horizon_days": read_horizon(value)},
            label_of=_days,
        ),
        Field(
            "lead",
            "catalog-field-lead",
            "catalog-ask-lead",
            read=lambda raw: {"min_lead_minutes": read_lead(raw)},
            choices=("0", "30", "60"),
            choose=lambda value: {"min_lead_minutes": read_lead(value)},
            label_of=_lead,
        ),
        _name("name_en", "catalog-field-name_en", "catalog-ask-name_en"),
        _about(
            "about_en",
            "catalog-field-about_en",
            "catalog-ask-space-about_en",
            "description_en",
            SPACE_ABOUT_MAX_LENGTH,
        ),
    )
}


def _durations(raw: str | None) -> Edits:
    low, high = read_durations(raw)
    return {"min_duration": low, "max_duration": high}


def _discount(raw: str | None) -> Edits:
    rule = read_volume_discount(raw)
    return {"volume_discount": {"from_units": rule.from_units, "percent": rule.percent}}


TARIFF_FORM: Mapping[str, Field] = {
    field.id: field
    for field in (
        _name("name", "catalog-field-name", "catalog-ask-tariff-name"),
        Field(
            "unit",
            "catalog-field-unit",
            "catalog-ask-unit",
            choices=tuple(unit.value for unit in TariffUnit),
            choose=lambda value: {"unit": TariffUnit(value).value},
            label_of=_unit,
        ),
        Field(
            "price",
            "catalog-field-price",
            "catalog-ask-price",
            read=lambda raw: {"price": read_price(raw)},
            choices=(FREE_TRIAL,),
            choose=lambda value: {"price": 0, "is_trial": True},
            label_of=_price,
        ),
        Field("durations", "catalog-field-durations", "catalog-ask-durations", read=_durations),
        Field(
            "discount",
            "catalog-field-discount",
            "catalog-ask-discount",
            read=_discount,
            clear={"volume_discount": None},
        ),
        _about(
            "about",
            "catalog-field-about",
            "catalog-ask-tariff-about",
            "description",
            TARIFF_ABOUT_MAX_LENGTH,
        ),
        _name("name_en", "catalog-field-name_en", "catalog-ask-tariff-name_en"),
        _about(
            "about_en",
            "catalog-field-about_en",
            "catalog-ask-tariff-about_en",
            "description_en",
            TARIFF_ABOUT_MAX_LENGTH,
        ),
    )
}

# Yes-or-no settings of a tariff, switched from its card with one tap.
TOGGLES: Mapping[str, str] = {
    "needs_confirmation": "catalog-toggle-confirm",
    "is_trial": "catalog-toggle-trial",
    "check_in_required": "catalog-toggle-check_in",
}

# What a new space or tariff is asked for, in order, before its card shows.
SPACE_STEPS = ("name", "kind", "capacity", HOURS, "about", "photo")
TARIFF_STEPS = ("name", "unit", "price", "durations")

# The attributes each field (and toggle) sets: what makes it "changed" on the card.
SPACE_ATTRIBUTES: Mapping[str, tuple[str, ...]] = {
    "name": ("name",),
    "kind": ("kind",),
    "capacity": ("capacity",),
    HOURS: ("opening_hours",),
    "about": ("description",),
    "photo": ("photo_file_id",),
    "step": ("slot_step_minutes",),
    "buffer": ("buffer_minutes",),
    "ahead": ("booking_horizon_days",),
    "lead": ("min_lead_minutes",),
    "name_en": ("name_en",),
    "about_en": ("description_en",),
}
TARIFF_ATTRIBUTES: Mapping[str, tuple[str, ...]] = {
    "name": ("name",),
    "unit": ("unit",),
    "price": ("price",),
    "durations": ("min_duration", "max_duration"),
    "discount": ("volume_discount",),
    "about": ("description",),
    "name_en": ("name_en",),
    "about_en": ("description_en",),
    **{attribute: (attribute,) for attribute in TOGGLES},
}


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any], attributes: Mapping[str, tuple[str, ...]]
) -> set[str]:
    """The fields whose attributes differ between two `*_values` of one space or tariff."""
    return {
        field_id
        for field_id, names in attributes.items()
        if any(before.get(name) != after.get(name) for name in names)
    }
