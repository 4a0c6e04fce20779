"""Reminders on a controlled clock: a day and an hour before a booking, once each, with buttons to
see, move or cancel it; none for a cancelled booking; a booking moved after its reminder was
planned is reminded at its new time; switched off in settings they are never sent; a monthly
booking is offered a renewal before its period ends; staff who asked get the morning schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.config import Settings
from coworking_bot.db.models import UserRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.reminders import (
    ReminderKind,
    ReminderRules,
    Verdict,
    before_start,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.morning import MorningSchedule
from coworking_bot.services.booking.reminders import BookingReminders, ReminderReport
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.common.notices import NoticeAction, decode_buttons
from tests.conftest import FakeClock
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_promo,
    add_staff,
    add_user,
    at,
    book,
    booking_service,
    notices,
)
from tests.unit.conftest import ContainerFor
from tests.unit.payment_helpers import ANNA, Factory, paid_booking, seed_clients

MANAGER_ID = 3001
MANAGER = Actor(MANAGER_ID, StaffRole.MANAGER)


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    demo = await seed_clients(session_factory)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    return demo


async def remind(container: AsyncContainer) -> ReminderReport:
    async with container() as request:
        return await (await request.get(BookingReminders)).send_due()


def test_the_day_and_hour_windows() -> None:
    start = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    rules = ReminderRules()
    day, hour = ReminderKind.DAY, ReminderKind.HOUR
    assert before_start(day, start, start - timedelta(hours=25), rules) is Verdict.WAIT
    assert before_start(day, start, start - timedelta(hours=24), rules) is Verdict.SEND
    assert before_start(day, start, start - timedelta(hours=20, minutes=1), rules) is Verdict.SEND
    assert before_start(day, start, start - timedelta(hours=20), rules) is Verdict.SKIP
    assert before_start(hour, start, start - timedelta(hours=2), rules) is Verdict.WAIT
    assert before_start(hour, start, start - timedelta(minutes=60), rules) is Verdict.SEND
    assert before_start(hour, start, start - timedelta(minutes=10), rules) is Verdict.SKIP
    off = ReminderRules(day_before=False, hour_before=False)
    assert before_start(day, start, start - timedelta(hours=30), off) is Verdict.SKIP
    assert before_start(hour, start, start - timedelta(hours=30), off) is Verdict.SKIP


async def test_a_day_and_an_hour_before_once_each_with_buttons(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)  # 3 Dec, 10:00-12:00 Moscow
    assert await remind(container) == ReminderReport(0, 0)  # two days ahead: nothing yet

    clock.current = at(DAY, 10) - timedelta(hours=24)
    assert (await remind(container)).sent == 1
    assert (await remind(container)).sent == 0  # once
    [day] = await notices(session_factory, "notice-reminder-day")
    assert day.chat_id == ANNA
    assert day.params["time"] is not None
    actions = [button.action for row in decode_buttons(day.buttons) for button in row]
    assert actions == [
        NoticeAction.OPEN_MY_BOOKING,
        NoticeAction.MOVE_MY_BOOKING,
        NoticeAction.CANCEL_MY_BOOKING,
    ]
    assert all(
        button.args == (booking_id,) for row in decode_buttons(day.buttons) for button in row
    )

    clock.current = at(DAY, 9, 5)
    assert (await remind(container)).sent == 1
    assert (await remind(container)).sent == 0
    assert len(await notices(session_factory, "notice-reminder-hour")) == 1


async def test_a_cancelled_booking_gets_no_reminder(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    async with booking_service(container) as service:
        await service.cancel(ANNA, booking_id)
    for moment in (at(DAY, 10) - timedelta(hours=24), at(DAY, 9, 5)):
        clock.current = moment
        assert (await remind(container)).sent == 0
    assert await notices(session_factory, "notice-reminder-day") == []
    assert await notices(session_factory, "notice-reminder-hour") == []


async def test_a_booking_moved_after_its_reminder_is_reminded_at_its_new_time(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    booking_id, _ = await paid_booking(container, kassa, demo)
    clock.current = at(DAY, 10) - timedelta(hours=24)
    assert (await remind(container)).sent == 1

    next_day = DAY + timedelta(days=1)
    async with container() as request:
        await (await request.get(StaffChanges)).move(
            MANAGER, booking_id, at(next_day, 10), revision=0
        )
    # The old time's hour reminder never comes; the new time gets both of its own.
    clock.current = at(DAY, 9, 5)
    assert (await remind(container)).sent == 0
    clock.current = at(DAY, 10)
    assert (await remind(container)).sent == 1  # a day before the new time
    days = await notices(session_factory, "notice-reminder-day")
    assert len(days) == 2
    assert days[0].dedupe_key != days[1].dedupe_key
    assert await notices(session_factory, "notice-reminder-hour") == []
    clock.current = at(next_day, 9, 5)
    assert (await remind(container)).sent == 1
    assert len(await notices(session_factory, "notice-reminder-hour")) == 1


async def test_switched_off_in_settings_nothing_is_sent_and_nothing_is_kept_waiting(
    container_for: ContainerFor,
    settings: Settings,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    quiet = await container_for(
        settings.model_copy(update={"reminder_day_before": False, "reminder_hour_before": False})
    )
    await paid_booking(quiet, kassa, demo)
    clock.current = at(DAY, 10) - timedelta(hours=24)
    assert await remind(quiet) == ReminderReport(sent=0, skipped=2)
    clock.current = at(DAY, 9, 5)
    assert await remind(quiet) == ReminderReport(0, 0)
    assert await notices(session_factory, "notice-reminder-day") == []
    assert await notices(session_factory, "notice-reminder-hour") == []


async def test_a_booking_made_on_the_day_gets_the_hour_reminder_only(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    clock.current = at(DAY, 7)
    await paid_booking(container, kassa, demo)  # 10:00, three hours away
    assert await remind(container) == ReminderReport(sent=0, skipped=1)
    clock.current = at(DAY, 9)
    assert await remind(container) == ReminderReport(sent=1, skipped=0)
    assert await notices(session_factory, "notice-reminder-day") == []


async def test_a_monthly_booking_is_offered_a_renewal_once_before_it_ends(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    clock: FakeClock,
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    async with booking_service(container) as service:
        confirmed = await service.confirm(MANAGER, office.id)
    assert confirmed.status is BookingStatus.CONFIRMED

    clock.current = confirmed.ends_at - timedelta(days=4)
    await remind(container)
    assert await notices(session_factory, "notice-reminder-renewal") == []
    clock.current = confirmed.ends_at - timedelta(days=3)
    assert (await remind(container)).sent == 1
    await remind(container)
    [offer] = await notices(session_factory, "notice-reminder-renewal")
    assert decode_buttons(offer.buttons)[0][0].action is NoticeAction.EXTEND_BOOKING


async def test_no_renewal_offer_when_the_next_period_is_booked_already(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    clock: FakeClock,
) -> None:
    await add_promo(session_factory, "FREEOFFICE", value=100, per_user_limit=5)
    office = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    async with booking_service(container) as service:
        first = await service.confirm(MANAGER, office.id)
    following = await book(container, ANNA, demo.office, first.ends_at, promo_code="FREEOFFICE")
    assert following.status is BookingStatus.PENDING
    clock.current = first.ends_at - timedelta(days=2)
    await remind(container)
    assert await notices(session_factory, "notice-reminder-renewal") == []


async def test_the_morning_schedule_goes_once_a_day_to_staff_who_asked(
    container: AsyncContainer,
    session_factory: Factory,
    demo: Demo,
    kassa: YooKassaStandIn,
    clock: FakeClock,
) -> None:
    await paid_booking(container, kassa, demo)  # 3 Dec, 10:00-12:00
    async with session_factory() as session:  # the manager registered and asked for it
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(morning_schedule=True)
        )
        await session.commit()
    await add_user(session_factory, MANAGER_ID, name="Мария")
    async with container() as request:
        assert await (await request.get(MorningSchedule)).switch(MANAGER, True)

    async def morning() -> int:
        async with container() as request:
            return await (await request.get(MorningSchedule)).send_due()

    clock.current = at(DAY, 7, 59)
    assert await morning() == 0
    clock.current = at(DAY, 8, 1)
    assert await morning() == 1
    clock.current = at(DAY, 8, 2)
    await morning()
    [sent] = await notices(session_factory, "notice-morning-schedule")
    assert sent.chat_id == MANAGER_ID  # not the client who set the flag, not the owner
    assert "10:00–12:00" in sent.params["lines"]
    assert sent.params["total"] == 1
    clock.current = at(DAY, 13)
    assert await morning() == 0  # too late in the day
