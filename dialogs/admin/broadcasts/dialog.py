"""Broadcasts (SEND_BROADCASTS): the history, newest first, paged in the database, with each
one's counts; a broadcast's card with Pause, Resume and Cancel; and a new broadcast, composed
step by step (`compose.py`). Buttons carry only ids; `BroadcastService` checks the permission and
the broadcast's state at every step."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.broadcasts import BroadcastEvent, BroadcastStatus, allows
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.services.broadcasts.service import BroadcastService
from dialogs.admin.access import staff_only
from dialogs.admin.broadcasts.audience import (
    DAYS_SELECT_ID,
    EVERYONE,
    LANGUAGE_SELECT_ID,
    NEVER_BOOKED,
    TARIFF_SELECT_ID,
    days_getter,
    languages_getter,
    on_days_choice,
    on_days_typed,
    on_language,
    on_period_typed,
    on_simple_audience,
    on_tariff,
    tariffs_getter,
)
from dialogs.admin.broadcasts.compose import (
    compose_getter,
    on_button,
    on_compose_done,
    on_discard,
    on_no_button,
    on_source,
    on_text_expected,
)
from dialogs.admin.broadcasts.keys import BROADCAST, PREVIEW_DUE, broadcast_id, clear_draft
from dialogs.admin.broadcasts.summary import (
    on_edit_step,
    on_preview,
    on_schedule_typed,
    on_start,
    summary_getter,
    to_summary,
)
from dialogs.admin.broadcasts.texts import card_text, history_label
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import BroadcastSG

PAGE = "page"
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
BROADCAST_SELECT_ID = "broadcast"
PAUSE, RESUME, STOP = "pause", "resume", "stop"
_EVENTS = {PAUSE: BroadcastEvent.PAUSE, RESUME: BroadcastEvent.RESUME, STOP: BroadcastEvent.CANCEL}
_DONE_KEYS = {
    PAUSE: "broadcasts-paused",
    RESUME: "broadcasts-resumed",
    STOP: "broadcasts-cancelled",
}


@inject
async def history_getter(
    dialog_manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    found = await broadcasts.history(actor, page=int(data.get(PAGE, 0)))
    data[PAGE] = found.page
    return {
        "items": [
            (history_label(i18n, broadcast, settings.tz), str(broadcast.id))
            for broadcast in found.items
        ],
        "total": found.total,
        "empty": found.total == 0,
        "page": found.page + 1,
        "pages": found.pages,
        "paged": found.pages > 1,
    }


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


async def on_new(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    clear_draft(manager)
    await manager.switch_to(BroadcastSG.compose)


async def on_open(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    clear_draft(manager)
    manager.dialog_data[BROADCAST] = int(item_id)  # offered by the window, so digits
    await manager.switch_to(BroadcastSG.card)


@inject
async def card_getter(
    dialog_manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    try:
        card = await broadcasts.card(actor, broadcast_id(dialog_manager))
    except DomainError as error:  # a draft discarded from another window
        return {"card": i18n.get(error.key, **error.params), "exists": False}
    status = card.broadcast.status
    return {
        "card": card_text(i18n, card, settings.tz),
        "exists": True,
        "is_draft": status is BroadcastStatus.DRAFT,
        "may_pause": allows(status, BroadcastEvent.PAUSE),
        "may_resume": allows(status, BroadcastEvent.RESUME),
        "may_cancel": allows(status, BroadcastEvent.CANCEL),
    }


@inject
async def on_control(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    """Pause, Resume or Cancel from the card (the same as under the progress message)."""
    number = broadcast_id(manager)
    event = _EVENTS[button.widget_id or ""]
    change = {
        BroadcastEvent.PAUSE: broadcasts.pause,
        BroadcastEvent.RESUME: broadcasts.resume,
        BroadcastEvent.CANCEL: broadcasts.cancel,
    }[event]
    try:
        await change(actor, number)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    await callback.answer(
        translator(manager).get(_DONE_KEYS[button.widget_id or ""], number=number)
    )


@inject
async def on_continue(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    broadcasts: FromDishka[BroadcastService],
    actor: FromDishka[Actor],
) -> None:
    """A draft opened from the history: its summary under a fresh preview, to send or change."""
    manager.dialog_data[PREVIEW_DUE] = True
    await to_summary(manager, callback, broadcasts, actor)


def _text_input(handler: Any) -> list[MessageInput]:
    """Text goes to `handler`; anything else gets a short explanation."""
    return [MessageInput(handler, content_types="text"), MessageInput(on_text_expected)]


def _back(state: Any) -> SwitchTo:
    return SwitchTo(T("btn-back"), id="back", state=state)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("broadcasts-title"),
            T("broadcasts-empty", when="empty"),
            pick(BROADCAST_SELECT_ID, "items", on_open),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            Button(T("btn-broadcast-new"), id="new", on_click=on_new),
            Button(T("btn-refresh"), id="refresh"),
            CANCEL,
            getter=history_getter,
            state=BroadcastSG.main,
        ),
        Screen(
            T("broadcasts-compose"),
            T("broadcasts-received", when="has_draft"),
            MessageInput(on_source),
            Button(T("btn-broadcast-next"), id="next", on_click=on_compose_done, when="has_draft"),
            SwitchTo(T("btn-back"), id="back", state=BroadcastSG.main),
            getter=compose_getter,
            state=BroadcastSG.compose,
        ),
        Screen(
            T("broadcasts-button-ask"),
            *_text_input(on_button),
            Button(T("btn-broadcast-no-button"), id="no_button", on_click=on_no_button),
            Button(T("btn-broadcast-discard"), id="discard", on_click=on_discard),
            state=BroadcastSG.button,
        ),
        Screen(
            T("broadcasts-audience-ask"),
            Button(T("btn-broadcast-everyone"), id=EVERYONE, on_click=on_simple_audience),
            SwitchTo(T("btn-broadcast-active"), id="active", state=BroadcastSG.days),
            SwitchTo(T("btn-broadcast-booked"), id="booked", state=BroadcastSG.period),
            Button(T("btn-broadcast-never-booked"), id=NEVER_BOOKED, on_click=on_simple_audience),
            SwitchTo(T("btn-broadcast-by-tariff"), id="by_tariff", state=BroadcastSG.tariff),
            SwitchTo(T("btn-broadcast-by-language"), id="by_language", state=BroadcastSG.language),
            Button(T("btn-broadcast-discard"), id="discard", on_click=on_discard),
            state=BroadcastSG.audience,
        ),
        Screen(
            T("broadcasts-days-ask"),
            pick(DAYS_SELECT_ID, "choices", on_days_choice, width=3),
            *_text_input(on_days_typed),
            _back(BroadcastSG.audience),
            getter=days_getter,
            state=BroadcastSG.days,
        ),
        Screen(
            T("broadcasts-period-ask"),
            *_text_input(on_period_typed),
            _back(BroadcastSG.audience),
            state=BroadcastSG.period,
        ),
        Screen(
            T("broadcasts-tariff-ask"),
            T("broadcasts-no-tariffs", when="no_tariffs"),
            pick(TARIFF_SELECT_ID, "tariffs", on_tariff),
            _back(BroadcastSG.audience),
            getter=tariffs_getter,
            state=BroadcastSG.tariff,
        ),
        Screen(
            T("broadcasts-language-ask"),
            pick(LANGUAGE_SELECT_ID, "languages", on_language, width=2),
            _back(BroadcastSG.audience),
            getter=languages_getter,
            state=BroadcastSG.language,
        ),
        Screen(
            T("broadcasts-summary", when="is_draft"),
            T("broadcasts-summary-nobody", when="nobody"),
            T("broadcasts-summary-gone", when="gone"),
            Row(
                SwitchTo(T("btn-broadcast-send-now"), id="send", state=BroadcastSG.confirm),
                SwitchTo(T("btn-broadcast-schedule"), id="schedule", state=BroadcastSG.schedule),
                when="may_send",
            ),
            Button(T("btn-broadcast-preview"), id="preview", on_click=on_preview, when="is_draft"),
            Row(
                SwitchTo(
                    T("btn-broadcast-change-button"),
                    id="change_button",
                    state=BroadcastSG.button,
                    on_click=on_edit_step,
                ),
                SwitchTo(
                    T("btn-broadcast-change-audience"),
                    id="change_audience",
                    state=BroadcastSG.audience,
                    on_click=on_edit_step,
                ),
                when="is_draft",
            ),
            Button(T("btn-broadcast-discard"), id="discard", on_click=on_discard, when="is_draft"),
            SwitchTo(T("btn-broadcasts-to-list"), id="to_list", state=BroadcastSG.main),
            getter=summary_getter,
            state=BroadcastSG.summary,
        ),
        Screen(
            T("broadcasts-confirm", when="is_draft"),
            T("broadcasts-summary-gone", when="gone"),
            Button(T("btn-broadcast-send-yes"), id="send_yes", on_click=on_start, when="may_send"),
            _back(BroadcastSG.summary),
            getter=summary_getter,
            state=BroadcastSG.confirm,
        ),
        Screen(
            T("broadcasts-schedule-ask"),
            *_text_input(on_schedule_typed),
            _back(BroadcastSG.summary),
            getter=schedule_getter,
            state=BroadcastSG.schedule,
        ),
        Screen(
            Format("{card}"),
            Button(T("btn-broadcast-pause"), id=PAUSE, on_click=on_control, when="may_pause"),
            Button(T("btn-broadcast-resume"), id=RESUME, on_click=on_control, when="may_resume"),
            Button(T("btn-broadcast-cancel"), id=STOP, on_click=on_control, when="may_cancel"),
            Button(
                T("btn-broadcast-continue"), id="continue", on_click=on_continue, when="is_draft"
            ),
            Button(T("btn-broadcast-preview"), id="preview", on_click=on_preview, when="exists"),
            Button(T("btn-refresh"), id="refresh"),
            SwitchTo(T("btn-broadcasts-to-list"), id="to_list", state=BroadcastSG.main),
            getter=card_getter,
            state=BroadcastSG.card,
        ),
        on_start=staff_only(Permission.SEND_BROADCASTS),
    )


@inject
async def schedule_getter(
    dialog_manager: DialogManager, settings: FromDishka[Settings], **_: Any
) -> dict[str, Any]:
    return {"tz": settings.timezone}
