"""Active tariffs, grouped by space."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.services.catalog.service import CatalogService
from dialogs.shared.catalog import MESSAGE_LIMIT, fit_lines, space_lines
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL
from dialogs.shared.window import Screen
from dialogs.states import TariffsSG

TARIFFS_LIMIT = MESSAGE_LIMIT - 100  # the title above the list


@inject
async def tariffs_getter(
    dialog_manager: DialogManager, catalog: FromDishka[CatalogService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    lines: list[str] = []
    for group in await catalog.tariffs_by_space():
        lines += ([""] if lines else []) + space_lines(i18n, group.space, group.tariffs)
    # Staff may add many spaces with long descriptions: the screen stays one message.
    text = fit_lines(lines, TARIFFS_LIMIT)
    return {"tariffs": text, "has_tariffs": bool(lines), "empty": not lines}


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("tariffs-title"),
            Format("{tariffs}", when="has_tariffs"),
            T("tariffs-empty", when="empty"),
            CANCEL,
            getter=tariffs_getter,
            state=TariffsSG.main,
        ),
    )
