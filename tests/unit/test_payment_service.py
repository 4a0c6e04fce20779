"""PaymentService through the real container over a real database, with the YooKassa stand-in
reached over HTTP through YOOKASSA_API_URL, on a controlled clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from aiogram import Bot
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.models import BookingRow, PaymentRow, RefundRow
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.payments import (
    PaymentDelayed,
    PaymentFailed,
    PaymentsDisabled,
    PaymentState,
    RefundReason,
    RefundState,
)
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations
from coworking_bot.services.payments import PaymentService, PaymentView
from tests.conftest import OWNER_ID, FakeClock, build_container, without_payments
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    add_user,
    at,
    book,
    booking_service,
    bookings,
    notices,
    promo_row,
    seed,
)

ANNA = 1
BORIS = 2
RETURN_URL = "https://t.me/coworking_test_bot?start=paid_1"
Factory = async_sessionmaker[AsyncSession]


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed(session_factory)
    for telegram_id in (ANNA, BORIS):
        await add_user(session_factory, telegram_id, name=f"Client {telegram_id}")
    return demo


@asynccontextmanager
async def payment_service(container: AsyncContainer) -> AsyncIterator[PaymentService]:
    async with container() as request:
        yield await request.get(PaymentService)


async def pay(container: AsyncContainer, telegram_id: int, booking_id: int) -> PaymentView:
    async with payment_service(container) as service:
        return await service.pay(telegram_id, booking_id, RETURN_URL)


async def check(container: AsyncContainer, telegram_id: int, booking_id: int) -> PaymentView:
    async with payment_service(container) as service:
        return await service.pay(telegram_id, booking_id, RETURN_URL, check=True)


async def paying(
    container: AsyncContainer, telegram_id: int, tariff_id: int, *args: Any, **request: Any
) -> tuple[Booking, str]:
    """A held booking whose payment YooKassa has (pending): the booking and the payment's id."""
    booking = await book(container, telegram_id, tariff_id, *args, **request)
    view = await pay(container, telegram_id, booking.id)
    assert view.payment is not None
    assert view.payment.provider_id is not None
    return booking, view.payment.provider_id


async def reconcile(container: AsyncContainer) -> None:
    async with payment_service(container) as service:
        await service.reconcile()


async def payment_rows(factory: Factory) -> list[PaymentRow]:
    async with factory() as session:
        return list(await session.scalars(select(PaymentRow).order_by(PaymentRow.id)))


async def refund_rows(factory: Factory) -> list[RefundRow]:
    async with factory() as session:
        return list(await session.scalars(select(RefundRow).order_by(RefundRow.id)))


async def booking_row(factory: Factory, booking_id: int) -> BookingRow:
    async with factory() as session:
        row = await session.get(BookingRow, booking_id)
        assert row is not None
        return row


def creates(kassa: YooKassaStandIn, path: str = "/v3/payments") -> list[dict[str, object]]:
    return [body or {} for method, url, body in kassa.requests if method == "POST" and url == path]


async def paid_booking(
    container: AsyncContainer, kassa: YooKassaStandIn, demo: Demo, telegram_id: int = ANNA
) -> tuple[int, str]:
    """A 2-hour small-room booking (2 400 ₽) paid at YooKassa and applied: (booking, payment)."""
    booking, provider_id = await paying(container, telegram_id, demo.small_room, at(DAY, 10), 2)
    kassa.succeed(provider_id)
    after = await check(container, telegram_id, booking.id)
    assert after.booking.status is BookingStatus.CONFIRMED
    return booking.id, provider_id


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
    settings: Settings,
    bot: Bot,
    session_factory: Factory,
    translations: Translations,
    clock: FakeClock,
    demo: Demo,
    kassa: YooKassaStandIn,
) -> None:
    receipts = settings.model_copy(
        update={"yookassa_receipts": True, "yookassa_vat_code": 4, "yookassa_tax_system_code": 2}
    )
    container = build_container(receipts, bot, session_factory, translations, clock)
    try:
        booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
        await pay(container, ANNA, booking.id)
    finally:
        await container.close()
    [body] = creates(kassa)
    receipt = body["receipt"]
    assert receipt == {
        "customer": {"phone": "79161234567"},
        "items": [
            {
                "description": "Переговорная «Малая» · Почасовая аренда, 03.12.2026 10:00–12:00",
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
    assert told.params["until"] == "12:15"
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
        view = await service.view(ANNA, booking_id)
    assert (view.paid, view.refunded) == (240_000, 240_000)
    [done] = await notices(session_factory, "notice-refund-done")
    assert done.params["amount"] == "2\u202f400 ₽"


async def test_a_late_cancel_refunds_the_policy_share(
    settings: Settings,
    bot: Bot,
    session_factory: Factory,
    translations: Translations,
    clock: FakeClock,
    demo: Demo,
    kassa: YooKassaStandIn,
) -> None:
    half = settings.model_copy(update={"cancel_late_refund_percent": 50})
    container = build_container(half, bot, session_factory, translations, clock)
    try:
        booking_id, _ = await paid_booking(container, kassa, demo)
        clock.current = at(DAY, 9)  # an hour before the start: late
        async with booking_service(container) as service:
            terms = await service.cancel(ANNA, booking_id)
        async with payment_service(container) as service:
            await service.send_refunds_of(booking_id)
    finally:
        await container.close()
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


# --- without YooKassa -------------------------------------------------------------------------


async def test_without_yookassa_a_paid_booking_waits_for_staff_and_is_paid_on_site(
    settings: Settings,
    bot: Bot,
    session_factory: Factory,
    translations: Translations,
    clock: FakeClock,
    demo: Demo,
    kassa: YooKassaStandIn,
) -> None:
    container = build_container(
        without_payments(settings), bot, session_factory, translations, clock
    )
    try:
        booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
        assert booking.status is BookingStatus.PENDING
        assert booking.hold_expires_at is None
        with pytest.raises(PaymentsDisabled):
            await pay(container, ANNA, booking.id)
        async with payment_service(container) as service:
            assert (await service.reconcile()).payments_checked == 0
    finally:
        await container.close()
    [waits] = await notices(session_factory, "notice-staff-booking-waits-on-site")
    assert waits.chat_id == OWNER_ID
    assert kassa.requests == []
    assert [row.status for row in await bookings(session_factory)] == [BookingStatus.PENDING]
