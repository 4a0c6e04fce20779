"""Shared steps for booking tests: the demo catalog, users, staff, promo codes and rows."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import (
    BookingRow,
    OutboxMessageRow,
    PromoCodeRow,
    SpaceRow,
    StaffMemberRow,
    TariffRow,
    UserRow,
)
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.cancellation import CancelTerms
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.pricing import DiscountKind, Quote
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.decisions import DecideBooking
from coworking_bot.services.booking.policy import BookingRequest, SeriesDate
from coworking_bot.services.booking.ports import WaitlistEntry
from coworking_bot.services.booking.series import WeeklySeries
from coworking_bot.services.booking.timers import BookingTimers
from coworking_bot.services.booking.waitlist import Waitlist

TZ = ZoneInfo("Europe/Moscow")
# FakeClock's "now" is Tuesday 2026-12-01 12:00 in Moscow; this is the Thursday after.
DAY = date(2026, 12, 3)

_referral_codes = itertools.count(1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time of the coworking, as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True)
class Demo:
    """Tariff and space ids of the seeded demo coworking."""

    trial: int
    day_pass: int
    hourly_desk: int
    fixed_desk: int
    small_room: int
    large_room: int
    office: int
    open_space_id: int
    small_room_id: int
    large_room_id: int
    office_id: int


async def seed(factory: async_sessionmaker[AsyncSession]) -> Demo:
    await seed_demo(factory, force=True)  # tests seed whenever they like
    async with factory() as session:
        rows = (
            await session.execute(
                select(TariffRow.id, TariffRow.name_en, SpaceRow.id, SpaceRow.name_en).join(
                    SpaceRow, SpaceRow.id == TariffRow.space_id
                )
            )
        ).all()
    tariffs = {(space, tariff): tariff_id for tariff_id, tariff, _, space in rows}
    spaces = {space: space_id for _, _, space_id, space in rows}
    return Demo(
        trial=tariffs[("Open space", "Free trial day")],
        day_pass=tariffs[("Open space", "Day pass")],
        hourly_desk=tariffs[("Open space", "Hourly desk")],
        fixed_desk=tariffs[("Open space", "Fixed desk")],
        small_room=tariffs[("Meeting room Small", "Hourly")],
        large_room=tariffs[("Meeting room Large", "Hourly")],
        office=tariffs[("Private office for 4", "Monthly")],
        open_space_id=spaces["Open space"],
        small_room_id=spaces["Meeting room Small"],
        large_room_id=spaces["Meeting room Large"],
        office_id=spaces["Private office for 4"],
    )


async def add_user(
    factory: async_sessionmaker[AsyncSession],
    telegram_id: int,
    *,
    language: Language = Language.RU,
    name: str | None = None,
) -> int:
    """A registered user; returns their user id."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with factory() as session:
        row = UserRow(
            telegram_id=telegram_id,
            full_name=name or f"User {telegram_id}",
            phone="+79161234567",
            language=language,
            referral_code=f"ref{telegram_id}x{next(_referral_codes)}",
            consent_at=now,
            registered_at=now,
        )
        session.add(row)
        await session.commit()
        return row.id


async def add_users(factory: async_sessionmaker[AsyncSession], telegram_ids: range) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with factory() as session:
        session.add_all(
            UserRow(
                telegram_id=telegram_id,
                full_name=f"User {telegram_id}",
                language=Language.RU,
                referral_code=f"ref{telegram_id}x{next(_referral_codes)}",
                consent_at=now,
                registered_at=now,
            )
            for telegram_id in telegram_ids
        )
        await session.commit()


async def add_staff(
    factory: async_sessionmaker[AsyncSession], telegram_id: int, role: StaffRole
) -> None:
    async with factory() as session:
        session.add(StaffMemberRow(telegram_id=telegram_id, role=role, added_by=1000))
        await session.commit()


async def add_promo(
    factory: async_sessionmaker[AsyncSession],
    code: str,
    *,
    kind: DiscountKind = DiscountKind.PERCENT,
    value: int = 10,
    **fields: Any,
) -> int:
    async with factory() as session:
        row = PromoCodeRow(code=code, kind=kind, value=value, **fields)
        session.add(row)
        await session.commit()
        return row.id


async def promo_row(factory: async_sessionmaker[AsyncSession], code: str) -> PromoCodeRow:
    async with factory() as session:
        row = await session.scalar(select(PromoCodeRow).where(PromoCodeRow.code == code))
        assert row is not None
        return row


async def fill(
    factory: async_sessionmaker[AsyncSession],
    *,
    user_id: int,
    space_id: int,
    tariff_id: int,
    start: datetime,
    end: datetime,
    count: int,
    exclusive: bool = False,
) -> None:
    """`count` confirmed bookings written straight into the table (someone booked before)."""
    async with factory() as session:
        session.add_all(
            BookingRow(
                user_id=user_id,
                space_id=space_id,
                tariff_id=tariff_id,
                status=BookingStatus.CONFIRMED,
                starts_at=start,
                ends_at=end,
                exclusive=exclusive,
                units=1,
                unit_price=0,
                subtotal=0,
                total=0,
            )
            for _ in range(count)
        )
        await session.commit()


class BookingUseCases:
    """The booking use cases as one update gets them (one request scope, one session), called
    by a client's Telegram id."""

    def __init__(self, request: AsyncContainer) -> None:
        self._request = request

    async def preview(self, telegram_id: int, request: BookingRequest) -> Quote:
        return await (await self._request.get(CreateBooking)).preview(client(telegram_id), request)

    async def create(self, telegram_id: int, request: BookingRequest) -> Booking:
        return await (await self._request.get(CreateBooking)).create(client(telegram_id), request)

    async def cancel(self, telegram_id: int, booking_id: int) -> CancelTerms:
        return await (await self._request.get(ChangeBooking)).cancel(
            client(telegram_id), booking_id
        )

    async def cancel_terms(self, telegram_id: int, booking_id: int) -> CancelTerms:
        changes = await self._request.get(ChangeBooking)
        return await changes.cancel_terms(client(telegram_id), booking_id)

    async def move(self, telegram_id: int, booking_id: int, start: datetime) -> Booking:
        changes = await self._request.get(ChangeBooking)
        return await changes.move(client(telegram_id), booking_id, start)

    async def join_waitlist(
        self, telegram_id: int, tariff_id: int, start: datetime, units: int
    ) -> WaitlistEntry:
        waitlist = await self._request.get(Waitlist)
        return await waitlist.join(client(telegram_id), tariff_id, start, units)

    async def book_offer(self, telegram_id: int, entry_id: int) -> Booking:
        return await (await self._request.get(Waitlist)).book_offer(client(telegram_id), entry_id)

    async def weekly_dates(
        self, telegram_id: int, tariff_id: int, start: datetime, units: int, weeks: int
    ) -> list[SeriesDate]:
        series = await self._request.get(WeeklySeries)
        return await series.dates(client(telegram_id), tariff_id, start, units, weeks)

    async def book_series(
        self,
        telegram_id: int,
        tariff_id: int,
        starts: list[datetime],
        units: int,
        request_key: str | None = None,
    ) -> list[Booking]:
        series = await self._request.get(WeeklySeries)
        return await series.book(
            client(telegram_id), tariff_id, starts, units, request_key=request_key
        )

    async def confirm(
        self, actor: Actor, booking_id: int, *, revision: int | None = None
    ) -> Booking:
        decisions = await self._request.get(DecideBooking)
        return await decisions.confirm(actor, booking_id, revision=revision)

    async def reject(
        self, actor: Actor, booking_id: int, *, revision: int | None = None
    ) -> Booking:
        decisions = await self._request.get(DecideBooking)
        return await decisions.reject(actor, booking_id, revision=revision)

    async def expire_due_holds(self) -> int:
        return await (await self._request.get(BookingTimers)).expire_due_holds()


def client(telegram_id: int) -> Actor:
    """A client as the services see them."""
    return Actor(telegram_id, None)


@asynccontextmanager
async def booking_service(container: AsyncContainer) -> AsyncIterator[BookingUseCases]:
    """The use cases as one update gets them: their own request scope and database session."""
    async with container() as request:
        yield BookingUseCases(request)


async def book(
    container: AsyncContainer,
    telegram_id: int,
    tariff_id: int,
    start: datetime,
    units: int = 1,
    **request: Any,
) -> Booking:
    async with booking_service(container) as service:
        return await service.create(telegram_id, BookingRequest(tariff_id, start, units, **request))


async def bookings(factory: async_sessionmaker[AsyncSession]) -> list[BookingRow]:
    async with factory() as session:
        return list(await session.scalars(select(BookingRow).order_by(BookingRow.id)))


async def live_count(factory: async_sessionmaker[AsyncSession], space_id: int) -> int:
    live = {BookingStatus.HELD, BookingStatus.PENDING, BookingStatus.CONFIRMED}
    return sum(
        1 for row in await bookings(factory) if row.space_id == space_id and row.status in live
    )


async def notices(
    factory: async_sessionmaker[AsyncSession], key: str | None = None
) -> list[OutboxMessageRow]:
    async with factory() as session:
        query = select(OutboxMessageRow).order_by(OutboxMessageRow.id)
        if key is not None:
            query = query.where(OutboxMessageRow.key == key)
        return list(await session.scalars(query))


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
