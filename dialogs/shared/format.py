"""How bookings read in the user's language on screens: titles and price breakdowns (days,
periods and durations are `coworking_bot.i18n.formats`, shared with the notices)."""

from __future__ import annotations

import html

from coworking_bot.domain.catalog import Tariff
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.pricing import Quote
from coworking_bot.domain.users import User
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_units
from coworking_bot.services.booking.my_bookings import BookingView


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


def client_label(user: User) -> str:
    """A client on a button: the name (or the Telegram id), the phone, 🚫 when banned."""
    label = user.full_name or f"ID {user.telegram_id}"
    if user.phone:
        label += f" · {user.phone}"
    return f"🚫 {label}" if user.is_banned else label
