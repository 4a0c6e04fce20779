"""Editing one field of the open space or tariff, and the steps of making a new one.

Whatever staff type or tap becomes edits through the field's reader; the service then checks the
space or tariff as a whole with them (nothing is written) and refuses with the rule broken, or the
edits wait in dialog_data for Save under the preview. A new space or tariff is asked for its
essential fields one window after the other, then shows its card like any other."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.catalog import (
    BUFFER_MAX_MINUTES,
    CAPACITY_MAX,
    DISCOUNT_PERCENT_MAX,
    DURATION_MAX,
    HORIZON_MAX_DAYS,
    LEAD_MAX_MINUTES,
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    SPACE_ABOUT_MAX_LENGTH,
    TARIFF_ABOUT_MAX_LENGTH,
    Space,
    Tariff,
    new_space,
    new_tariff,
    read_photo,
    space_with,
    tariff_with,
)
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.catalog.admin import CatalogAdmin, SpaceCard, TariffCard
from dialogs.admin.catalog.common import (
    FIELD,
    SPACE,
    SPACE_EDITS,
    TARIFF,
    TARIFF_EDITS,
    WIZARD,
    edits_of,
    open_id,
    space_value,
    tariff_value,
)
from dialogs.admin.catalog.fields import (
    HOURS,
    SPACE_FORM,
    SPACE_STEPS,
    TARIFF_FORM,
    TARIFF_STEPS,
    Field,
)
from dialogs.shared.catalog import space_photo
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import CatalogSG

Check = Callable[[CatalogAdmin, Actor, DialogManager, dict[str, Any]], Awaitable[object]]


async def _check_space(
    admin: CatalogAdmin, actor: Actor, manager: DialogManager, edits: dict[str, Any]
) -> object:
    return await admin.check_space(actor, open_id(manager, SPACE), edits)


async def _check_tariff(
    admin: CatalogAdmin, actor: Actor, manager: DialogManager, edits: dict[str, Any]
) -> object:
    space_id = int(manager.dialog_data.get(SPACE) or 0)
    return await admin.check_tariff(actor, space_id, open_id(manager, TARIFF), edits)


@dataclass(frozen=True, slots=True)
class Subject:
    """A space or a tariff, as the editing windows handle it."""

    edits: str  # the dialog_data key of its unsaved changes
    fields: Mapping[str, Field]
    steps: tuple[str, ...]  # what a new one is asked for, in order
    card: State
    field_window: State
    leave: State  # where Back from the first step of a new one goes
    check: Check


SPACE_SUBJECT = Subject(
    SPACE_EDITS,
    SPACE_FORM,
    SPACE_STEPS,
    CatalogSG.space,
    CatalogSG.space_field,
    CatalogSG.main,
    _check_space,
)
TARIFF_SUBJECT = Subject(
    TARIFF_EDITS,
    TARIFF_FORM,
    TARIFF_STEPS,
    CatalogSG.tariff,
    CatalogSG.tariff_field,
    CatalogSG.tariffs,
    _check_tariff,
)
_TARIFF_STATES = {CatalogSG.tariff, CatalogSG.tariff_field, CatalogSG.tariff_off}


def subject_of(manager: DialogManager) -> Subject:
    return TARIFF_SUBJECT if manager.current_context().state in _TARIFF_STATES else SPACE_SUBJECT


def current_field(manager: DialogManager, subject: Subject) -> Field:
    field_id = str(manager.dialog_data.get(FIELD) or "")
    return subject.fields.get(field_id) or next(iter(subject.fields.values()))


async def draft_space(
    admin: CatalogAdmin, actor: Actor, manager: DialogManager
) -> tuple[Space, SpaceCard | None]:
    """The open space with its unsaved changes, and its card as saved (None: a new one)."""
    space_id = open_id(manager, SPACE)
    card = await admin.space(actor, space_id) if space_id else None
    saved = card.space if card else new_space()
    return space_with(saved, edits_of(manager, SPACE_EDITS)), card


async def draft_tariff(
    admin: CatalogAdmin, actor: Actor, manager: DialogManager
) -> tuple[Tariff, TariffCard | None]:
    """The open tariff with its unsaved changes, and its card as saved (None: a new one)."""
    tariff_id = open_id(manager, TARIFF)
    card = await admin.tariff(actor, tariff_id) if tariff_id else None
    saved = card.tariff if card else new_tariff(int(manager.dialog_data.get(SPACE) or 0))
    return tariff_with(saved, edits_of(manager, TARIFF_EDITS)), card


async def open_field(
    manager: DialogManager, subject: Subject, field_id: str, *, wizard: bool
) -> None:
    manager.dialog_data[FIELD] = field_id
    if wizard:
        manager.dialog_data[WIZARD] = field_id
    await manager.switch_to(CatalogSG.hours if field_id == HOURS else subject.field_window)


async def advance(manager: DialogManager, subject: Subject) -> None:
    """The next step of a new one, or its card."""
    data = manager.dialog_data
    step = data.get(WIZARD)
    if step in subject.steps:
        index = subject.steps.index(step) + 1
        if index < len(subject.steps):
            await open_field(manager, subject, subject.steps[index], wizard=True)
            return
    data.pop(WIZARD, None)
    data.pop(FIELD, None)
    await manager.switch_to(subject.card)


async def apply(
    event: Message | CallbackQuery,
    manager: DialogManager,
    admin: CatalogAdmin,
    actor: Actor,
    subject: Subject,
    changes: Mapping[str, Any],
    *,
    then: State | None = None,
) -> None:
    """Keep `changes` among the unsaved ones if the whole still passes every rule, then go on
    (`then`, or the next step, or the card); otherwise say which rule it breaks."""
    edits = {**edits_of(manager, subject.edits), **changes}
    try:
        await subject.check(admin, actor, manager, edits)
    except DomainError as error:
        await show_error(event, manager, error)
        return
    manager.dialog_data[subject.edits] = edits
    if then is not None:
        await manager.switch_to(then)
    else:
        await advance(manager, subject)


@inject
async def field_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    subject = subject_of(dialog_manager)
    field = current_field(dialog_manager, subject)
    wizard = dialog_manager.dialog_data.get(WIZARD) in subject.steps
    photo = None
    unit = TariffUnit.HOUR
    if subject is SPACE_SUBJECT:
        space, _card = await draft_space(admin, actor, dialog_manager)
        value = space_value(i18n, space, field.id)
        present = any(getattr(space, name) for name in field.clear or {})
        photo = space_photo(space) if field.photo else None
        limit = SPACE_ABOUT_MAX_LENGTH
    else:
        tariff, _saved = await draft_tariff(admin, actor, dialog_manager)
        value = tariff_value(i18n, tariff, field.id)
        present = any(getattr(tariff, name) for name in field.clear or {})
        limit = TARIFF_ABOUT_MAX_LENGTH
        unit = tariff.unit
    limits = {
        "min": NAME_MIN_LENGTH,
        "max": NAME_MAX_LENGTH,
        "limit": limit,
        "capacity": CAPACITY_MAX,
        "buffer": BUFFER_MAX_MINUTES,
        "days": HORIZON_MAX_DAYS,
        "lead": LEAD_MAX_MINUTES,
        "percent": DISCOUNT_PERCENT_MAX,
        "unit": unit.value,
        "longest": DURATION_MAX[unit],
    }
    label_of = field.label_of
    return {
        "ask": i18n.get(field.ask, **limits),
        "label": i18n.get(field.label),
        "current": value,
        "limit": limit,
        "wizard": wizard,
        "edit": not wizard,
        "step": subject.steps.index(field.id) + 1 if wizard else 0,
        "steps": len(subject.steps),
        "choices": [(label_of(i18n, choice), choice) for choice in field.choices]
        if label_of
        else [],
        "can_clear": not wizard and present and field.clear is not None,
        "can_skip": wizard and field.clear is not None,
        "photo": photo,
        "has_photo": photo is not None,
    }


@inject
async def on_field_text(
    message: Message,
    _: Any,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    subject = subject_of(manager)
    field = current_field(manager, subject)
    if field.photo or field.read is None:
        key = "catalog-photo-expected" if field.photo else "catalog-pick-expected"
        await message.answer(translator(manager).get(key))
        return
    try:
        changes = field.read(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await apply(message, manager, admin, actor, subject, changes)


@inject
async def on_field_photo(
    message: Message,
    _: Any,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    subject = subject_of(manager)
    if not current_field(manager, subject).photo or not message.photo:
        await on_other_content(message, _, manager)
        return
    try:
        changes = {"photo_file_id": read_photo(message.photo[-1].file_id)}
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await apply(message, manager, admin, actor, subject, changes)


async def on_other_content(message: Message, _: Any, manager: DialogManager) -> None:
    """A sticker, a file, a voice message: what this window takes instead."""
    field = current_field(manager, subject_of(manager))
    key = (
        "catalog-photo-expected"
        if field.photo
        else "catalog-text-expected"
        if field.read
        else "catalog-pick-expected"
    )
    await message.answer(translator(manager).get(key))


@inject
async def on_choice(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    subject = subject_of(manager)
    field = current_field(manager, subject)
    if field.choose is None:
        return
    try:
        changes = field.choose(item_id)  # offered by the window
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await apply(callback, manager, admin, actor, subject, changes)


@inject
async def on_clear(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    subject = subject_of(manager)
    field = current_field(manager, subject)
    if field.clear is not None:
        await apply(callback, manager, admin, actor, subject, field.clear)


async def on_skip(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    await advance(manager, subject_of(manager))


async def on_field_back(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """Back to the card; while a new one is made, back a step (from the first, out of it)."""
    data = manager.dialog_data
    subject = subject_of(manager)
    step = data.get(WIZARD)
    if step not in subject.steps:
        data.pop(FIELD, None)
        await manager.switch_to(subject.card)
        return
    index = subject.steps.index(step)
    if index > 0:
        await open_field(manager, subject, subject.steps[index - 1], wizard=True)
        return
    for key in (subject.edits, WIZARD, FIELD):
        data.pop(key, None)
    await manager.switch_to(subject.leave)
