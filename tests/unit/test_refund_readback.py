"""A refund YooKassa has not answered for a day: its key is forgotten there, so it is read back
before it is sent again (DESIGN.md section 3), through the real container and the YooKassa
stand-in, whose clock runs with the test's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dishka import AsyncContainer

from coworking_bot.config import Settings
from coworking_bot.db.models import RefundRow
from coworking_bot.db.repositories.payments import SqlPaymentRepository, refund_from_row
from coworking_bot.domain.payments import RefundReason, RefundState
from coworking_bot.services.payments.refunds import key_issued_at
from tests.conftest import FakeClock
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import DAY, Demo, at, booking_service, notices
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import (
    ANNA,
    Factory,
    creates,
    paid_booking,
    payment_rows,
    payment_service,
    reconcile,
    refund_rows,
    seed_clients,
)

A_DAY_AND_AN_HOUR = timedelta(hours=25)
HALF = 120_000  # half of the 2 400 ₽ booking: a second refund of it would go through


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


@pytest.fixture
async def container(
    settings: Settings, container_for: ContainerFor, kassa: YooKassaStandIn, clock: FakeClock
) -> AsyncContainer:
    """Late cancels give half back, so YooKassa would take a second refund without a word."""
    kassa.clock = clock.now
    return await container_for(settings.model_copy(update={"cancel_late_refund_percent": 50}))


async def cancel_late(
    container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo, clock: FakeClock
) -> int:
    """A paid booking, cancelled an hour before it starts: its refund is written, not sent."""
    booking_id, _ = await paid_booking(container, kassa, demo)
    clock.current = at(DAY, 9)
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking_id)
    return booking_id


async def send_refunds(container: AsyncContainer, booking_id: int) -> None:
    async with payment_service(container) as service:
        await service.send_refunds_of(booking_id)


def list_calls(kassa: YooKassaStandIn) -> int:
    return sum((method, url) == ("GET", "/v3/refunds") for method, url, _ in kassa.requests)


async def the_refund(session_factory: Factory) -> RefundRow:
    [refund] = await refund_rows(session_factory)
    return refund


async def test_a_refund_whose_answer_was_lost_is_adopted_not_made_again(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.fail_next(500)  # YooKassa makes the refund; the answer never arrives
    await send_refunds(container, booking_id)
    lost = await the_refund(session_factory)
    assert (lost.state, lost.provider_id) == (RefundState.CREATING, None)

    clock.current += A_DAY_AND_AN_HOUR
    await reconcile(container)

    [at_kassa] = kassa.refunds.values()
    refund = await the_refund(session_factory)
    assert (refund.state, refund.provider_id) == (RefundState.SUCCEEDED, at_kassa["id"])
    assert refund.idempotence_key == lost.idempotence_key
    assert len(creates(kassa, "/v3/refunds")) == 1
    payment = next(iter(kassa.payments.values()))
    assert payment["refunded_amount"] == {"value": "1200.00", "currency": "RUB"}
    assert len(await notices(session_factory, "notice-refund-done")) == 1


async def test_an_adopted_refund_still_pending_is_followed_as_any_other(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.refunds_pending_next()
    kassa.fail_next(202)
    await send_refunds(container, booking_id)

    clock.current += A_DAY_AND_AN_HOUR
    await reconcile(container)
    [refund_id] = kassa.refunds
    refund = await the_refund(session_factory)
    assert (refund.state, refund.provider_id) == (RefundState.PENDING, refund_id)

    kassa.succeed_refund(refund_id)
    clock.current += timedelta(minutes=1)
    await reconcile(container)
    assert (await the_refund(session_factory)).state is RefundState.SUCCEEDED
    assert len(kassa.refunds) == 1


async def test_a_refund_that_never_reached_yookassa_goes_again_under_a_new_key(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.fail_next(503, carried_out=False)
    await send_refunds(container, booking_id)
    old_key = (await the_refund(session_factory)).idempotence_key
    assert kassa.refunds == {}

    clock.current += A_DAY_AND_AN_HOUR
    await reconcile(container)

    refund = await the_refund(session_factory)
    [at_kassa] = kassa.refunds.values()
    assert (refund.state, refund.provider_id) == (RefundState.SUCCEEDED, at_kassa["id"])
    assert refund.idempotence_key != old_key
    assert kassa.keys("/v3/refunds") == [refund.idempotence_key]
    assert key_issued_at(refund_from_row(refund)) == clock.current.replace(microsecond=0)
    assert list_calls(kassa) == 1


async def test_a_new_key_is_kept_for_its_own_day(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.fail_next(503, carried_out=False)
    await send_refunds(container, booking_id)

    clock.current += A_DAY_AND_AN_HOUR
    kassa.fail_next(500, method="POST")  # made under the new key; the answer is lost
    await reconcile(container)
    renewed = await the_refund(session_factory)
    assert renewed.state is RefundState.CREATING

    clock.current += timedelta(hours=23)  # a day since the first key, not since the new one
    await reconcile(container)

    refund = await the_refund(session_factory)
    assert refund.state is RefundState.SUCCEEDED
    assert refund.idempotence_key == renewed.idempotence_key
    assert len(kassa.refunds) == 1
    assert list_calls(kassa) == 1  # the fresh key needed no read-back


async def test_within_a_day_the_same_key_is_sent_again(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.fail_next(500)
    await send_refunds(container, booking_id)
    key = (await the_refund(session_factory)).idempotence_key

    clock.current += timedelta(hours=23)
    await reconcile(container)

    refund = await the_refund(session_factory)
    assert (refund.state, refund.idempotence_key) == (RefundState.SUCCEEDED, key)
    assert len(kassa.refunds) == 1
    assert len(creates(kassa, "/v3/refunds")) == 2
    assert list_calls(kassa) == 0


async def test_a_failing_read_back_sends_nothing_and_is_tried_again(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id = await cancel_late(container, kassa, demo, clock)
    kassa.fail_next(500)
    await send_refunds(container, booking_id)
    key = (await the_refund(session_factory)).idempotence_key

    clock.current += A_DAY_AND_AN_HOUR
    kassa.fail_next(503, method="GET")
    await reconcile(container)
    refund = await the_refund(session_factory)
    assert (refund.state, refund.idempotence_key) == (RefundState.CREATING, key)
    assert refund.last_error == "read-back: HTTP 503"
    assert refund.checked_at == clock.current
    assert len(creates(kassa, "/v3/refunds")) == 1

    clock.current += timedelta(minutes=1)
    await reconcile(container)
    assert (await the_refund(session_factory)).state is RefundState.SUCCEEDED
    assert len(kassa.refunds) == 1
    assert len(creates(kassa, "/v3/refunds")) == 1


async def test_a_refund_another_of_ours_holds_is_not_taken(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    """Two refunds of the same amount from one payment: the first went through; the second
    never reached YooKassa, and the first's refund there is not mistaken for it."""
    booking_id = await cancel_late(container, kassa, demo, clock)
    await send_refunds(container, booking_id)
    first = await the_refund(session_factory)
    assert first.state is RefundState.SUCCEEDED

    clock.current += timedelta(minutes=1)
    [payment] = await payment_rows(session_factory)
    async with session_factory() as session, session.begin():
        await SqlPaymentRepository(session).add_refund(
            payment_id=payment.id,
            booking_id=booking_id,
            amount=HALF,
            reason=RefundReason.STAFF_CANCELLED,
            idempotence_key="second-refund",
            now=clock.current,
        )
    kassa.fail_next(503, carried_out=False)
    await send_refunds(container, booking_id)

    clock.current += A_DAY_AND_AN_HOUR
    await reconcile(container)

    rows = await refund_rows(session_factory)
    assert [row.state for row in rows] == [RefundState.SUCCEEDED] * 2
    assert {row.provider_id for row in rows} == set(kassa.refunds)
    assert len(kassa.refunds) == 2
    assert rows[1].idempotence_key != "second-refund"
