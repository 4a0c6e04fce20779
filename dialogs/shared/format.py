"""How bookings read in the user's language: days, periods, durations and price breakdowns."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.catalog import Tariff
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.pricing import Quote
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.my_bookings import BookingView

MONTH_KEYS = (
    "month-1",
    "month-2",
    "month-3",
    "month-4",
    "month-5",
    "month-6",
    "month-7",
    "month-8",
    "month-9",
    "month-10",
    "month-11",
    "month-12",
)
WEEKDAY_KEYS = (
    "weekday-0",
    "weekday-1",
    "weekday-2",
    "weekday-3",
    "weekday-4",
    "weekday-5",
    "weekday-6",
)


def format_day(i18n: Translator, day: date) -> str:
    """`2 декабря 2026, ср` / `Wed, 2 December 2026`."""
    return i18n.get(
        "book-date",
        day=day.day,
        month=day.month,
        year=str(day.year),
        weekday=i18n.get(WEEKDAY_KEYS[day.weekday()]),
    )


def format_short_day(i18n: Translator, day: date) -> str:
    """`02.12, ср`: for buttons and lists."""
    return f"{day:%d.%m}, {i18n.get(WEEKDAY_KEYS[day.weekday()])}"


def format_period(
    i18n: Translator, unit: TariffUnit, start: datetime, end: datetime, tz: ZoneInfo
) -> str:
    """Hours: the day and the times; days and months: the first and the last day booked."""
    first, until = start.astimezone(tz), end.astimezone(tz)
    if unit is TariffUnit.HOUR:
        return i18n.get(
            "book-period-hours",
            date=format_day(i18n, first.date()),
            start=f"{first:%H:%M}",
            end=f"{until:%H:%M}",
        )
    last = (until - timedelta(days=1)).date()
    if last <= first.date():
        return format_day(i18n, first.date())
    return i18n.get(
        "book-period-days", first=format_day(i18n, first.date()), last=format_day(i18n, last)
    )


def format_units(i18n: Translator, unit: TariffUnit, units: int) -> str:
    return i18n.get("book-units", unit=unit.value, units=units)


def price_lines(i18n: Translator, tariff: Tariff, quote: Quote, promo_code: str | None) -> str:
    """`2 ч × 1 200 ₽ = 2 400 ₽`, the discounts one per line, then the total."""
    lines = []
    if quote.subtotal:
        lines.append(
            i18n.get(
                "book-price-base",
                units=format_units(i18n, tariff.unit, quote.units),
                price=format_rub(quote.unit_price),
                subtotal=format_rub(quote.subtotal),
            )
        )
    if quote.volume_discount:
        rule = tariff.volume_discount
        lines.append(
            i18n.get(
                "book-price-volume",
                percent=rule.percent if rule else 0,
                amount=format_rub(quote.volume_discount),
            )
        )
    if quote.promo_discount:
        if promo_code:
            lines.append(
                i18n.get(
                    "book-price-promo",
                    code=html.escape(promo_code),
                    amount=format_rub(quote.promo_discount),
                )
            )
        else:
            lines.append(
                i18n.get("book-price-promo-applied", amount=format_rub(quote.promo_discount))
            )
    if quote.is_free:
        lines.append(i18n.get("book-price-free"))
    else:
        lines.append(i18n.get("book-price-total", total=format_rub(quote.total)))
    return "\n".join(lines)


def booking_quote(view: BookingView) -> Quote:
    booking = view.booking
    return Quote(
        booking.unit_price,
        booking.units,
        booking.subtotal,
        booking.volume_discount,
        booking.promo_discount,
    )


def booking_title(i18n: Translator, view: BookingView) -> str:
    return html.escape(f"{view.space.title(i18n.language)} · {view.tariff.title(i18n.language)}")
