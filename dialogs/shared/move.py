"""The steps of moving a booking that the client's move (My bookings) and a staff move (the
desk) share: a day picked from the booking calendar, then a start time for an hourly tariff (a day
or a month starts at midnight), then the confirm window. Each dialog keeps the picks under keys of
its own; the new time is checked again when the move is made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import ChatEvent, DialogManager
from aiogram_dialog.widgets.kbd import ManagedCalendar
from dishka import AsyncContainer

from coworking_bot.config import Settings
from coworking_bot.domain.booking import local_midnight
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.services.booking.availability import AvailabilityService
from dialogs.client.booking.common import slot_start
from dialogs.middlewares import CONTAINER_KEY
from dialogs.shared.calendar import refuse_day


@dataclass(frozen=True, slots=True)
class MoveSteps:
    """Where a dialog keeps the move's picks (`dialog_data` keys) and its next windows."""

    tariff_key: str
    day_key: str
    start_key: str
    start_state: State
    confirm_state: State

    def chosen_day(self, data: dict[str, Any]) -> date:
        return date.fromisoformat(str(data[self.day_key]))

    def chosen_start(self, data: dict[str, Any]) -> datetime:
        return datetime.fromisoformat(str(data[self.start_key]))

    async def on_day(
        self, callback: ChatEvent, _: ManagedCalendar, manager: DialogManager, day: date
    ) -> None:
        """A day tapped in the calendar (the keyboard may be old: checked again, now)."""
        container: AsyncContainer = manager.middleware_data[CONTAINER_KEY]
        availability = await container.get(AvailabilityService)
        tariff_id = int(manager.dialog_data[self.tariff_key])
        assert isinstance(callback, CallbackQuery)  # a calendar button
        if await refuse_day(callback, manager, availability, tariff_id, day):
            return
        manager.dialog_data[self.day_key] = day.isoformat()
        offer = await availability.offer(tariff_id)
        if offer.tariff.unit is TariffUnit.HOUR:
            await manager.switch_to(self.start_state)
            return
        settings = await container.get(Settings)
        manager.dialog_data[self.start_key] = local_midnight(day, settings.tz).isoformat()
        await manager.switch_to(self.confirm_state)

    async def on_start(
        self, callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str
    ) -> None:
        """A start time picked (offered by the window, so a slot id)."""
        manager.dialog_data[self.start_key] = slot_start(item_id).isoformat()
        await manager.switch_to(self.confirm_state)
