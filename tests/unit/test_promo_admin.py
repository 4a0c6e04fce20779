"""Promo codes as staff make them: the rules of a new code (pure), `PromoAdmin` over a real
database (who may, uniqueness, the audit log, the list, what a code brought), and the limits a
code made this way sets, enforced when clients book with it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import AuditLogRow, PromoCodeRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import DomainError, PermissionDenied
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.promo import (
    READABLE_ALPHABET,
    PromoAlreadyUsed,
    PromoAmountInvalid,
    PromoCode,
    PromoCodeInvalid,
    PromoCodeTaken,
    PromoDayInvalid,
    PromoDraft,
    PromoExpired,
    PromoFirstBookingOnly,
    PromoLimitInvalid,
    PromoNotForTariff,
    PromoNotStarted,
    PromoPercentInvalid,
    PromoStatus,
    PromoTariffsInvalid,
    PromoUnknown,
    PromoUsedUp,
    PromoWindowInvalid,
    PromoWindowPast,
    check_draft,
    check_window,
    generate_code,
    parse_day,
    parse_limit,
    parse_new_code,
    parse_percent,
    parse_rubles,
    promo_status,
    window_bounds,
    window_days,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.promo.admin import PAGE_SIZE, PromoAdmin, PromoCard
from coworking_bot.services.promo.ports import NewPromo, PromoCodes
from tests.conftest import OWNER_ID, FakeClock
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    Demo,
    add_user,
    at,
    book,
    booking_service,
    bookings,
    client,
)
from tests.unit.payment_helpers import ANNA, BORIS, Factory, check, paying, seed_clients

MSK = ZoneInfo("Europe/Moscow")
OWNER = Actor(OWNER_ID, StaffRole.OWNER)
ADMIN = Actor(3000, StaffRole.ADMIN)
MANAGER = Actor(3001, StaffRole.MANAGER)
SUPPORT = Actor(3002, StaffRole.SUPPORT)
CAROL = 3
TODAY = date(2026, 12, 1)  # FakeClock's day in Moscow


def draft(code: str = "SPRING15", **fields: object) -> PromoDraft:
    values: dict[str, object] = {"kind": DiscountKind.PERCENT, "value": 15}
    values.update(fields)
    return PromoDraft(code=code, **values)  # type: ignore[arg-type]


# --- the rules of a new code ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("spring15", "SPRING15"),
        ("  Welcome-2027 ", "WELCOME-2027"),
        ("abc", "ABC"),
        ("A" * 32, "A" * 32),
    ],
)
def test_a_typed_code_is_stored_upper_case(raw: str, code: str) -> None:
    assert parse_new_code(raw) == code


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        "ab",
        "A" * 33,
        "ВЕСНА",
        "SPRÍNG",
        "-SPRING",
        "SPRING-",
        "SP--RING",
        "SP_RING",
        "🙂🙂🙂",
    ],
)
def test_a_code_of_another_shape_is_refused(raw: str | None) -> None:
    with pytest.raises(PromoCodeInvalid) as refused:
        parse_new_code(raw)
    assert refused.value.params == {"min": 3, "max": 32}


def test_a_generated_code_is_readable_and_valid() -> None:
    rng = random.Random(7)
    for _ in range(200):
        code = generate_code(rng.choice)
        assert parse_new_code(code) == code
        assert len(code) == 9
        assert code[4] == "-"
        assert set(code.replace("-", "")) <= set(READABLE_ALPHABET)
        assert not set(code) & set("0O1IL")


@pytest.mark.parametrize(("raw", "percent"), [("15", 15), ("1", 1), ("100", 100), (" 15 % ", 15)])
def test_a_percent_is_1_to_100(raw: str, percent: int) -> None:
    assert parse_percent(raw) == percent


@pytest.mark.parametrize("raw", ["0", "101", "-5", "15.5", "abc", "", "٣", "²"])
def test_a_percent_out_of_range_is_refused(raw: str) -> None:
    with pytest.raises(PromoPercentInvalid):
        parse_percent(raw)


@pytest.mark.parametrize(
    ("raw", "kopecks"),
    [("300", 30_000), ("1 500", 150_000), ("299,90", 29_990), ("299.9", 29_990), ("0,5", 50)],
)
def test_a_fixed_amount_is_typed_in_rubles_and_kept_in_kopecks(raw: str, kopecks: int) -> None:
    assert parse_rubles(raw) == kopecks


@pytest.mark.parametrize("raw", ["0", "0,00", "-300", "1.234", "1000000,01", "abc", "", "3e2"])
def test_a_fixed_amount_must_be_positive_and_sane(raw: str) -> None:
    with pytest.raises(PromoAmountInvalid):
        parse_rubles(raw)


def test_days_are_typed_day_first() -> None:
    assert parse_day("01.03.2027") == date(2027, 3, 1)
    assert parse_day("1.3.2027") == date(2027, 3, 1)
    for raw in ("31.02.2027", "2027-03-01", "01/03/2027", "01.03.27", "", "завтра"):
        with pytest.raises(PromoDayInvalid):
            parse_day(raw)


@pytest.mark.parametrize("raw", ["0", "-1", "1000001", "1.5", "many", ""])
def test_a_limit_is_at_least_one(raw: str) -> None:
    with pytest.raises(PromoLimitInvalid):
        parse_limit(raw)
    assert parse_limit("1") == 1
    assert parse_limit("100") == 100


def test_the_window_ends_after_it_starts_and_not_in_the_past() -> None:
    check_window(None, None, TODAY)
    check_window(TODAY, TODAY, TODAY)  # one day
    check_window(date(2026, 1, 1), None, TODAY)  # a start in the past: from now on
    with pytest.raises(PromoWindowInvalid):
        check_window(date(2026, 12, 10), date(2026, 12, 9), TODAY)
    with pytest.raises(PromoWindowPast):
        check_window(None, date(2026, 11, 30), TODAY)


def test_the_window_is_whole_days_of_the_coworking() -> None:
    start, end = window_bounds(date(2026, 12, 2), date(2026, 12, 3), MSK)
    assert start == datetime(2026, 12, 1, 21, 0, tzinfo=UTC)  # 00:00 in Moscow
    assert end == datetime(2026, 12, 3, 21, 0, tzinfo=UTC)  # 24:00 of the last day
    assert window_bounds(None, None, MSK) == (None, None)
    promo = saved(valid_from=start, valid_until=end)
    assert window_days(promo, MSK) == (date(2026, 12, 2), date(2026, 12, 3))


def test_a_whole_draft_is_checked_again() -> None:
    assert check_draft(draft(), TODAY) == draft()
    for bad, error in [
        (draft(code="spring15"), PromoCodeInvalid),
        (draft(value=0), PromoPercentInvalid),
        (draft(value=101), PromoPercentInvalid),
        (draft(kind=DiscountKind.FIXED, value=0), PromoAmountInvalid),
        (draft(max_uses=0), PromoLimitInvalid),
        (draft(per_user_limit=0), PromoLimitInvalid),
        (draft(tariff_ids=()), PromoTariffsInvalid),
        (draft(last_day=date(2026, 11, 30)), PromoWindowPast),
    ]:
        with pytest.raises(error):
            check_draft(bad, TODAY)


def saved(**fields: object) -> PromoCode:
    values: dict[str, object] = {
        "id": 1,
        "code": "X",
        "kind": DiscountKind.PERCENT,
        "value": 10,
        "valid_from": None,
        "valid_until": None,
        "max_uses": None,
        "uses": 0,
        "per_user_limit": 1,
        "tariff_ids": None,
        "first_booking_only": False,
        "is_active": True,
    }
    values.update(fields)
    return PromoCode(**values)  # type: ignore[arg-type]


def test_the_status_a_list_shows() -> None:
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    later, earlier = now + timedelta(days=1), now - timedelta(days=1)
    assert promo_status(saved(), now) is PromoStatus.ACTIVE
    assert promo_status(saved(is_active=False, valid_until=earlier), now) is PromoStatus.OFF
    assert promo_status(saved(valid_until=now), now) is PromoStatus.EXPIRED
    assert promo_status(saved(valid_from=later), now) is PromoStatus.NOT_STARTED
    assert promo_status(saved(max_uses=3, uses=3), now) is PromoStatus.USED_UP
    assert promo_status(saved(max_uses=3, uses=2), now) is PromoStatus.ACTIVE


# --- PromoAdmin over the database -------------------------------------------------------------


@pytest.fixture
async def demo(session_factory: Factory) -> Demo:
    return await seed_clients(session_factory)


async def create(container: AsyncContainer, new: PromoDraft, actor: Actor = OWNER) -> PromoCode:
    async with container() as request:
        return await (await request.get(PromoAdmin)).create(actor, new)


async def admin_call(container: AsyncContainer, method: str, *args: object) -> object:
    async with container() as request:
        return await getattr(await request.get(PromoAdmin), method)(*args)


async def audit(session_factory: Factory) -> list[AuditLogRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def codes(session_factory: Factory) -> list[PromoCodeRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(PromoCodeRow).order_by(PromoCodeRow.id)))


async def code_rows(session_factory: Factory) -> list[tuple[object, ...]]:
    """Every code as plain values, to compare before and after."""
    return [(r.id, r.code, r.is_active, r.uses) for r in await codes(session_factory)]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "actor", [MANAGER, SUPPORT, client(ANNA)], ids=["manager", "support", "client"]
)
async def test_only_promo_managers_may(
    container: AsyncContainer, session_factory: Factory, actor: Actor
) -> None:
    before = await code_rows(session_factory)
    calls: list[tuple[str, tuple[object, ...]]] = [
        ("page", (actor,)),
        ("card", (actor, before[0][0])),
        ("tariffs", (actor,)),
        ("check_code", (actor, "NEWCODE")),
        ("suggest_code", (actor,)),
        ("check_tariffs", (actor, [1])),
        ("create", (actor, draft())),
        ("deactivate", (actor, before[0][0])),
        ("activate", (actor, before[0][0])),
    ]
    for method, args in calls:
        with pytest.raises(PermissionDenied):
            await admin_call(container, method, *args)
    with pytest.raises(PermissionDenied):
        async with container() as request:
            (await request.get(PromoAdmin)).check_window(actor, None, None)
    assert await code_rows(session_factory) == before
    assert await audit(session_factory) == []


@pytest.mark.usefixtures("demo")
async def test_a_code_is_unique_whatever_its_case(
    container: AsyncContainer, session_factory: Factory
) -> None:
    with pytest.raises(PromoCodeTaken) as taken:
        await admin_call(container, "check_code", ADMIN, "welcome20")  # the demo's WELCOME20
    assert taken.value.params == {"code": "WELCOME20"}
    assert await admin_call(container, "check_code", ADMIN, "spring15") == "SPRING15"

    first = await create(container, draft(), ADMIN)
    with pytest.raises(PromoCodeTaken):
        await create(container, draft(), ADMIN)  # a second tap on Save, or someone faster
    assert [row.code for row in await codes(session_factory)].count("SPRING15") == 1
    assert first.code == "SPRING15"
    assert first.is_active
    assert first.uses == 0


@pytest.mark.usefixtures("demo")
async def test_a_suggested_code_is_free_and_can_be_saved(container: AsyncContainer) -> None:
    code = await admin_call(container, "suggest_code", OWNER)
    assert isinstance(code, str)
    assert parse_new_code(code) == code
    saved_code = await create(container, draft(code=code))
    assert saved_code.code == code


async def test_tariffs_are_picked_from_those_on_sale(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    picked = await admin_call(container, "check_tariffs", OWNER, [demo.day_pass, demo.day_pass])
    assert picked == (demo.day_pass,)
    for wrong in ([], [999_999], [demo.day_pass, -1]):
        with pytest.raises(PromoTariffsInvalid):
            await admin_call(container, "check_tariffs", OWNER, wrong)
    with pytest.raises(PromoTariffsInvalid):
        await create(container, draft(tariff_ids=(demo.day_pass, 999_999)))
    assert "SPRING15" not in [row.code for row in await codes(session_factory)]


@pytest.mark.usefixtures("demo")
async def test_a_code_is_stored_with_its_terms_and_audited(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    promo = await create(
        container,
        draft(
            "COFFEE-150",
            kind=DiscountKind.FIXED,
            value=15_000,
            first_day=date(2026, 12, 5),
            last_day=date(2026, 12, 31),
            max_uses=50,
            per_user_limit=2,
            tariff_ids=(demo.small_room, demo.day_pass),
            first_booking_only=True,
        ),
    )
    [row] = [row for row in await codes(session_factory) if row.id == promo.id]
    assert (row.code, row.kind, row.value, row.max_uses, row.per_user_limit) == (
        "COFFEE-150",
        DiscountKind.FIXED,
        15_000,
        50,
        2,
    )
    assert row.valid_from == datetime(2026, 12, 4, 21, tzinfo=UTC)
    assert row.valid_until == datetime(2026, 12, 31, 21, tzinfo=UTC)
    assert sorted(row.tariff_ids or []) == sorted([demo.small_room, demo.day_pass])
    assert row.first_booking_only
    assert row.is_active
    [entry] = await audit(session_factory)
    assert (entry.actor_telegram_id, entry.action, entry.target_type, entry.target_id) == (
        OWNER_ID,
        "promo.create",
        "promo",
        str(promo.id),
    )
    assert entry.details["name"] == "COFFEE-150"
    assert entry.details["before"] is None
    assert entry.details["after"]["value"] == 15_000
    assert entry.details["after"]["last_day"] == "2026-12-31"


@pytest.mark.usefixtures("demo")
async def test_switching_off_and_on_is_audited_once_each(
    container: AsyncContainer, session_factory: Factory
) -> None:
    promo = await create(container, draft())
    off = await admin_call(container, "deactivate", ADMIN, promo.id)
    again = await admin_call(container, "deactivate", ADMIN, promo.id)
    assert isinstance(off, PromoCard)
    assert isinstance(again, PromoCard)
    assert off.status is again.status is PromoStatus.OFF
    on = await admin_call(container, "activate", OWNER, promo.id)
    assert isinstance(on, PromoCard)
    assert on.status is PromoStatus.ACTIVE
    entries = [(e.action, e.actor_telegram_id, e.details) for e in await audit(session_factory)]
    assert entries == [
        ("promo.create", OWNER_ID, entries[0][2]),
        (
            "promo.deactivate",
            ADMIN.telegram_id,
            {"name": "SPRING15", "before": True, "after": False},
        ),
        ("promo.activate", OWNER_ID, {"name": "SPRING15", "before": False, "after": True}),
    ]
    with pytest.raises(DomainError):
        await admin_call(container, "deactivate", ADMIN, 999_999)


async def test_the_list_pages(container: AsyncContainer, demo: Demo) -> None:
    made = [await create(container, draft(f"CODE{n:02d}")) for n in range(PAGE_SIZE + 2)]
    await admin_call(container, "deactivate", OWNER, made[-1].id)
    async with container() as request:
        admin = await request.get(PromoAdmin)
        first = await admin.page(OWNER, page=0)
        last = await admin.page(OWNER, page=99)  # past the end: the last page
    total = PAGE_SIZE + 2 + 3  # and the demo's three
    assert (first.total, first.pages, first.page) == (total, 2, 0)
    assert [item.promo.code for item in first.items[:2]] == ["CODE08", "CODE07"]  # newest first
    assert last.page == 1
    assert last.items[-1].promo.code == "CODE09"  # switched off: at the end
    assert last.items[-1].status is PromoStatus.OFF


async def test_what_a_code_brought(
    container: AsyncContainer,
    session_factory: Factory,
    kassa: YooKassaStandIn,
    demo: Demo,
) -> None:
    promo = await create(container, draft("TEN", value=10))
    # Anna pays 2 hours of the small room (2 400 ₽ - 10 % = 2 160 ₽).
    paid, provider_id = await paying(
        container, ANNA, demo.small_room, at(DAY, 10), 2, promo_code="ten"
    )
    kassa.succeed(provider_id)
    await check(container, ANNA, paid.id)
    # Boris holds one hour (1 200 ₽ - 120 ₽) and has not paid yet.
    await book(container, BORIS, demo.small_room, at(DAY, 14), 1, promo_code="TEN")
    card = await admin_call(container, "card", OWNER, promo.id)
    assert isinstance(card, PromoCard)
    assert (card.promo.uses, card.stats.bookings) == (2, 2)
    assert card.stats.discount == 24_000 + 12_000
    assert card.stats.revenue == 216_000  # only the money received

    async with booking_service(container) as service:  # two days ahead: everything back
        await service.cancel(ANNA, paid.id)
    card = await admin_call(container, "card", OWNER, promo.id)
    assert isinstance(card, PromoCard)
    assert (card.promo.uses, card.stats.bookings, card.stats.discount) == (1, 1, 12_000)
    assert card.stats.revenue == 0  # paid, then refunded


# --- the limits of a code, when clients book with it ----------------------------------------


async def refused(container: AsyncContainer, who: int, tariff: int, start: datetime) -> type:
    with pytest.raises(DomainError) as error:
        await book(container, who, tariff, start, promo_code="LIMITS")
    return type(error.value)


async def test_total_uses_run_out_and_come_back(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await add_user(session_factory, CAROL)
    await create(container, draft("LIMITS", max_uses=2))
    first = await book(container, ANNA, demo.day_pass, at(DAY, 0), promo_code="limits")
    await book(container, BORIS, demo.day_pass, at(DAY, 0), promo_code="LIMITS")
    assert await refused(container, CAROL, demo.day_pass, at(DAY, 0)) is PromoUsedUp
    async with booking_service(container) as service:
        await service.cancel(ANNA, first.id)
    made = await book(container, CAROL, demo.day_pass, at(DAY, 0), promo_code="LIMITS")
    assert made.promo_discount > 0


async def test_a_client_uses_a_code_as_often_as_it_allows(
    container: AsyncContainer, demo: Demo
) -> None:
    await create(container, draft("LIMITS", per_user_limit=2))
    await book(container, ANNA, demo.day_pass, at(DAY, 0), promo_code="LIMITS")
    await book(container, ANNA, demo.day_pass, at(DAY + timedelta(days=1), 0), promo_code="LIMITS")
    third = at(DAY + timedelta(days=2), 0)
    assert await refused(container, ANNA, demo.day_pass, third) is PromoAlreadyUsed
    await book(container, BORIS, demo.day_pass, third, promo_code="LIMITS")  # another client may


async def test_a_code_works_only_within_its_days(
    container: AsyncContainer, clock: FakeClock, demo: Demo
) -> None:
    # Now: 1 December, 12:00 in Moscow. Valid 2 to 3 December, Moscow days.
    await create(
        container, draft("LIMITS", first_day=date(2026, 12, 2), last_day=date(2026, 12, 3))
    )
    start = at(date(2026, 12, 10), 0)
    assert await refused(container, ANNA, demo.day_pass, start) is PromoNotStarted
    clock.current = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)  # 00:00 on 2 December
    await book(container, ANNA, demo.day_pass, start, promo_code="LIMITS")
    clock.current = datetime(2026, 12, 3, 20, 59, tzinfo=UTC)  # 23:59 on 3 December
    await book(container, BORIS, demo.day_pass, start, promo_code="LIMITS")
    clock.current = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)  # 00:00 on 4 December
    assert await refused(container, BORIS, demo.day_pass, start) is PromoExpired


async def test_a_first_booking_code_is_for_clients_who_never_booked(
    container: AsyncContainer, demo: Demo
) -> None:
    await create(container, draft("LIMITS", first_booking_only=True))
    await book(container, ANNA, demo.hourly_desk, at(DAY, 10))  # without the code
    assert await refused(container, ANNA, demo.day_pass, at(DAY, 0)) is PromoFirstBookingOnly
    await book(container, BORIS, demo.day_pass, at(DAY, 0), promo_code="LIMITS")


async def test_a_code_for_one_tariff_is_refused_for_another(
    container: AsyncContainer, session_factory: Factory, demo: Demo
) -> None:
    await create(container, draft("LIMITS", tariff_ids=(demo.day_pass,)))
    assert await refused(container, ANNA, demo.hourly_desk, at(DAY, 10)) is PromoNotForTariff
    made = await book(container, ANNA, demo.day_pass, at(DAY, 0), promo_code="LIMITS")
    [row] = [row for row in await bookings(session_factory) if row.id == made.id]
    assert row.promo_discount == (row.subtotal * 15 + 50) // 100
    assert row.total == row.subtotal - row.promo_discount


async def test_a_switched_off_code_is_refused_to_clients(
    container: AsyncContainer, demo: Demo
) -> None:
    promo = await create(container, draft("LIMITS"))
    await admin_call(container, "deactivate", OWNER, promo.id)
    assert await refused(container, ANNA, demo.day_pass, at(DAY, 0)) is PromoUnknown
    await admin_call(container, "activate", OWNER, promo.id)
    await book(container, ANNA, demo.day_pass, at(DAY, 0), promo_code="LIMITS")


@pytest.mark.usefixtures("demo")
async def test_a_clash_on_insert_undoes_only_that_insert(
    container: AsyncContainer, session_factory: Factory
) -> None:
    """Two saves of one code that both passed the check (PostgreSQL lets them race): the second
    insert is refused by the unique index, and the transaction it ran in still commits."""
    new = NewPromo("RACE", DiscountKind.PERCENT, 5, None, None, None, 1, None, False)
    async with container() as request:
        uow, promos = await request.get(UnitOfWork), await request.get(PromoCodes)
        async with uow.write():
            first = await promos.add(new)
            second = await promos.add(new)
            third = await promos.add(replace(new, code="RACE-2"))
    assert first is not None
    assert second is None
    assert third is not None
    assert [row.code for row in await codes(session_factory)][-2:] == ["RACE", "RACE-2"]
