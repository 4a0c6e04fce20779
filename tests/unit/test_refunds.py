"""Money back, and money that came late: refunds by the cancellation policy and staff
decisions, and payments that find no booking to pay for, through the real container and the
YooKassa stand-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.config import Settings
from coworking_bot.db.models import TariffRow, UserRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.payments import (
    RefundReason,
    RefundState,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.common.notices import Money, decode_params
from tests.conftest import OWNER_ID, FakeClock
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    at,
    book,
    booking_service,
    client,
    notices,
    promo_row,
)
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import (
    ANNA,
    BORIS,
    Factory,
    booking_row,
    check,
    creates,
    paid_booking,
    paying,
    payment_service,
    reconcile,
    refund_rows,
    seed_clients,
)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


# --- late money -------------------------------------------------------------------------------


async def expire(container: AsyncContainer, clock: FakeClock, minutes: int = 16) -> None:
    clock.current += timedelta(minutes=minutes)
    async with booking_service(container) as service:
        await service.expire_due_holds()


async def test_money_after_the_hold_ran_out_and_the_place_went_is_refunded_in_full(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10), 2)
    await expire(container, clock)
    taken = await book(container, BORIS, demo.small_room, at(DAY, 11), 1)
    assert taken.status is BookingStatus.HELD

    kassa.succeed(provider_id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)  # reads it back, finds the place gone, refunds at once

    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.EXPIRED
    [refund] = await refund_rows(session_factory)
    assert refund.reason is RefundReason.LATE_PAYMENT
    assert refund.amount == 240_000
    assert refund.state is RefundState.SUCCEEDED
    [at_kassa] = kassa.refunds.values()
    assert at_kassa["amount"] == {"value": "2400.00", "currency": "RUB"}
    assert [n.chat_id for n in await notices(session_factory, "notice-payment-late-refund")] == [
        ANNA
    ]
    assert [n.chat_id for n in await notices(session_factory, "notice-refund-done")] == [ANNA]


async def test_money_after_the_hold_ran_out_books_the_place_if_it_is_still_free(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking, provider_id = await paying(
        container, ANNA, demo.small_room, at(DAY, 10), 2, promo_code="WELCOME20"
    )
    await expire(container, clock)
    assert (await promo_row(session_factory, "WELCOME20")).uses == 0

    kassa.succeed(provider_id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)

    row = await booking_row(session_factory, booking.id)
    assert row.status is BookingStatus.CONFIRMED
    assert row.cancel_reason is None
    assert (await promo_row(session_factory, "WELCOME20")).uses == 1
    assert await refund_rows(session_factory) == []


async def test_money_after_the_promo_code_ran_out_is_refunded(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    await add_promo(session_factory, "LASTONE", value=50, max_uses=1)
    booking, provider_id = await paying(
        container, ANNA, demo.small_room, at(DAY, 10), 1, promo_code="LASTONE"
    )
    await expire(container, clock)
    await book(container, BORIS, demo.large_room, at(DAY, 10), 1, promo_code="LASTONE")

    kassa.succeed(provider_id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)

    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.EXPIRED
    [refund] = await refund_rows(session_factory)
    assert refund.amount == 60_000
    assert refund.state is RefundState.SUCCEEDED


async def test_late_money_of_a_client_banned_meanwhile_is_refunded_not_booked(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10), 2)
    await expire(container, clock)
    async with session_factory() as session, session.begin():
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(is_banned=True)
        )

    kassa.succeed(provider_id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)

    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.EXPIRED
    [refund] = await refund_rows(session_factory)
    assert (refund.reason, refund.amount) == (RefundReason.LATE_PAYMENT, 240_000)


async def test_late_money_for_a_paid_trial_already_used_again_is_refunded(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    """A trial the owner charges for: its hold ran out, the client booked the trial again for
    another day, then the first money came. Two trials is one too many: it goes back."""
    async with session_factory() as session, session.begin():
        await session.execute(
            update(TariffRow).where(TariffRow.id == demo.trial).values(price=50_000)
        )
    first, provider_id = await paying(container, ANNA, demo.trial, at(DAY, 0), 1)
    await expire(container, clock)
    second, second_payment = await paying(
        container, ANNA, demo.trial, at(DAY + timedelta(days=1), 0), 1
    )
    kassa.succeed(second_payment)
    assert (await check(container, ANNA, second.id)).booking.status is BookingStatus.CONFIRMED

    kassa.succeed(provider_id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)

    assert (await booking_row(session_factory, first.id)).status is BookingStatus.EXPIRED
    [refund] = await refund_rows(session_factory)
    assert (refund.booking_id, refund.amount) == (first.id, 50_000)


async def test_money_for_a_booking_cancelled_while_paying_goes_back(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking.id)
    kassa.succeed(provider_id)
    await check(container, ANNA, booking.id)
    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.CANCELLED
    [refund] = await refund_rows(session_factory)
    assert (refund.amount, refund.state) == (120_000, RefundState.SUCCEEDED)


# --- refunds ----------------------------------------------------------------------------------


async def test_cancelling_a_paid_booking_a_day_ahead_refunds_it_all(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking_id, provider_id = await paid_booking(container, kassa, demo)
    async with booking_service(container) as service:
        terms = await service.cancel(ANNA, booking_id)
    assert (terms.free, terms.paid, terms.refund) == (True, 240_000, 240_000)
    async with payment_service(container) as service:
        await service.send_refunds_of(booking_id)
    [refund] = await refund_rows(session_factory)
    assert (refund.reason, refund.amount, refund.state) == (
        RefundReason.CLIENT_CANCELLED,
        240_000,
        RefundState.SUCCEEDED,
    )
    assert kassa.payments[provider_id]["refunded_amount"] == {"value": "2400.00", "currency": "RUB"}
    async with payment_service(container) as service:
        view = await service.view(client(ANNA), booking_id)
    assert (view.paid, view.refunded) == (240_000, 240_000)
    [done] = await notices(session_factory, "notice-refund-done")
    assert decode_params(done.params)["amount"] == Money(240_000)


async def test_a_late_cancel_refunds_the_policy_share(
    settings: Settings,
    container_for: ContainerFor,
    session_factory: Factory,
    clock: FakeClock,
    demo: Demo,
    kassa: YooKassaStandIn,
) -> None:
    container = await container_for(settings.model_copy(update={"cancel_late_refund_percent": 50}))
    booking_id, _ = await paid_booking(container, kassa, demo)
    clock.current = at(DAY, 9)  # an hour before the start: late
    async with booking_service(container) as service:
        terms = await service.cancel(ANNA, booking_id)
    async with payment_service(container) as service:
        await service.send_refunds_of(booking_id)
    assert (terms.free, terms.refund_percent, terms.refund) == (False, 50, 120_000)
    [refund] = await refund_rows(session_factory)
    assert (refund.amount, refund.state) == (120_000, RefundState.SUCCEEDED)


async def test_staff_rejecting_a_paid_booking_refunds_it_all(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.office, at(DAY, 0), 1)
    kassa.succeed(provider_id)
    await check(container, ANNA, booking.id)
    async with booking_service(container) as service:
        await service.reject(Actor(OWNER_ID, StaffRole.OWNER), booking.id)
    async with payment_service(container) as service:
        await service.send_refunds_of(booking.id)
    [refund] = await refund_rows(session_factory)
    assert (refund.reason, refund.amount, refund.state) == (
        RefundReason.STAFF_REJECTED,
        6_000_000,
        RefundState.SUCCEEDED,
    )
    assert len(await notices(session_factory, "notice-refund-started")) == 1
    assert len(await notices(session_factory, "notice-refund-done")) == 1


async def test_a_refund_yookassa_did_not_answer_is_sent_again_with_the_same_key(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking_id)
    kassa.fail_next(500)
    async with payment_service(container) as service:
        await service.send_refunds_of(booking_id)
    [refund] = await refund_rows(session_factory)
    assert refund.state is RefundState.CREATING
    assert refund.last_error == "HTTP 500"

    clock.current += timedelta(minutes=1)
    await reconcile(container)
    [refund] = await refund_rows(session_factory)
    assert refund.state is RefundState.SUCCEEDED
    assert len(kassa.refunds) == 1
    assert len(creates(kassa, "/v3/refunds")) == 2
