"""A small coworking whose dashboard figures are worked out by hand (in `test_dashboard_figures`),
the Mini App's init data signed as Telegram signs it, and an API client per staff member."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import (
    BookingRow,
    PaymentRow,
    PromoCodeRow,
    PromoRedemptionRow,
    ReferralRow,
    RefundRow,
    SpaceRow,
    StaffMemberRow,
    TariffRow,
    TicketRow,
    UserRow,
)
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import Language, SpaceKind, StaffRole, TariffUnit
from coworking_bot.domain.payments import PaymentMethod, PaymentState, RefundReason, RefundState
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.tickets import TicketStatus
from tests.conftest import OWNER_ID
from tests.fakes.telegram import TEST_TOKEN

TZ = ZoneInfo("Europe/Moscow")
ADMIN_ID = 2000
SUPPORT_ID = 3000
BANNED_ADMIN_ID = 4000
MANAGER_ID = 5000
ANNA_TG, BORIS_TG, VERA_TG, GLEB_TG, DINA_TG, LATE_TG = 601, 602, 603, 604, 605, 606
NOVEMBER = {"date_from": "2026-11-01", "date_to": "2026-11-30"}
# The test clock's now (`tests.conftest.FakeClock`), as Telegram's `auth_date`.
CLOCK_NOW = int(datetime(2026, 12, 1, 9, 0, tzinfo=UTC).timestamp())
# A name a spreadsheet would run as a formula if it were written as one.
FORMULA_NAME = '=HYPERLINK("http://x")'


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time of the coworking, as an aware UTC datetime."""
    return datetime.combine(day, clock_time(hour, minute), tzinfo=TZ).astimezone(UTC)


def nov(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return at(date(2026, 11, day), hour, minute)


def init_data(
    telegram_id: int,
    *,
    token: str = TEST_TOKEN,
    auth_date: int | None = None,
    first_name: str = "Staff",
    extra: dict[str, str] | None = None,
) -> str:
    """Init data signed the way Telegram documents it for Mini Apps (written out here on its
    own, not with the code under test)."""
    fields = {
        "auth_date": str(CLOCK_NOW if auth_date is None else auth_date),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(
            {"id": telegram_id, "first_name": first_name, "language_code": "en"},
            separators=(",", ":"),
        ),
        **(extra or {}),
    }
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def tma(telegram_id: int, **kwargs: Any) -> dict[str, str]:
    return {"Authorization": f"tma {init_data(telegram_id, **kwargs)}"}


@dataclass(frozen=True)
class World:
    room: int  # space: one place, open 10:00-20:00 every day
    desks: int  # space: two places, open 09:00-21:00 every day
    room_hourly: int
    desks_day: int
    desks_month: int
    anna: int
    boris: int
    vera: int
    gleb: int
    dina: int


async def build_world(factory: async_sessionmaker[AsyncSession]) -> World:
    """The coworking of `test_dashboard_figures`; read that module's docstring for the story."""
    every_day = {str(day): ["10:00", "20:00"] for day in range(7)}
    desk_hours = {str(day): ["09:00", "21:00"] for day in range(7)}
    async with factory() as session:
        room = SpaceRow(
            name="Room", kind=SpaceKind.MEETING_ROOM, capacity=1, opening_hours=every_day
        )
        desks = SpaceRow(
            name="Desks", kind=SpaceKind.OPEN_SPACE, capacity=2, opening_hours=desk_hours
        )
        session.add_all([room, desks])
        await session.flush()
        room_hourly = TariffRow(
            space_id=room.id, name="Room hourly", unit=TariffUnit.HOUR, price=100000, max_duration=8
        )
        desks_day = TariffRow(space_id=desks.id, name="Day pass", unit=TariffUnit.DAY, price=150000)
        desks_month = TariffRow(
            space_id=desks.id, name="Month", unit=TariffUnit.MONTH, price=900000, max_duration=12
        )
        session.add_all([room_hourly, desks_day, desks_month])
        await session.flush()

        def user(telegram_id: int, name: str, registered: datetime | None, **more: Any) -> UserRow:
            return UserRow(
                telegram_id=telegram_id,
                full_name=name,
                phone="+79161234567",
                language=Language.RU,
                referral_code=f"code{telegram_id}",
                consent_at=registered,
                registered_at=registered,
                created_at=registered or datetime(2026, 1, 1, tzinfo=UTC),
                **more,
            )

        staff_since = datetime(2026, 1, 10, tzinfo=UTC)
        anna = user(ANNA_TG, "Anna", at(date(2026, 10, 15), 12))
        session.add(anna)
        await session.flush()
        boris = user(BORIS_TG, "Boris", nov(3, 12), referrer_id=anna.id)
        vera = user(VERA_TG, "Vera", nov(10, 12))
        gleb = user(GLEB_TG, "Gleb", nov(30, 17, 30))
        dina = user(DINA_TG, FORMULA_NAME, nov(12, 12))
        # 00:30 on December 1st locally (21:30 UTC on November 30th): December's.
        late = user(LATE_TG, "Late", datetime(2026, 11, 30, 21, 30, tzinfo=UTC))
        session.add_all(
            [
                boris,
                vera,
                gleb,
                dina,
                late,
                user(OWNER_ID, "Olga Owner", staff_since),
                user(ADMIN_ID, "Adam Admin", staff_since),
                user(SUPPORT_ID, "Sam Support", staff_since),
                user(BANNED_ADMIN_ID, "Bob Banned", staff_since, is_banned=True),
                StaffMemberRow(telegram_id=ADMIN_ID, role=StaffRole.ADMIN, added_by=OWNER_ID),
                StaffMemberRow(telegram_id=SUPPORT_ID, role=StaffRole.SUPPORT, added_by=OWNER_ID),
                StaffMemberRow(telegram_id=MANAGER_ID, role=StaffRole.MANAGER, added_by=OWNER_ID),
                StaffMemberRow(
                    telegram_id=BANNED_ADMIN_ID, role=StaffRole.ADMIN, added_by=OWNER_ID
                ),
            ]
        )
        await session.flush()
        session.add(ReferralRow(referrer_id=anna.id, invited_id=boris.id, created_at=nov(3, 12)))
        autumn = PromoCodeRow(code="AUTUMN", kind=DiscountKind.FIXED, value=50000)
        session.add(autumn)
        await session.flush()

        def booking(
            who: UserRow,
            tariff: TariffRow,
            start: datetime,
            end: datetime,
            status: BookingStatus,
            total: int,
            *,
            units: int = 1,
            created: datetime | None = None,
            **more: Any,
        ) -> BookingRow:
            return BookingRow(
                user_id=who.id,
                space_id=tariff.space_id,
                tariff_id=tariff.id,
                status=status,
                starts_at=start,
                ends_at=end,
                units=units,
                unit_price=tariff.price,
                subtotal=total + more.get("promo_discount", 0),
                total=total,
                created_at=created or start - timedelta(days=1),
                **more,
            )

        done, hourly = BookingStatus.COMPLETED, room_hourly
        b1 = booking(
            anna,
            hourly,
            nov(5, 12),
            nov(5, 14),
            done,
            200000,
            units=2,
            promo_discount=50000,
            promo_code_id=autumn.id,
            checked_in_at=nov(5, 12),
        )
        b2 = booking(
            boris, hourly, nov(6, 10), nov(6, 13), done, 300000, units=3, created=nov(4, 9)
        )
        b3 = booking(vera, hourly, nov(7, 15), nov(7, 16), BookingStatus.NO_SHOW, 100000)
        b4 = booking(vera, hourly, nov(8, 10), nov(8, 11), BookingStatus.CANCELLED, 100000)
        b5 = booking(anna, desks_day, nov(9), nov(10), BookingStatus.CONFIRMED, 150000)
        b6 = booking(
            anna,
            desks_month,
            nov(16),
            at(date(2026, 12, 16), 0),
            BookingStatus.CONFIRMED,
            900000,
            checked_in_at=nov(16, 9),
        )
        b7 = booking(boris, hourly, nov(20, 10), nov(20, 12), BookingStatus.HELD, 200000, units=2)
        b8 = booking(
            gleb,
            hourly,
            nov(30, 19),
            nov(30, 20),
            BookingStatus.PENDING,
            100000,
            created=nov(30, 18),
        )
        b9 = booking(
            vera,
            hourly,
            at(date(2026, 12, 1), 10),
            at(date(2026, 12, 1), 11),
            BookingStatus.CONFIRMED,
            100000,
        )
        b10 = booking(
            anna,
            hourly,
            at(date(2026, 10, 20), 10),
            at(date(2026, 10, 20), 12),
            done,
            200000,
            units=2,
        )
        b11 = booking(dina, hourly, nov(12, 10), nov(12, 11), BookingStatus.EXPIRED, 100000)
        bookings = [b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11]
        session.add_all(bookings)
        await session.flush()
        session.add_all(
            [
                PromoRedemptionRow(
                    promo_code_id=autumn.id,
                    user_id=anna.id,
                    booking_id=b1.id,
                    created_at=nov(3, 10),
                ),
                PromoRedemptionRow(
                    promo_code_id=autumn.id,
                    user_id=boris.id,
                    booking_id=b2.id,
                    created_at=nov(4, 9),
                    released_at=nov(4, 10),
                ),
            ]
        )
        keys = iter(range(1, 100))

        def payment(b: BookingRow, amount: int, paid: datetime | None, **more: Any) -> PaymentRow:
            return PaymentRow(
                booking_id=b.id,
                user_id=b.user_id,
                amount=amount,
                state=more.pop("state", PaymentState.SUCCEEDED),
                idempotence_key=f"key-{next(keys)}",
                return_url="",
                paid_at=paid,
                **more,
            )

        p1 = payment(b1, 200000, nov(4, 10))
        p2 = payment(b2, 300000, nov(5, 10), method=PaymentMethod.CASH)
        p3 = payment(b3, 100000, nov(6, 10))
        p4 = payment(b4, 100000, nov(7, 10))
        p5 = payment(b5, 150000, nov(8, 12), method=PaymentMethod.CARD)
        p6 = payment(b6, 900000, nov(15, 10))
        p7 = payment(b8, 100000, nov(30, 23, 59))
        p8 = payment(b9, 100000, at(date(2026, 12, 1), 0))  # December's, by a minute
        p9 = payment(b7, 200000, None, state=PaymentState.PENDING)
        p10 = payment(b10, 200000, at(date(2026, 10, 19), 10))
        payments = [p1, p2, p3, p4, p5, p6, p7, p8, p9, p10]
        session.add_all(payments)
        await session.flush()

        def refund(p: PaymentRow, amount: int, settled: datetime, state: RefundState) -> RefundRow:
            return RefundRow(
                payment_id=p.id,
                booking_id=p.booking_id,
                amount=amount,
                state=state,
                reason=RefundReason.CLIENT_CANCELLED,
                idempotence_key=f"refund-{next(keys)}",
                checked_at=settled,
                created_at=settled - timedelta(minutes=5),
            )

        session.add_all(
            [
                refund(p4, 100000, nov(8, 10), RefundState.SUCCEEDED),
                refund(p2, 50000, nov(9, 10), RefundState.PENDING),
                refund(p10, 20000, nov(2, 10), RefundState.SUCCEEDED),
            ]
        )

        def ticket(
            opened: datetime, answered: datetime | None, closed: datetime | None
        ) -> TicketRow:
            return TicketRow(
                user_id=vera.id,
                status=TicketStatus.CLOSED if closed else TicketStatus.IN_PROGRESS,
                first_response_at=answered,
                closed_at=closed,
                created_at=opened,
                updated_at=opened,
            )

        session.add_all(
            [
                ticket(nov(2, 10), nov(2, 10, 30), nov(3, 10)),
                ticket(nov(10, 12), nov(10, 13, 30), None),
                ticket(nov(29, 9), None, None),
                ticket(
                    at(date(2026, 10, 20), 10),
                    at(date(2026, 10, 20), 11),
                    at(date(2026, 12, 1), 10),
                ),
            ]
        )
        await session.commit()
        return World(
            room=room.id,
            desks=desks.id,
            room_hourly=room_hourly.id,
            desks_day=desks_day.id,
            desks_month=desks_month.id,
            anna=anna.id,
            boris=boris.id,
            vera=vera.id,
            gleb=gleb.id,
            dina=dina.id,
        )
