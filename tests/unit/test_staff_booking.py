"""Staff booking for a registered client (`StaffBooking`), over a real database: who may, how the
client is found, every client rule still applying, how each way of paying starts the booking,
what the client is told, the audit entry, and that a double tap books once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from sqlalchemy import select, update

from coworking_bot.config import Settings
from coworking_bot.db.models import AuditLogRow, PaymentRow, UserRow
from coworking_bot.domain.booking import (
    BookingStatus,
    ClosedTime,
    PlaceTaken,
    TooManyWaiting,
    TrialUsed,
)
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.promo import PromoAlreadyUsed
from coworking_bot.domain.staff_booking import (
    ClientBannedFromBooking,
    ClientNotFound,
    ClientNotRegistered,
    InvalidClientKey,
    PaymentLinksOff,
    StaffPayment,
)
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.policy import BookingRequest
from coworking_bot.services.booking.staff_booking import StaffBooking
from tests.conftest import FakeClock, without_payments
from tests.unit.booking_helpers import DAY, Demo, add_promo, at, book, bookings, notices
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import ANNA, BORIS, Factory, seed_clients

MANAGER = Actor(3001, StaffRole.MANAGER)
SUPPORT = Actor(3002, StaffRole.SUPPORT)
NEWCOMER = 7  # opened the bot, never finished registering


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed_clients(session_factory)
    async with session_factory() as session:
        await session.execute(
            update(UserRow)
            .where(UserRow.telegram_id == ANNA)
            .values(phone="+79161112233", username="Anna_P")
        )
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == BORIS).values(phone="+79165554433")
        )
        session.add(
            UserRow(
                telegram_id=NEWCOMER,
                username="newcomer",
                full_name=None,
                language=Language.RU,
                referral_code="newcomer1",
            )
        )
        await session.commit()
    return demo


async def user_id(factory: Factory, telegram_id: int) -> int:
    async with factory() as session:
        found = await session.scalar(select(UserRow.id).where(UserRow.telegram_id == telegram_id))
    assert found is not None
    return found


async def ban(factory: Factory, telegram_id: int) -> None:
    async with factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == telegram_id).values(is_banned=True)
        )
        await session.commit()


async def find(container: AsyncContainer, raw: str, actor: Actor = MANAGER) -> User:
    async with container() as request:
        return await (await request.get(StaffBooking)).find_client(actor, raw)


async def staff_book(
    container: AsyncContainer,
    client_id: int,
    tariff_id: int,
    start: datetime,
    payment: StaffPayment = StaffPayment.ON_SITE,
    *,
    units: int = 1,
    actor: Actor = MANAGER,
    **request: Any,
) -> Any:
    async with container() as scope:
        staff = await scope.get(StaffBooking)
        return await staff.book(
            actor, client_id, BookingRequest(tariff_id, start, units, **request), payment
        )


async def audit_rows(factory: Factory) -> list[AuditLogRow]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def test_only_staff_who_manage_bookings_may_book_for_a_client(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    request = BookingRequest(demo.small_room, at(DAY, 10), 1)
    for actor in (SUPPORT, Actor(ANNA, None)):
        async with container() as scope:
            staff = await scope.get(StaffBooking)
            with pytest.raises(PermissionDenied):
                await staff.find_client(actor, "@anna_p")
            with pytest.raises(PermissionDenied):
                await staff.client(actor, anna)
            with pytest.raises(PermissionDenied):
                await staff.preview(actor, anna, request)
            with pytest.raises(PermissionDenied):
                await staff.book(actor, anna, request, StaffPayment.ON_SITE)
    assert await bookings(session_factory) == []


async def test_the_client_is_found_by_phone_username_or_telegram_id(
    container: AsyncContainer, demo: Demo
) -> None:
    for typed in ("+7 916 111-22-33", "89161112233", "9161112233", "@ANNA_p", " 1 "):
        assert (await find(container, typed)).telegram_id == ANNA, typed
    assert (await find(container, "+7 (916) 555-44-33")).telegram_id == BORIS
    for vague in ("Client", "", "@a"):
        with pytest.raises(InvalidClientKey):
            await find(container, vague)
    with pytest.raises(ClientNotFound):
        await find(container, "+7 999 000-00-00")
    with pytest.raises(ClientNotFound):
        await find(container, "@nobody_here")


async def test_an_unregistered_or_banned_client_is_refused(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    with pytest.raises(ClientNotRegistered):
        await find(container, "@newcomer")
    with pytest.raises(ClientNotRegistered):
        await find(container, str(NEWCOMER))
    await ban(session_factory, BORIS)
    with pytest.raises(ClientBannedFromBooking):
        await find(container, "+79165554433")
    boris = await user_id(session_factory, BORIS)
    async with container() as scope:
        with pytest.raises(ClientBannedFromBooking):
            await (await scope.get(StaffBooking)).client(MANAGER, boris)
    with pytest.raises(ClientBannedFromBooking):
        await staff_book(container, boris, demo.small_room, at(DAY, 10))
    with pytest.raises(ClientNotFound):
        await staff_book(container, 999_999, demo.small_room, at(DAY, 10))
    assert await bookings(session_factory) == []


async def test_paid_on_site_is_confirmed_at_once_even_when_the_tariff_asks_staff(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    room = await staff_book(container, anna, demo.small_room, at(DAY, 10), units=2)
    office = await staff_book(container, anna, demo.office, at(DAY, 0))

    for made in (room, office):
        assert made.status is BookingStatus.CONFIRMED
        assert made.hold_expires_at is None
        assert made.total > 0
    async with session_factory() as session:
        assert list(await session.scalars(select(PaymentRow))) == []  # money: at the desk
    told = await notices(session_factory, "notice-staff-booked-on-site")
    assert [row.chat_id for row in told] == [ANNA, ANNA]
    assert told[0].document is not None  # the .ics of a confirmed booking
    assert told[0].buttons is None
    assert await notices(session_factory, "notice-staff-booking-waits") == []  # no request


async def test_a_free_booking_is_confirmed_and_told_as_free(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    made = await staff_book(container, anna, demo.trial, at(DAY, 0), StaffPayment.LINK)
    assert made.status is BookingStatus.CONFIRMED
    assert made.total == 0
    [told] = await notices(session_factory, "notice-staff-booked-free")
    assert told.chat_id == ANNA


async def test_a_payment_link_holds_the_place_longer_and_sends_a_pay_button(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    made = await staff_book(container, anna, demo.office, at(DAY, 0), StaffPayment.LINK)

    assert made.status is BookingStatus.HELD  # held like the client's own, waiting for money
    assert made.hold_expires_at == clock.now() + timedelta(minutes=60)
    [told] = await notices(session_factory, "notice-staff-booked-pay-link")
    assert told.chat_id == ANNA
    assert told.buttons == [
        [{"key": "btn-staff-booked-pay", "action": "booking.pay", "args": [made.id]}]
    ]
    assert told.params["until"] == {"time": made.hold_expires_at.isoformat()}


async def test_the_link_hold_follows_its_setting(
    container_for: ContainerFor,
    settings: Settings,
    session_factory: Factory,
    clock: FakeClock,
    demo: Demo,
) -> None:
    longer = await container_for(settings.model_copy(update={"payment_link_hold_minutes": 180}))
    anna = await user_id(session_factory, ANNA)
    made = await staff_book(longer, anna, demo.small_room, at(DAY, 10), StaffPayment.LINK)
    assert made.hold_expires_at == clock.now() + timedelta(minutes=180)
    assert Settings(_env_file=None).payment_link_hold_minutes == 60  # type: ignore[call-arg]


async def test_no_payment_link_without_online_payments(
    container_for: ContainerFor, settings: Settings, session_factory: Factory, demo: Demo
) -> None:
    on_site_only = await container_for(without_payments(settings))
    anna = await user_id(session_factory, ANNA)
    with pytest.raises(PaymentLinksOff):
        await staff_book(on_site_only, anna, demo.small_room, at(DAY, 10), StaffPayment.LINK)
    assert await bookings(session_factory) == []
    made = await staff_book(on_site_only, anna, demo.small_room, at(DAY, 10))
    assert made.status is BookingStatus.CONFIRMED  # not a request to staff, as a client's is


async def test_the_clients_rules_apply(
    container: AsyncContainer,
    container_for: ContainerFor,
    settings: Settings,
    session_factory: Factory,
    demo: Demo,
) -> None:
    anna = await user_id(session_factory, ANNA)
    await book(container, BORIS, demo.small_room, at(DAY, 10), 2)  # Boris's own booking
    with pytest.raises(PlaceTaken):
        await staff_book(container, anna, demo.small_room, at(DAY, 11))
    with pytest.raises(ClosedTime):
        await staff_book(container, anna, demo.small_room, at(DAY, 21))
    await staff_book(container, anna, demo.trial, at(DAY, 0))
    with pytest.raises(TrialUsed):
        await staff_book(container, anna, demo.trial, at(DAY + timedelta(days=1), 0))

    # The cap on bookings waiting for payment counts the held ones a link makes.
    capped = await container_for(settings.model_copy(update={"max_waiting_bookings": 1}))
    await staff_book(capped, anna, demo.small_room, at(DAY, 15), StaffPayment.LINK)
    with pytest.raises(TooManyWaiting):
        await staff_book(capped, anna, demo.small_room, at(DAY, 17), StaffPayment.LINK)
    made = await staff_book(capped, anna, demo.small_room, at(DAY, 17))  # on site: not waiting
    assert made.status is BookingStatus.CONFIRMED


async def test_the_clients_promo_code_counts_as_theirs(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    await add_promo(session_factory, "HALF", value=50, per_user_limit=1)
    async with container() as scope:
        staff = await scope.get(StaffBooking)
        price = await staff.preview(
            MANAGER, anna, BookingRequest(demo.small_room, at(DAY, 10), 1, promo_code="half")
        )
    assert price.total == 60_000
    made = await staff_book(container, anna, demo.small_room, at(DAY, 10), promo_code="HALF")
    assert made.total == 60_000
    with pytest.raises(PromoAlreadyUsed):
        await staff_book(container, anna, demo.small_room, at(DAY, 15), promo_code="HALF")


async def test_a_double_tap_books_once_and_tells_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    first = await staff_book(
        container, anna, demo.small_room, at(DAY, 10), StaffPayment.LINK, request_key="k1"
    )
    again = await staff_book(
        container, anna, demo.small_room, at(DAY, 10), StaffPayment.LINK, request_key="k1"
    )
    assert again.id == first.id
    assert len(await bookings(session_factory)) == 1
    assert len(await notices(session_factory, "notice-staff-booked-pay-link")) == 1
    assert len(await audit_rows(session_factory)) == 1


async def test_the_audit_log_says_who_booked_for_whom_and_how_it_is_paid(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    anna = await user_id(session_factory, ANNA)
    made = await staff_book(container, anna, demo.small_room, at(DAY, 10), StaffPayment.LINK)
    [entry] = await audit_rows(session_factory)
    assert (entry.actor_telegram_id, entry.action, entry.target_type, entry.target_id) == (
        MANAGER.telegram_id,
        "booking.create_for_client",
        "booking",
        str(made.id),
    )
    assert entry.details == {
        "before": None,
        "after": "held",
        "client": ANNA,
        "name": "Client 1",
        "payment": "link",
        "total": 120_000,
    }
