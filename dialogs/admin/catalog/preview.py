"""The preview: the open space or tariff as clients will see it (the tariffs screen, the tariff
buttons when booking, the photo), in either language, with Save when something is unsaved."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.catalog import Tariff, space_values, tariff_values
from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.services.catalog.admin import CatalogAdmin
from dialogs.admin.catalog.common import (
    LANGUAGE,
    PREVIEW,
    SPACE,
    SPACE_EDITS,
    TARIFF,
    TARIFF_EDITS,
    edits_of,
    open_id,
)
from dialogs.admin.catalog.editing import draft_space, draft_tariff
from dialogs.shared.catalog import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    fit_lines,
    space_lines,
    space_photo,
    tariff_button,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.states import CatalogSG


def _language(manager: DialogManager) -> Language:
    chosen = manager.dialog_data.get(LANGUAGE)
    return Language(chosen) if chosen in set(Language) else translator(manager).language


async def on_preview(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """The preview of the card it is opened from."""
    state = manager.current_context().state
    manager.dialog_data[PREVIEW] = TARIFF if state == CatalogSG.tariff else SPACE
    manager.dialog_data.pop(LANGUAGE, None)
    await manager.switch_to(CatalogSG.preview)


def _previews_tariff(manager: DialogManager) -> bool:
    return manager.dialog_data.get(PREVIEW) == TARIFF


@inject
async def preview_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
    translations: FromDishka[Translations],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    language = _language(dialog_manager)
    client = translations(language)
    space, space_card = await draft_space(admin, actor, dialog_manager)
    shown: list[Tariff] = list(space_card.tariffs) if space_card else []
    notes: list[str] = []
    if _previews_tariff(dialog_manager):
        tariff, tariff_card = await draft_tariff(admin, actor, dialog_manager)
        if tariff.id in {other.id for other in shown}:
            shown = [tariff if other.id == tariff.id else other for other in shown]
        else:  # new, or switched off: shown where it would be
            shown.append(tariff)
        unsaved = tariff_card is None or tariff_values(tariff) != tariff_values(tariff_card.tariff)
        if tariff_card is not None and not tariff_card.tariff.is_active:
            notes.append(i18n.get("catalog-preview-tariff-off"))
    else:
        unsaved = space_card is None or space_values(space) != space_values(space_card.space)
        if not shown:
            notes.append(i18n.get("catalog-preview-no-tariffs"))
    if space_card is not None and not space_card.space.is_active:
        notes.append(i18n.get("catalog-preview-space-off"))
    if unsaved:
        notes.append(i18n.get("catalog-preview-unsaved"))
    lines = [i18n.get("catalog-preview-title", language=language.value), *notes, ""]
    lines += [client.get("tariffs-title"), *space_lines(client, space, shown), ""]
    lines.append(i18n.get("catalog-preview-booking"))
    lines += [f"▫️ {html.escape(tariff_button(client, tariff))}" for tariff in shown]
    photo = space_photo(space)
    return {
        "preview": fit_lines(lines, CAPTION_LIMIT if photo else MESSAGE_LIMIT),
        "photo": photo,
        "has_photo": photo is not None,
        "unsaved": unsaved,
        "other_language": i18n.get(
            "btn-catalog-preview-ru" if language is Language.EN else "btn-catalog-preview-en"
        ),
    }


async def on_language(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    other = Language.RU if _language(manager) is Language.EN else Language.EN
    manager.dialog_data[LANGUAGE] = other.value


async def on_preview_back(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    await manager.switch_to(CatalogSG.tariff if _previews_tariff(manager) else CatalogSG.space)


@inject
async def on_save(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[CatalogAdmin],
    actor: FromDishka[Actor],
) -> None:
    """Saves the space or tariff previewed, every rule checked again, and shows its card."""
    data = manager.dialog_data
    try:
        if _previews_tariff(manager):
            tariff = await admin.save_tariff(
                actor,
                int(data.get(SPACE) or 0),
                open_id(manager, TARIFF),
                edits_of(manager, TARIFF_EDITS),
            )
            data[TARIFF] = tariff.id
            data.pop(TARIFF_EDITS, None)
            card = CatalogSG.tariff
        else:
            space = await admin.save_space(
                actor, open_id(manager, SPACE), edits_of(manager, SPACE_EDITS)
            )
            data[SPACE] = space.id
            data.pop(SPACE_EDITS, None)
            card = CatalogSG.space
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(translator(manager).get("catalog-saved"))
    await manager.switch_to(card)
