"""Confirm, Reject and Open right in a staff alert. The router sits before the dialogs, so the
buttons work whatever dialog the staff member has open; the service checks everything again
(the role, the booking's state, that the request was not changed since the alert was sent);
Open starts the booking's card, whose dialog checks who may see it."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.domain.booking import BookingNotFound, InvalidTransition, RequestChanged
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.decisions import DecideBooking
from coworking_bot.services.payments.service import PaymentService
from dialogs.admin.bookings.common import BOOKING
from dialogs.callbacks import (
    LEGACY_CONFIRM,
    LEGACY_REJECT,
    BookingDecision,
    BookingOpen,
    DeskSchedule,
    id_after,
)
from dialogs.shared.filters import data_starts_with
from dialogs.shared.notices import close_notice
from dialogs.states import BookingDeskSG

ALERT_PREFIXES = (
    f"{BookingDecision.__prefix__}:",
    f"{BookingOpen.__prefix__}:",
    f"{DeskSchedule.__prefix__}:",
    LEGACY_CONFIRM,
    LEGACY_REJECT,
)


@inject
async def on_decision(
    callback: CallbackQuery,
    callback_data: BookingDecision,
    i18n: Translator,
    actor: FromDishka[Actor],
    decisions: FromDishka[DecideBooking],
    payments: FromDishka[PaymentService],
) -> None:
    await _decide(
        callback,
        i18n,
        actor,
        decisions,
        payments,
        confirm=callback_data.confirm,
        booking_id=callback_data.booking_id,
        revision=callback_data.revision,
    )


@inject
async def on_legacy_decision(
    callback: CallbackQuery,
    i18n: Translator,
    actor: FromDishka[Actor],
    decisions: FromDishka[DecideBooking],
    payments: FromDishka[PaymentService],
) -> None:
    """A button sent before the upgrade: it knows no revision, so only a never-moved booking."""
    confirm = (callback.data or "").startswith(LEGACY_CONFIRM)
    booking_id = id_after(LEGACY_CONFIRM if confirm else LEGACY_REJECT, callback.data)
    if booking_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    await _decide(
        callback,
        i18n,
        actor,
        decisions,
        payments,
        confirm=confirm,
        booking_id=booking_id,
        revision=0,
    )


async def _decide(
    callback: CallbackQuery,
    i18n: Translator,
    actor: Actor,
    decisions: DecideBooking,
    payments: PaymentService,
    *,
    confirm: bool,
    booking_id: int,
    revision: int,
) -> None:
    decide = decisions.confirm if confirm else decisions.reject
    try:
        await decide(actor, booking_id, revision=revision)
    except (InvalidTransition, BookingNotFound):
        # Another member of staff, or the client, was faster.
        await callback.answer(i18n.get("notice-staff-already-decided"), show_alert=True)
        await close_notice(callback, None)
        return
    except RequestChanged as error:
        await callback.answer(i18n.get(error.key), show_alert=True)
        await close_notice(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    key = "notice-staff-confirmed" if confirm else "notice-staff-rejected"
    outcome = i18n.get(key, staff=html.escape(callback.from_user.full_name))
    await callback.answer(i18n.get(key, staff=callback.from_user.full_name))
    await close_notice(callback, outcome)
    if not confirm:
        # A rejection gives back every kopeck paid: hand the refund to YooKassa now.
        await payments.send_refunds_of(booking_id)


async def on_open(
    callback: CallbackQuery, callback_data: BookingOpen, dialog_manager: DialogManager
) -> None:
    """The booking's card in the desk; the dialog's own start checks who may see it and that
    the booking exists."""
    await callback.answer()
    await dialog_manager.start(
        BookingDeskSG.card,
        data={BOOKING: callback_data.booking_id},
        mode=StartMode.RESET_STACK,
    )


async def on_schedule(callback: CallbackQuery, dialog_manager: DialogManager) -> None:
    """Today's schedule in the desk, under the morning schedule (the desk checks the role)."""
    await callback.answer()
    await dialog_manager.start(BookingDeskSG.schedule, mode=StartMode.RESET_STACK)


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    """Data with the alerts' prefix that does not parse: crafted, or from an older version."""
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(*ALERT_PREFIXES))
    router.callback_query.register(on_decision, BookingDecision.filter())
    router.callback_query.register(on_open, BookingOpen.filter())
    router.callback_query.register(on_schedule, DeskSchedule.filter())
    router.callback_query.register(
        on_legacy_decision, data_starts_with(LEGACY_CONFIRM, LEGACY_REJECT)
    )
    router.callback_query.register(on_unreadable)  # our prefix, but data that does not parse
    return router
