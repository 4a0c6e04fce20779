"""Spaces and tariffs (MANAGE_CATALOG): the spaces, paged in the database; a space's card with
every field, its week of opening hours and its tariffs; a tariff's card with every field the
booking rules use. A field is changed from its card, checked as typed, and saved with the others
from the preview of how clients will see it; a new space or tariff is asked for the essentials
step by step first. Switching off keeps the bookings and says how many live ones there are.
Buttons carry only ids; `CatalogAdmin` checks the role, every rule, and audits every change."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.enums import ContentType
from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.media import DynamicMedia
from aiogram_dialog.widgets.text import Format

from coworking_bot.domain.enums import Permission
from dialogs.admin.access import may_open
from dialogs.admin.catalog import editing, preview, spaces, tariffs
from dialogs.admin.catalog.common import (
    CHOICE_SELECT,
    DAY_SELECT,
    FIELD_SELECT,
    PAGE_BACK,
    PAGE_ON,
    SPACE_SELECT,
    TARIFF_SELECT,
    TOGGLE_SELECT,
)
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import CatalogSG


async def on_start(start_data: Any, manager: DialogManager) -> None:
    """Staff with MANAGE_CATALOG only; started anywhere else (a crafted or stale button), the
    list of spaces, as every other window needs what the list sets."""
    allowed = await may_open(manager, Permission.MANAGE_CATALOG)
    if allowed and manager.current_context().state != CatalogSG.main:
        await manager.switch_to(CatalogSG.main)


async def on_text_expected(message: Message, _: Any, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("catalog-text-expected"))


async def on_pick_days(message: Message, _: Any, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("catalog-pick-days"))


def _pager() -> Row:
    return Row(
        Button(T("btn-page-prev"), id=PAGE_BACK, on_click=spaces.on_page),
        Button(Format("{page}/{pages}"), id="page_now"),
        Button(T("btn-page-next"), id=PAGE_ON, on_click=spaces.on_page),
        when="paged",
    )


def _field_window(state: Any) -> Screen:
    return Screen(
        DynamicMedia("photo", when="has_photo"),
        T("catalog-step", when="wizard"),
        Format("{ask}"),
        T("catalog-current", when="edit"),
        pick(CHOICE_SELECT, "choices", editing.on_choice, width=3),
        Button(T("btn-catalog-clear"), id="clear", on_click=editing.on_clear, when="can_clear"),
        Button(T("btn-catalog-skip"), id="skip", on_click=editing.on_skip, when="can_skip"),
        Button(T("btn-back"), id="back", on_click=editing.on_field_back),
        MessageInput(editing.on_field_text, content_types=ContentType.TEXT),
        MessageInput(editing.on_field_photo, content_types=ContentType.PHOTO),
        MessageInput(editing.on_other_content),
        getter=editing.field_getter,
        state=state,
    )


def _spaces_windows() -> list[Screen]:
    return [
        Screen(
            T("catalog-title"),
            T("catalog-list-hint", when="total"),
            T("catalog-empty", when=~F["total"]),
            pick(SPACE_SELECT, "spaces", spaces.on_space),
            _pager(),
            Button(T("btn-catalog-new-space"), id="new_space", on_click=spaces.on_new_space),
            CANCEL,
            getter=spaces.spaces_getter,
            state=CatalogSG.main,
        ),
        Screen(
            Format("{card}"),
            pick(FIELD_SELECT, "fields", spaces.on_space_field, width=3),
            Button(T("btn-catalog-preview"), id="preview", on_click=preview.on_preview),
            Button(
                T("btn-catalog-discard"), id="discard", on_click=spaces.on_discard, when="changed"
            ),
            Button(
                T("btn-catalog-tariffs"), id="tariffs", on_click=spaces.on_tariffs, when="saved"
            ),
            SwitchTo(
                T("btn-catalog-switch-off"), id="off", state=CatalogSG.space_off, when="active"
            ),
            Button(
                T("btn-catalog-switch-on"),
                id="on",
                on_click=spaces.on_space_switch,
                when="inactive",
            ),
            Button(T("btn-catalog-to-spaces"), id="to_spaces", on_click=spaces.on_to_spaces),
            getter=spaces.space_getter,
            state=CatalogSG.space,
        ),
        _field_window(CatalogSG.space_field),
        Screen(
            T("catalog-step", when="wizard"),
            T("catalog-hours-title"),
            Format("{week}"),
            pick(DAY_SELECT, "days", spaces.on_days, width=7),
            Button(T("btn-catalog-next"), id="next", on_click=spaces.on_hours_next, when="wizard"),
            Button(T("btn-back"), id="back", on_click=editing.on_field_back),
            MessageInput(on_pick_days),
            getter=spaces.hours_getter,
            state=CatalogSG.hours,
        ),
        Screen(
            T("catalog-day-hours-ask"),
            Button(T("btn-catalog-closed"), id="closed", on_click=spaces.on_day_closed),
            SwitchTo(T("btn-back"), id="back", state=CatalogSG.hours),
            MessageInput(spaces.on_day_hours, content_types=ContentType.TEXT),
            MessageInput(on_text_expected),
            getter=spaces.day_hours_getter,
            state=CatalogSG.day_hours,
        ),
        Screen(
            T("catalog-space-off-ask"),
            Button(
                T("btn-catalog-switch-off-yes"),
                id="off_yes",
                on_click=spaces.on_space_switch,
                when="active",
            ),
            SwitchTo(T("btn-back"), id="back", state=CatalogSG.space),
            getter=spaces.space_off_getter,
            state=CatalogSG.space_off,
        ),
    ]


def _tariffs_windows() -> list[Screen]:
    return [
        Screen(
            T("catalog-tariffs-title"),
            T("catalog-tariffs-empty", when=~F["total"]),
            T("catalog-tariffs-space-off", when="space_off"),
            pick(TARIFF_SELECT, "tariffs", tariffs.on_tariff),
            _pager(),
            Button(T("btn-catalog-new-tariff"), id="new_tariff", on_click=tariffs.on_new_tariff),
            Button(T("btn-catalog-to-space"), id="to_space", on_click=tariffs.on_to_space),
            getter=tariffs.tariffs_getter,
            state=CatalogSG.tariffs,
        ),
        Screen(
            Format("{card}"),
            pick(FIELD_SELECT, "fields", tariffs.on_tariff_field, width=3),
            pick(TOGGLE_SELECT, "toggles", tariffs.on_toggle),
            Button(T("btn-catalog-preview"), id="preview", on_click=preview.on_preview),
            Button(
                T("btn-catalog-discard"), id="discard", on_click=spaces.on_discard, when="changed"
            ),
            SwitchTo(
                T("btn-catalog-switch-off"), id="off", state=CatalogSG.tariff_off, when="active"
            ),
            Button(
                T("btn-catalog-switch-on"),
                id="on",
                on_click=tariffs.on_tariff_switch,
                when="inactive",
            ),
            Button(T("btn-catalog-to-tariffs"), id="to_tariffs", on_click=tariffs.on_to_tariffs),
            getter=tariffs.tariff_getter,
            state=CatalogSG.tariff,
        ),
        _field_window(CatalogSG.tariff_field),
        Screen(
            T("catalog-tariff-off-ask"),
            Button(
                T("btn-catalog-switch-off-yes"),
                id="off_yes",
                on_click=tariffs.on_tariff_switch,
                when="active",
            ),
            SwitchTo(T("btn-back"), id="back", state=CatalogSG.tariff),
            getter=tariffs.tariff_off_getter,
            state=CatalogSG.tariff_off,
        ),
    ]


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        *_spaces_windows(),
        *_tariffs_windows(),
        Screen(
            DynamicMedia("photo", when="has_photo"),
            Format("{preview}"),
            Button(T("btn-catalog-save"), id="save", on_click=preview.on_save, when="unsaved"),
            Button(Format("{other_language}"), id="language", on_click=preview.on_language),
            Button(T("btn-back"), id="back", on_click=preview.on_preview_back),
            getter=preview.preview_getter,
            state=CatalogSG.preview,
        ),
        on_start=on_start,
    )
