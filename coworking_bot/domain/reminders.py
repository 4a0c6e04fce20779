"""When a client is reminded of a booking: a day before and an hour before it starts (each can be
switched off), and for a monthly tariff some days before the period ends, with an offer to extend.

A day pass or a month starts at midnight; a reminder "an hour before" midnight would wake people
up, so those are timed from the space's opening on the first day. A reminder whose moment passed
long ago (the bot was down, or the booking was made after it) is not sent late: a "tomorrow"
reminder two hours before the start says nothing the client does not know."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coworking_bot.domain.availability import opening_window
from coworking_bot.domain.booking import Booking
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import TariffUnit

DAY_LEAD = timedelta(hours=24)
HOUR_LEAD = timedelta(hours=1)
# A day reminder is sent within this after its moment, and not later than `DAY_LATEST` before the
# start; an hour reminder not later than `HOUR_LATEST` before the start.
DAY_GRACE = timedelta(hours=4)
DAY_LATEST = timedelta(hours=3)
HOUR_LATEST = timedelta(minutes=10)
# A renewal offer is not sent in the last hours of a period: too late to act on.
RENEWAL_LATEST = timedelta(hours=6)


class ReminderKind(StrEnum):
    DAY = "day"
    HOUR = "hour"
    RENEWAL = "renewal"


class Verdict(StrEnum):
    WAIT = "wait"  # its moment has not come
    SEND = "send"
    SKIP = "skip"  # switched off, or its moment is gone: noted as done, never sent


@dataclass(frozen=True, slots=True)
class ReminderRules:
    day_before: bool = True
    hour_before: bool = True
    renewal_days: int = 3  # 0: no renewal offers


def effective_start(booking: Booking, tariff: Tariff, space: Space, tz: ZoneInfo) -> datetime:
    """When the client is expected: the start of an hourly booking; for a day or a month, the
    space's opening on the first day (midnight when it is closed that day)."""
    if tariff.unit is TariffUnit.HOUR:
        return booking.starts_at
    window = opening_window(space, booking.starts_at.astimezone(tz).date(), tz)
    return max(booking.starts_at, window.start) if window else booking.starts_at


def before_start(
    kind: ReminderKind, start: datetime, now: datetime, rules: ReminderRules
) -> Verdict:
    """The day or hour reminder of a booking expected at `start`, at `now`."""
    if kind is ReminderKind.DAY:
        enabled, moment, latest = (
            rules.day_before,
            start - DAY_LEAD,
            min(start - DAY_LEAD + DAY_GRACE, start - DAY_LATEST),
        )
    else:
        enabled, moment, latest = rules.hour_before, start - HOUR_LEAD, start - HOUR_LATEST
    if now < moment and enabled:
        return Verdict.WAIT
    if not enabled or now >= latest:
        return Verdict.SKIP
    return Verdict.SEND


def renewal(booking: Booking, tariff: Tariff, now: datetime, rules: ReminderRules) -> Verdict:
    """The offer to extend a monthly booking, `renewal_days` before its period ends."""
    if tariff.unit is not TariffUnit.MONTH or rules.renewal_days <= 0:
        return Verdict.SKIP
    if now < booking.ends_at - timedelta(days=rules.renewal_days):
        return Verdict.WAIT
    if now >= booking.ends_at - RENEWAL_LATEST:
        return Verdict.SKIP
    return Verdict.SEND
