"""Staff management (owners): list, add by id / forwarded message / shared contact, role, remove.

Buttons only carry ids; every step asks StaffService, which checks the actor's permission, so a
replayed or crafted button changes nothing for someone who may not manage staff.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    CallbackQuery,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from aiogram.types import User as TgUser
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Column, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import DomainError, InvalidTelegramId
from coworking_bot.domain.permissions import ASSIGNABLE_ROLES
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations, Translator
from coworking_bot.services.staff.service import StaffService
from dialogs.commands import register_staff_commands, unregister_staff_commands
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL
from dialogs.states import StaffAdmin

logger = logging.getLogger(__name__)

# dialog_data keys: plain ints and strings, so they survive any FSM storage.
TARGET_KEY = "target"
TARGET_NAME_KEY = "target_name"
NOTICE_KEY = "notice"

MEMBER_SELECT_ID = "member"
ROLE_SELECT_ID = "role"
PAGE_SIZE = 8


async def _actor(manager: DialogManager, staff: StaffService) -> Actor:
    user: TgUser = manager.middleware_data["event_from_user"]
    return await staff.actor(user.id)


def role_name(i18n: Translator, role: StaffRole | str) -> str:
    return i18n.get(f"role-{StaffRole(role).value}")


def who(i18n: Translator, telegram_id: int, name: str | None) -> str:
    """The person for a message text (HTML): a name Telegram gave us may hold `<` or `&`."""
    # Ids go to Fluent as text: as numbers they would be shown with thousands separators.
    if name:
        return i18n.get("admin-staff-who", name=escape(name, quote=False), id=str(telegram_id))
    return i18n.get("admin-staff-no-name", id=str(telegram_id))


def _notice(manager: DialogManager) -> dict[str, Any]:
    """A one-off line about what just happened; shown once, on the next render."""
    notice = manager.dialog_data.pop(NOTICE_KEY, "")
    return {"notice": notice, "has_notice": bool(notice)}


def _target(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(TARGET_KEY) or 0)


# --- getters ---------------------------------------------------------------------------------


@inject
async def list_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = _notice(dialog_manager)
    try:
        members = await staff.list_staff(await _actor(dialog_manager, staff))
    except DomainError as error:
        return {**data, "allowed": False, "denied": i18n.get(error.key), "members": []}
    items = [
        (
            str(member.telegram_id),
            i18n.get(
                "admin-staff-item-owner" if member.role is StaffRole.OWNER else "admin-staff-item",
                name=member.name or i18n.get("admin-staff-no-name", id=str(member.telegram_id)),
                role=role_name(i18n, member.role),
            ),
        )
        for member in members
    ]
    only_owners = all(member.role is StaffRole.OWNER for member in members)
    return {**data, "allowed": True, "denied": "", "members": items, "only_owners": only_owners}


@inject
async def member_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = _notice(dialog_manager)
    actor = await _actor(dialog_manager, staff)
    try:
        card = await staff.member(actor, _target(dialog_manager))
    except DomainError as error:
        return {**data, "found": False, "problem": i18n.get(error.key), "editable": False}
    member = card.member
    if member.added_by:
        added_by = who(i18n, member.added_by, card.added_by_name)
    else:
        added_by = i18n.get("admin-staff-added-by-unknown")
    return {
        **data,
        "found": True,
        "problem": "",
        "is_owner": card.is_owner,
        "is_member": not card.is_owner,
        "editable": not card.is_owner and member.telegram_id != actor.telegram_id,
        "who": who(i18n, member.telegram_id, member.name),
        "role": role_name(i18n, member.role),
        "added_by": added_by,
    }


@inject
async def role_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    roles = [(role.value, role_name(i18n, role)) for role in ASSIGNABLE_ROLES]
    try:
        candidate = await staff.candidate(
            await _actor(dialog_manager, staff), _target(dialog_manager)
        )
    except DomainError as error:
        return {"found": False, "problem": i18n.get(error.key), "roles": [], "is_new": True}
    name = candidate.name or dialog_manager.dialog_data.get(TARGET_NAME_KEY)
    current = candidate.current
    return {
        "found": True,
        "problem": "",
        "roles": roles,
        "who": who(i18n, candidate.telegram_id, name),
        "is_new": current is None,
        "is_change": current is not None,
        "current": role_name(i18n, current) if current else "",
    }


# --- handlers --------------------------------------------------------------------------------


@inject
async def on_member_selected(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    staff: FromDishka[StaffService],
) -> None:
    try:
        card = await staff.member(await _actor(manager, staff), item_id)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[TARGET_KEY] = card.member.telegram_id
    await manager.switch_to(StaffAdmin.member)


def _person_from_message(message: Message, i18n: Translator) -> tuple[str | None, str | None, str]:
    """(typed id or None, a name Telegram told us or None, a problem text or "")."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        if origin.sender_user.is_bot:
            return None, None, i18n.get("admin-staff-forward-bot")
        return str(origin.sender_user.id), origin.sender_user.full_name, ""
    if isinstance(origin, MessageOriginHiddenUser):
        return (
            None,
            None,
            i18n.get(
                "admin-staff-forward-hidden", name=escape(origin.sender_user_name, quote=False)
            ),
        )
    if isinstance(origin, MessageOriginChat | MessageOriginChannel):
        return None, None, i18n.get("admin-staff-forward-chat")
    if message.contact is not None:
        contact = message.contact
        if not contact.user_id:
            return None, None, i18n.get("admin-staff-contact-no-account")
        name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
        return str(contact.user_id), name or None, ""
    if message.text is not None:
        text = message.text.strip()
        if text.startswith("@"):
            return None, None, i18n.get("admin-staff-username")
        return text, None, ""
    return None, None, i18n.get("admin-staff-id-expected")


@inject
async def on_person(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    staff: FromDishka[StaffService],
) -> None:
    i18n = translator(manager)
    raw_id, name, problem = _person_from_message(message, i18n)
    if problem or raw_id is None:
        await message.answer(problem or i18n.get("admin-staff-id-expected"))
        return
    try:
        candidate = await staff.candidate(await _actor(manager, staff), raw_id)
    except InvalidTelegramId:
        await message.answer(i18n.get("admin-staff-id-invalid"))
        return
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[TARGET_KEY] = candidate.telegram_id
    manager.dialog_data[TARGET_NAME_KEY] = candidate.name or name
    await manager.switch_to(StaffAdmin.add_role)


async def _set_staff_commands(bot: Bot, translations: Translations, chat_id: int, on: bool) -> None:
    """Best effort: the change is made whether or not Telegram takes the new command list."""
    try:
        if on:
            await register_staff_commands(bot, translations, chat_id)
        else:
            await unregister_staff_commands(bot, translations, chat_id)
    except TelegramAPIError as error:
        logger.warning("could not update the commands of chat %s: %s", chat_id, error)


@inject
async def on_role_selected(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    role: str,
    staff: FromDishka[StaffService],
    translations: FromDishka[Translations],
) -> None:
    target = _target(manager)
    try:
        change = await staff.set_role(await _actor(manager, staff), target, role)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await _set_staff_commands(bot, translations, target, on=True)
    i18n = translator(manager)
    name = change.member.name or manager.dialog_data.pop(TARGET_NAME_KEY, None)
    if change.added:
        key = "admin-staff-added"
    elif change.changed:
        key = "admin-staff-role-changed"
    else:
        key = "admin-staff-role-same"
    manager.dialog_data[NOTICE_KEY] = i18n.get(
        key, who=who(i18n, target, name), role=role_name(i18n, change.member.role)
    )
    await manager.switch_to(StaffAdmin.member)


@inject
async def on_remove(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    staff: FromDishka[StaffService],
    translations: FromDishka[Translations],
) -> None:
    target = _target(manager)
    try:
        removed = await staff.remove(await _actor(manager, staff), target)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await _set_staff_commands(bot, translations, target, on=False)
    i18n = translator(manager)
    manager.dialog_data.pop(TARGET_KEY, None)
    manager.dialog_data[NOTICE_KEY] = i18n.get(
        "admin-staff-removed", who=who(i18n, target, removed.name)
    )
    await manager.switch_to(StaffAdmin.list)


async def on_start_add(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(TARGET_KEY, None)
    manager.dialog_data.pop(TARGET_NAME_KEY, None)


NOTICE = Format("{notice}\n", when="has_notice")
TO_LIST = SwitchTo(T("btn-back"), id="to_list", state=StaffAdmin.list)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Window(
            NOTICE,
            T("admin-staff-title"),
            T("admin-staff-list-hint", when="allowed"),
            T("admin-staff-empty", when="only_owners"),
            Format("{denied}", when="denied"),
            ScrollingGroup(
                Select(
                    Format("{item[1]}"),
                    id=MEMBER_SELECT_ID,
                    item_id_getter=lambda item: item[0],
                    items="members",
                    on_click=on_member_selected,
                ),
                id="members_page",
                width=1,
                height=PAGE_SIZE,
                hide_on_single_page=True,
            ),
            SwitchTo(
                T("btn-admin-staff-add"),
                id="add",
                state=StaffAdmin.add_id,
                on_click=on_start_add,
                when="allowed",
            ),
            CANCEL,
            getter=list_getter,
            state=StaffAdmin.list,
        ),
        Window(
            NOTICE,
            T("admin-staff-card", when="is_member"),
            T("admin-staff-card-owner", when="is_owner"),
            Format("{problem}", when="problem"),
            SwitchTo(
                T("btn-admin-staff-role"),
                id="change_role",
                state=StaffAdmin.add_role,
                when="editable",
            ),
            SwitchTo(
                T("btn-admin-staff-remove"),
                id="remove",
                state=StaffAdmin.confirm_remove,
                when="editable",
            ),
            TO_LIST,
            getter=member_getter,
            state=StaffAdmin.member,
        ),
        Window(
            T("admin-staff-ask-id"),
            MessageInput(on_person),
            TO_LIST,
            state=StaffAdmin.add_id,
        ),
        Window(
            T("admin-staff-ask-role", when="is_new"),
            T("admin-staff-change-role", when="is_change"),
            T("admin-staff-roles-explained", when="found"),
            Format("{problem}", when="problem"),
            Column(
                Select(
                    Format("{item[1]}"),
                    id=ROLE_SELECT_ID,
                    item_id_getter=lambda item: item[0],
                    items="roles",
                    on_click=on_role_selected,
                ),
            ),
            SwitchTo(T("btn-back"), id="back_to_id", state=StaffAdmin.add_id, when="is_new"),
            SwitchTo(T("btn-back"), id="back_to_member", state=StaffAdmin.member, when="is_change"),
            getter=role_getter,
            state=StaffAdmin.add_role,
        ),
        Window(
            T("admin-staff-confirm-remove", when="found"),
            Format("{problem}", when="problem"),
            Button(
                T("btn-admin-staff-remove-yes"),
                id="remove_yes",
                on_click=on_remove,
                when="editable",
            ),
            SwitchTo(T("btn-admin-staff-remove-no"), id="remove_no", state=StaffAdmin.member),
            getter=member_getter,
            state=StaffAdmin.confirm_remove,
        ),
    )
