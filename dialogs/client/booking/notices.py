"""The button under a waitlist offer: the waiting client books the place that came free, if it is
still free when tapped."""

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
    PlaceTaken,
    describe_period,
)
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.notices import (
    WAITLIST_PREFIX,
)
from coworking_bot.services.booking.waitlist import Waitlist
from dialogs.shared.notices import close_notice, notice_id


@inject
async def on_waitlist_book(
    callback: CallbackQuery,
    i18n: Translator,
    waitlist: FromDishka[Waitlist],
    actor: FromDishka[Actor],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    entry_id = notice_id(callback.data, WAITLIST_PREFIX)
    if entry_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    try:
        booking = await waitlist.book_offer(actor, entry_id)
    except BookingNotFound:
        await callback.answer(i18n.get("notice-waitlist-gone"), show_alert=True)
        await close_notice(callback, None)
        return
    except PlaceTaken:
        await callback.answer(i18n.get("notice-waitlist-taken"), show_alert=True)
        await close_notice(callback, None)
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
    router.callback_query.register(on_waitlist_book, F.data.startswith(WAITLIST_PREFIX))
    return router
