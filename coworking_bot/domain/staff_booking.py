"""A booking staff make for a registered client: how they name the client, how the booking
starts, and why it may be refused (on top of every rule a client's own booking follows)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import StrEnum

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.errors import DomainError, InvalidPhone, InvalidSearch
from coworking_bot.domain.pricing import Quote
from coworking_bot.domain.users import SearchKind, client_query, normalize_phone


class StaffPayment(StrEnum):
    """How the client pays for a booking staff made, as staff picked."""

    ON_SITE = "on_site"  # at the desk, when they come
    LINK = "link"  # online, from a notice with a Pay button


class InvalidClientKey(DomainError):
    """Not a phone number, an @username or a Telegram id."""

    key = "error-staff-booking-client-key"


class ClientNotFound(DomainError):
    key = "error-staff-booking-client-unknown"


class ClientNotRegistered(DomainError):
    key = "error-staff-booking-client-unregistered"


class ClientBannedFromBooking(DomainError):
    key = "error-staff-booking-client-banned"


class PaymentLinksOff(DomainError):
    """A payment link needs online payments, which this coworking does not take."""

    key = "error-staff-booking-links-off"


@dataclass(frozen=True, slots=True)
class ClientKey:
    """What names exactly one client: a Telegram id, a phone (E.164, a few readings of what was
    typed) or an @username (case-folded, without the @)."""

    telegram_id: int | None = None
    phones: tuple[str, ...] = ()
    username: str | None = None


def client_key(raw: str | None) -> ClientKey:
    """`@anna`, `+7 916 123-45-67`, `89161234567` or `123456789` (a Telegram id, which may also
    be read as a phone); a part of a name names nobody for sure, so it is refused."""
    text = " ".join((raw or "").split())
    if len(text) <= 15 and text.isascii() and text.isdigit() and int(text) > 0:
        return ClientKey(telegram_id=int(text), phones=_phones(text, text))
    try:
        query = client_query(text)
    except InvalidSearch:
        raise InvalidClientKey() from None
    if query.kind is SearchKind.USERNAME:
        return ClientKey(username=query.value)
    if query.kind is SearchKind.NAME:
        raise InvalidClientKey()
    return ClientKey(phones=_phones(text, query.value))


def _phones(text: str, digits: str) -> tuple[str, ...]:
    """The ways a typed number may be stored: its digits after a `+`, and the number read as a
    phone of the coworking's country (`8 916 ...`, `916 ...`)."""
    phones = {f"+{digits}"}
    with contextlib.suppress(InvalidPhone):
        phones.add(normalize_phone(text))
    return tuple(sorted(phones))


def staff_booking_status(
    price: Quote, payment: StaffPayment, *, online_payments: bool
) -> BookingStatus:
    """Where a booking staff make starts. Paid on site (or free), it is confirmed at once: staff
    made it, so there is no request to themselves, whatever the tariff. With a payment link it
    is held for the client's money, like the client's own booking."""
    if payment is StaffPayment.LINK and not online_payments:
        raise PaymentLinksOff()
    if price.is_free or payment is StaffPayment.ON_SITE:
        return BookingStatus.CONFIRMED
    return BookingStatus.HELD
