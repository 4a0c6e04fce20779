"""Shared pieces of the dialogs: navigation buttons, how errors are shown, where a user lands."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Back, Cancel, Group, Select, Start
from aiogram_dialog.widgets.kbd.select import OnItemClick
from aiogram_dialog.widgets.text import Format

from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import User
from coworking_bot.services.registration import RegistrationStep, next_step
from dialogs.i18n import T, translator
from dialogs.states import MainMenu, Onboarding

BACK = Back(T("btn-back"), id="back")
CANCEL = Cancel(T("btn-back"), id="cancel")
TO_MENU = Start(T("btn-menu"), id="to_menu", state=MainMenu.main, mode=StartMode.RESET_STACK)

ONBOARDING_STATES = {
    RegistrationStep.CONSENT: Onboarding.consent,
    RegistrationStep.NAME: Onboarding.name,
    RegistrationStep.PHONE: Onboarding.phone,
    RegistrationStep.EMAIL: Onboarding.email,
}


def own_contact_phone(message: Message) -> str | None:
    """The number from a contact the user shared of themselves; None for anyone else's card."""
    contact = message.contact
    if contact is None or message.from_user is None or contact.user_id != message.from_user.id:
        return None
    number = contact.phone_number.strip()
    # Telegram gives a contact's number in international form, usually without the leading +.
    return number if number.startswith("+") else f"+{number}"


async def show_error(
    event: Message | CallbackQuery, manager: DialogManager, error: DomainError
) -> None:
    text = translator(manager).get(error.key, **error.params)
    if isinstance(event, CallbackQuery):
        await event.answer(text, show_alert=True)
    else:
        await event.answer(text)


async def open_home(
    manager: DialogManager, user: User | None, show_mode: ShowMode = ShowMode.SEND
) -> None:
    """The main menu for a registered user; otherwise registration, where it stopped."""
    if user is None or not user.is_registered:
        step = RegistrationStep.CONSENT if user is None else next_step(user)
        await manager.start(
            ONBOARDING_STATES[step], mode=StartMode.RESET_STACK, show_mode=show_mode
        )
        return
    await manager.start(MainMenu.main, mode=StartMode.RESET_STACK, show_mode=show_mode)


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
