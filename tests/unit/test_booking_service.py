"""The booking use cases through the real container over a real database, on a controlled clock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import PromoRedemptionRow, WaitlistEntryRow
from coworking_bot.domain.booking import (
    BookingNotFound,
    BookingStatus,
    InvalidTransition,
    PlaceTaken,
    TrialUsed,
)
from coworking_bot.domain.cancellation import CancelTerms
from coworking_bot.domain.enums import StaffRole, TariffUnit
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.promo import (
    PromoAlreadyUsed,
    PromoExpired,
    PromoFirstBookingOnly,
    PromoNotForTariff,
    PromoNotStarted,
    PromoUnknown,
    PromoUsedUp,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.policy import BookingRequest
from coworking_bot.services.common.notices import (
    Button,
    Money,
    NoticeAction,
    Period,
    decode_buttons,
    decode_params,
)
from tests.conftest import OWNER_ID, FakeClock
from tests.unit.booking_helpers import (
    DAY,
    BookingUseCases,
    Demo,
    add_promo,
    add_staff,
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
CLARA = 3
MANAGER_ID = 3001
SUPPORT_ID = 3002

Factory = async_sessionmaker[AsyncSession]


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed(session_factory)
    for telegram_id in (ANNA, BORIS, CLARA):
        await add_user(session_factory, telegram_id, name=f"Client {telegram_id}")
    return demo


# --- statuses of a new booking ------------------------------------------------------------------


async def test_a_free_trial_day_is_confirmed_at_once_and_only_once(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    booking = await book(container, ANNA, demo.trial, at(DAY, 9))
    assert booking.status is BookingStatus.CONFIRMED
    assert booking.total == 0
    assert booking.hold_expires_at is None
    assert (booking.starts_at, booking.ends_at) == (at(DAY, 0), at(DAY + timedelta(days=1), 0))

    with pytest.raises(TrialUsed):
        await book(container, ANNA, demo.trial, at(DAY + timedelta(days=1), 9))
    assert len(await bookings(session_factory)) == 1
    # Somebody else still has their own trial.
    assert (await book(container, BORIS, demo.trial, at(DAY, 9))).is_live


async def test_a_free_booking_that_staff_must_confirm_waits_and_staff_get_buttons(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    await add_promo(session_factory, "FREEOFFICE", value=100)

    booking = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="freeoffice")

    assert booking.status is BookingStatus.PENDING
    assert booking.total == 0
    assert booking.promo_discount == booking.subtotal == 6_000_000
    alerts = await notices(session_factory, "notice-staff-booking-waits")
    # Owners and whoever may manage bookings; support may not.
    assert sorted(row.chat_id for row in alerts) == [OWNER_ID, MANAGER_ID]
    for row in alerts:
        assert decode_buttons(row.buttons) == [
            [
                Button("btn-booking-confirm", NoticeAction.CONFIRM_BOOKING, (booking.id, 0)),
                Button("btn-booking-reject", NoticeAction.REJECT_BOOKING, (booking.id, 0)),
            ],
            [Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking.id,))],
        ]
        params = decode_params(row.params)
        assert params["booking_id"] == str(booking.id)
        assert params["client"] == "Client 1"
        assert params["period"] == Period(TariffUnit.MONTH, at(DAY, 0), at(date(2027, 1, 3), 0))
        assert params["total"] == Money(0)
    assert await notices(session_factory, "notice-booking-confirmed") == []


async def test_a_paid_booking_is_held_for_hold_minutes(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    assert booking.status is BookingStatus.HELD
    assert booking.hold_expires_at == clock.now() + timedelta(minutes=15)
    assert (booking.starts_at, booking.ends_at) == (at(DAY, 10), at(DAY, 12))
    assert booking.total == 240_000
    assert await notices(session_factory) == []


async def test_the_same_request_key_gives_back_the_same_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    first = await book(container, ANNA, demo.small_room, at(DAY, 10), request_key="k-1")
    clock.current += timedelta(minutes=1)
    again = await book(container, ANNA, demo.small_room, at(DAY, 10), request_key="k-1")
    assert again == first
    assert len(await bookings(session_factory)) == 1
    # A new confirm screen is a new booking, and here the room is already taken.
    with pytest.raises(PlaceTaken):
        await book(container, ANNA, demo.small_room, at(DAY, 10), request_key="k-2")


# --- promo codes ----------------------------------------------------------------------------------


async def test_a_promo_code_takes_its_discount_off_after_the_volume_rule(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    async with booking_service(container) as service:
        preview = await service.preview(
            ANNA, BookingRequest(demo.small_room, at(DAY, 10), 3, promo_code=" welcome20 ")
        )
    # 3 hours × 1 200 ₽ = 3 600 ₽, −10 % for 3 hours = 3 240 ₽, −20 % = 2 592 ₽.
    assert (preview.subtotal, preview.volume_discount, preview.total) == (360_000, 36_000, 259_200)
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), 3, promo_code="WELCOME20")
    assert booking.total == 259_200
    assert booking.promo_code_id == (await promo_row(session_factory, "WELCOME20")).id
    assert (await promo_row(session_factory, "WELCOME20")).uses == 1


@pytest.mark.parametrize(
    ("fields", "code", "error"),
    [
        ({}, "NOSUCHCODE", PromoUnknown),
        ({}, "!!", PromoUnknown),
        ({"is_active": False}, "TESTCODE", PromoUnknown),
        ({"valid_from_days": 1}, "TESTCODE", PromoNotStarted),
        ({"valid_until_days": 0}, "TESTCODE", PromoExpired),
        ({"tariff_ids": "other"}, "TESTCODE", PromoNotForTariff),
        ({"max_uses": 3, "uses": 3}, "TESTCODE", PromoUsedUp),
    ],
)
async def test_a_promo_code_that_does_not_apply_says_why_and_books_nothing(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    clock: FakeClock,
    fields: dict[str, Any],
    code: str,
    error: type[DomainError],
) -> None:
    row: dict[str, Any] = dict(fields)
    if "valid_from_days" in row:
        row["valid_from"] = clock.now() + timedelta(days=int(str(row.pop("valid_from_days"))))
    if "valid_until_days" in row:
        row["valid_until"] = clock.now() + timedelta(days=int(str(row.pop("valid_until_days"))))
    if row.get("tariff_ids") == "other":
        row["tariff_ids"] = [demo.large_room]
    await add_promo(session_factory, "TESTCODE", **row)

    request = BookingRequest(demo.small_room, at(DAY, 10), 1, promo_code=code)
    async with booking_service(container) as service:
        with pytest.raises(error):
            await service.preview(ANNA, request)
    async with booking_service(container) as service:
        with pytest.raises(error):
            await service.create(ANNA, request)
    assert await bookings(session_factory) == []


async def test_a_promo_code_works_inside_its_validity_window(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    await add_promo(
        session_factory,
        "WINTER",
        valid_from=clock.now(),
        valid_until=clock.now() + timedelta(hours=1),
    )
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10), promo_code="winter")
    assert booking.promo_discount == 12_000
    clock.current += timedelta(hours=1)
    with pytest.raises(PromoExpired):
        await book(container, BORIS, demo.small_room, at(DAY, 14), promo_code="winter")


async def test_the_per_user_limit_counts_each_users_own_uses(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "TWICE", per_user_limit=2)
    for hour in (10, 12):
        await book(container, ANNA, demo.small_room, at(DAY, hour), promo_code="TWICE")
    with pytest.raises(PromoAlreadyUsed):
        await book(container, ANNA, demo.small_room, at(DAY, 14), promo_code="TWICE")
    # The demo's WELCOME20 is once per user.
    await book(container, BORIS, demo.large_room, at(DAY, 10), promo_code="WELCOME20")
    with pytest.raises(PromoAlreadyUsed):
        await book(container, BORIS, demo.large_room, at(DAY, 12), promo_code="WELCOME20")
    await book(container, CLARA, demo.large_room, at(DAY, 12), promo_code="WELCOME20")


async def test_total_uses_are_capped_and_a_cancelled_booking_gives_its_use_back(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_promo(session_factory, "TWO", max_uses=2)
    first = await book(container, ANNA, demo.small_room, at(DAY, 10), promo_code="TWO")
    await book(container, BORIS, demo.small_room, at(DAY, 12), promo_code="TWO")
    with pytest.raises(PromoUsedUp):
        await book(container, CLARA, demo.small_room, at(DAY, 14), promo_code="TWO")
    assert (await promo_row(session_factory, "TWO")).uses == 2

    async with booking_service(container) as service:
        await service.cancel(ANNA, first.id)
    assert (await promo_row(session_factory, "TWO")).uses == 1
    async with session_factory() as session:
        redemption = await session.scalar(
            select(PromoRedemptionRow).where(PromoRedemptionRow.booking_id == first.id)
        )
    assert redemption is not None
    assert redemption.released_at is not None
    await book(container, CLARA, demo.small_room, at(DAY, 14), promo_code="TWO")
    assert (await promo_row(session_factory, "TWO")).uses == 2


async def test_a_first_booking_code_is_for_users_who_never_booked(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await book(container, ANNA, demo.small_room, at(DAY, 10))
    with pytest.raises(PromoFirstBookingOnly):
        await book(container, ANNA, demo.day_pass, at(DAY, 9), promo_code="FIRSTDESK")
    with pytest.raises(PromoNotForTariff):
        await book(container, BORIS, demo.hourly_desk, at(DAY, 10), promo_code="FIRSTDESK")
    booking = await book(container, BORIS, demo.day_pass, at(DAY, 9), promo_code="FIRSTDESK")
    assert (booking.subtotal, booking.total) == (90_000, 45_000)


# --- cancelling -----------------------------------------------------------------------------------


async def terms_of(container: AsyncContainer, telegram_id: int, booking_id: int) -> CancelTerms:
    async with container() as request:
        return await BookingUseCases(request).cancel_terms(telegram_id, booking_id)


async def test_cancelling_is_free_until_cancel_free_hours_before_the_start(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    terms = await terms_of(container, ANNA, booking.id)
    assert terms.free
    assert terms.refund_percent == 100
    assert terms.free_until == at(DAY, 10) - timedelta(hours=24)

    clock.current = terms.free_until - timedelta(seconds=1)
    assert (await terms_of(container, ANNA, booking.id)).free
    clock.current = terms.free_until
    late = await terms_of(container, ANNA, booking.id)
    assert not late.free
    assert late.refund_percent == 0

    async with booking_service(container) as service:
        cancelled = await service.cancel(ANNA, booking.id)
    assert cancelled == late
    [row] = await bookings(session_factory)
    assert (row.status, row.cancel_reason, row.cancelled_by) == (
        BookingStatus.CANCELLED,
        "client",
        ANNA,
    )
    [notice] = await notices(session_factory, "notice-booking-cancelled")
    assert notice.chat_id == ANNA
    assert notice.params["booking_id"] == str(booking.id)
    # The place is free again.
    assert (await book(container, BORIS, demo.small_room, at(DAY, 10))).is_live


async def test_only_the_owner_cancels_a_live_booking_and_only_once(
    container: AsyncContainer, demo: Demo
) -> None:
    booking = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        with pytest.raises(BookingNotFound):
            await service.cancel(BORIS, booking.id)
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking.id)
    async with booking_service(container) as service:
        with pytest.raises(BookingNotFound):
            await service.cancel(ANNA, booking.id)


# --- rescheduling ---------------------------------------------------------------------------------


async def test_a_booking_moves_to_a_free_time_and_not_onto_a_taken_one(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    mine = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    await book(container, BORIS, demo.small_room, at(DAY, 15))

    async with booking_service(container) as service:
        moved = await service.move(ANNA, mine.id, at(DAY, 17))
    assert (moved.id, moved.starts_at, moved.ends_at) == (mine.id, at(DAY, 17), at(DAY, 19))
    assert moved.status is mine.status
    assert moved.total == mine.total

    for taken in (at(DAY, 14), at(DAY, 15, 30), at(DAY, 16)):  # 16:00 is inside the buffer
        async with booking_service(container) as service:
            with pytest.raises(PlaceTaken):
                await service.move(ANNA, mine.id, taken)
    [row] = [row for row in await bookings(session_factory) if row.id == mine.id]
    assert (row.starts_at, row.ends_at) == (at(DAY, 17), at(DAY, 19))


async def test_a_booking_may_move_over_its_own_time(container: AsyncContainer, demo: Demo) -> None:
    mine = await book(container, ANNA, demo.small_room, at(DAY, 10), 2)
    async with booking_service(container) as service:
        moved = await service.move(ANNA, mine.id, at(DAY, 10, 30))
    assert (moved.starts_at, moved.ends_at) == (at(DAY, 10, 30), at(DAY, 12, 30))
    # And the old time is free for others.
    assert (await book(container, BORIS, demo.small_room, at(DAY, 9))).ends_at == at(DAY, 10)


async def test_moving_frees_the_old_time_for_the_waitlist(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    mine = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        entry = await service.join_waitlist(BORIS, demo.small_room, at(DAY, 10), 1)
    async with booking_service(container) as service:
        await service.move(ANNA, mine.id, at(DAY, 15))
    [offer] = await notices(session_factory, "notice-waitlist-free")
    assert offer.chat_id == BORIS
    assert decode_buttons(offer.buttons) == [
        [Button("btn-waitlist-book", NoticeAction.BOOK_WAITLIST_OFFER, (entry.id,))]
    ]


# --- series ---------------------------------------------------------------------------------------


async def test_a_weekly_series_is_booked_whole_or_not_at_all(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    taken_week = at(DAY + timedelta(weeks=2), 10)
    await book(container, BORIS, demo.small_room, taken_week)
    async with booking_service(container) as service:
        dates = await service.weekly_dates(ANNA, demo.small_room, at(DAY, 10), 1, 4)
    assert [(d.start, d.free) for d in dates] == [
        (at(DAY, 10), True),
        (at(DAY + timedelta(weeks=1), 10), True),
        (taken_week, False),
        (at(DAY + timedelta(weeks=3), 10), True),
    ]
    async with booking_service(container) as service:
        with pytest.raises(PlaceTaken):
            await service.book_series(ANNA, demo.small_room, [d.start for d in dates], 1)
    assert len(await bookings(session_factory)) == 1

    free = [d.start for d in dates if d.free]
    async with booking_service(container) as service:
        made = await service.book_series(ANNA, demo.small_room, free, 1, request_key="s")
    assert [b.starts_at for b in made] == free
    assert len({b.series_id for b in made}) == 1
    assert made[0].series_id is not None


# --- staff decisions ------------------------------------------------------------------------------


@pytest.fixture
async def pending_id(container: AsyncContainer, session_factory: Factory, demo: Demo) -> int:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    booking = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    assert booking.status is BookingStatus.PENDING
    return booking.id


@pytest.mark.parametrize("role", [None, StaffRole.SUPPORT])
async def test_only_staff_who_manage_bookings_may_confirm_or_reject(
    container: AsyncContainer, session_factory: Factory, pending_id: int, role: StaffRole | None
) -> None:
    actor = Actor(SUPPORT_ID, role)
    async with booking_service(container) as service:
        with pytest.raises(PermissionDenied):
            await service.confirm(actor, pending_id)
        with pytest.raises(PermissionDenied):
            await service.reject(actor, pending_id)
    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.PENDING


async def test_a_manager_confirms_and_the_client_gets_the_calendar_file(
    container: AsyncContainer, session_factory: Factory, pending_id: int
) -> None:
    manager = Actor(MANAGER_ID, StaffRole.MANAGER)
    async with booking_service(container) as service:
        confirmed = await service.confirm(manager, pending_id)
    assert confirmed.status is BookingStatus.CONFIRMED
    [notice] = await notices(session_factory, "notice-booking-confirmed")
    assert notice.chat_id == ANNA
    assert notice.document is not None
    assert notice.document["filename"] == f"booking-{pending_id}.ics"
    assert "BEGIN:VEVENT" in notice.document["content"]

    async with booking_service(container) as service:
        with pytest.raises(InvalidTransition):
            await service.confirm(manager, pending_id)
        with pytest.raises(InvalidTransition):
            await service.reject(manager, pending_id)
        with pytest.raises(BookingNotFound):
            await service.confirm(manager, pending_id + 100)


async def test_rejecting_cancels_tells_the_client_and_frees_the_place(
    container: AsyncContainer, session_factory: Factory, pending_id: int, demo: Demo
) -> None:
    owner = Actor(OWNER_ID, StaffRole.OWNER)
    async with booking_service(container) as service:
        rejected = await service.reject(owner, pending_id)
    assert rejected.status is BookingStatus.CANCELLED
    [row] = await bookings(session_factory)
    assert (row.cancel_reason, row.cancelled_by) == ("staff", OWNER_ID)
    assert (await promo_row(session_factory, "FREEOFFICE")).uses == 0
    [notice] = await notices(session_factory, "notice-booking-cancelled")
    assert notice.chat_id == ANNA
    await add_promo(session_factory, "FREEOFFICE2", value=100)
    again = await book(container, BORIS, demo.office, at(DAY, 0), promo_code="FREEOFFICE2")
    assert again.is_live


async def test_an_unpaid_hold_cannot_be_confirmed_by_staff(
    container: AsyncContainer, demo: Demo
) -> None:
    held = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        with pytest.raises(InvalidTransition):
            await service.confirm(Actor(OWNER_ID, StaffRole.OWNER), held.id)


# --- hold expiry ----------------------------------------------------------------------------------


async def test_a_hold_expires_on_time_once_and_gives_everything_back(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    held = await book(container, ANNA, demo.small_room, at(DAY, 10), promo_code="WELCOME20")
    other = await book(container, BORIS, demo.large_room, at(DAY, 10))
    assert (await promo_row(session_factory, "WELCOME20")).uses == 1
    async with booking_service(container) as service:
        await service.join_waitlist(CLARA, demo.small_room, at(DAY, 10), 1)

    assert held.hold_expires_at is not None
    clock.current = held.hold_expires_at - timedelta(seconds=1)
    async with booking_service(container) as service:
        assert await service.expire_due_holds() == 0
    assert all(row.status is BookingStatus.HELD for row in await bookings(session_factory))

    clock.current = held.hold_expires_at
    async with booking_service(container) as service:
        assert await service.expire_due_holds() == 2
    async with booking_service(container) as service:
        assert await service.expire_due_holds() == 0

    rows = {row.id: row for row in await bookings(session_factory)}
    for booking in (held, other):
        assert rows[booking.id].status is BookingStatus.EXPIRED
        assert rows[booking.id].hold_expires_at is None
        assert rows[booking.id].cancel_reason == "hold_expired"
    assert (await promo_row(session_factory, "WELCOME20")).uses == 0
    told = await notices(session_factory, "notice-booking-expired")
    assert sorted(row.chat_id for row in told) == [ANNA, BORIS]
    [offer] = await notices(session_factory, "notice-waitlist-free")
    assert offer.chat_id == CLARA
    # Anna may use her once-per-user code again.
    again = await book(container, ANNA, demo.small_room, at(DAY, 10), promo_code="WELCOME20")
    assert again.promo_discount == 24_000


async def test_a_hold_expired_by_the_booking_that_takes_its_place_is_offered_to_nobody(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    """Anna's hold ran out and the job has not come round yet; Clara books the same hour, which
    expires the hold under the lock. Boris, waiting for that hour, is not told it is free: by the
    time he could tap, it is Clara's."""
    held = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        await service.join_waitlist(BORIS, demo.small_room, at(DAY, 10), 1)
    assert held.hold_expires_at is not None
    clock.current = held.hold_expires_at + timedelta(seconds=1)

    clara = await book(container, CLARA, demo.small_room, at(DAY, 10))

    assert clara.status is BookingStatus.HELD
    assert (await bookings(session_factory))[0].status is BookingStatus.EXPIRED
    assert await notices(session_factory, "notice-waitlist-free") == []


async def test_a_hold_paid_or_cancelled_before_expiry_is_left_alone(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    held = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        await service.cancel(ANNA, held.id)
    clock.current += timedelta(hours=1)
    async with booking_service(container) as service:
        assert await service.expire_due_holds() == 0
    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.CANCELLED
    assert await notices(session_factory, "notice-booking-expired") == []


# --- waitlist -------------------------------------------------------------------------------------


async def test_a_cancelled_place_goes_to_the_waitlist_in_order(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    mine = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        boris_entry = await service.join_waitlist(BORIS, demo.small_room, at(DAY, 10), 1)
    async with booking_service(container) as service:
        clara_entry = await service.join_waitlist(CLARA, demo.small_room, at(DAY, 10), 1)
    async with booking_service(container) as service:
        again = await service.join_waitlist(CLARA, demo.small_room, at(DAY, 10), 1)
    assert again == clara_entry
    assert await notices(session_factory, "notice-waitlist-free") == []

    async with booking_service(container) as service:
        await service.cancel(ANNA, mine.id)

    offers = await notices(session_factory, "notice-waitlist-free")
    assert [(row.chat_id, decode_buttons(row.buttons)) for row in offers] == [
        (
            BORIS,
            [[Button("btn-waitlist-book", NoticeAction.BOOK_WAITLIST_OFFER, (boris_entry.id,))]],
        ),
        (
            CLARA,
            [[Button("btn-waitlist-book", NoticeAction.BOOK_WAITLIST_OFFER, (clara_entry.id,))]],
        ),
    ]
    period = decode_params(offers[0].params)["period"]
    assert period == Period(TariffUnit.HOUR, at(DAY, 10), at(DAY, 11))

    # Clara cannot use Boris's button.
    async with booking_service(container) as service:
        with pytest.raises(BookingNotFound):
            await service.book_offer(CLARA, boris_entry.id)
    async with booking_service(container) as service:
        booked = await service.book_offer(BORIS, boris_entry.id)
    assert (booked.starts_at, booked.ends_at, booked.status) == (
        at(DAY, 10),
        at(DAY, 11),
        BookingStatus.HELD,
    )
    async with booking_service(container) as service:
        with pytest.raises(PlaceTaken):
            await service.book_offer(CLARA, clara_entry.id)
    async with session_factory() as session:
        left = list(await session.scalars(select(WaitlistEntryRow.id)))
    assert left == [clara_entry.id]
    async with booking_service(container) as service:
        with pytest.raises(BookingNotFound):
            await service.book_offer(BORIS, boris_entry.id)


async def test_a_place_freed_while_another_still_blocks_the_time_tells_no_one(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    short = await book(container, ANNA, demo.small_room, at(DAY, 10))
    await book(container, BORIS, demo.small_room, at(DAY, 11, 30))
    async with booking_service(container) as service:
        await service.join_waitlist(CLARA, demo.small_room, at(DAY, 10), 2)
    async with booking_service(container) as service:
        await service.cancel(ANNA, short.id)
    assert await notices(session_factory, "notice-waitlist-free") == []


async def test_an_expired_hold_frees_its_place_at_once_for_the_next_booking(
    container: AsyncContainer, session_factory: Factory, demo: Demo, clock: FakeClock
) -> None:
    held = await book(container, ANNA, demo.small_room, at(DAY, 10))
    assert held.hold_expires_at is not None
    clock.current = held.hold_expires_at  # the periodic job has not run yet
    taken = await book(container, BORIS, demo.small_room, at(DAY, 10))
    rows = {row.id: row.status for row in await bookings(session_factory)}
    assert rows == {held.id: BookingStatus.EXPIRED, taken.id: BookingStatus.HELD}
    told = await notices(session_factory, "notice-booking-expired")
    assert [row.chat_id for row in told] == [ANNA]


async def test_a_waiting_user_who_lost_the_race_is_offered_the_next_free_place(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    first = await book(container, ANNA, demo.small_room, at(DAY, 10))
    async with booking_service(container) as service:
        entry = await service.join_waitlist(CLARA, demo.small_room, at(DAY, 10), 1)
    async with booking_service(container) as service:
        await service.cancel(ANNA, first.id)
    second = await book(container, BORIS, demo.small_room, at(DAY, 10))  # Boris was quicker
    async with booking_service(container) as service:
        with pytest.raises(PlaceTaken):
            await service.book_offer(CLARA, entry.id)
    async with booking_service(container) as service:
        await service.cancel(BORIS, second.id)
    offers = [row.chat_id for row in await notices(session_factory, "notice-waitlist-free")]
    assert offers == [CLARA, CLARA]
    async with booking_service(container) as service:
        booked = await service.book_offer(CLARA, entry.id)
    assert booked.status is BookingStatus.HELD
