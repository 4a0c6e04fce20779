"""A space's tariffs: the list, a tariff's card with its fields and yes-or-no settings, switching
it off and on."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.catalog import tariff_values
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.catalog.admin import CatalogAdmin
from dialogs.admin.catalog.common import (
    FIELD,
    SPACE,
    TARIFF,
    TARIFF_EDITS,
    TARIFF_PAGE,
    WIZARD,
    space_value,
    tariff_value,
)
from dialogs.admin.catalog.editing import TARIFF_SUBJECT, apply, draft_tariff, open_field
from dialogs.admin.catalog.fields import TARIFF_ATTRIBUTES, TARIFF_FORM, TOGGLES, changed_fields
from dialogs.shared.catalog import tariff_button
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import CatalogSG


def _space_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(SPACE) or 0)


@inject
async def tariffs_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    card = await admin.space(actor, _space_id(dialog_manager))
    page = await admin.tariffs(actor, card.space.id, page=int(data.get(TARIFF_PAGE) or 0))
    data[TARIFF_PAGE] = page.page
    return {
        "space": space_value(i18n, card.space, "name"),
        "tariffs": [
            (f"{'🟢' if tariff.is_active else '⏸'} {tariff_button(i18n, tariff)}", str(tariff.id))
            for tariff in page.items
        ],
        "total": page.total,
        "space_off": not card.space.is_active,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def on_tariff(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await admin.tariff(actor, int(item_id))  # offered by the window, so digits
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    for key in (TARIFF_EDITS, WIZARD, FIELD):
        manager.dialog_data.pop(key, None)
    manager.dialog_data[TARIFF] = card.tariff.id
    await manager.switch_to(CatalogSG.tariff)


async def on_new_tariff(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data[TARIFF] = 0
    manager.dialog_data[TARIFF_EDITS] = {}
    await open_field(manager, TARIFF_SUBJECT, "name", wizard=True)


async def on_to_space(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in (TARIFF, TARIFF_EDITS, WIZARD, FIELD):
        manager.dialog_data.pop(key, None)
    await manager.switch_to(CatalogSG.space)


async def on_to_tariffs(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in (TARIFF, TARIFF_EDITS, WIZARD, FIELD):
        manager.dialog_data.pop(key, None)
    await manager.switch_to(CatalogSG.tariffs)


@inject
async def tariff_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    tariff, card = await draft_tariff(admin, actor, dialog_manager)
    space = card.space if card else (await admin.space(actor, tariff.space_id)).space
    saved = card.tariff if card else None
    changed = (
        changed_fields(tariff_values(saved), tariff_values(tariff), TARIFF_ATTRIBUTES)
        if saved
        else set()
    )
    space_name = space_value(i18n, space, "name")
    if saved is None:
        lines = [i18n.get("catalog-tariff-new", space=space_name)]
    else:
        lines = [
            i18n.get(
                "catalog-tariff-title", name=tariff_value(i18n, saved, "name"), space=space_name
            ),
            i18n.get("catalog-status-on" if saved.is_active else "catalog-status-off"),
        ]
        if saved.is_active and not space.is_active:
            lines.append(i18n.get("catalog-tariff-space-off"))
    lines.append("")
    for field_id, field in TARIFF_FORM.items():
        mark = "✏️ " if field_id in changed else ""
        value = tariff_value(i18n, tariff, field_id)
        lines.append(f"{mark}<b>{i18n.get(field.label)}</b>: {value}")
    for attribute, key in TOGGLES.items():
        mark = "✏️ " if attribute in changed else ""
        lines.append(f"{mark}{'✅' if getattr(tariff, attribute) else '⬜'} {i18n.get(key)}")
    if card is None:
        lines.append(i18n.get("catalog-new-hint"))
    else:
        lines += ["", i18n.get("catalog-tariff-stats", live=card.live_bookings, all=card.bookings)]
        if changed:
            lines.append(i18n.get("catalog-unsaved", count=len(changed)))
    return {
        "card": "\n".join(lines),
        "fields": [
            (("✏️ " if field_id in changed else "") + i18n.get(field.label), field_id)
            for field_id, field in TARIFF_FORM.items()
        ],
        "toggles": [
            (f"{'✅' if getattr(tariff, attribute) else '⬜'} {i18n.get(key)}", attribute)
            for attribute, key in TOGGLES.items()
        ],
        "saved": card is not None,
        "changed": bool(changed),
        "active": saved is not None and saved.is_active,
        "inactive": saved is not None and not saved.is_active,
    }


async def on_tariff_field(
    callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str
) -> None:
    await open_field(manager, TARIFF_SUBJECT, item_id, wizard=False)


@inject
async def on_toggle(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    tariff, _card = await draft_tariff(admin, actor, manager)
    attribute = item_id if item_id in TOGGLES else ""  # offered by the window
    if attribute:
        changes = {attribute: not getattr(tariff, attribute)}
        await apply(callback, manager, admin, actor, TARIFF_SUBJECT, changes)


@inject
async def tariff_off_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    _tariff, card = await draft_tariff(admin, actor, dialog_manager)
    i18n = translator(dialog_manager)
    return {
        "name": tariff_value(i18n, card.tariff, "name") if card else "",
        "bookings": card.live_bookings if card else 0,
        "active": card is not None and card.tariff.is_active,
    }


@inject
async def on_tariff_switch(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    """Off (from its confirmation) or on again (from the card); the bookings stay."""
    i18n = translator(manager)
    active = manager.current_context().state != CatalogSG.tariff_off
    tariff_id = int(manager.dialog_data.get(TARIFF) or 0)
    try:
        live = await admin.switch_tariff(actor, tariff_id, active=active)
        card = await admin.tariff(actor, tariff_id)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    if not active:
        text = i18n.get("catalog-tariff-switched-off", bookings=live)
    else:
        text = i18n.get(
            "catalog-tariff-switched-on", space_off="yes" if not card.space.is_active else "no"
        )
    await callback.answer(text, show_alert=True)
    await manager.switch_to(CatalogSG.tariff)
