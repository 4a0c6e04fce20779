"""The button under a waitlist offer: the waiting client books the place that came free, if it is
still free when tapped. The router sits before the dialogs, so it works whatever dialog is open."""

from __future__ import annotations

import contextlib
import html

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from dishka import FromDishka
from dishka.integrations.aiogram import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingNotFound, BookingStatus, PlaceTaken
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_period, format_time
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.waitlist import Waitlist
from dialogs.callbacks import LEGACY_WAITLIST, WaitlistOffer, id_after
from dialogs.shared.filters import data_starts_with
from dialogs.shared.notices import close_notice

OFFER_PREFIXES = (f"{WaitlistOffer.__prefix__}:", LEGACY_WAITLIST)


@inject
async def on_offer(
    callback: CallbackQuery,
    callback_data: WaitlistOffer,
    i18n: Translator,
    waitlist: FromDishka[Waitlist],
    actor: FromDishka[Actor],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    await _book(callback, i18n, waitlist, actor, availability, settings, callback_data.entry_id)


@inject
async def on_legacy_offer(
    callback: CallbackQuery,
    i18n: Translator,
    waitlist: FromDishka[Waitlist],
    actor: FromDishka[Actor],
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
) -> None:
    entry_id = id_after(LEGACY_WAITLIST, callback.data)
    if entry_id is None:
        await callback.answer(i18n.get("error-stale-button"))
        return
    await _book(callback, i18n, waitlist, actor, availability, settings, entry_id)


async def _book(
    callback: CallbackQuery,
    i18n: Translator,
    waitlist: Waitlist,
    actor: Actor,
    availability: AvailabilityService,
    settings: Settings,
    entry_id: int,
) -> None:
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
        booking_id=str(booking.id),
        space=html.escape(offer.space.title(i18n.language)),
        tariff=html.escape(offer.tariff.title(i18n.language)),
        period=format_period(
            i18n, offer.tariff.unit, booking.starts_at, booking.ends_at, settings.tz
        ),
        total=format_rub(booking.total),
    )
    if booking.status is BookingStatus.HELD and booking.hold_expires_at is not None:
        until = format_time(booking.hold_expires_at, settings.tz)
        summary += "\n" + i18n.get("notice-waitlist-booked-hold", until=until)
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


async def on_unreadable(callback: CallbackQuery, i18n: Translator) -> None:
    await callback.answer(i18n.get("error-stale-button"))


def create_router() -> Router:
    router = Router(name=__name__)
    # A plain check first: every button of every dialog passes through here.
    router.callback_query.filter(data_starts_with(*OFFER_PREFIXES))
    router.callback_query.register(on_offer, WaitlistOffer.filter())
    router.callback_query.register(on_legacy_offer, data_starts_with(LEGACY_WAITLIST))
    router.callback_query.register(on_unreadable)  # our prefix, but data that does not parse
    return router
