"""Who a broadcast goes to: everyone, the active in the last N days, those with a booking in
a period, those who never booked, by tariff, by language. Each choice goes to the summary."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.broadcasts import Audience, AudienceKind, parse_days, parse_period
from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.admin.broadcasts.keys import broadcast_id
from dialogs.admin.broadcasts.summary import to_summary
from dialogs.admin.broadcasts.texts import tariff_name
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator

# Widgets whose handler reads their item or tells them apart.
DAYS_SELECT_ID = "days"
TARIFF_SELECT_ID = "tariff"
LANGUAGE_SELECT_ID = "language"
EVERYONE, NEVER_BOOKED = "everyone", "never_booked"
DAY_CHOICES = (7, 30, 90)


async def _set_audience(
    event: Message | CallbackQuery,
    manager: DialogManager,
    broadcasts: BroadcastService,
    actor: Actor,
    audience: Audience,
) -> None:
    try:
        await broadcasts.set_audience(actor, broadcast_id(manager), audience)
    except DomainError as error:
        await show_error(event, manager, error)
        return
    await to_summary(manager, event, broadcasts, actor)


@inject
async def on_simple_audience(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    kind = AudienceKind.NEVER_BOOKED if button.widget_id == NEVER_BOOKED else AudienceKind.EVERYONE
    await _set_audience(callback, manager, broadcasts, actor, Audience(kind))


async def days_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    return {
        "choices": [(i18n.get("btn-broadcast-days", days=days), str(days)) for days in DAY_CHOICES]
    }


@inject
async def on_days_choice(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    audience = Audience(AudienceKind.ACTIVE, days=int(item_id))  # offered, so one of the choices
    await _set_audience(callback, manager, broadcasts, actor, audience)


@inject
async def on_days_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        audience = Audience(AudienceKind.ACTIVE, days=parse_days(message.text))
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _set_audience(message, manager, broadcasts, actor, audience)


@inject
async def on_period_typed(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    try:
        first, last = parse_period(message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    audience = Audience(AudienceKind.BOOKED, first_day=first, last_day=last)
    await _set_audience(message, manager, broadcasts, actor, audience)


@inject
async def tariffs_getter(
    dialog_manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    tariffs = await broadcasts.tariffs(actor)
    return {
        "tariffs": [
            (
                html.escape(tariff_name(tariff, i18n.language))
                + ("" if tariff.is_active else i18n.get("broadcasts-tariff-inactive")),
                str(tariff.id),
            )
            for tariff in tariffs
        ],
        "no_tariffs": not tariffs,
    }


@inject
async def on_tariff(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    audience = Audience(AudienceKind.TARIFF, tariff_id=int(item_id))  # offered, so an id
    await _set_audience(callback, manager, broadcasts, actor, audience)


async def languages_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    return {
        "languages": [(i18n.get(f"language-{language}"), language.value) for language in Language]
    }


@inject
async def on_language(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    audience = Audience(AudienceKind.LANGUAGE, language=Language(item_id))
    await _set_audience(callback, manager, broadcasts, actor, audience)
