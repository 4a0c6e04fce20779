"""`coworking-bot seed-demo`: a realistic demo coworking. Running it again changes nothing.

A database with clients is a coworking in use: demo spaces and promo codes would show up in its
menus, so the seed refuses it unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import PromoCodeRow, SpaceRow, TariffRow, UserRow
from coworking_bot.domain.enums import SpaceKind, TariffUnit
from coworking_bot.domain.pricing import DiscountKind

WEEKDAYS_9_21 = {str(day): ["09:00", "21:00"] for day in range(7)}
OPEN_SPACE_HOURS = {
    **{str(day): ["08:00", "22:00"] for day in range(5)},
    "5": ["10:00", "20:00"],
    "6": ["10:00", "20:00"],
}


@dataclass(frozen=True)
class DemoTariff:
    name: str
    name_en: str
    unit: TariffUnit
    price: int
    description: str
    description_en: str
    min_duration: int = 1
    max_duration: int = 1
    volume_discount: dict[str, int] | None = None
    needs_confirmation: bool = False
    is_trial: bool = False
    check_in_required: bool = False


@dataclass(frozen=True)
class DemoSpace:
    name: str
    name_en: str
    kind: SpaceKind
    capacity: int
    description: str
    description_en: str
    opening_hours: dict[str, Any]
    tariffs: tuple[DemoTariff, ...] = field(default_factory=tuple)
    slot_step_minutes: int = 30
    buffer_minutes: int = 0


def _meeting_room(name: str, name_en: str, about: str, about_en: str, *, price: int) -> DemoSpace:
    """A room booked whole, by the hour, 1 to 8 hours with 10 % off from 3, 15 minutes between."""
    return DemoSpace(
        name=name,
        name_en=name_en,
        kind=SpaceKind.MEETING_ROOM,
        capacity=1,
        description=about,
        description_en=about_en,
        opening_hours=WEEKDAYS_9_21,
        buffer_minutes=15,
        tariffs=(
            DemoTariff(
                "Почасовая аренда",
                "Hourly",
                TariffUnit.HOUR,
                price,
                "От 1 до 8 часов; от 3 часов скидка 10%.",
                "1 to 8 hours; 10% off from 3 hours.",
                max_duration=8,
                volume_discount={"from_units": 3, "percent": 10},
                # A room nobody came to is given back (when NO_SHOW_MINUTES is set).
                check_in_required=True,
            ),
        ),
    )


DEMO: tuple[DemoSpace, ...] = (
    DemoSpace(
        name="Открытое пространство",
        name_en="Open space",
        kind=SpaceKind.OPEN_SPACE,
        capacity=20,
        description="20 рабочих мест у окон, быстрый Wi-Fi, кофе и чай без ограничений.",
        description_en="20 desks by the windows, fast Wi-Fi, unlimited coffee and tea.",
        opening_hours=OPEN_SPACE_HOURS,
        slot_step_minutes=60,
        tariffs=(
            DemoTariff(
                "Пробный день",
                "Free trial day",
                TariffUnit.DAY,
                0,
                "Один бесплатный день, чтобы познакомиться.",
                "One free day to try us out.",
                is_trial=True,
            ),
            DemoTariff(
                "Дневной абонемент",
                "Day pass",
                TariffUnit.DAY,
                90_000,
                "Любое свободное место на весь день.",
                "Any free desk for the whole day.",
                max_duration=5,
            ),
            DemoTariff(
                "Почасовое место",
                "Hourly desk",
                TariffUnit.HOUR,
                25_000,
                "От 1 до 8 часов; от 4 часов скидка 10%.",
                "1 to 8 hours; 10% off from 4 hours.",
                max_duration=8,
                volume_discount={"from_units": 4, "percent": 10},
            ),
            DemoTariff(
                "Фиксированное место",
                "Fixed desk",
                TariffUnit.MONTH,
                1_500_000,
                "Ваше личное место и шкафчик на месяц.",
                "Your own desk and locker for a month.",
                max_duration=12,
            ),
        ),
    ),
    _meeting_room(
        "Переговорная «Малая»",
        "Meeting room Small",
        "До 6 человек, экран и маркерная доска.",
        "Up to 6 people, a screen and a whiteboard.",
        price=120_000,
    ),
    _meeting_room(
        "Переговорная «Большая»",
        "Meeting room Large",
        "До 14 человек, проектор, видеосвязь.",
        "Up to 14 people, a projector, video conferencing.",
        price=200_000,
    ),
    DemoSpace(
        name="Офис на 4 человека",
        name_en="Private office for 4",
        kind=SpaceKind.OFFICE,
        capacity=1,
        description="Закрытый офис с доступом 24/7.",
        description_en="A private office with 24/7 access.",
        opening_hours={str(day): ["00:00", "24:00"] for day in range(7)},
        tariffs=(
            DemoTariff(
                "Аренда на месяц",
                "Monthly",
                TariffUnit.MONTH,
                6_000_000,
                "Заявку подтверждает менеджер.",
                "A manager confirms each request.",
                max_duration=12,
                needs_confirmation=True,
            ),
        ),
    ),
)


@dataclass(frozen=True)
class DemoPromo:
    code: str
    kind: DiscountKind
    value: int  # percent, or kopecks for a fixed discount
    # (space name, tariff name) pairs the code is for; empty means every tariff.
    tariffs: tuple[tuple[str, str], ...] = ()
    per_user_limit: int = 1
    max_uses: int | None = None
    first_booking_only: bool = False


MEETING_ROOM_HOURS = tuple(
    (space.name, tariff.name)
    for space in DEMO
    if space.kind is SpaceKind.MEETING_ROOM
    for tariff in space.tariffs
)

DEMO_PROMOS: tuple[DemoPromo, ...] = (
    DemoPromo("WELCOME20", DiscountKind.PERCENT, 20, tariffs=MEETING_ROOM_HOURS),
    DemoPromo(
        "FIRSTDESK",
        DiscountKind.PERCENT,
        50,
        tariffs=(("Открытое пространство", "Дневной абонемент"),),
        first_booking_only=True,
    ),
    DemoPromo("COFFEE300", DiscountKind.FIXED, 30_000, max_uses=100),
)


class DatabaseHasClients(Exception):
    """The database already has registered users; the message is one line for the operator."""

    def __init__(self, clients: int) -> None:
        super().__init__(
            f"the database already has {clients} registered"
            f" {'client' if clients == 1 else 'clients'}, and the demo would show up next to real"
            " spaces: add it anyway with `coworking-bot seed-demo --force`"
        )
        self.clients = clients


@dataclass
class SeedReport:
    spaces_added: int = 0
    tariffs_added: int = 0
    promo_codes_added: int = 0


async def seed_demo(
    sessions: async_sessionmaker[AsyncSession], *, force: bool = False
) -> SeedReport:
    """Adds what is missing from the demo, by name; never changes or duplicates what exists.
    Raises `DatabaseHasClients` (and adds nothing) when someone has registered, unless `force`."""
    report = SeedReport()
    async with sessions() as session:
        await begin_write(session)
        if not force:
            clients = await session.scalar(
                select(func.count()).select_from(UserRow).where(UserRow.registered_at.is_not(None))
            )
            if clients:
                raise DatabaseHasClients(clients)
        for order, demo in enumerate(DEMO):
            space = await session.scalar(select(SpaceRow).where(SpaceRow.name == demo.name))
            if space is None:
                space = SpaceRow(
                    name=demo.name,
                    name_en=demo.name_en,
                    kind=demo.kind,
                    capacity=demo.capacity,
                    description=demo.description,
                    description_en=demo.description_en,
                    opening_hours=demo.opening_hours,
                    slot_step_minutes=demo.slot_step_minutes,
                    buffer_minutes=demo.buffer_minutes,
                    sort_order=order,
                )
                session.add(space)
                await session.flush()
                report.spaces_added += 1
            existing = set(
                await session.scalars(select(TariffRow.name).where(TariffRow.space_id == space.id))
            )
            for tariff_order, tariff in enumerate(demo.tariffs):
                if tariff.name in existing:
                    continue
                session.add(
                    TariffRow(
                        space_id=space.id,
                        name=tariff.name,
                        name_en=tariff.name_en,
                        description=tariff.description,
                        description_en=tariff.description_en,
                        unit=tariff.unit,
                        price=tariff.price,
                        min_duration=tariff.min_duration,
                        max_duration=tariff.max_duration,
                        volume_discount=tariff.volume_discount,
                        needs_confirmation=tariff.needs_confirmation,
                        is_trial=tariff.is_trial,
                        check_in_required=tariff.check_in_required,
                        sort_order=tariff_order,
                    )
                )
                report.tariffs_added += 1
        await session.flush()
        report.promo_codes_added = await _seed_promos(session)
        await session.commit()
    return report


async def _seed_promos(session: AsyncSession) -> int:
    """Adds the demo codes that are missing, by code; an existing code is left as it is."""
    existing = set(await session.scalars(select(PromoCodeRow.code)))
    tariff_ids = {
        (space_name, tariff_name): tariff_id
        for tariff_id, space_name, tariff_name in await session.execute(
            select(TariffRow.id, SpaceRow.name, TariffRow.name).join(
                SpaceRow, SpaceRow.id == TariffRow.space_id
            )
        )
    }
    added = 0
    for promo in DEMO_PROMOS:
        if promo.code in existing:
            continue
        scope = [tariff_ids[pair] for pair in promo.tariffs if pair in tariff_ids]
        if promo.tariffs and not scope:
            continue  # its tariffs were renamed or removed: a code for nothing helps no one
        session.add(
            PromoCodeRow(
                code=promo.code,
                kind=promo.kind,
                value=promo.value,
                max_uses=promo.max_uses,
                per_user_limit=promo.per_user_limit,
                tariff_ids=sorted(scope) if promo.tariffs else None,
                first_booking_only=promo.first_booking_only,
            )
        )
        added += 1
    return added
