"""Spaces and tariffs from the staff menu, driven through the real dispatcher, dialogs, services
and database: a space and its tariff made step by step, previewed and saved, then booked by a
client at once; each field's refusals; capacity below the bookings ahead; a tariff switched off
that clients stop seeing while its booking stays; who may open the catalogue; the audit log."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import PhotoSize
from aiogram_dialog import StartMode
from aiogram_dialog.manager.bg_manager import BgManagerFactoryImpl
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow, BookingRow, SpaceRow, TariffRow
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translations, Translator
from coworking_bot.services.catalog.admin import CatalogAdmin
from dialogs import middlewares
from dialogs.states import CatalogSG
from tests.conftest import OWNER_ID
from tests.dialogs.booking_helpers import (
    DEC_2,
    add_client,
    alerts,
    book_directly,
    click_prefix,
    msk,
    rub,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, feed_message, last_text, register
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff

Factory = async_sessionmaker[AsyncSession]


class _SlowHands:
    """A monotonic clock ten seconds on at every look: a test walks through a whole catalogue
    faster than any member of staff, and the flood guard must not take that for a flood."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        self.now += 10.0
        return self.now


@pytest.fixture(autouse=True)
def unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middlewares, "time", _SlowHands())


def staff(dispatcher: Dispatcher, bot: Bot, user_id: int) -> BotClient:
    return BotClient(dispatcher, user_id=user_id, chat_id=user_id, bot=bot)


async def rows(factory: Factory, model: Any) -> list[Any]:
    async with factory() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def open_catalog(owner: BotClient, recorder: WindowRecorder, ru: Translator) -> None:
    await owner.send("/admin")
    await click(owner, recorder, ru.get("btn-admin-catalog"))


async def test_an_owner_adds_a_space_with_a_tariff_and_a_client_books_it_at_once(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_catalog(owner, message_manager, ru)
    assert ru.get("catalog-empty") in last_text(message_manager)

    await click(owner, message_manager, ru.get("btn-catalog-new-space"))
    assert ru.get("catalog-step", step=1, steps=6) in last_text(message_manager)
    await owner.send("Переговорная «Тест»")
    await click(owner, message_manager, ru.get("space-kind-meeting_room"))
    await owner.send("1")
    await click(owner, message_manager, ru.get("catalog-days-weekdays"))
    await owner.send("10:00-19:00")
    await click(owner, message_manager, ru.get("catalog-days-weekend"))
    await click(owner, message_manager, ru.get("btn-catalog-closed"))
    week = last_text(message_manager)
    assert "Пн: 10:00–19:00" in week
    assert "Сб: выходной" in week
    await click(owner, message_manager, ru.get("btn-catalog-next"))
    await owner.send("Тихая комната <на 4> человека")
    await click(owner, message_manager, ru.get("btn-catalog-skip"))
    card = last_text(message_manager)
    assert ru.get("catalog-space-new") in card
    assert "Пн–Пт 10:00–19:00; Сб–Вс выходной" in card
    assert await rows(session_factory, SpaceRow) == [], "nothing saved before Save"

    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    preview = last_text(message_manager)
    assert "<b>Переговорная «Тест»</b> · переговорная, мест: 1" in preview
    assert "<i>Тихая комната &lt;на 4&gt; человека</i>" in preview
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    [space] = await rows(session_factory, SpaceRow)
    assert space.opening_hours["0"] == ["10:00", "19:00"]
    assert space.opening_hours["6"] is None
    assert ru.get("catalog-status-hidden") in last_text(message_manager)

    await click(owner, message_manager, ru.get("btn-catalog-tariffs", tariffs_total=0))
    await click(owner, message_manager, ru.get("btn-catalog-new-tariff"))
    await owner.send("Почасовая")
    await click(owner, message_manager, ru.get("catalog-unit-hour"))
    await owner.send("1 500")
    await owner.send("1-4")
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    assert rub("▫️ Почасовая — 1 500 ₽ за час") in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    [tariff] = await rows(session_factory, TariffRow)
    assert (tariff.price, tariff.min_duration, tariff.max_duration) == (150_000, 1, 4)

    await register(client, message_manager, ru)
    await client.send("/book")
    await click(client, message_manager, "Переговорная «Тест»")
    await click_prefix(client, message_manager, "Почасовая")
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=2))
    await click(client, message_manager, ru.get("btn-no-promo"))
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    [booking] = await rows(session_factory, BookingRow)
    assert (booking.space_id, booking.tariff_id, booking.total) == (space.id, tariff.id, 300_000)
    assert booking.status is BookingStatus.HELD

    actions = [row.action for row in await rows(session_factory, AuditLogRow)]
    assert actions == ["catalog.space.create", "catalog.tariff.create"]


SMALL_ROOM = "Переговорная «Малая»"
OPEN_SPACE = "Открытое пространство"
ADMIN_ID, SUPPORT_ID = 3001, 3002


async def open_space_card(
    owner: BotClient, recorder: WindowRecorder, ru: Translator, name: str
) -> None:
    await open_catalog(owner, recorder, ru)
    await click_prefix(owner, recorder, f"🟢 {name} · ")


async def open_tariff_card(
    owner: BotClient, recorder: WindowRecorder, ru: Translator, space: str, tariff: str
) -> None:
    await open_space_card(owner, recorder, ru, space)
    await click_prefix(owner, recorder, "💰 ")
    await click_prefix(owner, recorder, f"🟢 {tariff} — ")


async def edit(owner: BotClient, recorder: WindowRecorder, ru: Translator, field: str) -> None:
    """Open a field of the card shown, by its label."""
    await click(owner, recorder, ru.get(field))


async def space_row(factory: Factory, name: str) -> SpaceRow:
    async with factory() as session:
        row = await session.scalar(select(SpaceRow).where(SpaceRow.name == name))
        assert row is not None
        return row


async def tariff_row(factory: Factory, tariff: int) -> TariffRow:
    async with factory() as session:
        row = await session.get(TariffRow, tariff)
        assert row is not None
        return row


# Space fields: (the field's label, what is typed, the refusal, its parameters).
SPACE_REFUSALS = [
    ("catalog-field-name", "Я", "error-catalog-name", {"min": 2, "max": 60}),
    ("catalog-field-name", OPEN_SPACE, "error-catalog-name-taken", {"name": OPEN_SPACE}),
    ("catalog-field-capacity", "0", "error-catalog-capacity", {"max": 1000}),
    ("catalog-field-capacity", "пять", "error-catalog-capacity", {"max": 1000}),
    ("catalog-field-about", "x" * 801, "error-catalog-text", {"max": 800}),
    ("catalog-field-step", "45", "error-catalog-slot-step", {}),
    ("catalog-field-buffer", "-5", "error-catalog-buffer", {"max": 240}),
    ("catalog-field-ahead", "400", "error-catalog-horizon", {"max": 365}),
    ("catalog-field-lead", "100000", "error-catalog-lead", {"max": 10080}),
]


@pytest.mark.parametrize(("field", "typed", "error", "params"), SPACE_REFUSALS)
async def test_each_space_field_refuses_what_breaks_its_rule(
    field: str,
    typed: str,
    error: str,
    params: dict[str, Any],
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, field)

    await owner.send(typed)

    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get(error, **params)
    await click(owner, message_manager, ru.get("btn-back"))
    assert "✏️" not in last_text(message_manager), "nothing kept"


async def test_the_lead_time_must_be_shorter_than_the_horizon(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, "catalog-field-ahead")
    await owner.send("1")
    await edit(owner, message_manager, ru, "catalog-field-lead")

    await owner.send("1440")

    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-catalog-lead-horizon", days=1)
    await click(owner, message_manager, ru.get("catalog-hours", hours=1))
    card = last_text(message_manager)
    assert "✏️ <b>Бронь вперёд</b>: 1 день" in card
    assert "✏️ <b>Не позже чем</b>: 1 ч" in card


async def test_opening_hours_refuse_a_closing_before_the_opening_and_a_week_all_closed(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, "catalog-field-hours")
    await click(owner, message_manager, ru.get("weekday-0"))

    await owner.send("21:00-09:00")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get(
        "error-catalog-hours-order", opens="21:00", closes="09:00"
    )
    await owner.send("с утра до вечера")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-catalog-hours")
    await owner.send("25:00-26:00")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-catalog-hours")

    await owner.send("8-22")
    assert "Пн: 08:00–22:00" in last_text(message_manager)
    await click(owner, message_manager, ru.get("catalog-days-all"))
    await click(owner, message_manager, ru.get("btn-catalog-closed"))
    assert alerts(telegram)[-1] == ru.get("error-catalog-hours-none")
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("catalog-days-weekend"))
    await click(owner, message_manager, ru.get("btn-catalog-closed"))
    assert "Сб: выходной" in last_text(message_manager)

    await click(owner, message_manager, ru.get("btn-back"))
    card = last_text(message_manager)
    assert "✏️ <b>Часы работы</b>: Пн 08:00–22:00; Вт–Пт 09:00–21:00; Сб–Вс выходной" in card
    assert ru.get("catalog-unsaved", count=1) in card
    row = await space_row(session_factory, SMALL_ROOM)
    assert row.opening_hours["0"] == ["09:00", "21:00"], "nothing saved before Save"

    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    row = await space_row(session_factory, SMALL_ROOM)
    assert row.opening_hours["0"] == ["08:00", "22:00"]
    assert row.opening_hours["5"] is None
    [entry] = await rows(session_factory, AuditLogRow)
    assert (entry.action, entry.target_id, entry.actor_telegram_id) == (
        "catalog.space.update",
        str(row.id),
        OWNER_ID,
    )
    assert set(entry.details["after"]) == {"opening_hours"}
    assert entry.details["before"]["opening_hours"]["0"] == ["09:00", "21:00"]


# Tariff fields of the demo's hourly desk (1 to 8 hours, 10 % off from 4).
TARIFF_REFUSALS = [
    ("catalog-field-price", "-100", "error-catalog-price-negative", {}),
    ("catalog-field-price", "0", "error-catalog-price-free", {}),
    ("catalog-field-price", "дёшево", "error-catalog-price", {}),
    ("catalog-field-durations", "8-2", "error-catalog-durations-order", {"min": 8, "max": 2}),
    (
        "catalog-field-durations",
        "1-30",
        "error-catalog-durations-long",
        {"max": 24, "unit": "hour"},
    ),
    ("catalog-field-durations", "0", "error-catalog-durations", {}),
    (
        "catalog-field-durations",
        "1-3",
        "error-catalog-discount-range",
        {"min": 2, "max": 3, "unit": "hour"},
    ),
    (
        "catalog-field-discount",
        "10 20",
        "error-catalog-discount-range",
        {"min": 2, "max": 8, "unit": "hour"},
    ),
    ("catalog-field-discount", "3 95", "error-catalog-discount", {"max": 90}),
    (
        "catalog-field-name",
        "Дневной абонемент",
        "error-catalog-name-taken",
        {"name": "Дневной абонемент"},
    ),
]


@pytest.mark.parametrize(("field", "typed", "error", "params"), TARIFF_REFUSALS)
async def test_each_tariff_field_refuses_what_breaks_its_rule(
    field: str,
    typed: str,
    error: str,
    params: dict[str, Any],
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_tariff_card(owner, message_manager, ru, OPEN_SPACE, "Почасовое место")
    await edit(owner, message_manager, ru, field)

    await owner.send(typed)

    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get(error, **params)
    await click(owner, message_manager, ru.get("btn-back"))
    assert "✏️" not in last_text(message_manager), "nothing kept"


async def test_a_tariff_is_changed_field_by_field_and_saved_from_its_preview(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    desk = await tariff_id(session_factory, "Hourly desk")
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_tariff_card(owner, message_manager, ru, OPEN_SPACE, "Почасовое место")

    await edit(owner, message_manager, ru, "catalog-field-price")
    await owner.send("300,50 ₽")
    await edit(owner, message_manager, ru, "catalog-field-durations")
    await owner.send("2-6")
    await edit(owner, message_manager, ru, "catalog-field-discount")
    await owner.send("3 15%")
    await click(owner, message_manager, "⬜ " + ru.get("catalog-toggle-confirm"))
    # The trial switch with a price above zero is fine; off again, and the price stays.
    await click(owner, message_manager, "⬜ " + ru.get("catalog-toggle-trial"))
    await click(owner, message_manager, "✅ " + ru.get("catalog-toggle-trial"))
    card = last_text(message_manager)
    assert rub("✏️ <b>Цена</b>: 300,50 ₽ за час") in card
    assert "✏️ <b>Длительность</b>: 2–6 ч" in card
    assert "✏️ <b>Скидка за объём</b>: 15% от 3 ч" in card
    assert "✏️ ✅ " + ru.get("catalog-toggle-confirm") in card
    assert ru.get("catalog-unsaved", count=4) in card
    assert (await tariff_row(session_factory, desk)).price == 25_000

    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    assert rub("• Почасовое место — 300,50 ₽ за час") in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-catalog-save"))

    row = await tariff_row(session_factory, desk)
    assert (row.price, row.min_duration, row.max_duration) == (30_050, 2, 6)
    assert row.volume_discount == {"from_units": 3, "percent": 15}
    assert row.needs_confirmation is True
    assert row.is_trial is False
    [entry] = await rows(session_factory, AuditLogRow)
    assert entry.action == "catalog.tariff.update"
    assert entry.details["name"] == f"{OPEN_SPACE} · Почасовое место"
    assert entry.details["before"] == {
        "max_duration": 8,
        "min_duration": 1,
        "needs_confirmation": False,
        "price": 25_000,
        "volume_discount": {"from_units": 4, "percent": 10},
    }
    assert entry.details["after"]["price"] == 30_050
    assert "✏️" not in last_text(message_manager)


async def test_capacity_below_the_bookings_ahead_is_refused_with_their_count(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    day_pass = await tariff_id(session_factory, "Day pass")
    for n in range(3):
        await add_client(session_factory, 100 + n)
        await book_directly(container, 100 + n, day_pass, msk(DEC_2, 0))
    await book_directly(container, 100, day_pass, msk(DEC_2 + timedelta(days=1), 0))
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, OPEN_SPACE)
    assert ru.get("catalog-space-stats", active=4, total=4, bookings=4) in last_text(
        message_manager
    )
    await edit(owner, message_manager, ru, "catalog-field-capacity")

    await owner.send("2")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get(
        "error-catalog-capacity-bookings", capacity=2, bookings=3
    )
    await owner.send("3")
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    await click(owner, message_manager, ru.get("btn-catalog-save"))

    assert (await space_row(session_factory, OPEN_SPACE)).capacity == 3
    [entry] = await rows(session_factory, AuditLogRow)
    assert (entry.details["before"], entry.details["after"]) == ({"capacity": 20}, {"capacity": 3})


async def test_a_tariff_switched_off_leaves_the_clients_screens_and_its_booking_stays(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    await register(client, message_manager, ru)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    made = await book_directly(container, 1, room, msk(DEC_2, 12), 2)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_tariff_card(owner, message_manager, ru, SMALL_ROOM, "Почасовая аренда")

    await click(owner, message_manager, ru.get("btn-catalog-switch-off"))
    assert ru.get("catalog-tariff-off-ask", name="Почасовая аренда", bookings=1) == last_text(
        message_manager
    )
    await click(owner, message_manager, ru.get("btn-catalog-switch-off-yes"))
    assert alerts(telegram)[-1] == ru.get("catalog-tariff-switched-off", bookings=1)
    assert ru.get("catalog-status-off") in last_text(message_manager)
    assert (await tariff_row(session_factory, room)).is_active is False

    await client.send("/menu")
    await click(client, message_manager, ru.get("btn-tariffs"))
    tariffs = last_text(message_manager)
    assert SMALL_ROOM not in tariffs, "its only tariff is off: the room is gone"
    assert "Переговорная «Большая»" in tariffs
    await client.send("/book")
    assert SMALL_ROOM not in button_texts(message_manager.last_message())
    await client.send("/mybookings")
    assert any(
        text.startswith("02.12, Ср") and SMALL_ROOM in text
        for text in button_texts(message_manager.last_message())
    )
    [booking] = await rows(session_factory, BookingRow)
    assert (booking.id, booking.status) == (made.id, made.status)

    [entry] = await rows(session_factory, AuditLogRow)
    assert entry.action == "catalog.tariff.deactivate"
    assert entry.details["live_bookings"] == 1

    await open_tariff_card_off(owner, message_manager, ru)
    await click(owner, message_manager, ru.get("btn-catalog-switch-on"))
    assert alerts(telegram)[-1] == ru.get("catalog-tariff-switched-on", space_off="no")
    await client.send("/book")
    assert SMALL_ROOM in button_texts(message_manager.last_message())


async def open_tariff_card_off(owner: BotClient, recorder: WindowRecorder, ru: Translator) -> None:
    """The switched-off hourly tariff of the small room, from the start."""
    await open_catalog(owner, recorder, ru)
    await click_prefix(owner, recorder, f"🟡 {SMALL_ROOM} · ")
    await click_prefix(owner, recorder, "💰 ")
    await click_prefix(owner, recorder, "⏸ Почасовая аренда — ")


async def test_a_space_switched_off_says_how_many_bookings_it_keeps(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    await register(client, message_manager, ru)
    day_pass = await tariff_id(session_factory, "Day pass")
    await book_directly(container, 1, day_pass, msk(DEC_2, 0))
    await book_directly(container, 1, day_pass, msk(DEC_2 + timedelta(days=2), 0))
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, OPEN_SPACE)
    await click(owner, message_manager, ru.get("btn-catalog-switch-off"))
    assert "Действующих броней впереди: 2" in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-catalog-switch-off-yes"))
    assert alerts(telegram)[-1] == ru.get("catalog-space-switched-off", bookings=2)

    await client.send("/book")
    assert OPEN_SPACE not in button_texts(message_manager.last_message())
    assert {row.status for row in await rows(session_factory, BookingRow)} == {BookingStatus.HELD}
    [entry] = await rows(session_factory, AuditLogRow)
    assert (entry.action, entry.details["live_bookings"]) == ("catalog.space.deactivate", 2)


async def test_the_unit_of_a_tariff_with_bookings_stays(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    await register(client, message_manager, ru)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 1, room, msk(DEC_2, 12), 2)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_tariff_card(owner, message_manager, ru, SMALL_ROOM, "Почасовая аренда")
    await edit(owner, message_manager, ru, "catalog-field-unit")

    await click(owner, message_manager, ru.get("catalog-unit-day"))

    assert alerts(telegram)[-1] == ru.get("error-catalog-unit-locked", bookings=1)
    assert (await tariff_row(session_factory, room)).unit.value == "hour"


async def test_a_photo_of_the_space_is_shown_to_clients_when_they_pick_a_tariff(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, "catalog-field-photo")
    await owner.send("a photo, in words")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("catalog-photo-expected")

    small, large = (
        PhotoSize(file_id=f"room-{size}", file_unique_id=f"u{size}", width=size, height=size)
        for size in (90, 1280)
    )
    await feed_message(owner, photo=[small, large])
    assert ru.get("catalog-field-photo") in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    preview = message_manager.last_message()
    assert preview.photo is not None
    assert preview.photo[0].file_id == "room-1280"
    assert "<b>Переговорная «Малая»</b>" in (preview.caption or "")
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    assert (await space_row(session_factory, SMALL_ROOM)).photo_file_id == "room-1280"

    await register(client, message_manager, ru)
    await client.send("/book")
    await click(client, message_manager, SMALL_ROOM)
    window = message_manager.last_message()
    assert window.photo is not None
    assert window.photo[0].file_id == "room-1280"
    assert window.caption == ru.get("book-pick-tariff", space=SMALL_ROOM)

    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, "catalog-field-photo")
    await click(owner, message_manager, ru.get("btn-catalog-clear"))
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    assert (await space_row(session_factory, SMALL_ROOM)).photo_file_id is None


async def test_the_preview_shows_what_clients_with_english_see(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    translations: Translations,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    en = translations(Language.EN)
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_space_card(owner, message_manager, ru, SMALL_ROOM)
    await edit(owner, message_manager, ru, "catalog-field-name_en")
    await owner.send("Small room")
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    assert "<b>Переговорная «Малая»</b>" in last_text(message_manager)

    await click(owner, message_manager, ru.get("btn-catalog-preview-en"))
    preview = last_text(message_manager)
    assert ru.get("catalog-preview-title", language="en") in preview
    assert "<b>Small room</b> · meeting room, places: 1" in preview
    assert en.get("tariffs-title") in preview
    assert rub("▫️ Hourly — 1 200 ₽ per hour") in preview
    await click(owner, message_manager, ru.get("btn-catalog-preview-ru"))
    assert "<b>Переговорная «Малая»</b>" in last_text(message_manager)


async def test_who_may_open_the_catalogue_and_what_the_audit_log_says(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_staff(session_factory, ADMIN_ID, StaffRole.ADMIN)
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    await seed_demo(session_factory)
    support = staff(dispatcher, bot, SUPPORT_ID)
    await support.send("/admin")
    assert ru.get("btn-admin-catalog") not in button_texts(message_manager.last_message())
    # Started all the same (a crafted or stale button): refused, nothing shown.
    shown = len(message_manager.sent_messages)
    starter = BgManagerFactoryImpl(dispatcher).bg(bot, SUPPORT_ID, SUPPORT_ID, load=False)
    await starter.start(CatalogSG.space, mode=StartMode.RESET_STACK)
    for _ in range(100):  # the start runs as a task of its own
        if telegram.sent_texts(SUPPORT_ID)[-1:] == [ru.get("error-permission-denied")]:
            break
        await asyncio.sleep(0.01)
    assert telegram.sent_texts(SUPPORT_ID)[-1] == ru.get("error-permission-denied")
    assert len(message_manager.sent_messages) == shown

    admin = staff(dispatcher, bot, ADMIN_ID)
    await register(admin, message_manager, ru, name="Алла Админ")
    await open_space_card(admin, message_manager, ru, SMALL_ROOM)
    await click(admin, message_manager, ru.get("btn-catalog-switch-off"))
    await click(admin, message_manager, ru.get("btn-catalog-switch-off-yes"))

    owner = staff(dispatcher, bot, OWNER_ID)
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-audit"))
    assert ru.get("audit-catalog-space-deactivate", name=SMALL_ROOM) in last_text(message_manager)
    assert "Алла Админ" in last_text(message_manager)


async def test_long_descriptions_keep_the_clients_list_and_the_preview_within_telegrams_limits(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await seed_demo(session_factory)
    async with container() as request:
        admin = await request.get(CatalogAdmin)
        owner = Actor(OWNER_ID, StaffRole.OWNER)
        for n in range(8):
            space = await admin.save_space(
                owner,
                None,
                {"name": f"Зал {n}", "description": "Очень длинное описание. " * 33},
            )
            await admin.save_tariff(
                owner, space.id, None, {"name": "Час", "description": "Условия. " * 33}
            )
        await admin.save_space(owner, space.id, {"photo_file_id": "hall-photo"})
    await register(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-tariffs"))
    text = last_text(message_manager)
    assert len(text) <= 4096
    assert text.endswith("…")
    assert text.count("<i>") == text.count("</i>"), "cut between whole lines"

    owner_chat = staff(dispatcher, bot, OWNER_ID)
    await open_catalog(owner_chat, message_manager, ru)
    await click(owner_chat, message_manager, ru.get("btn-page-next"))  # twelve spaces: two pages
    await click_prefix(owner_chat, message_manager, "🟢 Зал 7 · ")
    await click(owner_chat, message_manager, ru.get("btn-catalog-preview"))
    preview = message_manager.last_message()
    assert preview.photo is not None
    assert len(preview.caption or "") <= 1024
