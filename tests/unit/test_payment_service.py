"""PaymentService through the real container over a real database, with the YooKassa stand-in
reached over HTTP through YOOKASSA_API_URL, on a controlled clock: paying, reconciliation, and
a coworking without YooKassa."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from dishka import AsyncContainer

from coworking_bot.config import Settings
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.payments import (
    PaymentDelayed,
    PaymentFailed,
    PaymentsDisabled,
    PaymentState,
)
from coworking_bot.services.common.notices import TimeOfDay, decode_params
from tests.conftest import OWNER_ID, FakeClock, without_payments
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    at,
    book,
    bookings,
    notices,
)
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import (
    ANNA,
    RETURN_URL,
    Factory,
    booking_row,
    check,
    creates,
    paid_booking,
    pay,
    paying,
    payment_rows,
    payment_service,
    reconcile,
    seed_clients,
)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


# --- paying -----------------------------------------------------------------------------------


async def test_paying_creates_one_yookassa_payment_with_a_stored_key(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    view = await pay(container, ANNA, booking.id)

    [row] = await payment_rows(session_factory)
    assert row.state is PaymentState.PENDING
    assert row.amount == 240_000
    [body] = creates(kassa)
    assert body["amount"] == {"value": "2400.00", "currency": "RUB"}
    assert body["capture"] is True
    assert body["confirmation"] == {"type": "redirect", "return_url": RETURN_URL}
    assert body["metadata"] == {"booking_id": str(booking.id), "payment_id": str(row.id)}
    assert "receipt" not in body
    provider = kassa.payments[row.provider_id or ""]
    assert view.pay_url == provider["confirmation"]["confirmation_url"]
    # The key sent is the key stored (the stand-in remembers keys to answer repeats).
    [key] = [k for k, (path, _, _) in kassa._keys.items() if path == "/v3/payments"]
    assert key == row.idempotence_key

    again = await pay(container, ANNA, booking.id)  # a second tap: the same attempt
    assert again.payment == view.payment
    assert len(creates(kassa)) == 1


async def test_a_54_fz_receipt_goes_with_the_payment_when_receipts_are_on(
    settings: Settings, container_for: ContainerFor, demo: Demo, kassa: YooKassaStandIn
) -> None:
    container = await container_for(
        settings.model_copy(
            update={
                "yookassa_receipts": True,
                "yookassa_vat_code": 4,
                "yookassa_tax_system_code": 2,
            }
        )
    )
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    await pay(container, ANNA, booking.id)
    [body] = creates(kassa)
    receipt = body["receipt"]
    assert receipt == {
        "customer": {"phone": "79161234567"},
        "items": [
            {
                "description": "Переговорная «Малая» · Почасовая аренда,"
                " 3 декабря 2026, Чт, 10:00–12:00",
                "quantity": 1,
                "amount": {"value": "2400.00", "currency": "RUB"},
                "vat_code": 4,
                "payment_mode": "full_prepayment",
                "payment_subject": "service",
            }
        ],
        "tax_system_code": 2,
    }


async def test_no_answer_from_yookassa_repeats_the_same_request_and_never_pays_twice(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.fail_next(202)  # YooKassa creates it but answers "later"
    with pytest.raises(PaymentDelayed):
        await pay(container, ANNA, booking.id)
    [row] = await payment_rows(session_factory)
    assert row.state is PaymentState.CREATING
    assert row.provider_id is None

    view = await pay(container, ANNA, booking.id)
    assert len(kassa.payments) == 1
    first, second = creates(kassa)
    assert first == second  # the very same request
    [row] = await payment_rows(session_factory)
    assert row.state is PaymentState.PENDING
    assert row.provider_id == next(iter(kassa.payments))
    assert view.pay_url is not None


async def test_a_refused_payment_is_closed_and_the_next_tap_starts_a_new_attempt(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.fail_next(400)
    with pytest.raises(PaymentFailed):
        await pay(container, ANNA, booking.id)
    view = await pay(container, ANNA, booking.id)
    first, second = await payment_rows(session_factory)
    assert first.state is PaymentState.CANCELED
    assert second.state is PaymentState.PENDING
    assert first.idempotence_key != second.idempotence_key
    assert view.pay_url is not None


async def test_success_confirms_the_booking_sends_the_calendar_file_and_tells_staff(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    row = await booking_row(session_factory, booking_id)
    assert row.status is BookingStatus.CONFIRMED
    assert row.hold_expires_at is None
    [told] = await notices(session_factory, "notice-booking-confirmed")
    assert told.chat_id == ANNA
    assert told.document is not None
    assert "BEGIN:VCALENDAR" in told.document["content"]
    [staff] = await notices(session_factory, "notice-staff-booking-paid")
    assert staff.chat_id == OWNER_ID
    [payment] = await payment_rows(session_factory)
    assert payment.state is PaymentState.SUCCEEDED
    assert payment.paid_at is not None


async def test_a_paid_booking_that_needs_confirmation_waits_for_staff(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.office, at(DAY, 0), 1)
    kassa.succeed(provider_id)
    after = await check(container, ANNA, booking.id)
    assert after.booking.status is BookingStatus.PENDING
    assert [n.chat_id for n in await notices(session_factory, "notice-booking-paid-pending")] == [
        ANNA
    ]
    [waits] = await notices(session_factory, "notice-staff-booking-waits")
    assert waits.chat_id == OWNER_ID
    assert waits.buttons is not None


async def test_a_payment_that_did_not_go_through_leaves_the_hold_to_try_again(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.cancel(provider_id, reason="insufficient_funds")
    after = await check(container, ANNA, booking.id)
    assert after.booking.status is BookingStatus.HELD
    assert after.pay_url is None
    [told] = await notices(session_factory, "notice-payment-canceled")
    # The hold runs 15 minutes from now (12:00 in Moscow).
    assert decode_params(told.params)["until"] == TimeOfDay(at(date(2026, 12, 1), 12, 15))
    retry = await pay(container, ANNA, booking.id)
    assert retry.pay_url is not None
    assert len(kassa.payments) == 2


async def test_no_payment_starts_once_the_hold_ran_out(
    container: AsyncContainer, demo: Demo, kassa: YooKassaStandIn, clock: FakeClock
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    clock.current += timedelta(minutes=15)  # the expiry job has not run yet
    view = await pay(container, ANNA, booking.id)
    assert view.payment is None
    assert view.pay_url is None
    assert kassa.requests == []


# --- reconciliation ---------------------------------------------------------------------------


async def test_reconciliation_confirms_a_payment_whose_webhook_never_came(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.succeed(provider_id)

    clock.current += timedelta(minutes=2)  # too soon to ask
    await reconcile(container)
    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.HELD

    clock.current += timedelta(minutes=2)
    await reconcile(container)
    assert (await booking_row(session_factory, booking.id)).status is BookingStatus.CONFIRMED
    await reconcile(container)
    assert len(await notices(session_factory, "notice-booking-confirmed")) == 1


async def test_reconciliation_repeats_a_create_nobody_answered(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.fail_next(500)
    with pytest.raises(PaymentDelayed):
        await pay(container, ANNA, booking.id)
    clock.current += timedelta(minutes=4)
    await reconcile(container)
    [row] = await payment_rows(session_factory)
    assert row.state is PaymentState.PENDING
    assert len(kassa.payments) == 1


async def test_concurrent_checks_of_one_success_apply_it_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo, kassa: YooKassaStandIn
) -> None:
    booking, provider_id = await paying(container, ANNA, demo.small_room, at(DAY, 10))
    kassa.succeed(provider_id)
    await asyncio.gather(*(check(container, ANNA, booking.id) for _ in range(5)))
    assert len(await notices(session_factory, "notice-booking-confirmed")) == 1
    assert len(await notices(session_factory, "notice-staff-booking-paid")) == 1


# --- without YooKassa -------------------------------------------------------------------------


async def test_without_yookassa_a_paid_booking_waits_for_staff_and_is_paid_on_site(
    settings: Settings,
    container_for: ContainerFor,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
) -> None:
    container = await container_for(without_payments(settings))
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    assert booking.status is BookingStatus.PENDING
    assert booking.hold_expires_at is None
    with pytest.raises(PaymentsDisabled):
        await pay(container, ANNA, booking.id)
    async with payment_service(container) as service:
        assert (await service.reconcile()).payments_checked == 0
    [waits] = await notices(session_factory, "notice-staff-booking-waits-on-site")
    assert waits.chat_id == OWNER_ID
    assert kassa.requests == []
    assert [row.status for row in await bookings(session_factory)] == [BookingStatus.PENDING]
