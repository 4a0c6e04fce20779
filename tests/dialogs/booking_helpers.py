"""Shared steps for the booking dialog tests: the demo catalog, other clients, promo codes,
bookings made straight through the service, and reading what the bot showed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.methods import AnswerCallbackQuery
from aiogram.types import Message
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonDataLocator, InlineButtonTextLocator
from aiogram_dialog.widgets.kbd.calendar_kbd import raw_from_date
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BookingRow, PromoCodeRow, SpaceRow, TariffRow, UserRow
from coworking_bot.domain.booking import Booking
from coworking_bot.domain.enums import Language
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.services.booking.policy import BookingRequest
from tests.dialogs.helpers import button_texts
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import booking_service

Sessions = async_sessionmaker[AsyncSession]
MSK = ZoneInfo("Europe/Moscow")
NNBSP = "\u202f"


DEC_2 = date(2026, 12, 2)


def rub(text: str) -> str:
    """`1 200 ₽` as the bot writes it (a narrow no-break space between thousands)."""
    return re.sub(r"(\d) (\d{3})\b", rf"\1{NNBSP}\2", text)


def msk(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MSK).astimezone(UTC)


async def tariff_id(session_factory: Sessions, name_en: str, space_en: str = "Open space") -> int:
    async with session_factory() as session:
        found = await session.scalar(
            select(TariffRow.id)
            .join(SpaceRow, SpaceRow.id == TariffRow.space_id)
            .where(TariffRow.name_en == name_en, SpaceRow.name_en == space_en)
        )
        assert found is not None, name_en
        return int(found)


async def add_promo(session_factory: Sessions, code: str, **fields: Any) -> None:
    values: dict[str, Any] = {"kind": DiscountKind.PERCENT, "value": 20, "per_user_limit": 1}
    values.update(fields)
    async with session_factory() as session:
        session.add(PromoCodeRow(code=code, **values))
        await session.commit()


async def add_client(session_factory: Sessions, telegram_id: int) -> None:
    """A registered client, written straight to the database."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with session_factory() as session:
        session.add(
            UserRow(
                telegram_id=telegram_id,
                full_name=f"Client {telegram_id}",
                phone=f"+7916000{telegram_id:04d}",
                language=Language.RU,
                referral_code=f"code{telegram_id}",
                consent_at=now,
                registered_at=now,
            )
        )
        await session.commit()


async def book_directly(
    container: AsyncContainer, telegram_id: int, tariff: int, start: datetime, units: int = 1
) -> Booking:
    async with booking_service(container) as service:
        return await service.create(telegram_id, BookingRequest(tariff, start, units))


async def bookings(session_factory: Sessions) -> list[BookingRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(BookingRow).order_by(BookingRow.id)))


async def click_prefix(client: BotClient, recorder: WindowRecorder, prefix: str) -> str:
    """Click the button of the latest window whose text starts with `prefix`."""
    message = recorder.last_message()
    locator = InlineButtonTextLocator(re.escape(prefix) + ".*")
    if locator.find_button(message) is None:
        raise AssertionError(f"no button {prefix!r}… in {button_texts(message)}")
    return await client.click(message, locator)


async def click_day(client: BotClient, message: Message, day: date) -> str:
    """Tap a calendar day by its callback data, whatever the button shows (even on an old
    message)."""
    return await client.click(message, InlineButtonDataLocator(f".*cal:{raw_from_date(day)}"))


def alerts(telegram: RecordingSession) -> list[str]:
    return [
        str(call.text)
        for call in telegram.calls
        if isinstance(call, AnswerCallbackQuery) and call.text
    ]


async def cancel_directly(container: AsyncContainer, telegram_id: int, booking_id: int) -> None:
    async with booking_service(container) as service:
        await service.cancel(telegram_id, booking_id)
