"""Every button of every client and staff window, tapped with garbage: item ids out of range or
not ids at all, made-up widgets, an old keyboard of the same dialog, an unknown intent.

Each journey walks to its windows the way a user does (real dispatcher, dialogs, services and
database) and, on each window, asserts for every garbage tap: no error (no apology, no owner
alert, nothing logged at ERROR), no change (the tables and the window stay as they were), and
an answer within two seconds. Then a real button still works, so refusing everything cannot pass.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from aiogram import Bot, Dispatcher
from aiogram_dialog import StartMode
from aiogram_dialog.manager.bg_manager import BgManagerFactoryImpl
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import PromoCodeRow, UserRow
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.tickets.client import ClientTickets
from dialogs import middlewares
from dialogs.states import StaffBookingSG
from tests.conftest import OWNER_ID
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    book_directly,
    bookings,
    click_day,
    click_prefix,
    msk,
    tariff_id,
)
from tests.dialogs.fuzz_helpers import Fuzzer, snapshot
from tests.dialogs.helpers import button_texts, click, last_text, reply_button
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import DAY, add_promo, add_staff, add_user, at, book, fill, seed
from tests.unit.payment_helpers import payment_rows

MANAGER_ID = 3001
NEWCOMER_ID = 2001

MakeFuzzer = Callable[[BotClient], Fuzzer]


class _Unhurried:
    """A monotonic clock a minute further on at every look: the flood guard (20 updates in 10
    seconds) never sees a burst, so every garbage tap reaches the window."""

    def __init__(self) -> None:
        self.now = time.monotonic()  # after what the guard saw before the patch

    def monotonic(self) -> float:
        self.now += 60.0
        return self.now


@pytest.fixture
def fuzzer_for(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Sessions,
    ru: Translator,
) -> MakeFuzzer:
    monkeypatch.setattr(middlewares, "time", _Unhurried())
    caplog.set_level(logging.ERROR)

    def make(client: BotClient) -> Fuzzer:
        return Fuzzer(client, message_manager, telegram, session_factory, caplog, ru)

    return make


@pytest.fixture
def fuzz(fuzzer_for: MakeFuzzer, client: BotClient) -> Fuzzer:
    return fuzzer_for(client)


def staff_client(dispatcher: Dispatcher, bot: Bot, user_id: int) -> BotClient:
    return BotClient(dispatcher, user_id=user_id, chat_id=user_id, bot=bot)


# --- client ----------------------------------------------------------------------------------


async def test_onboarding(
    fuzz: Fuzzer,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await seed_demo(session_factory)
    await client.send("/start")
    await fuzz.window("consent")
    await click(client, message_manager, ru.get("btn-consent"))
    await fuzz.window("name")  # no buttons: the dialog's intent id, remembered from consent
    await client.send("Anna Petrova")
    await fuzz.window("phone")
    await client.send("+7 916 123-45-67")
    await fuzz.window("email")

    await click(client, message_manager, ru.get("btn-skip"))
    assert ru.get("menu-title", name="Anna Petrova") in last_text(message_manager)
    await fuzz.stale("menu")


@pytest.mark.usefixtures("registered")
async def test_menu_profile_tariffs_and_help(
    fuzz: Fuzzer, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/menu")
    await fuzz.window("menu", extra=["admin"])  # the staff button, hidden from a client
    await click(client, message_manager, ru.get("btn-profile"))
    await fuzz.window("profile")
    for edit in ("btn-edit-name", "btn-edit-email", "btn-language"):
        await click(client, message_manager, ru.get(edit))
        await fuzz.window(edit)
        await click(client, message_manager, ru.get("btn-back"))
    await click(client, message_manager, ru.get("btn-edit-phone"))
    await fuzz.window("edit phone")  # a reply keyboard: crafted callbacks with its intent id
    await client.send(reply_button(message_manager, ru.get("btn-back")).text)
    await fuzz.window("profile, back from the phone")

    await click(client, message_manager, ru.get("btn-menu"))
    await click(client, message_manager, ru.get("btn-tariffs"))
    await fuzz.window("tariffs")
    await click(client, message_manager, ru.get("btn-back"))
    await click(client, message_manager, ru.get("btn-help"))
    await fuzz.window("help")

    await click(client, message_manager, ru.get("btn-menu"))
    await click(client, message_manager, ru.get("btn-profile"))
    await click(client, message_manager, ru.get("btn-edit-name"))
    await client.send("Anna Ivanova")
    assert "Anna Ivanova" in last_text(message_manager)
    await fuzz.stale("profile")


@pytest.mark.usefixtures("registered")
async def test_reply_keyboard_presses(
    fuzz: Fuzzer, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    """The phone window's back button is a reply button: its press is a message carrying the
    callback data. Garbage in that data, and the same button pressed again after the window
    has gone (a double press), must be refused like a crafted tap."""
    await click(client, message_manager, ru.get("btn-profile"))
    await click(client, message_manager, ru.get("btn-edit-phone"))
    await fuzz.presses("edit phone")
    back = reply_button(message_manager, ru.get("btn-back")).text
    await client.send(back)
    assert ru.get("btn-edit-phone") in button_texts(message_manager.last_message())
    await fuzz.presses("profile, the phone window's back pressed again")

    await click(client, message_manager, ru.get("btn-edit-phone"))
    await client.send(reply_button(message_manager, ru.get("btn-back")).text)
    assert ru.get("btn-edit-phone") in button_texts(message_manager.last_message())


@pytest.mark.usefixtures("registered")
async def test_booking_weekly(
    fuzz: Fuzzer,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await client.send("/book")
    await fuzz.window("space")
    await click(client, message_manager, "Переговорная «Малая»")
    await fuzz.window("tariff")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await fuzz.window("day")
    await click(client, message_manager, "2")
    await fuzz.window("start")
    await click(client, message_manager, "12:00")
    await fuzz.window("units")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=2))
    await fuzz.window("promo")
    await click(client, message_manager, ru.get("btn-no-promo"))
    await fuzz.window("summary")
    await click(client, message_manager, ru.get("btn-weekly"))
    await fuzz.window("weeks")
    await click(client, message_manager, "2")
    await fuzz.window("weekly dates")

    await click(client, message_manager, ru.get("btn-weekly-book", free=2))
    assert len(await bookings(session_factory)) == 2
    await fuzz.window("done")
    await fuzz.stale("done")


@pytest.mark.usefixtures("registered")
async def test_waitlist_of_a_full_day_and_of_busy_hours(
    fuzz: Fuzzer,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    day_pass = await tariff_id(session_factory, "Day pass")
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    for n in range(20):
        await add_client(session_factory, 100 + n)
        await book_directly(container, 100 + n, day_pass, msk(DEC_2, 0))
    await book_directly(container, 100, room, msk(DEC_2, 12), 2)

    await client.send("/book")
    await click(client, message_manager, "Открытое пространство")
    await click_prefix(client, message_manager, "Дневной абонемент")
    await click_day(client, message_manager.last_message(), DEC_2)
    assert last_text(message_manager) == ru.get("book-full-day", date="2 декабря 2026, Ср")
    await fuzz.window("waitlist of a full day")

    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, ru.get("btn-waitlist-busy"))
    await fuzz.window("waitlist of busy hours")

    before = await snapshot(session_factory)
    await click(client, message_manager, "⏳ 12:00")
    assert len((await snapshot(session_factory))["waitlist_entries"]) == 1
    assert before["waitlist_entries"] == []
    await fuzz.stale("day")


@pytest.mark.usefixtures("registered")
async def test_my_bookings(
    fuzz: Fuzzer,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    day_pass = await tariff_id(session_factory, "Day pass")
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    for n in range(6):
        await book_directly(container, 1, day_pass, msk(DEC_2 + timedelta(days=n + 1), 0))
    await book_directly(container, 1, room, msk(DEC_2, 12), 2)
    async with session_factory() as session:
        user_id = await session.scalar(select(UserRow.id).where(UserRow.telegram_id == 1))
    past = date(2026, 11, 20)
    await fill(
        session_factory,
        user_id=int(user_id or 0),
        space_id=1,
        tariff_id=day_pass,
        start=msk(past, 0),
        end=msk(past + timedelta(days=1), 0),
        count=1,
    )

    await client.send("/mybookings")
    await fuzz.window("list, upcoming, page 1")
    await click(client, message_manager, ru.get("btn-page-next"))
    await fuzz.window("list, upcoming, page 2")
    await click(client, message_manager, ru.get("btn-bookings-past"))
    await fuzz.window("list, past")
    await click(client, message_manager, ru.get("btn-bookings-upcoming"))
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    await fuzz.window("details")
    await click(client, message_manager, ru.get("btn-move"))
    await fuzz.window("move day")
    await click(client, message_manager, "4")
    await fuzz.window("move start")
    await click(client, message_manager, "15:00")
    await fuzz.window("move confirm")
    await click(client, message_manager, ru.get("btn-back"))
    await click(client, message_manager, ru.get("btn-back"))
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    await fuzz.window("cancel confirm")

    await click(client, message_manager, ru.get("btn-cancel-confirm"))
    statuses = [row.status for row in await bookings(session_factory)]
    assert statuses.count(BookingStatus.CANCELLED) == 1
    await fuzz.stale("list")


@pytest.mark.usefixtures("registered")
async def test_payment(
    fuzz: Fuzzer, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=2))
    await click(client, message_manager, ru.get("btn-no-promo"))
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    assert ru.get("pay-open") in last_text(message_manager)
    await fuzz.window("payment")
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    await fuzz.window("payment, cancel confirm")
    await click(client, message_manager, ru.get("btn-back"))

    await click(client, message_manager, ru.get("btn-my-bookings"))
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    await click(client, message_manager, ru.get("btn-pay-booking"))
    await fuzz.window("payment opened from my bookings")  # with a back button

    await click(client, message_manager, ru.get("btn-pay-check"))
    assert ru.get("pay-not-yet") in last_text(message_manager)
    await fuzz.stale("payment")


# --- staff -----------------------------------------------------------------------------------


async def test_staff_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    for n in range(1, 9):  # ten in all: the list has two pages
        await add_staff(session_factory, MANAGER_ID + n, StaffRole.SUPPORT)
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await fuzz.window("admin menu")
    await click(owner, message_manager, ru.get("btn-admin-staff"))
    await fuzz.window("staff list")
    await click(owner, message_manager, f"ID {MANAGER_ID} · менеджер")
    await fuzz.window("member card")
    await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    await fuzz.window("role change")
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    await fuzz.window("remove confirmation")
    await click(owner, message_manager, ru.get("btn-admin-staff-remove-no"))
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-admin-staff-add"))
    await fuzz.window("add by id")
    await owner.send(str(NEWCOMER_ID))
    await fuzz.window("role of a newcomer")

    await click(owner, message_manager, "менеджер")
    assert f"ID {NEWCOMER_ID} теперь в команде" in last_text(message_manager)
    await fuzz.stale("member card")


async def test_staff_windows_of_a_manager(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, NEWCOMER_ID, StaffRole.SUPPORT)
    manager = staff_client(dispatcher, bot, MANAGER_ID)
    fuzz = fuzzer_for(manager)

    await manager.send("/admin")
    assert ru.get("btn-admin-staff") not in button_texts(message_manager.last_message())
    # What the owner's windows would offer: the staff button, a member, adding, a role.
    hidden = ("staff", "audit", f"member:{NEWCOMER_ID}", "add", "role:admin", "remove_yes")
    await fuzz.window("admin menu", extra=hidden)

    await click(manager, message_manager, ru.get("btn-menu"))
    assert ru.get("btn-book") in button_texts(message_manager.last_message())
    await fuzz.stale("menu")


async def test_desk_and_audit_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    demo = await seed(session_factory)
    await add_promo(session_factory, "FREEOFFICE", value=100)
    await add_user(session_factory, 11, name="Анна")
    await add_user(session_factory, 12, name="Борис")
    first = await book(container, 11, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    await book(container, 12, demo.office, at(date(2027, 1, 15), 0), promo_code="FREEOFFICE")
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await fuzz.window("admin menu")
    await click(owner, message_manager, ru.get("btn-admin-requests", requests=2))
    await fuzz.window("desk queue", extra=(f"request:{first.id + 100}",))
    await click(owner, message_manager, ru.get("btn-desk-find"))
    await fuzz.window("booking by number")
    await click(owner, message_manager, ru.get("btn-back"))
    await click_prefix(owner, message_manager, f"№{first.id} ")
    await fuzz.window("desk card")
    await click(owner, message_manager, ru.get("btn-booking-reject"))
    await fuzz.window("reject reasons", extra=("reason:other",))
    await click(owner, message_manager, ru.get("btn-desk-reason-type"))
    await fuzz.window("typed reason")
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-booking-confirm"))
    [row] = [row for row in await bookings(session_factory) if row.id == first.id]
    assert row.status is BookingStatus.CONFIRMED

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-schedule"))
    await fuzz.window("schedule", extra=("booking:999999", "page_on"))
    await click(owner, message_manager, ru.get("btn-desk-tomorrow"))
    await click(owner, message_manager, ru.get("btn-desk-day-on"))  # 3 December: the office
    await click_prefix(owner, message_manager, "✅ весь день")
    await fuzz.window("booking card from the schedule", extra=("confirm", "to_queue"))
    await click(owner, message_manager, ru.get("btn-desk-cancel"))
    await fuzz.window("staff cancel", extra=("cancel_policy", "cancel_full"))
    await click(owner, message_manager, ru.get("btn-desk-cancel-go"))
    await fuzz.window("staff cancel reason")
    await owner.send("Тест")
    [row] = [row for row in await bookings(session_factory) if row.id == first.id]
    assert row.status is BookingStatus.CANCELLED

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-audit"))
    await fuzz.window("audit log", extra=("page_on", "page_back"))
    await click(owner, message_manager, ru.get("btn-audit-filter"))
    await fuzz.window("audit authors", extra=("author:999", "author:-1"))
    await click(owner, message_manager, ru.get("btn-audit-everyone"))
    assert f"№{first.id}" in last_text(message_manager)
    await fuzz.stale("audit log")


async def test_desk_card_action_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    """Money at the desk, a staff move, bookings by status: garbage changes nothing."""
    demo = await seed(session_factory)
    await add_user(session_factory, 11, name="Анна")
    await add_user(session_factory, 12, name="Анна Вторая")
    held = await book(container, 11, demo.small_room, at(DAY, 10), 2)  # waits for payment
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-requests", requests=0))
    await click(owner, message_manager, ru.get("btn-desk-find"))
    await owner.send("Анна")
    await fuzz.window("clients found from the desk", extra=("found_client:999999", "page_on"))
    await click_prefix(owner, message_manager, "Анна Вторая")
    await fuzz.window("a found client's bookings (none)")

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-requests", requests=0))
    await click(owner, message_manager, ru.get("btn-desk-statuses"))
    await fuzz.window("statuses", extra=("status:nonsense", "status:"))
    await click_prefix(owner, message_manager, "💳 ")
    await fuzz.window("bookings by status", extra=("booking:999999", "page_on"))
    await click_prefix(owner, message_manager, f"💳 №{held.id}")
    await fuzz.window("card of a held booking", extra=("confirm", "check_in"))
    await click(owner, message_manager, ru.get("btn-desk-pay"))
    await fuzz.window("money at the desk")
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-desk-move"))
    await fuzz.window("staff move: day", extra=("cal:0", "cal:99999999999"))
    await click(owner, message_manager, "4")
    await fuzz.window("staff move: start", extra=("move_start:0", "move_start:abc"))
    await click(owner, message_manager, "15:00")
    await fuzz.window("staff move: confirm")
    [row] = [row for row in await bookings(session_factory) if row.id == held.id]
    assert (row.status, row.starts_at) == (BookingStatus.HELD, at(DAY, 10))
    assert await payment_rows(session_factory) == []


async def test_client_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    for n in range(8):  # two pages of results
        await add_user(session_factory, 20 + n, name=f"Анна {chr(0x410 + n)}")
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-clients"))
    await fuzz.window("client search")
    await owner.send("Анна")
    await fuzz.window("client results", extra=("client:999999", "client:-1"))
    await click(owner, message_manager, ru.get("btn-page-next"))
    await fuzz.window("client results, page 2")
    await click(owner, message_manager, ru.get("btn-page-prev"))
    await click_prefix(owner, message_manager, "Анна ")
    await fuzz.window("client card", extra=("unban", "note_delete"))
    for button, name in (
        ("btn-clients-ban", "ban reason"),
        ("btn-clients-note", "note"),
        ("btn-clients-write", "message to the client"),
    ):
        await click(owner, message_manager, ru.get(button))
        await fuzz.window(name)
        await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-clients-ban"))
    await owner.send("Проверка")
    async with session_factory() as session:
        banned = list(await session.scalars(select(UserRow.full_name).where(UserRow.is_banned)))
    assert len(banned) == 1  # the real button still works
    await fuzz.stale("client card")


async def test_staff_booking_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await seed_demo(session_factory)
    await add_user(session_factory, 11, name="Анна")
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    # The desk's "New booking" button starts it so.
    starter = BgManagerFactoryImpl(dispatcher).bg(bot, OWNER_ID, OWNER_ID, load=False)
    await starter.start(StaffBookingSG.client, mode=StartMode.RESET_STACK)
    for _ in range(500):  # the start runs as a task of its own
        if message_manager.sent_messages:
            break
        await asyncio.sleep(0.01)
    assert "📝" in last_text(message_manager)
    await fuzz.window("staff booking: client")
    await owner.send("11")
    await fuzz.window("staff booking: space")
    await click(owner, message_manager, "Переговорная «Малая»")
    await fuzz.window("staff booking: tariff")
    await click_prefix(owner, message_manager, "Почасовая аренда")
    await fuzz.window("staff booking: day")
    await click(owner, message_manager, "2")
    await fuzz.window("staff booking: start")
    await click(owner, message_manager, "12:00")
    await fuzz.window("staff booking: units")
    await click(owner, message_manager, ru.get("book-units", unit="hour", units=2))
    await fuzz.window("staff booking: summary", extra=("free",))
    await click(owner, message_manager, ru.get("btn-staff-booking-promo"))
    await fuzz.window("staff booking: promo")
    await click(owner, message_manager, ru.get("btn-staff-booking-no-promo"))

    await click(owner, message_manager, ru.get("btn-staff-booking-on-site"))
    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.CONFIRMED
    await fuzz.window("staff booking: done")
    await fuzz.stale("staff booking: done")


@pytest.mark.usefixtures("registered")
async def test_support_windows_of_a_client(
    fuzz: Fuzzer,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await client.send("/support")
    await fuzz.window("support list", extra=("ticket:999", "page_on"))
    await click(client, message_manager, ru.get("btn-ticket-new"))
    await fuzz.window("new ticket", extra=("send",))
    await client.send("Не работает принтер")
    await fuzz.window("new ticket with a draft")
    await click(client, message_manager, ru.get("btn-ticket-send"))
    await fuzz.window("thread", extra=("rate", "older", "newer"))
    await click(client, message_manager, ru.get("btn-ticket-reply"))
    await fuzz.window("reply")
    await click(client, message_manager, ru.get("btn-back"))
    await click(client, message_manager, ru.get("btn-ticket-close"))
    await fuzz.window("close")
    await click(client, message_manager, ru.get("btn-ticket-close-yes"))
    await fuzz.window("rating", extra=("stars:9", "stars:0"))
    await click(client, message_manager, ru.get("ticket-stars-5"))
    await fuzz.window("closed thread", extra=("reply", "close"))
    await click(client, message_manager, ru.get("btn-ticket-list"))
    assert "№1" in " ".join(button_texts(message_manager.last_message()))
    await fuzz.stale("support list")


async def test_ticket_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    await add_user(session_factory, 11, name="Анна")
    async with container() as request:
        await (await request.get(ClientTickets)).open(Actor(11, None), "Нет воды", [])
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-tickets"))
    await fuzz.window("ticket queue", extra=("ticket:999", "status:nope", "page_on"))
    await click_prefix(owner, message_manager, "№1 ")
    await fuzz.window("ticket card", extra=("older", "newer", "files"))
    await click(owner, message_manager, ru.get("btn-ticket-reply"))
    await fuzz.window("ticket reply", extra=("send",))
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-ticket-note"))
    await fuzz.window("ticket note")
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-ticket-close"))
    await fuzz.window("ticket close")
    await click(owner, message_manager, ru.get("btn-tickets-close-silent"))
    assert ru.get("ticket-status-closed") in last_text(message_manager)
    await fuzz.window("closed ticket card", extra=("take", "reply", "close"))
    await fuzz.stale("ticket card")


async def test_promo_code_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    """The list, a card, and every step of a new code: garbage changes nothing."""
    await seed_demo(session_factory)
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-promo"))
    await fuzz.window("promo list", extra=("promo:999999", "page_on", "page_back"))
    await click_prefix(owner, message_manager, "🟢 WELCOME20 ")
    await fuzz.window("promo card", extra=("switch_on",))
    await click(owner, message_manager, ru.get("btn-promo-switch-off"))
    await fuzz.window("switched-off promo card", extra=("switch_off",))
    await click(owner, message_manager, ru.get("btn-promo-to-list"))
    await click(owner, message_manager, ru.get("btn-promo-new"))
    await fuzz.window("new code", extra=("save", "kind_percent", "tariffs_done"))
    await owner.send("FUZZ-1")
    await fuzz.window("kind", extra=("save",))
    await click(owner, message_manager, ru.get("btn-promo-kind-percent"))
    await fuzz.window("percent")
    await owner.send("15")
    await fuzz.window("first day")
    await click(owner, message_manager, ru.get("btn-promo-from-now"))
    await fuzz.window("last day")
    await click(owner, message_manager, ru.get("btn-promo-no-end"))
    await fuzz.window("total uses")
    await click(owner, message_manager, ru.get("btn-promo-no-limit"))
    await fuzz.window("uses per client")
    await click(owner, message_manager, ru.get("btn-promo-once-each"))
    await fuzz.window("tariffs", extra=("tariffs_done", "tariff:999999", "tariff:-1"))
    await click_prefix(owner, message_manager, "▫️ Переговорная «Малая»")
    await fuzz.window("a tariff ticked")
    await click(owner, message_manager, ru.get("btn-promo-tariffs-done"))
    await fuzz.window("first booking only")
    await click(owner, message_manager, ru.get("btn-promo-first-no"))
    await fuzz.window("summary", extra=("switch_off", "generate"))

    await click(owner, message_manager, ru.get("btn-promo-save"))
    async with session_factory() as session:
        codes = list(await session.scalars(select(PromoCodeRow.code)))
    assert codes.count("FUZZ-1") == 1
    await fuzz.window("new code's card", extra=("switch_on", "save"))
    await fuzz.stale("promo card")


async def test_catalogue_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    """Spaces and tariffs: the list, every step of a new space and a new tariff, their cards,
    a field, the week of hours, the previews and the switch-off confirmations. Garbage changes
    nothing: neither the tables the fuzzer watches nor the catalogue itself."""
    from coworking_bot.db.models import SpaceRow, TariffRow

    await seed_demo(session_factory)
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    async def catalogue() -> list[tuple[object, ...]]:
        async with session_factory() as session:
            spaces = (await session.execute(select(SpaceRow.__table__))).all()
            tariffs = (await session.execute(select(TariffRow.__table__))).all()
        return [tuple(row) for row in [*spaces, *tariffs]]

    async def window(name: str, extra: tuple[str, ...] = ()) -> None:
        before = await catalogue()
        await fuzz.window(name, extra=extra)
        assert await catalogue() == before, f"{name}: the catalogue changed"

    hidden = ("off", "on", "off_yes", "discard", "tariffs", "save", "skip", "clear", "next")
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-catalog"))
    await window("spaces", ("space:999999", "space:-1", "page_on", "page_back"))
    await click(owner, message_manager, ru.get("btn-catalog-new-space"))
    await window("new space: name", hidden)
    await owner.send("Fuzz room")
    await window("new space: kind", ("choice:spaceship", *hidden))
    await click(owner, message_manager, ru.get("space-kind-office"))
    await window("new space: places", hidden)
    await owner.send("2")
    await window("new space: hours", ("day:7", "day:-1", "day:wk", *hidden))
    await click(owner, message_manager, ru.get("catalog-days-weekdays"))
    await window("new space: hours of Mon-Fri", hidden)
    await owner.send("9-18")
    await click(owner, message_manager, ru.get("btn-catalog-next"))
    await window("new space: description", ("clear", "next"))
    await click(owner, message_manager, ru.get("btn-catalog-skip"))
    await window("new space: photo", ("clear", "next"))
    await click(owner, message_manager, ru.get("btn-catalog-skip"))
    await window("new space's card", ("field:nope", "field:photo_file_id", *hidden))
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    await window("new space's preview", ("off", "on"))

    await click(owner, message_manager, ru.get("btn-catalog-save"))
    assert "Fuzz room" in [row[1] for row in await catalogue()]
    await window("space card", ("on", "off_yes", "discard", "save"))
    await click(owner, message_manager, ru.get("catalog-field-capacity"))
    await window("space field", ("skip", "clear", "choice:1"))
    await owner.send("3")
    await window("space card with a change", ("on", "off_yes", "save"))
    await click(owner, message_manager, ru.get("btn-catalog-switch-off"))
    await window("space switch-off", ("on", "save"))
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-catalog-tariffs", tariffs_total=0))
    await window("no tariffs", ("tariff:999999", "tariff:1", "page_on"))
    await click(owner, message_manager, ru.get("btn-catalog-new-tariff"))
    await window("new tariff: name", hidden)
    await owner.send("Fuzz hour")
    await window("new tariff: unit", ("choice:week", *hidden))
    await click(owner, message_manager, ru.get("catalog-unit-hour"))
    await window("new tariff: price", ("choice:free", *hidden))
    await owner.send("500")
    await window("new tariff: length", hidden)
    await owner.send("1-3")
    await window("new tariff's card", ("toggle:is_active", "toggle:price", *hidden))
    await click(owner, message_manager, ru.get("btn-catalog-preview"))
    await window("new tariff's preview")
    await click(owner, message_manager, ru.get("btn-catalog-save"))
    await window("tariff card", ("on", "off_yes", "discard", "save"))
    await click(owner, message_manager, ru.get("btn-catalog-switch-off"))
    await window("tariff switch-off", ("on", "save"))

    await click(owner, message_manager, ru.get("btn-catalog-switch-off-yes"))
    assert ru.get("catalog-status-off") in last_text(message_manager)
    await window("switched-off tariff card", ("off", "off_yes", "save"))
    await click(owner, message_manager, ru.get("btn-catalog-to-tariffs"))
    await window("tariffs", ("tariff:999999", "page_on"))
    await fuzz.stale("tariffs")


async def test_broadcast_windows_of_the_owner(
    fuzzer_for: MakeFuzzer,
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    """Broadcasts: the history, every step of a new one (the message, the button, each kind of
    audience, the summary, the confirmation, the time), and its card. Garbage changes nothing:
    neither the tables the fuzzer watches nor the broadcasts and their recipients."""
    from coworking_bot.db.models import BroadcastRecipientRow, BroadcastRow

    await seed_demo(session_factory)
    await add_user(session_factory, 11, name="Анна")
    owner = staff_client(dispatcher, bot, OWNER_ID)
    fuzz = fuzzer_for(owner)

    async def broadcasts() -> list[tuple[object, ...]]:
        async with session_factory() as session:
            made = (await session.execute(select(BroadcastRow.__table__))).all()
            copies = (await session.execute(select(BroadcastRecipientRow.__table__))).all()
        return [tuple(row) for row in [*made, *copies]]

    async def window(name: str, extra: tuple[str, ...] = ()) -> None:
        before = await broadcasts()
        await fuzz.window(name, extra=extra)
        assert await broadcasts() == before, f"{name}: the broadcasts changed"

    hidden = ("next", "send", "schedule", "pause", "resume", "stop", "continue", "send_yes")
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-broadcasts"))
    await window("history, empty", ("broadcast:1", "broadcast:-1", "page_on", *hidden))
    await click(owner, message_manager, ru.get("btn-broadcast-new"))
    await window("compose", hidden)
    await owner.send("Новости коворкинга")
    await window("compose with a message", hidden)
    await click(owner, message_manager, ru.get("btn-broadcast-next"))
    await window("link button", hidden)
    await click(owner, message_manager, ru.get("btn-broadcast-no-button"))
    await window("audience", hidden)
    for step, name, extra in (
        ("btn-broadcast-active", "days", ("days:5", "days:0", "days:99999")),
        ("btn-broadcast-booked", "period", ()),
        ("btn-broadcast-by-tariff", "tariffs", ("tariff:999999", "tariff:0")),
        ("btn-broadcast-by-language", "languages", ("language:de", "language:")),
    ):
        await click(owner, message_manager, ru.get(step))
        await window(name, (*extra, *hidden))
        await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-broadcast-by-language"))
    await click(owner, message_manager, ru.get("language-ru"))
    await window("summary", ("send_yes", "pause"))
    await click(owner, message_manager, ru.get("btn-broadcast-schedule"))
    await window("time", ("send_yes",))
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-broadcast-send-now"))
    await window("confirmation", ("send", "pause"))

    await click(owner, message_manager, ru.get("btn-broadcast-send-yes"))
    async with session_factory() as session:
        assert list(await session.scalars(select(BroadcastRow.status))) == ["running"]
    await window("running card", ("resume", "continue", "send_yes"))
    await click(owner, message_manager, ru.get("btn-broadcasts-to-list"))
    await window("history", ("broadcast:999999", "broadcast:0", "page_on"))
    await fuzz.stale("history")
