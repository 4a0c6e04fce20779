"""What the booking windows show: catalog choices, the calendar, times, the summary, the result."""

from __future__ import annotations

import html
import uuid
from typing import Any

from aiogram_dialog import DialogManager
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.booking import (
    BookingStatus,
    booking_interval,
)
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n.formats import format_day, format_period, format_time, format_units
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.my_bookings import MyBookings
from coworking_bot.services.catalog.service import CatalogService
from coworking_bot.services.common.ports import Clock
from dialogs.client.booking.common import (
    MADE,
    PROMO,
    PROMO_ERRORS,
    REQUEST_KEY,
    SPACE,
    TARIFF,
    booking_request,
    chosen_day,
    chosen_start,
    slot_id,
)
from dialogs.shared.calendar import (
    calendar_data,
    start_label,
)
from dialogs.shared.catalog import space_photo, tariff_button
from dialogs.shared.format import price_lines
from dialogs.shared.i18n import translator


@inject
async def spaces_getter(
    dialog_manager: DialogManager, catalog: FromDishka[CatalogService], **_: Any
) -> dict[str, Any]:
    language = translator(dialog_manager).language
    spaces = [
        (group.space.title(language), str(group.space.id))
        for group in await catalog.tariffs_by_space()
        if group.tariffs
    ]
    return {"spaces": spaces, "empty": not spaces}


@inject
async def tariffs_getter(
    dialog_manager: DialogManager, catalog: FromDishka[CatalogService], **_: Any
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    space_id = int(dialog_manager.dialog_data[SPACE])
    items: list[tuple[str, str]] = []
    space_name = ""
    photo = None
    for group in await catalog.tariffs_by_space():
        if group.space.id != space_id:
            continue
        space_name = group.space.title(i18n.language)
        photo = space_photo(group.space)
        items = [(tariff_button(i18n, tariff), str(tariff.id)) for tariff in group.tariffs]
    return {
        "tariffs": items,
        "space": html.escape(space_name),
        "photo": photo,
        "has_photo": photo is not None,
    }


@inject
async def day_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    clock: FromDishka[Clock],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    tariff_id = int(dialog_manager.dialog_data[TARIFF])
    offer = await availability.offer(tariff_id)
    language = translator(dialog_manager).language
    return {
        **await calendar_data(dialog_manager, availability, clock, tariff_id, settings.tz),
        "tariff": html.escape(f"{offer.space.title(language)} · {offer.tariff.title(language)}"),
        "unit": offer.tariff.unit.value,
    }


@inject
async def start_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    settings: FromDishka[Settings],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    starts = await availability.starts(int(data[TARIFF]), chosen_day(data))
    return {
        "date": format_day(translator(dialog_manager), chosen_day(data)),
        "starts": [(start_label(s, settings.tz), slot_id(s)) for s in starts],
        "has_starts": bool(starts),
        "no_starts": not starts,
    }


@inject
async def units_getter(
    dialog_manager: DialogManager, availability: FromDishka[AvailabilityService], **_: Any
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    tariff_id = int(data[TARIFF])
    offer = await availability.offer(tariff_id)
    fitting = await availability.durations(tariff_id, chosen_start(data))
    i18n = translator(dialog_manager)
    return {
        "durations": [(format_units(i18n, offer.tariff.unit, n), str(n)) for n in fitting],
        "unit": offer.tariff.unit.value,
    }


@inject
async def summary_getter(
    dialog_manager: DialogManager,
    availability: FromDishka[AvailabilityService],
    booking: FromDishka[CreateBooking],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    data.setdefault(REQUEST_KEY, uuid.uuid4().hex)
    i18n = translator(dialog_manager)
    offer = await availability.offer(int(data[TARIFF]))
    request = booking_request(data)
    promo_note = ""
    try:
        price = await booking.preview(actor, request)
    except PROMO_ERRORS as error:  # the code stopped applying since it was entered
        data.pop(PROMO, None)
        promo_note = i18n.get(error.key, **error.params)
        price = await booking.preview(actor, booking_request(data))
    if price.is_free:
        payment = i18n.get(
            "book-summary-free-confirm" if offer.tariff.needs_confirmation else "book-summary-free"
        )
    elif settings.payments_enabled:
        payment = i18n.get(
            "book-summary-pay-online", total=format_rub(price.total), minutes=settings.hold_minutes
        )
    else:
        payment = i18n.get("book-summary-pay-on-site")
    interval_end = booking_interval(offer.tariff, request.start, request.units, settings.tz).end
    return {
        "space": html.escape(offer.space.title(i18n.language)),
        "tariff": html.escape(offer.tariff.title(i18n.language)),
        "period": format_period(i18n, offer.tariff.unit, request.start, interval_end, settings.tz),
        "duration": format_units(i18n, offer.tariff.unit, request.units),
        "prices": price_lines(i18n, offer.tariff, price, data.get(PROMO)),
        "payment": payment,
        "promo_note": promo_note,
        "has_promo_note": bool(promo_note),
        # Paid on site, every booking waits for a manager, as the payment line says already.
        "needs_confirmation": offer.tariff.needs_confirmation
        and (price.is_free or settings.payments_enabled),
        "hourly": offer.tariff.unit is TariffUnit.HOUR,
    }


@inject
async def done_getter(
    dialog_manager: DialogManager,
    mine: FromDishka[MyBookings],
    settings: FromDishka[Settings],
    actor: FromDishka[Actor],
    **_: Any,
) -> dict[str, Any]:
    i18n = translator(dialog_manager)
    views = [
        await mine.details(actor, int(booking_id))
        for booking_id in dialog_manager.dialog_data.get(MADE, [])
    ]
    periods = [
        "• "
        + format_period(i18n, v.tariff.unit, v.booking.starts_at, v.booking.ends_at, settings.tz)
        for v in views
    ]
    status = views[0].booking.status if views else BookingStatus.CONFIRMED
    hold = views[0].booking.hold_expires_at if views else None
    if status is BookingStatus.HELD and hold is not None:
        # Several weeks at once: each is paid from My bookings (a single one goes to paying).
        outcome = i18n.get(
            "book-done-held-series",
            until=format_time(hold, settings.tz),
            total=format_rub(sum(v.booking.total for v in views)),
        )
    elif status is BookingStatus.PENDING:
        on_site = not settings.payments_enabled and any(v.booking.total for v in views)
        outcome = i18n.get("book-done-pending-on-site" if on_site else "book-done-pending")
    else:
        outcome = i18n.get("book-done-confirmed")
    title = views[0].space.title(i18n.language) if views else ""
    return {"outcome": outcome, "periods": "\n".join(periods), "space": html.escape(title)}
