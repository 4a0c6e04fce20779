"""What the staff windows show: the list, one member, the roles an owner may give."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.types import User as TgUser
from aiogram_dialog import DialogManager
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.permissions import ASSIGNABLE_ROLES
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.staff.service import StaffService
from dialogs.shared.i18n import translator

TARGET_KEY = "target"
TARGET_NAME_KEY = "target_name"
NOTICE_KEY = "notice"


async def actor_of(manager: DialogManager, staff: StaffService) -> Actor:
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


def pop_notice(manager: DialogManager) -> dict[str, Any]:
    """A one-off line about what just happened; shown once, on the next render."""
    notice = manager.dialog_data.pop(NOTICE_KEY, "")
    return {"notice": notice, "has_notice": bool(notice)}


def target_of(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(TARGET_KEY) or 0)


@inject
async def list_getter(
    dialog_manager: DialogManager, staff: FromDishka[StaffService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = pop_notice(dialog_manager)
    try:
        members = await staff.list_staff(await actor_of(dialog_manager, staff))
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
    data = pop_notice(dialog_manager)
    actor = await actor_of(dialog_manager, staff)
    try:
        card = await staff.member(actor, target_of(dialog_manager))
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
            await actor_of(dialog_manager, staff), target_of(dialog_manager)
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
