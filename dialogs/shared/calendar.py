"""The booking calendar: aiogram-dialog's `Calendar` in the user's language, with the days that
cannot be booked marked, and the pieces both the booking and the reschedule windows share."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery, InlineKeyboardButton
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Calendar, CalendarConfig
from aiogram_dialog.widgets.kbd.calendar_kbd import (
    CALLBACK_SCOPE_MONTHS,
    CalendarDaysView,
    CalendarScope,
    CalendarScopeView,
    CalendarUserConfig,
    ManagedCalendar,
    OnDateSelected,
    date_from_raw,
    month_begin,
)
from aiogram_dialog.widgets.text import Text
from dishka import AsyncContainer

from coworking_bot.domain.booking import ClosedTime, PastTime, PlaceTaken, TooFarAhead
from coworking_bot.domain.errors import DomainError
from coworking_bot.i18n.formats import MONTH_KEYS, WEEKDAY_KEYS, format_time
from coworking_bot.services.booking.availability import AvailabilityService, DayState
from coworking_bot.services.common.ports import Clock
from dialogs.middlewares import CONTAINER_KEY
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import translator
from dialogs.shared.window import Explain

CALENDAR_ID = "cal"
DAY_STATES = "day_states"
MIN_DATE = "cal_min"
MAX_DATE = "cal_max"
UNAVAILABLE_MARK = "✖"


class DayText(Text):
    """The day's number, or a cross for a day that cannot be booked (full, closed, too late)."""

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        day: date = data["date"]
        states: dict[str, str] = data["data"].get(DAY_STATES, {})
        if states.get(day.isoformat()) == DayState.FREE.value:
            return str(day.day)
        return UNAVAILABLE_MARK


class WeekdayText(Text):
    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        day: date = data["date"]
        return translator(manager).get(WEEKDAY_KEYS[day.weekday()])


class MonthText(Text):
    """`Декабрь 2026`, with an optional arrow: the header and the month pager."""

    def __init__(self, before: str = "", after: str = "") -> None:
        super().__init__()
        self.before = before
        self.after = after

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        day: date = data["date"]
        name = translator(manager).get(MONTH_KEYS[day.month - 1])
        return f"{self.before}{name} {day.year}{self.after}"


class DaysView(CalendarDaysView):
    """Days only: no zooming out to months and years (the horizon is a few weeks)."""

    async def _render_pager(
        self, config: CalendarConfig, offset: date, data: dict[str, Any], manager: DialogManager
    ) -> list[InlineKeyboardButton]:
        buttons = await super()._render_pager(config, offset, data, manager)
        zoom = self.callback_generator(CALLBACK_SCOPE_MONTHS)
        return [button for button in buttons if button.callback_data != zoom]


class BookingCalendar(Calendar):
    """Limits come from the window's getter (`cal_min`, `cal_max`), so they follow our clock.

    The limits only hide buttons: a tap on an old keyboard must be checked again in `on_click`.
    """

    def __init__(self, on_click: OnDateSelected) -> None:
        super().__init__(id=CALENDAR_ID, on_click=on_click)

    def _init_views(self) -> dict[CalendarScope, CalendarScopeView]:
        return {
            CalendarScope.DAYS: DaysView(
                self._item_callback_data,
                date_text=DayText(),
                today_text=DayText(),
                weekday_text=WeekdayText(),
                header_text=MonthText("🗓 "),
                prev_month_text=MonthText("◀️ "),
                next_month_text=MonthText(after=" ▶️"),
            )
        }

    def get_scope(self, manager: DialogManager) -> CalendarScope:
        return CalendarScope.DAYS

    async def _get_user_config(
        self, data: dict[str, Any], manager: DialogManager
    ) -> CalendarUserConfig:
        return CalendarUserConfig(
            firstweekday=0,
            min_date=date.fromisoformat(data[MIN_DATE]),
            max_date=date.fromisoformat(data[MAX_DATE]),
        )


async def calendar_data(
    manager: DialogManager,
    availability: AvailabilityService,
    clock: Clock,
    tariff_id: int,
    tz: ZoneInfo,
) -> dict[str, Any]:
    """The calendar's limits and the shown month's day states, for a window getter."""
    offer = await availability.offer(tariff_id)
    now = clock.now()
    today = now.astimezone(tz).date()
    last = (now + timedelta(days=offer.space.booking_horizon_days)).astimezone(tz).date()
    calendar = manager.find(CALENDAR_ID)
    assert isinstance(calendar, ManagedCalendar)
    offset = calendar.get_offset()
    if offset is None or offset < month_begin(today) or offset > last:
        offset = today
        calendar.set_offset(offset)
    states = await availability.month(tariff_id, offset.year, offset.month)
    return {
        MIN_DATE: today.isoformat(),
        MAX_DATE: last.isoformat(),
        DAY_STATES: {day.isoformat(): state.value for day, state in states.items()},
    }


async def day_refusal(
    availability: AvailabilityService, tariff_id: int, day: date
) -> tuple[DayState, DomainError | None]:
    """The day's state now, and for a day that cannot be booked (not full) the reason why."""
    state = await availability.day_state(tariff_id, day)
    if state is DayState.PAST:
        return state, PastTime()
    if state is DayState.CLOSED:
        return state, ClosedTime()
    if state is DayState.BEYOND:
        offer = await availability.offer(tariff_id)
        return state, TooFarAhead(days=offer.space.booking_horizon_days)
    return state, None


async def refuse_day(
    callback: CallbackQuery,
    manager: DialogManager,
    availability: AvailabilityService,
    tariff_id: int,
    day: date,
) -> bool:
    """A day tapped in a booking calendar: True, and the user told why, when it cannot be
    booked now (past, closed, too far ahead, or full)."""
    state, refusal = await day_refusal(availability, tariff_id, day)
    if refusal is None and state is DayState.FULL:
        refusal = PlaceTaken()
    if refusal is None:
        return False
    await show_error(callback, manager, refusal)
    return True


def day_explainer(tariff_key: str) -> Explain:
    """Why a day the calendar no longer offers cannot be booked (the tariff's id is
    `dialog_data[tariff_key]`): past, closed, or beyond the booking horizon."""

    async def explain(tapped: str, manager: DialogManager) -> str | None:
        prefix = f"{CALENDAR_ID}:"
        raw = tapped.removeprefix(prefix)
        if not tapped.startswith(prefix) or not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
            return None
        try:
            day = date_from_raw(int(raw))
        except OverflowError:
            return None
        container: AsyncContainer = manager.middleware_data[CONTAINER_KEY]
        availability = await container.get(AvailabilityService)
        tariff_id = manager.dialog_data.get(tariff_key)
        if not isinstance(tariff_id, int):
            return None
        _, refusal = await day_refusal(availability, tariff_id, day)
        if refusal is None:
            return None
        return translator(manager).get(refusal.key, **refusal.params)

    return explain


async def explain_taken_start(tapped: str, manager: DialogManager) -> str | None:
    """A start time no longer offered: someone took it, or it has passed."""
    return translator(manager).get(PlaceTaken.key)


def start_label(start: datetime, tz: ZoneInfo) -> str:
    return format_time(start, tz)
