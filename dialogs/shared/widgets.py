"""Shared pieces of the dialogs: navigation buttons, how errors are shown, where a user lands."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from aiogram_dialog import StartMode
from aiogram_dialog.widgets.kbd import Cancel, Group, Select, Start
from aiogram_dialog.widgets.kbd.select import OnItemClick
from aiogram_dialog.widgets.text import Format

from dialogs.shared.i18n import T
from dialogs.states import MainMenuSG

CANCEL = Cancel(T("btn-back"), id="cancel")
TO_MENU = Start(T("btn-menu"), id="to_menu", state=MainMenuSG.main, mode=StartMode.RESET_STACK)


def pick(
    widget_id: str,
    items: str,
    on_click: OnItemClick[Any, str],
    *,
    width: int = 1,
    label: str = "{item[0]}",
) -> Group:
    """Buttons for a getter's list of `(label, id)` pairs, `width` to a row."""
    return Group(
        Select(
            Format(label),
            id=widget_id,
            item_id_getter=itemgetter(1),
            items=items,
            on_click=on_click,
        ),
        width=width,
    )
