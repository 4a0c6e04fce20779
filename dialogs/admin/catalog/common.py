"""What the catalogue's windows share: dialog_data keys, widget ids, and how values read."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aiogram_dialog import DialogManager

from coworking_bot.domain.catalog import WEEK, Space, Tariff, week_hours
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import WEEKDAY_KEYS, format_units
from dialogs.shared.catalog import tariff_rate

# dialog_data keys: plain ints, strings, lists and dicts, so they survive any FSM storage.
PAGE = "page"  # of the spaces
TARIFF_PAGE = "tariff_page"  # of the open space's tariffs
SPACE = "space"  # the open space's id; 0 while a new one is made
TARIFF = "tariff"  # the open tariff's id; 0 while a new one is made
SPACE_EDITS = "space_edits"  # the open space's unsaved changes, as plain values
TARIFF_EDITS = "tariff_edits"  # the open tariff's unsaved changes, as plain values
WIZARD = "wizard"  # the step a new space or tariff is at; absent once its card shows
FIELD = "field"  # the field being edited
DAYS = "days"  # the weekdays whose hours are being typed
PREVIEW = "preview"  # what the preview shows: SPACE or TARIFF
LANGUAGE = "language"  # the preview's language

# Widgets whose handler tells them apart by id, or whose items are ids.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
SPACE_SELECT, TARIFF_SELECT = "space", "tariff"
FIELD_SELECT, CHOICE_SELECT, DAY_SELECT, TOGGLE_SELECT = "field", "choice", "day", "toggle"

# Day groups offered next to the single weekdays in the hours window.
DAY_GROUPS: Mapping[str, tuple[int, ...]] = {
    "wd": (0, 1, 2, 3, 4),
    "we": (5, 6),
    "all": WEEK,
}
DAY_GROUP_KEYS: Mapping[str, str] = {
    "wd": "catalog-days-weekdays",
    "we": "catalog-days-weekend",
    "all": "catalog-days-all",
}
UNIT_CHOICE_KEYS: Mapping[str, str] = {
    "hour": "catalog-unit-hour",
    "day": "catalog-unit-day",
    "month": "catalog-unit-month",
}


def open_id(manager: DialogManager, key: str) -> int | None:
    """The open space's or tariff's id; None while a new one is made."""
    return int(manager.dialog_data.get(key) or 0) or None


def edits_of(manager: DialogManager, key: str) -> dict[str, Any]:
    return dict(manager.dialog_data.get(key) or {})


def minutes_text(i18n: Translator, minutes: int) -> str:
    if minutes and minutes % 60 == 0:
        return i18n.get("catalog-hours", hours=minutes // 60)
    return i18n.get("catalog-minutes", minutes=minutes)


def days_text(i18n: Translator, days: Iterable[int]) -> str:
    """`Пн`, `Пн–Пт`, `Пн, Ср`: a run of weekdays as its ends."""
    ordered = sorted(set(days))
    for group, members in DAY_GROUPS.items():
        if tuple(ordered) == members:
            return i18n.get(DAY_GROUP_KEYS[group])
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(_run(i18n, run) for run in runs)


def _run(i18n: Translator, run: list[int]) -> str:
    first = i18n.get(WEEKDAY_KEYS[run[0]])
    return first if len(run) == 1 else f"{first}–{i18n.get(WEEKDAY_KEYS[run[-1]])}"


def day_hours_text(i18n: Translator, value: list[str] | None) -> str:
    return f"{value[0]}–{value[1]}" if value else i18n.get("catalog-closed")


def hours_text(i18n: Translator, hours: Mapping[str, Any]) -> str:
    """The week in one line: days with the same hours together (`Пн–Пт 09:00–21:00; Сб–Вс
    выходной`)."""
    week = week_hours(hours)
    parts: list[tuple[list[int], list[str] | None]] = []
    for day in WEEK:
        value = week[str(day)]
        if parts and parts[-1][1] == value:
            parts[-1][0].append(day)
        else:
            parts.append(([day], value))
    return "; ".join(f"{_run(i18n, days)} {day_hours_text(i18n, value)}" for days, value in parts)


def _text(i18n: Translator, text: str | None) -> str:
    return html.escape(text) if text else i18n.get("catalog-none")


def space_value(i18n: Translator, space: Space, field_id: str) -> str:
    """How the space's field reads on its card (HTML)."""
    values: dict[str, Callable[[], str]] = {
        "name": lambda: html.escape(space.name) or i18n.get("catalog-none"),
        "kind": lambda: i18n.get(f"space-kind-{space.kind.value}"),
        "capacity": lambda: str(space.capacity),
        "hours": lambda: hours_text(i18n, space.opening_hours),
        "about": lambda: _text(i18n, space.description),
        "photo": lambda: i18n.get("catalog-photo-yes" if space.photo_file_id else "catalog-none"),
        "step": lambda: minutes_text(i18n, space.slot_step_minutes),
        "buffer": lambda: minutes_text(i18n, space.buffer_minutes),
        "ahead": lambda: i18n.get("catalog-days", days=space.booking_horizon_days),
        "lead": lambda: (
            minutes_text(i18n, space.min_lead_minutes)
            if space.min_lead_minutes
            else i18n.get("catalog-lead-none")
        ),
        "name_en": lambda: _text(i18n, space.name_en),
        "about_en": lambda: _text(i18n, space.description_en),
    }
    return values[field_id]()


def tariff_value(i18n: Translator, tariff: Tariff, field_id: str) -> str:
    """How the tariff's field reads on its card (HTML)."""
    discount = tariff.volume_discount

    def durations() -> str:
        if tariff.min_duration == tariff.max_duration:
            return format_units(i18n, tariff.unit, tariff.min_duration)
        return i18n.get(
            "catalog-durations-range",
            min=tariff.min_duration,
            max=tariff.max_duration,
            unit=tariff.unit.value,
        )

    values: dict[str, Callable[[], str]] = {
        "name": lambda: html.escape(tariff.name) or i18n.get("catalog-none"),
        "unit": lambda: i18n.get(UNIT_CHOICE_KEYS[tariff.unit.value]),
        "price": lambda: tariff_rate(i18n, tariff),
        "durations": durations,
        "discount": lambda: (
            i18n.get(
                "catalog-discount-value",
                percent=discount.percent,
                units=discount.from_units,
                unit=tariff.unit.value,
            )
            if discount
            else i18n.get("catalog-none")
        ),
        "about": lambda: _text(i18n, tariff.description),
        "name_en": lambda: _text(i18n, tariff.name_en),
        "about_en": lambda: _text(i18n, tariff.description_en),
    }
    return values[field_id]()
