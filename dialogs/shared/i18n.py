"""Dialog widgets and helpers that show locale texts."""

from __future__ import annotations

from typing import Any

from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.text import Text

from coworking_bot.i18n import Translator

I18N_KEY = "i18n"


def translator(manager: DialogManager) -> Translator:
    result: Translator = manager.middleware_data[I18N_KEY]
    return result


class T(Text):
    """A locale text; the window's getter data are its Fluent arguments."""

    def __init__(self, key: str, when: WhenCondition = None, **params: Any) -> None:
        super().__init__(when=when)
        self.key = key
        self.params = params

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return translator(manager).get(self.key, **{**data, **self.params})
