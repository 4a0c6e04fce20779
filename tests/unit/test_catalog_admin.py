"""The catalogue's rules (each field's reader, the checks of a whole space or tariff) and
`CatalogAdmin` over the real container and database: who may use it, what it writes and audits,
capacity below the bookings ahead, a unit fixed by bookings, switching off with bookings kept."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow, BookingRow, SpaceRow, TariffRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.catalog import (
    PRICE_MAX,
    CapacityBelowBookings,
    CatalogNotFound,
    ClosingBeforeOpening,
    DiscountOutOfRange,
    DurationsReversed,
    DurationTooLong,
    FreeNeedsTrial,
    InvalidBuffer,
    InvalidCapacity,
    InvalidCatalogName,
    InvalidCatalogText,
    InvalidDiscount,
    InvalidDurations,
    InvalidHorizon,
    InvalidHours,
    InvalidLead,
    InvalidPhoto,
    InvalidPrice,
    InvalidSlotStep,
    LeadBeyondHorizon,
    NameTaken,
    NegativePrice,
    NoOpenDay,
    PriceTooHigh,
    Space,
    Tariff,
    UnitLocked,
    VolumeDiscount,
    check_space,
    check_tariff,
    new_space,
    new_tariff,
    read_about,
    read_buffer,
    read_capacity,
    read_day_hours,
    read_durations,
    read_horizon,
    read_lead,
    read_name,
    read_photo,
    read_price,
    read_slot_step,
    read_volume_discount,
    space_values,
    space_with,
    tariff_values,
    tariff_with,
    with_day_hours,
)
from coworking_bot.domain.enums import SpaceKind, StaffRole, TariffUnit
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.users import Actor
from coworking_bot.services.catalog.admin import CatalogAdmin
from coworking_bot.services.catalog.service import CatalogService
from tests.unit.booking_helpers import Demo, add_user, fill, seed

OWNER = Actor(1000, StaffRole.OWNER)
ADMIN = Actor(2001, StaffRole.ADMIN)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # FakeClock's

Factory = async_sessionmaker[AsyncSession]
_clients = itertools.count(500)


# --- each field's reader ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "raw", "expected"),
    [
        (read_name, "  Переговорная   «Малая» ", "Переговорная «Малая»"),
        (read_capacity, " 20 ", 20),
        (read_capacity, "1 000", 1000),
        (read_slot_step, "15", 15),
        (read_slot_step, "120", 120),
        (read_buffer, "0", 0),
        (read_horizon, "365", 365),
        (read_lead, "90", 90),
        (read_day_hours, "9-21", ["09:00", "21:00"]),
        (read_day_hours, "08.30 – 17:45", ["08:30", "17:45"]),
        (read_day_hours, "00:00-24:00", ["00:00", "24:00"]),
        (read_day_hours, "Выходной", None),
        (read_day_hours, "-", None),
        (read_price, "1200", 120_000),
        (read_price, "1 200,5 ₽", 120_050),
        (read_price, "1200.05 руб.", 120_005),
        (read_price, "0", 0),
        (read_durations, "1-8", (1, 8)),
        (read_durations, " 3 ", (3, 3)),
        (read_volume_discount, "3 10%", VolumeDiscount(3, 10)),
        (read_volume_discount, "4, 15", VolumeDiscount(4, 15)),
    ],
)
def test_a_field_reads_what_people_type(read: Any, raw: str, expected: object) -> None:
    assert read(raw) == expected


@pytest.mark.parametrize(
    ("read", "raw", "error"),
    [
        (read_name, "Я", InvalidCatalogName),
        (read_name, "x" * 61, InvalidCatalogName),
        (read_name, None, InvalidCatalogName),
        (read_capacity, "0", InvalidCapacity),
        (read_capacity, "-3", InvalidCapacity),
        (read_capacity, "1001", InvalidCapacity),
        (read_capacity, "2.5", InvalidCapacity),
        (read_capacity, "²", InvalidCapacity),
        (read_slot_step, "45", InvalidSlotStep),
        (read_slot_step, "90", InvalidSlotStep),
        (read_slot_step, "4", InvalidSlotStep),
        (read_slot_step, "1500", InvalidSlotStep),
        (read_buffer, "241", InvalidBuffer),
        (read_horizon, "0", InvalidHorizon),
        (read_lead, "10081", InvalidLead),
        (read_day_hours, "21:00-09:00", ClosingBeforeOpening),
        (read_day_hours, "10-10", ClosingBeforeOpening),
        (read_day_hours, "24:00-24:00", ClosingBeforeOpening),
        (read_day_hours, "9:60-18", InvalidHours),
        (read_day_hours, "25-26", InvalidHours),
        (read_day_hours, "24:30-23", InvalidHours),
        (read_day_hours, "с 9 до 21", InvalidHours),
        (read_price, "-100", NegativePrice),
        (read_price, "сто", InvalidPrice),
        (read_price, "1,234", InvalidPrice),
        (read_price, "", InvalidPrice),
        (read_price, "1000001", PriceTooHigh),
        (read_durations, "0-3", InvalidDurations),
        (read_durations, "8-1", DurationsReversed),
        (read_durations, "one", InvalidDurations),
        (read_volume_discount, "3", InvalidDiscount),
        (read_volume_discount, "1 10", InvalidDiscount),
        (read_volume_discount, "3 0", InvalidDiscount),
        (read_volume_discount, "3 91", InvalidDiscount),
        (read_photo, "", InvalidPhoto),
        (read_photo, "x" * 256, InvalidPhoto),
    ],
)
def test_a_field_refuses_what_breaks_its_rule(
    read: Any, raw: str | None, error: type[DomainError]
) -> None:
    with pytest.raises(error):
        read(raw)


def test_a_description_keeps_its_lines_within_the_limit() -> None:
    assert read_about("  Тихо.  \n\nСветло. ", 800) == "Тихо.\n\nСветло."
    with pytest.raises(InvalidCatalogText):
        read_about("   ", 800)
    with pytest.raises(InvalidCatalogText) as refused:
        read_about("x" * 301, 300)
    assert refused.value.params == {"max": 300}


@given(
    opens=st.integers(min_value=0, max_value=24 * 60 - 1),
    length=st.integers(min_value=1, max_value=24 * 60),
)
def test_any_opening_before_its_closing_reads_back_and_no_other(opens: int, length: int) -> None:
    closes = min(opens + length, 24 * 60)

    def clock(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    assert read_day_hours(f"{clock(opens)}-{clock(closes)}") == [clock(opens), clock(closes)]
    with pytest.raises(ClosingBeforeOpening):
        read_day_hours(f"{clock(closes)}-{clock(opens)}")


@given(kopecks=st.integers(min_value=0, max_value=PRICE_MAX))
def test_any_price_written_in_rubles_reads_back_in_kopecks(kopecks: int) -> None:
    rubles, rest = divmod(kopecks, 100)
    grouped = f"{rubles:,}".replace(",", " ")
    assert read_price(f"{grouped},{rest:02d} ₽") == kopecks
    assert read_price(f"{rubles}.{rest:02d}") == kopecks
    if not rest:
        assert read_price(str(rubles)) == kopecks


# --- a whole space, a whole tariff -----------------------------------------------------------


def valid_space(**fields: Any) -> Space:
    return space_with(new_space(), {"name": "Зал", **fields})


def valid_tariff(**fields: Any) -> Tariff:
    return tariff_with(new_tariff(1), {"name": "Час", **fields})


def test_the_defaults_of_a_new_one_pass_but_for_the_name() -> None:
    check_space(valid_space())
    check_tariff(valid_tariff())
    with pytest.raises(InvalidCatalogName):
        check_space(new_space())
    with pytest.raises(InvalidCatalogName):
        check_tariff(new_tariff(1))


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"opening_hours": with_day_hours({}, range(7), None)}, NoOpenDay),
        ({"opening_hours": {"0": ["21:00", "09:00"]}}, ClosingBeforeOpening),
        ({"booking_horizon_days": 1, "min_lead_minutes": 1440}, LeadBeyondHorizon),
        ({"capacity": 0}, InvalidCapacity),
        ({"slot_step_minutes": 7}, InvalidSlotStep),
        ({"description": "x" * 801}, InvalidCatalogText),
    ],
)
def test_a_space_that_cannot_work_is_refused(fields: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        check_space(valid_space(**fields))


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"price": -1}, NegativePrice),
        ({"price": 0}, FreeNeedsTrial),
        ({"min_duration": 3, "max_duration": 2}, DurationsReversed),
        ({"max_duration": 25}, DurationTooLong),
        ({"unit": "month", "max_duration": 13}, DurationTooLong),
        ({"min_duration": 0}, InvalidDurations),
        ({"price": PRICE_MAX, "max_duration": 24}, PriceTooHigh),
        (
            {"max_duration": 4, "volume_discount": {"from_units": 5, "percent": 10}},
            DiscountOutOfRange,
        ),
        (
            {
                "min_duration": 2,
                "max_duration": 4,
                "volume_discount": {"from_units": 2, "percent": 10},
            },
            DiscountOutOfRange,
        ),
    ],
)
def test_a_tariff_that_cannot_work_is_refused(fields: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        check_tariff(valid_tariff(**fields))


def test_a_free_tariff_is_a_trial_and_a_discount_fits_its_lengths() -> None:
    check_tariff(valid_tariff(price=0, is_trial=True))
    check_tariff(valid_tariff(max_duration=8, volume_discount={"from_units": 8, "percent": 90}))


def test_edits_travel_as_plain_values_and_back() -> None:
    space = valid_space(kind="office", opening_hours={"0": ["09:00", "18:00"]})
    assert space.kind is SpaceKind.OFFICE
    assert space_with(new_space(), space_values(space)) == space
    tariff = valid_tariff(unit="day", volume_discount={"from_units": 2, "percent": 5})
    assert tariff.unit is TariffUnit.DAY
    assert tariff.volume_discount == VolumeDiscount(2, 5)
    assert tariff_with(new_tariff(1), tariff_values(tariff)) == tariff
    with pytest.raises(ValueError, match="is_active"):
        space_with(space, {"is_active": False})


# --- the service -----------------------------------------------------------------------------


@pytest.fixture
async def admin(container: AsyncContainer) -> Any:
    """Each call runs in a request scope of its own, as one update would."""

    class PerRequest:
        def __getattr__(self, name: str) -> Any:
            async def call(*args: Any, **kwargs: Any) -> Any:
                async with container() as request:
                    service = await request.get(CatalogAdmin)
                    return await getattr(service, name)(*args, **kwargs)

            return call

    return PerRequest()


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed(session_factory)


async def audit(factory: Factory) -> list[AuditLogRow]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def book(
    factory: Factory, space: int, tariff: int, start: datetime, hours: int, count: int
) -> None:
    """`count` confirmed bookings of one client from `start`, `hours` long."""
    user = await add_user(factory, next(_clients))
    await fill(
        factory,
        user_id=user,
        space_id=space,
        tariff_id=tariff,
        start=start,
        end=start + timedelta(hours=hours),
        count=count,
    )


@pytest.mark.parametrize(
    "actor",
    [Actor(1, None), Actor(3, StaffRole.MANAGER), Actor(4, StaffRole.SUPPORT)],
    ids=["client", "manager", "support"],
)
@pytest.mark.usefixtures("demo")
async def test_only_staff_who_manage_the_catalogue_may_use_it(admin: Any, actor: Actor) -> None:
    calls = [
        admin.spaces(actor, page=0),
        admin.space(actor, 1),
        admin.tariffs(actor, 1, page=0),
        admin.tariff(actor, 1),
        admin.check_space(actor, None, {"name": "Новый"}),
        admin.save_space(actor, None, {"name": "Новый"}),
        admin.switch_space(actor, 1, active=False),
        admin.check_tariff(actor, 1, None, {"name": "Новый"}),
        admin.save_tariff(actor, 1, None, {"name": "Новый"}),
        admin.switch_tariff(actor, 1, active=False),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            await call


async def test_a_space_and_a_tariff_made_are_audited_and_clients_see_them_at_once(
    admin: Any, container: AsyncContainer, session_factory: Factory
) -> None:
    space = await admin.save_space(
        ADMIN, None, {"name": "Зал", "kind": "meeting_room", "capacity": 4}
    )
    async with container() as request:
        assert await (await request.get(CatalogService)).tariffs_by_space() == []
    tariff = await admin.save_tariff(
        ADMIN, space.id, None, {"name": "Час", "price": 50_000, "max_duration": 3}
    )
    async with container() as request:
        [group] = await (await request.get(CatalogService)).tariffs_by_space()
    assert (group.space.id, [t.id for t in group.tariffs]) == (space.id, [tariff.id])

    first, second = await audit(session_factory)
    assert (first.action, first.target_type, first.target_id) == (
        "catalog.space.create",
        "space",
        str(space.id),
    )
    assert first.details["after"]["capacity"] == 4
    assert first.details["name"] == "Зал"
    assert (second.action, second.details["name"]) == ("catalog.tariff.create", "Зал · Час")
    assert second.details["after"]["max_duration"] == 3


async def test_an_update_writes_and_audits_only_what_changed(
    admin: Any, demo: Demo, session_factory: Factory
) -> None:
    before = (await admin.space(OWNER, demo.small_room_id)).space
    saved = await admin.save_space(
        OWNER, demo.small_room_id, {"capacity": 2, "buffer_minutes": before.buffer_minutes}
    )
    assert saved.capacity == 2
    [entry] = await audit(session_factory)
    assert (entry.details["before"], entry.details["after"]) == ({"capacity": 1}, {"capacity": 2})

    await admin.save_space(OWNER, demo.small_room_id, {"capacity": 2})
    assert len(await audit(session_factory)) == 1, "nothing changed, nothing audited"


async def test_names_are_unique_among_spaces_and_within_a_space(admin: Any, demo: Demo) -> None:
    with pytest.raises(NameTaken):
        await admin.check_space(OWNER, None, {"name": "открытое ПРОСТРАНСТВО"})
    with pytest.raises(NameTaken):
        await admin.check_tariff(OWNER, demo.open_space_id, None, {"name": "пробный день"})
    # The same tariff name in another space, and a space keeping its own name, are fine.
    await admin.check_tariff(OWNER, demo.small_room_id, None, {"name": "Пробный день"})
    await admin.check_space(OWNER, demo.open_space_id, {"name": "Открытое пространство"})


async def test_capacity_may_not_go_below_the_most_bookings_at_once_ahead(
    admin: Any, demo: Demo, session_factory: Factory
) -> None:
    day = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    space, tariff = demo.open_space_id, demo.hourly_desk
    await book(session_factory, space, tariff, day, 2, 3)  # 09-11: three at once
    await book(session_factory, space, tariff, day + timedelta(hours=1), 2, 1)  # 10-12
    await book(session_factory, space, tariff, day + timedelta(hours=3), 1, 2)  # 12-13
    await book(session_factory, space, tariff, NOW - timedelta(days=1), 2, 9)  # over
    async with session_factory() as session:  # cancelled ones hold no place
        await session.execute(
            update(BookingRow)
            .where(BookingRow.id.in_([1, 2]))
            .values(status=BookingStatus.CANCELLED)
        )
        await session.commit()

    with pytest.raises(CapacityBelowBookings) as refused:
        await admin.check_space(OWNER, space, {"capacity": 1})
    assert refused.value.params == {"capacity": 1, "bookings": 2}
    await admin.save_space(OWNER, space, {"capacity": 2})
    async with session_factory() as session:
        assert await session.scalar(select(SpaceRow.capacity).where(SpaceRow.id == space)) == 2


async def test_the_unit_stays_once_the_tariff_has_a_booking(
    admin: Any, demo: Demo, session_factory: Factory
) -> None:
    await admin.check_tariff(OWNER, demo.small_room_id, demo.small_room, {"unit": "day"})
    await book(session_factory, demo.small_room_id, demo.small_room, NOW - timedelta(days=9), 1, 1)
    with pytest.raises(UnitLocked) as refused:
        await admin.save_tariff(OWNER, demo.small_room_id, demo.small_room, {"unit": "day"})
    assert refused.value.params == {"bookings": 1}
    await admin.save_tariff(OWNER, demo.small_room_id, demo.small_room, {"price": 130_000})


async def test_switching_off_keeps_the_bookings_and_counts_the_live_ones(
    admin: Any, container: AsyncContainer, demo: Demo, session_factory: Factory
) -> None:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    await book(session_factory, demo.small_room_id, demo.small_room, start, 1, 1)
    await book(session_factory, demo.small_room_id, demo.small_room, NOW - timedelta(days=2), 1, 1)

    assert await admin.switch_tariff(OWNER, demo.small_room, active=False) == 1
    assert await admin.switch_tariff(OWNER, demo.small_room, active=False) == 1
    async with container() as request:
        groups = await (await request.get(CatalogService)).tariffs_by_space()
    assert demo.small_room_id not in {group.space.id for group in groups}
    async with session_factory() as session:
        statuses = list(await session.scalars(select(BookingRow.status)))
        active = await session.scalar(
            select(TariffRow.is_active).where(TariffRow.id == demo.small_room)
        )
    assert statuses == [BookingStatus.CONFIRMED, BookingStatus.CONFIRMED]
    assert active is False
    assert await admin.switch_space(OWNER, demo.small_room_id, active=False) == 1
    assert await admin.switch_space(OWNER, demo.small_room_id, active=True) == 1

    entries = await audit(session_factory)
    assert [entry.action for entry in entries] == [
        "catalog.tariff.deactivate",
        "catalog.space.deactivate",
        "catalog.space.activate",
    ], "switching off what is off already changes nothing"
    assert entries[0].details == {
        "name": "Переговорная «Малая» · Почасовая аренда",
        "before": True,
        "after": False,
        "live_bookings": 1,
    }


async def test_what_is_not_there_is_said_so(admin: Any, demo: Demo) -> None:
    with pytest.raises(CatalogNotFound):
        await admin.space(OWNER, 999)
    with pytest.raises(CatalogNotFound):
        await admin.tariff(OWNER, 999)
    with pytest.raises(CatalogNotFound):  # a tariff of another space
        await admin.check_tariff(OWNER, demo.office_id, demo.small_room, {"price": 1})
    with pytest.raises(CatalogNotFound):
        await admin.switch_space(OWNER, 999, active=False)


async def test_spaces_and_tariffs_are_paged_in_the_database(admin: Any, demo: Demo) -> None:
    for n in range(5):
        await admin.save_space(OWNER, None, {"name": f"Комната {n}"})
    first = await admin.spaces(OWNER, page=0)
    assert (first.total, first.pages, len(first.items)) == (9, 2, 6)
    assert first.items[0].space.id == demo.open_space_id
    assert first.items[0].active_tariffs == 4
    last = await admin.spaces(OWNER, page=7)  # past the end: the last page
    assert (last.page, [item.space.name for item in last.items][-1]) == (1, "Комната 4")
    tariffs = await admin.tariffs(OWNER, demo.open_space_id, page=0)
    assert [tariff.id for tariff in tariffs.items][:2] == [demo.trial, demo.day_pass]
