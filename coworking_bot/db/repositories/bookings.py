"""Bookings, promo codes and the waitlist in SQL. Never commits; the service owns the
transaction and takes the space lock first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import (
    BookingRow,
    SpaceRow,
    TariffRow,
)
from coworking_bot.db.repositories.catalog import space_from_row, tariff_from_row
from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import LIVE_STATUSES, Booking, BookingStatus
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import TariffUnit
from coworking_bot.domain.reminders import ReminderKind
from coworking_bot.services.booking.ports import NewBooking

_LIVE = tuple(LIVE_STATUSES)
# Statuses that count as "has booked before" (first-booking promo codes, once-only trials).
_USED = (*_LIVE, BookingStatus.COMPLETED, BookingStatus.NO_SHOW)
_NEXT = aliased(BookingRow)  # the booking a renewal offer is about, beside the one that follows it
_REMINDER_COLUMNS = {
    ReminderKind.DAY: BookingRow.day_reminded_at,
    ReminderKind.HOUR: BookingRow.hour_reminded_at,
    ReminderKind.RENEWAL: BookingRow.renewal_reminded_at,
}


def booking_from_row(row: BookingRow) -> Booking:
    return Booking(
        id=row.id,
        user_id=row.user_id,
        space_id=row.space_id,
        tariff_id=row.tariff_id,
        status=row.status,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        units=row.units,
        unit_price=row.unit_price,
        subtotal=row.subtotal,
        volume_discount=row.volume_discount,
        promo_discount=row.promo_discount,
        total=row.total,
        promo_code_id=row.promo_code_id,
        hold_expires_at=row.hold_expires_at,
        series_id=row.series_id,
        created_at=row.created_at,
        free_cancel_until=row.free_cancel_until,
        revision=row.revision,
        checked_in_at=row.checked_in_at,
    )


class SqlBookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_space(self, space_id: int) -> None:
        """Serialize every booking change of one space until the transaction ends.

        SQLite: BEGIN IMMEDIATE (one writer at a time for the whole file). PostgreSQL: a row lock
        on the space, so other spaces are booked in parallel.
        """
        await begin_write(self._session)
        if self._session.bind is not None and self._session.bind.dialect.name != "sqlite":
            await self._session.execute(
                select(SpaceRow.id).where(SpaceRow.id == space_id).with_for_update()
            )

    async def tariff_with_space(self, tariff_id: int) -> tuple[Tariff, Space] | None:
        row = (
            await self._session.execute(
                select(TariffRow, SpaceRow)
                .join(SpaceRow, SpaceRow.id == TariffRow.space_id)
                .where(TariffRow.id == tariff_id)
            )
        ).first()
        if row is None:
            return None
        return tariff_from_row(row[0]), space_from_row(row[1])

    async def live_intervals(
        self,
        space_id: int,
        start: datetime,
        end: datetime,
        *,
        exclude_ids: Sequence[int] = (),
    ) -> list[Interval]:
        query = select(BookingRow.starts_at, BookingRow.ends_at).where(
            BookingRow.space_id == space_id,
            BookingRow.status.in_(_LIVE),
            BookingRow.starts_at < end,
            BookingRow.ends_at > start,
        )
        if exclude_ids:
            query = query.where(BookingRow.id.not_in(exclude_ids))
        return [Interval(s, e) for s, e in (await self._session.execute(query)).all()]

    async def add(self, booking: NewBooking) -> Booking:
        row = BookingRow(
            user_id=booking.user_id,
            space_id=booking.space_id,
            tariff_id=booking.tariff_id,
            status=booking.status,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            exclusive=booking.exclusive,
            units=booking.units,
            unit_price=booking.quote.unit_price,
            subtotal=booking.quote.subtotal,
            volume_discount=booking.quote.volume_discount,
            promo_discount=booking.quote.promo_discount,
            total=booking.quote.total,
            promo_code_id=booking.promo_code_id,
            hold_expires_at=booking.hold_expires_at,
            series_id=booking.series_id,
            request_key=booking.request_key,
            free_cancel_until=booking.free_cancel_until,
        )
        self._session.add(row)
        await self._session.flush()
        return booking_from_row(row)

    async def get(self, booking_id: int) -> Booking | None:
        row = await self._session.get(BookingRow, booking_id, populate_existing=True)
        return booking_from_row(row) if row else None

    async def by_request_key(self, request_key: str) -> Booking | None:
        row = await self._session.scalar(
            select(BookingRow).where(BookingRow.request_key == request_key)
        )
        return booking_from_row(row) if row else None

    async def change_status(
        self,
        booking_id: int,
        *,
        expected: BookingStatus,
        new: BookingStatus,
        **fields: Any,
    ) -> bool:
        """Move a booking only if it is still in `expected`: a lost race changes nothing."""
        result = await self._session.execute(
            update(BookingRow)
            .where(BookingRow.id == booking_id, BookingRow.status == expected)
            .values(status=new, **fields)
        )
        return bool(getattr(result, "rowcount", 0))

    async def move(
        self,
        booking_id: int,
        *,
        expected: BookingStatus,
        status: BookingStatus,
        starts_at: datetime,
        ends_at: datetime,
        free_cancel_until: datetime,
    ) -> bool:
        result = await self._session.execute(
            update(BookingRow)
            .where(BookingRow.id == booking_id, BookingRow.status == expected)
            .values(
                status=status,
                starts_at=starts_at,
                ends_at=ends_at,
                free_cancel_until=free_cancel_until,
                revision=BookingRow.revision + 1,
                # Reminders are for the new time.
                day_reminded_at=None,
                hour_reminded_at=None,
                renewal_reminded_at=None,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def reminders_pending(
        self, starts_from: datetime, starts_to: datetime, limit: int
    ) -> list[tuple[Booking, frozenset[ReminderKind]]]:
        """Confirmed bookings starting in the range with a day or hour reminder not done yet."""
        rows = await self._session.scalars(
            select(BookingRow)
            .where(
                BookingRow.status == BookingStatus.CONFIRMED,
                BookingRow.starts_at >= starts_from,
                BookingRow.starts_at < starts_to,
                (BookingRow.day_reminded_at.is_(None) | BookingRow.hour_reminded_at.is_(None)),
            )
            .order_by(BookingRow.starts_at, BookingRow.id)
            .limit(limit)
        )
        found = []
        for row in rows:
            left = {ReminderKind.DAY} if row.day_reminded_at is None else set()
            if row.hour_reminded_at is None:
                left.add(ReminderKind.HOUR)
            found.append((booking_from_row(row), frozenset(left)))
        return found

    async def renewals_pending(
        self, ends_from: datetime, ends_to: datetime, limit: int
    ) -> list[Booking]:
        """Confirmed monthly bookings ending in the range, not offered a renewal yet, whose client
        has not booked a later period of the same tariff already."""
        following = (
            select(BookingRow.id)
            .where(
                BookingRow.user_id == _NEXT.user_id,
                BookingRow.tariff_id == _NEXT.tariff_id,
                BookingRow.status.in_(_LIVE),
                BookingRow.starts_at > _NEXT.starts_at,  # a later period, booked already
                BookingRow.id != _NEXT.id,
            )
            .exists()
        )
        rows = await self._session.scalars(
            select(_NEXT)
            .join(TariffRow, TariffRow.id == _NEXT.tariff_id)
            .where(
                _NEXT.status == BookingStatus.CONFIRMED,
                TariffRow.unit == TariffUnit.MONTH,
                _NEXT.ends_at >= ends_from,
                _NEXT.ends_at < ends_to,
                _NEXT.renewal_reminded_at.is_(None),
                ~following,
            )
            .order_by(_NEXT.ends_at, _NEXT.id)
            .limit(limit)
        )
        return [booking_from_row(row) for row in rows]

    async def mark_reminded(
        self, booking_id: int, kind: ReminderKind, *, starts_at: datetime, now: datetime
    ) -> bool:
        """Claim one reminder of the booking at the time it has: False when it is done already,
        the booking moved or is no longer confirmed (then nothing is sent)."""
        column = _REMINDER_COLUMNS[kind]
        result = await self._session.execute(
            update(BookingRow)
            .where(
                BookingRow.id == booking_id,
                BookingRow.status == BookingStatus.CONFIRMED,
                BookingRow.starts_at == starts_at,
                column.is_(None),
            )
            .values({column.key: now})
        )
        return bool(getattr(result, "rowcount", 0))

    async def count_waiting(self, user_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(BookingRow)
            .where(
                BookingRow.user_id == user_id,
                BookingRow.status.in_((BookingStatus.HELD, BookingStatus.PENDING)),
            )
        )
        return int(count or 0)

    async def unanswered_ended(self, now: datetime, limit: int) -> list[int]:
        rows = await self._session.scalars(
            select(BookingRow.id)
            .where(BookingRow.status == BookingStatus.PENDING, BookingRow.ends_at <= now)
            .order_by(BookingRow.ends_at)
            .limit(limit)
        )
        return list(rows)

    async def complete_ended(self, now: datetime, limit: int) -> int:
        ended = (
            select(BookingRow.id)
            .where(BookingRow.status == BookingStatus.CONFIRMED, BookingRow.ends_at <= now)
            .limit(limit)
            .scalar_subquery()
        )
        result = await self._session.execute(
            update(BookingRow)
            .where(BookingRow.id.in_(ended), BookingRow.status == BookingStatus.CONFIRMED)
            .values(status=BookingStatus.COMPLETED)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def for_user(
        self, user_id: int, *, upcoming: bool, now: datetime, offset: int, limit: int
    ) -> tuple[list[Booking], int]:
        condition = (
            (BookingRow.ends_at > now) & BookingRow.status.in_(_LIVE)
            if upcoming
            else (BookingRow.ends_at <= now) | BookingRow.status.not_in(_LIVE)
        )
        base = select(BookingRow).where(BookingRow.user_id == user_id, condition)
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        order = BookingRow.starts_at.asc() if upcoming else BookingRow.starts_at.desc()
        rows = await self._session.scalars(
            base.order_by(order, BookingRow.id).offset(offset).limit(limit)
        )
        return [booking_from_row(row) for row in rows], int(total or 0)

    async def of_user(self, user_id: int, *, offset: int, limit: int) -> tuple[list[Booking], int]:
        """Every booking of one client, the latest start first."""
        base = select(BookingRow).where(BookingRow.user_id == user_id)
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        rows = await self._session.scalars(
            base.order_by(BookingRow.starts_at.desc(), BookingRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [booking_from_row(row) for row in rows], int(total or 0)

    async def with_status(
        self, status: BookingStatus, *, newest_first: bool, offset: int, limit: int
    ) -> tuple[list[Booking], int]:
        """Bookings in one status, by start (the latest first when `newest_first`)."""
        base = select(BookingRow).where(BookingRow.status == status)
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        order = (
            (BookingRow.starts_at.desc(), BookingRow.id.desc())
            if newest_first
            else (BookingRow.starts_at, BookingRow.id)
        )
        rows = await self._session.scalars(base.order_by(*order).offset(offset).limit(limit))
        return [booking_from_row(row) for row in rows], int(total or 0)

    async def on_day(
        self, start: datetime, end: datetime, *, offset: int, limit: int
    ) -> tuple[list[Booking], int]:
        """Bookings that own or owned a place between `start` and `end` (live, completed, no
        show), by space and start time."""
        base = select(BookingRow).where(
            BookingRow.status.in_(_USED), BookingRow.starts_at < end, BookingRow.ends_at > start
        )
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        rows = await self._session.scalars(
            base.order_by(BookingRow.space_id, BookingRow.starts_at, BookingRow.id)
            .offset(offset)
            .limit(limit)
        )
        return [booking_from_row(row) for row in rows], int(total or 0)

    async def unattended(self, started_before: datetime, now: datetime, limit: int) -> list[int]:
        """Confirmed bookings of tariffs that ask for check-in, started before `started_before`,
        not over yet, with nobody checked in."""
        rows = await self._session.scalars(
            select(BookingRow.id)
            .join(TariffRow, TariffRow.id == BookingRow.tariff_id)
            .where(
                BookingRow.status == BookingStatus.CONFIRMED,
                BookingRow.checked_in_at.is_(None),
                BookingRow.starts_at <= started_before,
                BookingRow.ends_at > now,
                TariffRow.check_in_required.is_(True),
            )
            .order_by(BookingRow.starts_at)
            .limit(limit)
        )
        return list(rows)

    async def check_in(self, booking_id: int, *, at: datetime, by: int) -> bool:
        """Mark a confirmed booking as arrived once; False when it changed meanwhile."""
        result = await self._session.execute(
            update(BookingRow)
            .where(
                BookingRow.id == booking_id,
                BookingRow.status == BookingStatus.CONFIRMED,
                BookingRow.checked_in_at.is_(None),
            )
            .values(checked_in_at=at, checked_in_by=by)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def waiting_for_staff(self, *, offset: int, limit: int) -> tuple[list[Booking], int]:
        """Requests waiting for staff, oldest first."""
        base = select(BookingRow).where(BookingRow.status == BookingStatus.PENDING)
        total = await self._session.scalar(select(func.count()).select_from(base.subquery()))
        rows = await self._session.scalars(
            base.order_by(BookingRow.created_at, BookingRow.id).offset(offset).limit(limit)
        )
        return [booking_from_row(row) for row in rows], int(total or 0)

    async def due_holds(self, now: datetime, limit: int, space_id: int | None = None) -> list[int]:
        query = select(BookingRow.id).where(
            BookingRow.status == BookingStatus.HELD, BookingRow.hold_expires_at <= now
        )
        if space_id is not None:
            query = query.where(BookingRow.space_id == space_id)
        rows = await self._session.scalars(query.order_by(BookingRow.hold_expires_at).limit(limit))
        return list(rows)

    async def has_booked(self, user_id: int, *, trial_only: bool = False) -> bool:
        query = select(BookingRow.id).where(
            BookingRow.user_id == user_id, BookingRow.status.in_(_USED)
        )
        if trial_only:
            query = query.join(TariffRow, TariffRow.id == BookingRow.tariff_id).where(
                TariffRow.is_trial.is_(True)
            )
        return bool(await self._session.scalar(select(exists(query))))
