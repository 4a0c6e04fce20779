"""A window that only takes the taps it offers.

aiogram-dialog hands any callback data of the open window to its widgets: a `Select` takes any
item id, a button hidden by `when=` still works, and an old keyboard of the same window still
acts. Before a tap is processed, this window renders its keyboard again from fresh data, and a tap
that matches none of the buttons it would show now does nothing but get a short answer (the
window is redrawn as it is). So every choice a handler receives is one the window offered, and
offers now.

A button that every rendering of the window shows (no `when=` on it or on the rows around it) is
offered whatever the data, so a tap on it skips the check: the common tap (Back, Menu, Help) costs
no second run of the getters.

The check leaves no trace: what the getters write while it renders (a default, a calendar's page,
a note) is put back as it was, so the handler then sees the dialog exactly as the user did.

Why a tap is refused, most specific first: the window's `explain` (given the tapped data, e.g.
a day of the calendar: "that day has passed"), a text the getter put under `REFUSAL` (e.g. "the
booking has started"), or the generic "out of date" answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from copy import deepcopy
from typing import Any

from aiogram.types import CallbackQuery, InlineKeyboardButton
from aiogram_dialog import DialogManager, Window
from aiogram_dialog.api.internal import ReplyCallbackQuery
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.widgets.common.when import true_condition
from aiogram_dialog.widgets.kbd import (
    Back,
    Button,
    Cancel,
    Column,
    Group,
    Keyboard,
    Next,
    Row,
    Start,
    SwitchTo,
)

from dialogs.shared.i18n import translator

REFUSAL = "refusal"

# Given the data of a tap the window does not offer, the reason to show (None: no better one).
Explain = Callable[[str, DialogManager], Awaitable[str | None]]


class Screen(Window):
    def __init__(self, *widgets: Any, explain: Explain | None = None, **kwargs: Any) -> None:
        super().__init__(*widgets, **kwargs)
        self._explain = explain
        self._always = _always_offered(self.keyboard) if self.keyboard else frozenset()

    async def process_callback(
        self, callback: CallbackQuery, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if (callback.data or "") in self._always:
            return await super().process_callback(callback, dialog, manager)
        context = manager.current_context()
        kept = deepcopy(context.dialog_data), deepcopy(context.widget_data)
        try:
            data = await self.load_data(dialog, manager)
            offered = await self._offered(data, manager)
        finally:
            context.dialog_data.clear()
            context.dialog_data.update(kept[0])
            context.widget_data.clear()
            context.widget_data.update(kept[1])
        tapped = callback.data or ""
        if tapped not in offered:
            reason = await self._explain(tapped, manager) if self._explain else None
            reason = reason or data.get(REFUSAL)
            if isinstance(callback, ReplyCallbackQuery):
                # A reply-keyboard press has no callback to answer: the window is shown again.
                if reason:
                    await callback.original_message.answer(reason)
                return False
            await callback.answer(
                reason or translator(manager).get("error-stale-button"), show_alert=bool(reason)
            )
            return False
        return await super().process_callback(callback, dialog, manager)

    async def _offered(self, data: dict[str, Any], manager: DialogManager) -> set[str]:
        if not self.keyboard:
            return set()
        rows = await self.keyboard.render_keyboard(data, manager)
        return {
            button.callback_data
            for row in rows
            for button in row
            if isinstance(button, InlineKeyboardButton) and button.callback_data
        }


# Widgets whose rendering is their own id, and groups that only lay others out.
_PLAIN_BUTTONS = (Button, SwitchTo, Start, Back, Cancel, Next)
_PLAIN_GROUPS = (Group, Row, Column)


def _always_offered(widget: Any) -> frozenset[str]:
    """The callback data of the buttons every rendering shows, whatever the data."""
    if not isinstance(widget, Keyboard) or widget.condition is not true_condition:
        return frozenset()
    if type(widget) in _PLAIN_GROUPS:
        assert isinstance(widget, Group)
        return frozenset().union(*(_always_offered(button) for button in widget.buttons))
    if type(widget) in _PLAIN_BUTTONS and widget.widget_id:
        return frozenset({widget.widget_id})
    return frozenset()
