"""How days, periods, durations and times read in the user's language: the one format the bot
uses everywhere, in dialogs and in notices alike."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.enums import Language, TariffUnit
from coworking_bot.i18n.translations import Translations, Translator

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


def format_time(moment: datetime, tz: ZoneInfo) -> str:
    """`14:30`, the coworking's wall clock."""
    return f"{moment.astimezone(tz):%H:%M}"


def format_moment(i18n: Translator, moment: datetime, tz: ZoneInfo) -> str:
    """`2 декабря 2026, ср, 14:30`."""
    local = moment.astimezone(tz)
    return f"{format_day(i18n, local.date())}, {local:%H:%M}"


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


class LocalPeriods:
    """`format_period` in any language, for the services' `PeriodText` port."""

    def __init__(self, translations: Translations, tz: ZoneInfo) -> None:
        self._translations = translations
        self._tz = tz

    def __call__(self, language: Language, unit: TariffUnit, start: datetime, end: datetime) -> str:
        return format_period(self._translations(language), unit, start, end, self._tz)
