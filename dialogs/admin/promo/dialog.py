"""Promo codes (MANAGE_PROMO): the list with each code's status and uses, paged in the database;
a code's card with its terms and what it brought; switching it off and on; a new code set up
step by step (`wizard`). Buttons carry only ids; `PromoAdmin` checks the role and audits every
change."""

from __future__ import annotations

import html
from typing import Any

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.services.promo.admin import PromoAdmin
from dialogs.admin.access import staff_only
from dialogs.admin.promo import wizard
from dialogs.admin.promo.common import (
    DRAFT_KEYS,
    PAGE,
    PROMO,
    draft_of_promo,
    item_label,
    status_text,
    tariff_names,
    terms_text,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import PromoSG

# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
PROMO_SELECT_ID = "promo"
SWITCH_OFF, SWITCH_ON = "switch_off", "switch_on"


@inject
async def list_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    page = await admin.page(actor, page=int(data.get(PAGE, 0)))
    data[PAGE] = page.page
    return {
        "promos": [(item_label(i18n, i.promo, i.status), str(i.promo.id)) for i in page.items],
        "total": page.total,
        "empty": page.total == 0,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def card_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    card = await admin.card(actor, int(dialog_manager.dialog_data.get(PROMO, 0)))
    promo, stats = card.promo, card.stats
    names = tariff_names(i18n, await admin.tariffs(actor))
    text = "\n".join(
        [
            i18n.get("promo-card-title", code=html.escape(promo.code)),
            i18n.get("promo-card-status", status=status_text(i18n, card.status)),
            terms_text(i18n, draft_of_promo(promo, settings.tz), names),
            "",
            i18n.get(
                "promo-card-uses",
                uses=promo.uses,
                total=promo.max_uses if promo.max_uses is not None else 0,
                limited="yes" if promo.max_uses is not None else "no",
            ),
            i18n.get(
                "promo-card-money",
                bookings=stats.bookings,
                discount=format_rub(stats.discount),
                revenue=format_rub(stats.revenue),
            ),
        ]
    )
    return {"card": text, "active": promo.is_active}


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_promo(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        card = await admin.card(actor, int(item_id))  # offered by the window, so digits
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[PROMO] = card.promo.id
    await manager.switch_to(PromoSG.card)


@inject
async def on_switch(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    promo_id = int(manager.dialog_data.get(PROMO, 0))
    on = button.widget_id == SWITCH_ON
    try:
        card = await (admin.activate if on else admin.deactivate)(actor, promo_id)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    key = "promo-switched-on" if on else "promo-switched-off"
    await callback.answer(translator(manager).get(key, code=card.promo.code))


async def on_new(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    for key in DRAFT_KEYS:
        manager.dialog_data.pop(key, None)
    await manager.switch_to(PromoSG.code)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("promo-list-title"),
            T("promo-list-empty", when="empty"),
            pick(PROMO_SELECT_ID, "promos", on_promo),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Button(T("btn-promo-new"), id="new", on_click=on_new),
            CANCEL,
            getter=list_getter,
            state=PromoSG.list,
        ),
        Screen(
            Format("{card}"),
            Button(T("btn-promo-switch-off"), id=SWITCH_OFF, on_click=on_switch, when="active"),
            Button(T("btn-promo-switch-on"), id=SWITCH_ON, on_click=on_switch, when=~F["active"]),
            SwitchTo(T("btn-promo-to-list"), id="to_list", state=PromoSG.list),
            getter=card_getter,
            state=PromoSG.card,
        ),
        *wizard.windows(),
        on_start=staff_only(Permission.MANAGE_PROMO),
    )
