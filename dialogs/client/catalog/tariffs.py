"""Active tariffs, grouped by space."""

from __future__ import annotations

import html
from typing import Any

from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.money import format_rub
from coworking_bot.services.catalog.service import CatalogService
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL
from dialogs.shared.window import Screen
from dialogs.states import TariffsSG


@inject
async def tariffs_getter(
    dialog_manager: DialogManager, catalog: FromDishka[CatalogService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    language = i18n.language
    blocks: list[str] = []
    for group in await catalog.tariffs_by_space():
        space = group.space
        lines = [
            i18n.get(
                "tariffs-space",
                name=html.escape(space.title(language)),
                kind=i18n.get(f"space-kind-{space.kind.value}"),
                capacity=space.capacity,
            )
        ]
        about = space.about(language)
        if about:
            lines.append(f"<i>{html.escape(about)}</i>")
        for tariff in group.tariffs:
            price = i18n.get("tariffs-free") if tariff.price == 0 else format_rub(tariff.price)
            lines.append(
                i18n.get(
                    "tariffs-item",
                    name=html.escape(tariff.title(language)),
                    price=price,
                    unit=i18n.get(f"unit-per-{tariff.unit.value}"),
                )
            )
            if tariff.about(language):
                lines.append(f"   {html.escape(tariff.about(language))}")
        blocks.append("\n".join(lines))
    return {"tariffs": "\n\n".join(blocks), "has_tariffs": bool(blocks), "empty": not blocks}


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
