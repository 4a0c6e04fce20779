"""Buttons under staff alerts: confirm or reject a booking request right in the alert."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.types import CallbackQuery
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.domain.booking import (
    BookingNotFound,
    InvalidTransition,
)
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.decisions import DecideBooking
from coworking_bot.services.booking.notices import (
    CONFIRM_PREFIX,
    REJECT_PREFIX,
)
from coworking_bot.services.payments.service import PaymentService
from dialogs.shared.notices import close_notice, notice_id


@inject
async def on_staff_decision(
    callback: CallbackQuery,
    i18n: Translator,
    actor: FromDishka[Actor],
    decisions: FromDishka[DecideBooking],
    payments: FromDishka[PaymentService],
) -> None:
    confirm = (callback.data or "").startswith(CONFIRM_PREFIX)
    booking_id = notice_id(callback.data, CONFIRM_PREFIX if confirm else REJECT_PREFIX)
    if booking_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    decide = decisions.confirm if confirm else decisions.reject
    try:
        await decide(actor, booking_id)
    except (InvalidTransition, BookingNotFound):
        # Another member of staff, or the client, was faster.
        await callback.answer(i18n.get("notice-staff-already-decided"), show_alert=True)
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


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(
        on_staff_decision, F.data.startswith(CONFIRM_PREFIX) | F.data.startswith(REJECT_PREFIX)
    )
    return router
