"""Staff management (owners): list, add by id / forwarded message / shared contact, role, remove.

Buttons only carry ids; every step asks StaffService, which checks the actor's permission, so a
replayed or crafted button changes nothing for someone who may not manage staff.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import Bot
from aiogram.types import (
    CallbackQuery,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Column, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import DomainError, InvalidTelegramId
from coworking_bot.i18n import Translations, Translator
from coworking_bot.services.staff.service import StaffService
from dialogs.admin.access import staff_only
from dialogs.admin.staff.getters import (
    NOTICE_KEY,
    TARGET_KEY,
    TARGET_NAME_KEY,
    actor_of,
    list_getter,
    member_getter,
    role_getter,
    role_name,
    target_of,
    who,
)
from dialogs.commands import set_staff_menus
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL
from dialogs.shared.window import Screen
from dialogs.states import StaffAdminSG

# dialog_data keys: plain ints and strings, so they survive any FSM storage.
MEMBER_SELECT_ID = "member"
ROLE_SELECT_ID = "role"
PAGE_SIZE = 8


@inject
async def on_member_selected(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    staff: FromDishka[StaffService],
) -> None:
    try:
        card = await staff.member(await actor_of(manager, staff), item_id)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    manager.dialog_data[TARGET_KEY] = card.member.telegram_id
    await manager.switch_to(StaffAdminSG.member)


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
        candidate = await staff.candidate(await actor_of(manager, staff), raw_id)
    except InvalidTelegramId:
        await message.answer(i18n.get("admin-staff-id-invalid"))
        return
    except DomainError as error:
        await show_error(message, manager, error)
        return
    manager.dialog_data[TARGET_KEY] = candidate.telegram_id
    manager.dialog_data[TARGET_NAME_KEY] = candidate.name or name
    await manager.switch_to(StaffAdminSG.add_role)


@inject
async def on_role_selected(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    role: str,
    staff: FromDishka[StaffService],
    translations: FromDishka[Translations],
    settings: FromDishka[Settings],
) -> None:
    target = target_of(manager)
    try:
        change = await staff.set_role(await actor_of(manager, staff), target, role)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await set_staff_menus(bot, translations, target, change.member.role, settings.dashboard_url)
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
    await manager.switch_to(StaffAdminSG.member)


@inject
async def on_remove(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    staff: FromDishka[StaffService],
    translations: FromDishka[Translations],
) -> None:
    target = target_of(manager)
    try:
        removed = await staff.remove(await actor_of(manager, staff), target)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    await set_staff_menus(bot, translations, target, None, None)
    i18n = translator(manager)
    manager.dialog_data.pop(TARGET_KEY, None)
    manager.dialog_data[NOTICE_KEY] = i18n.get(
        "admin-staff-removed", who=who(i18n, target, removed.name)
    )
    await manager.switch_to(StaffAdminSG.list)


async def on_start_add(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(TARGET_KEY, None)
    manager.dialog_data.pop(TARGET_NAME_KEY, None)


NOTICE = Format("{notice}\n", when="has_notice")
TO_LIST = SwitchTo(T("btn-back"), id="to_list", state=StaffAdminSG.list)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
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
                state=StaffAdminSG.add_id,
                on_click=on_start_add,
                when="allowed",
            ),
            CANCEL,
            getter=list_getter,
            state=StaffAdminSG.list,
        ),
        Screen(
            NOTICE,
            T("admin-staff-card", when="is_member"),
            T("admin-staff-card-owner", when="is_owner"),
            Format("{problem}", when="problem"),
            SwitchTo(
                T("btn-admin-staff-role"),
                id="change_role",
                state=StaffAdminSG.add_role,
                when="editable",
            ),
            SwitchTo(
                T("btn-admin-staff-remove"),
                id="remove",
                state=StaffAdminSG.confirm_remove,
                when="editable",
            ),
            TO_LIST,
            getter=member_getter,
            state=StaffAdminSG.member,
        ),
        Screen(
            T("admin-staff-ask-id"),
            MessageInput(on_person),
            TO_LIST,
            state=StaffAdminSG.add_id,
        ),
        Screen(
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
            SwitchTo(T("btn-back"), id="back_to_id", state=StaffAdminSG.add_id, when="is_new"),
            SwitchTo(
                T("btn-back"), id="back_to_member", state=StaffAdminSG.member, when="is_change"
            ),
            getter=role_getter,
            state=StaffAdminSG.add_role,
        ),
        Screen(
            T("admin-staff-confirm-remove", when="found"),
            Format("{problem}", when="problem"),
            Button(
                T("btn-admin-staff-remove-yes"),
                id="remove_yes",
                on_click=on_remove,
                when="editable",
            ),
            SwitchTo(T("btn-admin-staff-remove-no"), id="remove_no", state=StaffAdminSG.member),
            getter=member_getter,
            state=StaffAdminSG.confirm_remove,
        ),
        on_start=staff_only(Permission.MANAGE_STAFF),
    )
