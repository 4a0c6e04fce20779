"""The spaces: the list, a space's card with its fields, its week of opening hours, switching it
off and on."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.catalog import WEEK, read_day_hours, space_values, with_day_hours
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import WEEKDAY_KEYS
from coworking_bot.services.catalog.admin import CatalogAdmin, SpaceItem
from dialogs.admin.catalog.common import (
    DAY_GROUP_KEYS,
    DAY_GROUPS,
    DAYS,
    FIELD,
    PAGE,
    PAGE_ON,
    SPACE,
    SPACE_EDITS,
    TARIFF,
    TARIFF_EDITS,
    TARIFF_PAGE,
    WIZARD,
    day_hours_text,
    days_text,
    space_value,
)
from dialogs.admin.catalog.editing import (
    SPACE_SUBJECT,
    advance,
    apply,
    draft_space,
    open_field,
)
from dialogs.admin.catalog.fields import HOURS, SPACE_ATTRIBUTES, SPACE_FORM, changed_fields
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import CatalogSG


def space_mark(item: SpaceItem) -> str:
    """🟢 clients see it; 🟡 on, but no active tariff to show; ⏸ switched off."""
    if not item.space.is_active:
        return "⏸"
    return "🟢" if item.active_tariffs else "🟡"


@inject
async def spaces_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    page = await admin.spaces(actor, page=int(data.get(PAGE) or 0))
    data[PAGE] = page.page
    return {
        "spaces": [
            (
                f"{space_mark(item)} {item.space.name} · "
                + i18n.get(f"space-kind-{item.space.kind.value}"),
                str(item.space.id),
            )
            for item in page.items
        ],
        "total": page.total,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    key = TARIFF_PAGE if manager.current_context().state == CatalogSG.tariffs else PAGE
    step = 1 if (button.widget_id or "").endswith(PAGE_ON) else -1
    manager.dialog_data[key] = max(0, int(manager.dialog_data.get(key) or 0) + step)


@inject
async def on_space(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await admin.space(actor, int(item_id))  # offered by the window, so digits
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    for key in (SPACE_EDITS, TARIFF, TARIFF_EDITS, WIZARD, FIELD):
        manager.dialog_data.pop(key, None)
    manager.dialog_data[SPACE] = card.space.id
    await manager.switch_to(CatalogSG.space)


async def on_new_space(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in (TARIFF, TARIFF_EDITS):
        manager.dialog_data.pop(key, None)
    manager.dialog_data[SPACE] = 0
    manager.dialog_data[SPACE_EDITS] = {}
    await open_field(manager, SPACE_SUBJECT, "name", wizard=True)


@inject
async def space_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    space, card = await draft_space(admin, actor, dialog_manager)
    saved = card.space if card else None
    changed = (
        changed_fields(space_values(saved), space_values(space), SPACE_ATTRIBUTES)
        if saved
        else set()
    )
    if card is None:
        lines = [i18n.get("catalog-space-new"), ""]
    else:
        if not card.space.is_active:
            status = "catalog-status-off"
        else:
            status = "catalog-status-on" if card.tariffs else "catalog-status-hidden"
        name = space_value(i18n, card.space, "name")
        lines = [i18n.get("catalog-space-title", name=name), i18n.get(status), ""]
    for field_id, field in SPACE_FORM.items():
        mark = "✏️ " if field_id in changed else ""
        lines.append(f"{mark}<b>{i18n.get(field.label)}</b>: {space_value(i18n, space, field_id)}")
    if card is None:
        lines.append(i18n.get("catalog-new-hint"))
    else:
        stats = i18n.get(
            "catalog-space-stats",
            active=len(card.tariffs),
            total=card.tariffs_total,
            bookings=card.live_bookings,
        )
        lines += ["", stats]
        if changed:
            lines.append(i18n.get("catalog-unsaved", count=len(changed)))
    return {
        "card": "\n".join(lines),
        "fields": [
            (("✏️ " if field_id in changed else "") + i18n.get(field.label), field_id)
            for field_id, field in SPACE_FORM.items()
        ],
        "saved": card is not None,
        "changed": bool(changed),
        "active": saved is not None and saved.is_active,
        "inactive": saved is not None and not saved.is_active,
        "tariffs_total": card.tariffs_total if card else 0,
    }


async def on_space_field(
    callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str
) -> None:
    await open_field(manager, SPACE_SUBJECT, item_id, wizard=False)


async def on_discard(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    key = TARIFF_EDITS if manager.current_context().state == CatalogSG.tariff else SPACE_EDITS
    manager.dialog_data.pop(key, None)
    await callback.answer(translator(manager).get("catalog-discarded"))


async def on_to_spaces(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in (SPACE, SPACE_EDITS, WIZARD, FIELD):
        manager.dialog_data.pop(key, None)
    await manager.switch_to(CatalogSG.main)


async def on_tariffs(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in (SPACE_EDITS, TARIFF, TARIFF_EDITS):
        manager.dialog_data.pop(key, None)
    manager.dialog_data[TARIFF_PAGE] = 0
    await manager.switch_to(CatalogSG.tariffs)


@inject
async def space_off_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    space, card = await draft_space(admin, actor, dialog_manager)
    return {
        "name": space_value(translator(dialog_manager), card.space if card else space, "name"),
        "bookings": card.live_bookings if card else 0,
        "active": card is not None and card.space.is_active,
    }


@inject
async def on_space_switch(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    """Off (from its confirmation) or on again (from the card); the bookings stay."""
    i18n = translator(manager)
    active = manager.current_context().state != CatalogSG.space_off
    try:
        live = await admin.switch_space(
            actor, int(manager.dialog_data.get(SPACE) or 0), active=active
        )
        card = await admin.space(actor, int(manager.dialog_data.get(SPACE) or 0))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    if not active:
        text = i18n.get("catalog-space-switched-off", bookings=live)
    else:
        text = i18n.get("catalog-space-switched-on", tariffs=len(card.tariffs))
    await callback.answer(text, show_alert=True)
    await manager.switch_to(CatalogSG.space)


# --- opening hours ----------------------------------------------------------------------


@inject
async def hours_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    space, _card = await draft_space(admin, actor, dialog_manager)
    week = space.opening_hours
    wizard = dialog_manager.dialog_data.get(WIZARD) == HOURS
    return {
        "week": "\n".join(
            f"{i18n.get(WEEKDAY_KEYS[day])}: {day_hours_text(i18n, week.get(str(day)))}"
            for day in WEEK
        ),
        "days": [(i18n.get(WEEKDAY_KEYS[day]), str(day)) for day in WEEK]
        + [(i18n.get(DAY_GROUP_KEYS[group]), group) for group in DAY_GROUPS],
        "wizard": wizard,
        "step": SPACE_SUBJECT.steps.index(HOURS) + 1,
        "steps": len(SPACE_SUBJECT.steps),
    }


def _days(item_id: str) -> list[int]:
    return list(DAY_GROUPS.get(item_id) or (int(item_id),))


async def on_days(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    manager.dialog_data[DAYS] = _days(item_id)  # offered by the window
    await manager.switch_to(CatalogSG.day_hours)


async def on_hours_next(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    await advance(manager, SPACE_SUBJECT)


def _picked(manager: DialogManager) -> list[int]:
    return [int(day) for day in manager.dialog_data.get(DAYS) or [] if int(day) in WEEK]


@inject
async def day_hours_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    space, _card = await draft_space(admin, actor, dialog_manager)
    days = _picked(dialog_manager) or [0]
    values = {str(space.opening_hours.get(str(day))) for day in days}
    first = space.opening_hours.get(str(days[0]))
    return {
        "days": days_text(i18n, days),
        "current": day_hours_text(i18n, first) if len(values) == 1 else "—",
    }


async def _set_hours(
    event: Message | CallbackQuery,
    manager: DialogManager,
    admin: CatalogAdmin,
    actor: Actor,
    value: list[str] | None,
) -> None:
    space, _card = await draft_space(admin, actor, manager)
    hours = with_day_hours(space.opening_hours, _picked(manager), value)
    await apply(
        event, manager, admin, actor, SPACE_SUBJECT, {"opening_hours": hours}, then=CatalogSG.hours
    )


@inject
async def on_day_hours(
    message: Message,
    _: Any,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        value = read_day_hours(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _set_hours(message, manager, admin, actor, value)


@inject
async def on_day_closed(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    await _set_hours(callback, manager, admin, actor, None)
