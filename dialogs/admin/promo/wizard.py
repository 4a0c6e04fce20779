"""A new promo code, one question a window: the code (typed or made up), percent or a fixed
amount, how much, the first and the last day, the limits, the tariffs, first booking only; then
the summary with Save. Each answer is checked as it is given; Save checks everything again and
stores the code once (the window moves on to the new code's card, so a second tap on Save finds
no Save button)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from aiogram import F
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, SwitchTo
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.promo import (
    AMOUNT_MAX_RUB,
    CODE_MAX_LENGTH,
    CODE_MIN_LENGTH,
    LIMIT_MAX,
    PERCENT_MAX,
    PromoCodeInvalid,
    PromoCodeTaken,
    PromoTariffsInvalid,
    PromoWindowInvalid,
    PromoWindowPast,
    parse_day,
    parse_limit,
    parse_percent,
    parse_rubles,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.promo.admin import PromoAdmin
from dialogs.admin.promo.common import (
    CODE,
    DRAFT_KEYS,
    FIRST_DAY,
    FIRST_ONLY,
    KIND,
    LAST_DAY,
    MAX_USES,
    PER_USER,
    PICKED,
    PROMO,
    TARIFFS,
    VALUE,
    draft_of,
    tariff_names,
    terms_text,
)
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import pick
from dialogs.shared.window import Screen
from dialogs.states import PromoSG

# Buttons whose handler tells them apart by id.
KIND_PERCENT, KIND_FIXED = "kind_percent", "kind_fixed"
FIRST_YES, FIRST_NO = "first_yes", "first_no"
TARIFF_SELECT_ID = "tariff"


def _i18n_params() -> dict[str, Any]:
    return {
        "min": CODE_MIN_LENGTH,
        "max": CODE_MAX_LENGTH,
        "percent_max": PERCENT_MAX,
        "amount_max": AMOUNT_MAX_RUB,
        "limit_max": LIMIT_MAX,
    }


async def draft_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        **_i18n_params(),
        "code": html.escape(str(data.get(CODE, ""))),
        "percent": data.get(KIND) == DiscountKind.PERCENT.value,
    }


@inject
async def tariffs_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    picked = set(dialog_manager.dialog_data.get(PICKED, []))
    names = tariff_names(i18n, await admin.tariffs(actor))
    return {
        **await draft_getter(dialog_manager),
        "tariffs": [
            (f"{'✅' if tariff_id in picked else '▫️'} {name}", str(tariff_id))
            for tariff_id, name in names.items()
        ],
        "picked_any": bool(picked & names.keys()),
    }


@inject
async def summary_getter(
    dialog_manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    draft = draft_of(dialog_manager.dialog_data)
    names = tariff_names(i18n, await admin.tariffs(actor))
    return {"code": html.escape(draft.code), "terms": terms_text(i18n, draft, names)}


async def on_text_expected(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("promo-text-expected"))


def _text_input(handler: Any) -> list[MessageInput]:
    """Text goes to `handler`; a photo, a sticker or a file gets a short explanation."""
    return [MessageInput(handler, content_types="text"), MessageInput(on_text_expected)]


@inject
async def on_code(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        code = await admin.check_code(actor, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[CODE] = code
    await manager.switch_to(PromoSG.kind)


@inject
async def on_generate(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        code = await admin.suggest_code(actor)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[CODE] = code
    await manager.switch_to(PromoSG.kind)


async def on_kind(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    kind = DiscountKind.PERCENT if button.widget_id == KIND_PERCENT else DiscountKind.FIXED
    manager.dialog_data[KIND] = kind.value
    manager.dialog_data.pop(VALUE, None)
    await manager.switch_to(PromoSG.value)


async def on_value(message: Message, _: MessageInput, manager: DialogManager) -> None:
    percent = manager.dialog_data.get(KIND) == DiscountKind.PERCENT.value
    try:
        value = parse_percent(message.text) if percent else parse_rubles(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[VALUE] = value
    await manager.switch_to(PromoSG.first_day)


async def on_first_day(message: Message, _: MessageInput, manager: DialogManager) -> None:
    try:
        day = parse_day(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[FIRST_DAY] = day.isoformat()
    await manager.switch_to(PromoSG.last_day)


async def on_from_now(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(FIRST_DAY, None)
    await manager.switch_to(PromoSG.last_day)


@inject
async def on_last_day(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    first = manager.dialog_data.get(FIRST_DAY)
    try:
        day = parse_day(message.text)
        admin.check_window(actor, date.fromisoformat(first) if first else None, day)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[LAST_DAY] = day.isoformat()
    await manager.switch_to(PromoSG.max_uses)


async def on_no_end(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(LAST_DAY, None)
    await manager.switch_to(PromoSG.max_uses)


async def on_max_uses(message: Message, _: MessageInput, manager: DialogManager) -> None:
    try:
        limit = parse_limit(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[MAX_USES] = limit
    await manager.switch_to(PromoSG.per_user)


async def on_no_limit(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(MAX_USES, None)
    await manager.switch_to(PromoSG.per_user)


async def on_per_user(message: Message, _: MessageInput, manager: DialogManager) -> None:
    try:
        limit = parse_limit(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[PER_USER] = limit
    await manager.switch_to(PromoSG.tariffs)


async def on_once_each(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data[PER_USER] = 1
    await manager.switch_to(PromoSG.tariffs)


async def on_all_tariffs(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data[TARIFFS] = None
    manager.dialog_data.pop(PICKED, None)
    await manager.switch_to(PromoSG.first_only)


async def on_tariff(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    """Tick or untick a tariff (offered by the window, so one on sale)."""
    picked = set(manager.dialog_data.get(PICKED, []))
    picked ^= {int(item_id)}
    manager.dialog_data[PICKED] = sorted(picked)


@inject
async def on_tariffs_done(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    try:
        tariffs = await admin.check_tariffs(actor, manager.dialog_data.get(PICKED, []))
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[TARIFFS] = list(tariffs)
    await manager.switch_to(PromoSG.first_only)


async def on_first_only(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data[FIRST_ONLY] = button.widget_id == FIRST_YES
    await manager.switch_to(PromoSG.summary)


@inject
async def on_save(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    admin: FromDishka[PromoAdmin],
    actor: FromDishka[Actor],
) -> None:
    data = manager.dialog_data
    try:
        promo = await admin.create(actor, draft_of(data))
    except (PromoCodeTaken, PromoCodeInvalid) as error:
        await show_error(callback, manager, error)
        await manager.switch_to(PromoSG.code)
        return
    except (PromoWindowInvalid, PromoWindowPast) as error:
        await show_error(callback, manager, error)
        await manager.switch_to(PromoSG.first_day)
        return
    except PromoTariffsInvalid as error:
        data.pop(PICKED, None)
        await show_error(callback, manager, error)
        await manager.switch_to(PromoSG.tariffs)
        return
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    for key in DRAFT_KEYS:
        data.pop(key, None)
    data[PROMO] = promo.id
    await callback.answer(translator(manager).get("promo-saved", code=promo.code))
    await manager.switch_to(PromoSG.card)


def _back(state: Any) -> SwitchTo:
    return SwitchTo(T("btn-back"), id="back", state=state)


def windows() -> list[Screen]:
    return [
        Screen(
            T("promo-new-code"),
            *_text_input(on_code),
            Button(T("btn-promo-generate"), id="generate", on_click=on_generate),
            SwitchTo(T("btn-promo-cancel-new"), id="to_list", state=PromoSG.list),
            getter=draft_getter,
            state=PromoSG.code,
        ),
        Screen(
            T("promo-new-kind"),
            Button(T("btn-promo-kind-percent"), id=KIND_PERCENT, on_click=on_kind),
            Button(T("btn-promo-kind-fixed"), id=KIND_FIXED, on_click=on_kind),
            _back(PromoSG.code),
            getter=draft_getter,
            state=PromoSG.kind,
        ),
        Screen(
            T("promo-new-percent", when="percent"),
            T("promo-new-amount", when=~F["percent"]),
            *_text_input(on_value),
            _back(PromoSG.kind),
            getter=draft_getter,
            state=PromoSG.value,
        ),
        Screen(
            T("promo-new-first-day"),
            *_text_input(on_first_day),
            Button(T("btn-promo-from-now"), id="from_now", on_click=on_from_now),
            _back(PromoSG.value),
            getter=draft_getter,
            state=PromoSG.first_day,
        ),
        Screen(
            T("promo-new-last-day"),
            *_text_input(on_last_day),
            Button(T("btn-promo-no-end"), id="no_end", on_click=on_no_end),
            _back(PromoSG.first_day),
            getter=draft_getter,
            state=PromoSG.last_day,
        ),
        Screen(
            T("promo-new-max-uses"),
            *_text_input(on_max_uses),
            Button(T("btn-promo-no-limit"), id="no_limit", on_click=on_no_limit),
            _back(PromoSG.last_day),
            getter=draft_getter,
            state=PromoSG.max_uses,
        ),
        Screen(
            T("promo-new-per-user"),
            *_text_input(on_per_user),
            Button(T("btn-promo-once-each"), id="once_each", on_click=on_once_each),
            _back(PromoSG.max_uses),
            getter=draft_getter,
            state=PromoSG.per_user,
        ),
        Screen(
            T("promo-new-tariffs"),
            Button(T("btn-promo-all-tariffs"), id="all_tariffs", on_click=on_all_tariffs),
            pick(TARIFF_SELECT_ID, "tariffs", on_tariff),
            Button(
                T("btn-promo-tariffs-done"),
                id="tariffs_done",
                on_click=on_tariffs_done,
                when="picked_any",
            ),
            _back(PromoSG.per_user),
            getter=tariffs_getter,
            state=PromoSG.tariffs,
        ),
        Screen(
            T("promo-new-first-only"),
            Button(T("btn-promo-first-yes"), id=FIRST_YES, on_click=on_first_only),
            Button(T("btn-promo-first-no"), id=FIRST_NO, on_click=on_first_only),
            _back(PromoSG.tariffs),
            getter=draft_getter,
            state=PromoSG.first_only,
        ),
        Screen(
            T("promo-new-summary"),
            Button(T("btn-promo-save"), id="save", on_click=on_save),
            _back(PromoSG.first_only),
            SwitchTo(T("btn-promo-cancel-new"), id="to_list", state=PromoSG.list),
            getter=summary_getter,
            state=PromoSG.summary,
        ),
    ]
