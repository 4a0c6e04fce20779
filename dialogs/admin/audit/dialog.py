"""The audit log (VIEW_AUDIT, owners): every staff action, newest first, paged in the database;
all of it or one member's."""

from __future__ import annotations

import html
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.audit import AuditEntry
from coworking_bot.domain.booking import RejectReason
from coworking_bot.domain.enums import Permission, StaffRole
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_short_day, format_time
from coworking_bot.services.staff.audit import AuditService
from dialogs.admin.access import staff_only
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.widgets import CANCEL, pick
from dialogs.shared.window import Screen
from dialogs.states import AuditSG

# dialog_data keys: plain ints, so they survive any FSM storage.
PAGE = "page"
STAFF = "staff"  # the member whose actions are shown; absent: everyone's
# Buttons whose handler tells them apart by id.
PAGE_BACK, PAGE_ON = "page_back", "page_on"
AUTHOR_SELECT_ID = "author"
EVERYONE = "everyone"

# How each kind of action reads; anything else is shown by its raw name.
_ACTIONS = {
    "booking.confirm": "audit-booking-confirm",
    "booking.reject": "audit-booking-reject",
    "booking.cancel": "audit-booking-cancel",
    "booking.check_in": "audit-booking-check_in",
    "booking.move": "audit-booking-move",
    "booking.payment_on_site": "audit-booking-payment_on_site",
    "booking.create_for_client": "audit-booking-create_for_client",
    "staff.add": "audit-staff-add",
    "staff.role": "audit-staff-role",
    "staff.remove": "audit-staff-remove",
    "user.ban": "audit-user-ban",
    "user.unban": "audit-user-unban",
    "user.note": "audit-user-note",
    "user.message": "audit-user-message",
    "broadcast.create": "audit-broadcast-create",
    "broadcast.discard": "audit-broadcast-discard",
    "broadcast.schedule": "audit-broadcast-schedule",
    "broadcast.start": "audit-broadcast-start",
    "broadcast.pause": "audit-broadcast-pause",
    "broadcast.resume": "audit-broadcast-resume",
    "broadcast.cancel": "audit-broadcast-cancel",
    "broadcast.finish": "audit-broadcast-finish",
    "catalog.space.create": "audit-catalog-space-create",
    "catalog.space.update": "audit-catalog-space-update",
    "catalog.space.deactivate": "audit-catalog-space-deactivate",
    "catalog.space.activate": "audit-catalog-space-activate",
    "catalog.tariff.create": "audit-catalog-tariff-create",
    "catalog.tariff.update": "audit-catalog-tariff-update",
    "catalog.tariff.deactivate": "audit-catalog-tariff-deactivate",
    "catalog.tariff.activate": "audit-catalog-tariff-activate",
    "promo.create": "audit-promo-create",
    "promo.deactivate": "audit-promo-deactivate",
    "promo.activate": "audit-promo-activate",
}


def _who(i18n: Translator, telegram_id: int | None, name: str | None) -> str:
    if telegram_id is None:
        return i18n.get("audit-by-system")
    return html.escape(name) if name else f"ID {telegram_id}"


def _role(i18n: Translator, value: Any) -> str:
    try:
        return i18n.get(f"role-{StaffRole(value).value}")
    except ValueError:
        return "—"


def _status(i18n: Translator, value: Any) -> str:
    return i18n.get("book-status", status=str(value or ""))


def _amount(value: Any) -> str:
    return format_rub(value) if isinstance(value, int) else "—"


def _reason(i18n: Translator, details: dict[str, Any]) -> str:
    if (preset := details.get("reason_preset")) in set(RejectReason):
        return i18n.get(f"reject-reason-{preset}")
    if typed := details.get("reason"):
        return html.escape(str(typed))
    return ""


def entry_text(i18n: Translator, entry: AuditEntry, settings: Settings) -> str:
    moment = entry.created_at.astimezone(settings.tz)
    when = f"{format_short_day(i18n, moment.date())} {format_time(entry.created_at, settings.tz)}"
    details = entry.details
    key = _ACTIONS.get(entry.action)
    what = (
        i18n.get(
            key,
            target=html.escape(entry.target_id or ""),
            before_status=_status(i18n, details.get("before")),
            after_status=_status(i18n, details.get("after")),
            reason=_reason(i18n, details),
            has_reason="yes" if _reason(i18n, details) else "no",
            role=_role(i18n, details.get("role")),
            before_role=_role(i18n, details.get("before")),
            name=html.escape(str(details.get("name") or f"ID {entry.target_id}")),
            amount=_amount(details.get("amount")),
            method=str(details.get("method") or ""),
        )
        if key
        else html.escape(f"{entry.action} {entry.target_type} {entry.target_id or ''}".strip())
    )
    return i18n.get(
        "audit-entry",
        when=when,
        who=_who(i18n, entry.actor_telegram_id, entry.actor_name),
        what=what,
    )


def _staff_id(manager: DialogManager) -> int | None:
    value = manager.dialog_data.get(STAFF)
    return int(value) if value is not None else None


@inject
async def list_getter(
    dialog_manager: DialogManager,
    audit: FromDishka[AuditService],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    data = dialog_manager.dialog_data
    staff_id = _staff_id(dialog_manager)
    page = await audit.page(actor, page=int(data.get(PAGE, 0)), staff_id=staff_id)
    data[PAGE] = page.page
    who = ""
    if staff_id is not None:
        name = next((a.name for a in await audit.authors(actor) if a.telegram_id == staff_id), None)
        who = i18n.get("audit-filter", who=_who(i18n, staff_id, name))
    return {
        "entries": "\n\n".join(entry_text(i18n, entry, settings) for entry in page.entries),
        "empty": page.total == 0,
        "total": page.total,
        "filter": who,
        "filtered": staff_id is not None,
        "page": page.page + 1,
        "pages": page.pages,
        "paged": page.pages > 1,
    }


@inject
async def authors_getter(
    dialog_manager: DialogManager,
    audit: FromDishka[AuditService],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    authors = [
        (_who(i18n, author.telegram_id, author.name), str(author.telegram_id))
        for author in await audit.authors(actor)
    ]
    return {"authors": [(i18n.get("btn-audit-everyone"), EVERYONE), *authors]}


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == PAGE_ON else -1
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) + step)


@inject
async def on_author(
    callback: CallbackQuery,
    _: Any,
    manager: DialogManager,
    item_id: str,
    audit: FromDishka[AuditService],
    actor: FromDishka[Actor],
) -> None:
    try:
        await audit.authors(actor)
    except DomainError as error:
        await show_error(callback, manager, error)
        return
    if item_id == EVERYONE:
        manager.dialog_data.pop(STAFF, None)
    else:
        manager.dialog_data[STAFF] = int(item_id)  # offered by the window, so digits
    manager.dialog_data[PAGE] = 0
    await manager.switch_to(AuditSG.list)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("audit-title"),
            Format("{filter}", when="filtered"),
            T("audit-empty", when="empty"),
            Format("{entries}", when="total"),
            Row(
                Button(T("btn-page-prev"), id=PAGE_BACK, on_click=on_page),
                Button(Format("{page}/{pages}"), id="page_now"),
                Button(T("btn-page-next"), id=PAGE_ON, on_click=on_page),
                when="paged",
            ),
            SwitchTo(T("btn-audit-filter"), id="filter", state=AuditSG.authors),
            CANCEL,
            getter=list_getter,
            state=AuditSG.list,
        ),
        Screen(
            T("audit-authors"),
            pick(AUTHOR_SELECT_ID, "authors", on_author),
            SwitchTo(T("btn-back"), id="back", state=AuditSG.list),
            getter=authors_getter,
            state=AuditSG.authors,
        ),
        on_start=staff_only(Permission.VIEW_AUDIT),
    )
