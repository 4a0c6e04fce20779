"""The bookings desk's actions on a booking's card beyond deciding and cancelling: money taken at
the desk (recorded once, as a payment with its method, and given back at the desk, never through
YooKassa), a staff move to a free time, bookings by status, and the alert staff get when a client
cancels a confirmed booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.config import Settings
from coworking_bot.db.models import AuditLogRow
from coworking_bot.domain.booking import (
    BookingChanged,
    BookingStarted,
    BookingStatus,
    ClientBanned,
    PlaceTaken,
)
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.payments import PaymentMethod, PaymentState, RefundReason, RefundState
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.common.notices import Button, NoticeAction, decode_buttons
from coworking_bot.services.payments.on_site import (
    DueChanged,
    NothingDue,
    NotPayable,
    OnSitePayments,
)
from tests.conftest import OWNER_ID, FakeClock, without_payments
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import DAY, Demo, add_staff, at, book, booking_service, notices
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import (
    ANNA,
    BORIS,
    Factory,
    booking_row,
    check,
    paid_booking,
    paying,
    payment_rows,
    payment_service,
    refund_rows,
    seed_clients,
)
from tests.unit.test_bans import ban

MANAGER_ID = 3001
SUPPORT_ID = 3002
MANAGER = Actor(MANAGER_ID, StaffRole.MANAGER)
SUPPORT = Actor(SUPPORT_ID, StaffRole.SUPPORT)
SMALL_ROOM_2H = 240_000  # kopecks: the demo small room, two hours


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed_clients(session_factory)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    return demo


@pytest.fixture
async def on_site(container_for: ContainerFor, settings: Settings) -> AsyncContainer:
    """A coworking without YooKassa: paid bookings are requests paid at the desk."""
    return await container_for(without_payments(settings))


async def confirmed_on_site(container: AsyncContainer, demo: Demo) -> int:
    """Anna's two-hour small room, confirmed by the manager, nothing paid yet."""
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    assert booking.status is BookingStatus.PENDING
    async with booking_service(container) as service:
        await service.confirm(MANAGER, booking.id)
    return booking.id


async def due(container: AsyncContainer, booking_id: int, actor: Actor = MANAGER) -> int:
    async with container() as request:
        return (await (await request.get(OnSitePayments)).due(actor, booking_id)).amount


async def record(
    container: AsyncContainer,
    booking_id: int,
    method: PaymentMethod,
    expected: int,
    actor: Actor = MANAGER,
) -> None:
    async with container() as request:
        await (await request.get(OnSitePayments)).record(
            actor, booking_id, method, expected=expected
        )


async def audit_actions(factory: Factory) -> list[str]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow.action).order_by(AuditLogRow.id)))


# --- money taken at the desk --------------------------------------------------------------------


async def test_cash_at_the_desk_pays_a_confirmed_booking_once(
    on_site: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    booking_id = await confirmed_on_site(on_site, demo)
    assert await due(on_site, booking_id) == SMALL_ROOM_2H

    await record(on_site, booking_id, PaymentMethod.CASH, SMALL_ROOM_2H)

    [payment] = await payment_rows(session_factory)
    assert (payment.method, payment.state, payment.amount, payment.recorded_by) == (
        PaymentMethod.CASH,
        PaymentState.SUCCEEDED,
        SMALL_ROOM_2H,
        MANAGER_ID,
    )
    assert payment.provider_id is None
    assert await due(on_site, booking_id) == 0
    # A second tap (or a second manager) records nothing more.
    with pytest.raises(NothingDue):
        await record(on_site, booking_id, PaymentMethod.CASH, SMALL_ROOM_2H)
    assert len(await payment_rows(session_factory)) == 1
    receipt = await notices(session_factory, "notice-payment-on-site")
    assert [row.params["method"] for row in receipt] == ["cash"]
    assert (await audit_actions(session_factory))[-1] == "booking.payment_on_site"
    async with on_site() as request:
        card = await (await request.get(BookingDesk)).card(MANAGER, booking_id)
    assert (card.paid, card.paid_on_site, card.due) == (0, SMALL_ROOM_2H, 0)


async def test_an_amount_other_than_the_one_due_is_refused_and_nothing_is_written(
    on_site: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    booking_id = await confirmed_on_site(on_site, demo)
    with pytest.raises(DueChanged):
        await record(on_site, booking_id, PaymentMethod.CARD, SMALL_ROOM_2H - 1)
    with pytest.raises(NotPayable):
        await record(on_site, booking_id, PaymentMethod.ONLINE, SMALL_ROOM_2H)
    assert await payment_rows(session_factory) == []


async def test_only_booking_staff_take_money_and_never_from_a_banned_client(
    on_site: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    booking_id = await confirmed_on_site(on_site, demo)
    with pytest.raises(PermissionDenied):
        await record(on_site, booking_id, PaymentMethod.CASH, SMALL_ROOM_2H, actor=SUPPORT)
    with pytest.raises(PermissionDenied):
        await due(on_site, booking_id, actor=SUPPORT)
    await ban(session_factory, ANNA)
    with pytest.raises(ClientBanned):
        await record(on_site, booking_id, PaymentMethod.CASH, SMALL_ROOM_2H)
    assert await payment_rows(session_factory) == []


async def test_no_money_is_taken_for_a_cancelled_booking(
    on_site: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    booking_id = await confirmed_on_site(on_site, demo)
    async with on_site() as request:
        await (await request.get(StaffChanges)).cancel(
            MANAGER, booking_id, full_refund=True, reason="Closed for repairs"
        )
    assert await due(on_site, booking_id) == 0
    with pytest.raises(NotPayable):
        await record(on_site, booking_id, PaymentMethod.CASH, SMALL_ROOM_2H)
    assert await payment_rows(session_factory) == []


async def test_a_held_booking_paid_by_card_at_the_desk_is_confirmed_and_its_online_payment_returned(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10), 2)
    assert booking.status is BookingStatus.HELD

    await record(container, booking.id, PaymentMethod.CARD, SMALL_ROOM_2H)
    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.CONFIRMED
    assert len(await notices(session_factory, "notice-booking-confirmed")) == 1

    # The client finishes paying online after all: that money finds the booking paid, and goes
    # back in full through YooKassa; the card payment at the desk stays.
    kassa.succeed(provider_id)
    await check(container, ANNA, booking.id)
    [refund] = await refund_rows(session_factory)
    online = [p for p in await payment_rows(session_factory) if p.method is PaymentMethod.ONLINE]
    assert (refund.payment_id, refund.amount, refund.reason) == (
        online[0].id,
        SMALL_ROOM_2H,
        RefundReason.LATE_PAYMENT,
    )
    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.CONFIRMED


async def test_money_taken_at_the_desk_is_given_back_there_never_through_yookassa(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    await record(container, booking.id, PaymentMethod.CASH, SMALL_ROOM_2H)

    async with container() as request:
        refund = await (await request.get(StaffChanges)).cancel(
            MANAGER, booking.id, full_refund=True, reason="The room is flooded"
        )
    assert refund == SMALL_ROOM_2H
    async with payment_service(container) as service:
        await service.send_refunds_of(booking.id)
        await service.reconcile()

    [row] = await refund_rows(session_factory)
    assert (row.state, row.amount) == (RefundState.SUCCEEDED, SMALL_ROOM_2H)
    assert not [r for r in kassa.requests if "refunds" in r[1]], "YooKassa never hears of it"
    assert len(await notices(session_factory, "notice-refund-on-site")) == 1
    assert await notices(session_factory, "notice-refund-started") == []
    staff = await notices(session_factory, "notice-staff-refund-on-site")
    assert sorted(row.chat_id for row in staff) == [OWNER_ID, MANAGER_ID]


# --- a staff move -------------------------------------------------------------------------------


async def test_staff_move_a_paid_booking_it_stays_confirmed_and_the_client_is_told(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with container() as request:
        moved = await (await request.get(StaffChanges)).move(
            MANAGER, booking_id, at(DAY, 15), revision=0
        )
    assert (moved.status, moved.starts_at, moved.ends_at) == (
        BookingStatus.CONFIRMED,
        at(DAY, 15),
        at(DAY, 17),
    )
    [told] = await notices(session_factory, "notice-booking-moved-by-staff")
    assert told.chat_id == ANNA
    assert told.document is not None, "the new calendar file comes with it"
    assert (await audit_actions(session_factory))[-1] == "booking.move"


async def test_a_staff_move_is_refused_for_a_taken_time_a_changed_booking_or_a_started_one(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    await book(container, BORIS, demo.small_room, at(DAY, 15), 2)
    async with container() as request:
        changes = await request.get(StaffChanges)
        with pytest.raises(PlaceTaken):
            await changes.move(MANAGER, booking_id, at(DAY, 16), revision=0)
        with pytest.raises(BookingChanged):
            await changes.move(MANAGER, booking_id, at(DAY, 13), revision=7)
        with pytest.raises(PermissionDenied):
            await changes.move(SUPPORT, booking_id, at(DAY, 13), revision=0)
    assert (await booking_row(session_factory, booking_id)).starts_at == at(DAY, 10)

    clock.current = at(DAY, 10) + timedelta(minutes=5)
    async with container() as request:
        with pytest.raises(BookingStarted):
            await (await request.get(StaffChanges)).move(
                MANAGER, booking_id, at(DAY, 13), revision=0
            )


async def test_a_request_moved_by_staff_stays_a_request_and_its_alerts_show_the_new_time(
    container: AsyncContainer, session_factory: Factory, demo: Demo, on_site: AsyncContainer
) -> None:
    booking = await book(on_site, ANNA, demo.small_room, at(DAY, 10), 2)
    async with on_site() as request:
        moved = await (await request.get(StaffChanges)).move(
            MANAGER, booking.id, at(DAY, 14), revision=0
        )
    assert moved.status is BookingStatus.PENDING
    alerts = [
        row
        for row in await notices(session_factory)
        if row.topic == f"booking:{booking.id}:request"
    ]
    assert alerts
    assert {row.key for row in alerts} == {"notice-staff-booking-moved-on-site"}
    assert decode_buttons(alerts[0].buttons)[0][0].args == (booking.id, moved.revision)


# --- bookings by status, and a cancellation staff hear of -----------------------------------------


async def test_bookings_by_status_live_ones_soonest_first(
    container: AsyncContainer, demo: Demo, kassa: YooKassaStandIn
) -> None:
    later = await book(container, BORIS, demo.small_room, at(DAY, 16), 1)
    sooner = await book(container, ANNA, demo.small_room, at(DAY, 9), 1)
    async with container() as request:
        desk = await request.get(BookingDesk)
        held = await desk.with_status(MANAGER, BookingStatus.HELD, page=0)
        cancelled = await desk.with_status(MANAGER, BookingStatus.CANCELLED, page=5)
        with pytest.raises(PermissionDenied):
            await desk.with_status(SUPPORT, BookingStatus.HELD, page=0)
    assert [item.booking.id for item in held.items] == [sooner.id, later.id]
    assert (cancelled.total, cancelled.page, cancelled.pages) == (0, 0, 1)


async def test_a_client_cancelling_a_confirmed_booking_alerts_booking_staff_with_open(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking_id)

    alerts = await notices(session_factory, "notice-staff-booking-cancelled")
    assert sorted(row.chat_id for row in alerts) == [OWNER_ID, MANAGER_ID]
    assert decode_buttons(alerts[0].buttons) == [
        [Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking_id,))]
    ]
    assert alerts[0].params["refund"] == {"money": SMALL_ROOM_2H}
