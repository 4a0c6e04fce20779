"""Buttons under outbox notices: staff confirm or reject a booking request; a waiting client books
a place that came free. The buttons can be tapped long after they were sent, by someone who has
lost their role meanwhile, or by two staff at once: the services check all of that again."""

from __future__ import annotations

import contextlib
import html

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    BookingNotFound,
    BookingStatus,
    InvalidTransition,
    PlaceTaken,
    describe_period,
)
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.i18n import Translator
from coworking_bot.services.availability import AvailabilityService
from coworking_bot.services.booking import BookingService
from coworking_bot.services.booking_notices import CONFIRM_PREFIX, REJECT_PREFIX, WAITLIST_PREFIX
from coworking_bot.services.payments import PaymentService
from coworking_bot.services.staff import StaffService


def _tail_id(data: str | None, prefix: str) -> int | None:
    tail = (data or "").removeprefix(prefix)
    return int(tail) if tail.isdigit() and len(tail) < 19 else None


async def _close(callback: CallbackQuery, outcome: str | None) -> None:
    """Take the buttons off the notice, adding `outcome` under its text when given."""
    message = callback.message
    if not isinstance(message, Message):
        return
    # "Message is not modified" or too old to edit: the answer already told the user.
    with contextlib.suppress(TelegramBadRequest):
        if outcome is None or not message.text:
            await message.edit_reply_markup(reply_markup=None)
        else:
            await message.edit_text(f"{message.html_text}\n\n{outcome}", reply_markup=None)


@inject
async def on_staff_decision(
    callback: CallbackQuery,
    i18n: Translator,
    staff: FromDishka[StaffService],
    bookings: FromDishka[BookingService],
    payments: FromDishka[PaymentService],
) -> None:
    confirm = (callback.data or "").startswith(CONFIRM_PREFIX)
    booking_id = _tail_id(callback.data, CONFIRM_PREFIX if confirm else REJECT_PREFIX)
    if booking_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    actor = await staff.actor(callback.from_user.id)
    decide = bookings.confirm if confirm else bookings.reject
    try:
        await decide(actor, booking_id)
    except (InvalidTransition, BookingNotFound):
        # Another member of staff, or the client, was faster.
        await callback.answer(i18n.get("notice-staff-already-decided"), show_alert=True)
        await _close(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    key = "notice-staff-confirmed" if confirm else "notice-staff-rejected"
    outcome = i18n.get(key, staff=html.escape(callback.from_user.full_name))
    await callback.answer(i18n.get(key, staff=callback.from_user.full_name))
    await _close(callback, outcome)
    if not confirm:
        # A rejection gives back every kopeck paid: hand the refund to YooKassa now.
        await payments.send_refunds_of(booking_id)


@inject
async def on_waitlist_book(
    callback: CallbackQuery,
    i18n: Translator,
    bookings: FromDishka[BookingService],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    entry_id = _tail_id(callback.data, WAITLIST_PREFIX)
    if entry_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    try:
        booking = await bookings.book_waitlisted(callback.from_user.id, entry_id)
    except BookingNotFound:
        await callback.answer(i18n.get("notice-waitlist-gone"), show_alert=True)
        await _close(callback, None)
        return
    except PlaceTaken:
        await callback.answer(i18n.get("notice-waitlist-taken"), show_alert=True)
        await _close(callback, None)
        return
    except DomainError as error:
        await callback.answer(i18n.get(error.key, **error.params), show_alert=True)
        return
    offer = await availability.offer(booking.tariff_id)
    summary = i18n.get(
        "notice-waitlist-booked",
        booking_id=booking.id,
        space=html.escape(offer.space.title(i18n.language)),
        tariff=html.escape(offer.tariff.title(i18n.language)),
        period=describe_period(offer.tariff.unit, booking.interval, settings.tz),
        total=format_rub(booking.total),
    )
    if booking.status is BookingStatus.HELD and booking.hold_expires_at is not None:
        until = booking.hold_expires_at.astimezone(settings.tz)
        summary += "\n" + i18n.get("notice-waitlist-booked-hold", until=f"{until:%H:%M}")
    elif booking.status is BookingStatus.PENDING:
        summary += "\n" + i18n.get("notice-waitlist-booked-pending")
    await callback.answer(i18n.get("notice-waitlist-booked-short"))
    message = callback.message
    if isinstance(message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await message.edit_text(summary, reply_markup=None)
            return
    if callback.bot is not None:  # the notice is gone or too old to edit: say it anew
        await callback.bot.send_message(callback.from_user.id, summary)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(
        on_staff_decision, F.data.startswith(CONFIRM_PREFIX) | F.data.startswith(REJECT_PREFIX)
    )
    router.callback_query.register(on_waitlist_book, F.data.startswith(WAITLIST_PREFIX))
    return router
