"""Promo codes in the staff menu, through the real dispatcher, dialogs, services and database:
an admin makes a code step by step and a client gets exactly its discount in the booking
dialog; every answer of the wizard checked; a made-up code and a double tap on Save; switching a
code off and on as clients and the audit log see it; the list paged; who may not open it."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import AuditLogRow, PromoCodeRow
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.promo import PromoDraft
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.services.promo.admin import PromoAdmin
from dialogs import middlewares
from tests.conftest import OWNER_ID
from tests.dialogs.booking_helpers import Sessions, alerts, bookings, click_prefix, rub, tariff_id
from tests.dialogs.fuzz_helpers import callback_data, intent_of
from tests.dialogs.helpers import (
    button_texts,
    click,
    last_text,
    register,
    send_sticker,
    tap_data,
)
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff

ANNA = 1  # the `client` fixture
ADMIN_ID, MANAGER_ID, SUPPORT_ID = 5002, 5003, 5004
SMALL_ROOM = "Переговорная «Малая» · Почасовая аренда"
LARGE_ROOM = "Переговорная «Большая» · Почасовая аренда"


class _Unhurried:
    """A monotonic clock a minute further on at every look: a wizard walked through in a test
    is faster than any person, and the flood guard must not take its steps for a flood."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        self.now += 60.0
        return self.now


@pytest.fixture(autouse=True)
def unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middlewares, "time", _Unhurried())


@pytest.fixture
async def people(
    session_factory: Sessions, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    """The demo coworking, an admin, a manager and a support agent (added before anyone
    registers: the roster is cached), and Anna, a registered client."""
    await seed_demo(session_factory)
    await add_staff(session_factory, ADMIN_ID, StaffRole.ADMIN)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    await register(client, message_manager, ru)


def staff(dispatcher: Dispatcher, bot: Bot, user_id: int) -> BotClient:
    return BotClient(dispatcher, user_id=user_id, chat_id=user_id, bot=bot)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


async def open_promos(member: BotClient, recorder: WindowRecorder, ru: Translator) -> None:
    await member.send("/admin")
    await click(member, recorder, ru.get("btn-admin-promo"))


async def promo_rows(session_factory: Sessions) -> list[PromoCodeRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(PromoCodeRow).order_by(PromoCodeRow.id)))


async def audit_rows(session_factory: Sessions) -> list[AuditLogRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def room_to_promo_step(
    client: BotClient, recorder: WindowRecorder, room: str, hours: str = "2 часа"
) -> None:
    """Anna, from /book to the promo step: `room`, 2 December, 12:00, `hours`."""
    await client.send("/book")
    await click(client, recorder, room)
    await click_prefix(client, recorder, "Почасовая аренда")
    await click(client, recorder, "2")
    await click(client, recorder, "12:00")
    await click(client, recorder, hours)


async def test_an_admin_makes_a_15_percent_code_for_one_tariff_and_a_client_gets_exactly_that(
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Sessions,
    ru: Translator,
) -> None:
    admin = staff(dispatcher, bot, ADMIN_ID)
    await open_promos(admin, message_manager, ru)
    assert "🏷 Промокоды" in last_text(message_manager)
    await click(admin, message_manager, ru.get("btn-promo-new"))
    await admin.send("spring15")
    assert "SPRING15" in last_text(message_manager)
    await click(admin, message_manager, ru.get("btn-promo-kind-percent"))
    for wrong in ("0", "101", "пятнадцать"):
        await admin.send(wrong)
        assert telegram.sent_texts(ADMIN_ID)[-1] == ru.get("error-promo-percent-invalid", max=100)
    await admin.send("15")
    await click(admin, message_manager, ru.get("btn-promo-from-now"))
    await click(admin, message_manager, ru.get("btn-promo-no-end"))
    await click(admin, message_manager, ru.get("btn-promo-no-limit"))
    await click(admin, message_manager, ru.get("btn-promo-once-each"))
    assert ru.get("btn-promo-tariffs-done") not in button_texts(message_manager.last_message())
    await click(admin, message_manager, f"▫️ {SMALL_ROOM}")
    await click(admin, message_manager, f"▫️ {LARGE_ROOM}")
    await click(admin, message_manager, f"✅ {LARGE_ROOM}")  # changed her mind
    await click(admin, message_manager, ru.get("btn-promo-tariffs-done"))
    await click(admin, message_manager, ru.get("btn-promo-first-no"))
    summary = plain(last_text(message_manager))
    assert "SPRING15" in summary
    assert "Скидка: 15 %" in summary
    assert f"Тарифы: {SMALL_ROOM}" in summary
    assert "Срок: с момента создания и без даты окончания" in summary
    assert "Только на первую бронь клиента: нет" in summary

    await click(admin, message_manager, ru.get("btn-promo-save"))
    assert ru.get("promo-saved", code="SPRING15") in alerts(telegram)
    card = plain(last_text(message_manager))
    assert "SPRING15" in card
    assert "🟢 действует" in card
    [row] = [row for row in await promo_rows(session_factory) if row.code == "SPRING15"]
    small = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    assert (row.kind, row.value, row.tariff_ids, row.max_uses, row.per_user_limit) == (
        DiscountKind.PERCENT,
        15,
        [small],
        None,
        1,
    )

    # Anna books the small room with it: 2 400 ₽, exactly 15 % off.
    await room_to_promo_step(client, message_manager, "Переговорная «Малая»")
    await client.send("Spring15")
    summary = last_text(message_manager)
    assert rub("2 часа × 1 200 ₽ = 2 400 ₽") in summary
    assert rub("Промокод SPRING15: −360 ₽") in summary
    assert rub("Итого: 2 040 ₽") in summary
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    [booking] = await bookings(session_factory)
    assert (booking.status, booking.subtotal, booking.promo_discount, booking.total) == (
        BookingStatus.HELD,
        240_000,
        36_000,
        204_000,
    )

    # The large room is another tariff: the code is refused there.
    await room_to_promo_step(client, message_manager, "Переговорная «Большая»")
    await client.send("SPRING15")
    assert telegram.sent_texts(ANNA)[-1] == ru.get("error-promo-not-for-tariff")
    assert last_text(message_manager) == ru.get("book-promo-ask")

    # The admin's card now shows the use and the discount given; no money has come yet.
    await open_promos(admin, message_manager, ru)
    await click(admin, message_manager, "🟢 SPRING15 · −15 % · 1/∞")
    card = plain(last_text(message_manager))
    assert "Использован: 1 (без ограничения)" in card
    assert "Броней с кодом: 1" in card
    assert rub("Скидка клиентам: 360 ₽") in card
    assert "Выручка: 0 ₽" in card


async def test_every_answer_of_the_wizard_is_checked(
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Sessions,
    ru: Translator,
) -> None:
    owner = staff(dispatcher, bot, OWNER_ID)
    before = len(await promo_rows(session_factory))
    await open_promos(owner, message_manager, ru)
    await click(owner, message_manager, ru.get("btn-promo-new"))
    code_step = last_text(message_manager)

    def refused(key: str, **params: object) -> None:
        assert telegram.sent_texts(OWNER_ID)[-1] == ru.get(key, **params)

    for wrong in ("ab", "ВЕСНА", "SP RING!", "A" * 33):
        await owner.send(wrong)
        refused("error-promo-code-invalid", min=3, max=32)
    await owner.send("welcome20")  # the demo's WELCOME20, whatever the case
    refused("error-promo-code-taken", code="WELCOME20")
    await send_sticker(owner)
    refused("promo-text-expected")
    assert last_text(message_manager) == code_step
    await owner.send("Summer-26")

    await click(owner, message_manager, ru.get("btn-promo-kind-fixed"))
    for wrong in ("0", "-300", "abc", "1 000 001"):
        await owner.send(wrong)
        refused("error-promo-amount-invalid", max=1_000_000)
    await owner.send("150,50")

    for wrong in ("32.01.2027", "2026-12-10", "завтра"):
        await owner.send(wrong)
        refused("error-promo-day-invalid")
    await owner.send("10.12.2026")
    await owner.send("09.12.2026")
    refused("error-promo-window-invalid")
    await click(owner, message_manager, ru.get("btn-back"))  # to the first day
    await click(owner, message_manager, ru.get("btn-promo-from-now"))
    await owner.send("30.11.2026")  # yesterday, in Moscow
    refused("error-promo-window-past")
    await click(owner, message_manager, ru.get("btn-back"))
    await owner.send("10.12.2026")
    await owner.send("31.12.2026")

    for wrong in ("0", "-1", "many", "1000001"):
        await owner.send(wrong)
        refused("error-promo-limit-invalid", max=1_000_000)
    await owner.send("100")
    await owner.send("0")
    refused("error-promo-limit-invalid", max=1_000_000)
    await owner.send("2")

    await click(owner, message_manager, f"▫️ {SMALL_ROOM}")
    await click(owner, message_manager, ru.get("btn-promo-tariffs-done"))
    await click(owner, message_manager, ru.get("btn-promo-first-yes"))
    summary = plain(last_text(message_manager))
    assert rub("Скидка: 150,50 ₽") in summary
    assert "Срок: с 10 декабря 2026, Чт по 31 декабря 2026, Чт включительно" in summary
    assert "Использований всего: не больше 100; одним клиентом: не больше 2" in summary
    assert "Только на первую бронь клиента: да" in summary
    assert len(await promo_rows(session_factory)) == before, "nothing is saved before Save"

    await click(owner, message_manager, ru.get("btn-promo-save"))
    [row] = [row for row in await promo_rows(session_factory) if row.code == "SUMMER-26"]
    assert (row.kind, row.value, row.max_uses, row.per_user_limit) == (
        DiscountKind.FIXED,
        15_050,
        100,
        2,
    )
    assert row.first_booking_only
    assert row.valid_from == datetime(2026, 12, 9, 21, tzinfo=UTC)  # 10 December, 00:00 MSK
    assert row.valid_until == datetime(2026, 12, 31, 21, tzinfo=UTC)  # 31 December, 24:00 MSK
    assert "🕒 ещё не начал действовать" in plain(last_text(message_manager))


async def test_a_made_up_code_is_saved_once_however_often_save_is_tapped(
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Sessions,
    ru: Translator,
) -> None:
    owner = staff(dispatcher, bot, OWNER_ID)
    before = len(await promo_rows(session_factory))
    await open_promos(owner, message_manager, ru)
    await click(owner, message_manager, ru.get("btn-promo-new"))
    await click(owner, message_manager, ru.get("btn-promo-generate"))
    found = re.search(r"<code>([A-Z0-9-]+)</code>", last_text(message_manager))
    assert found is not None
    code = found[1]
    await click(owner, message_manager, ru.get("btn-promo-kind-percent"))
    await owner.send("50")
    await click(owner, message_manager, ru.get("btn-promo-from-now"))
    await click(owner, message_manager, ru.get("btn-promo-no-end"))
    await owner.send("3")
    await click(owner, message_manager, ru.get("btn-promo-once-each"))
    await click(owner, message_manager, ru.get("btn-promo-all-tariffs"))
    await click(owner, message_manager, ru.get("btn-promo-first-no"))
    assert "Тарифы: все" in plain(last_text(message_manager))

    summary = message_manager.last_message()
    save = InlineButtonTextLocator(re.escape(ru.get("btn-promo-save")))
    await owner.click(summary, save)
    await owner.click(summary, save)  # the old message's Save, tapped again
    rows = await promo_rows(session_factory)
    assert len(rows) == before + 1
    assert rows[-1].code == code
    assert [e.action for e in await audit_rows(session_factory)] == ["promo.create"]
    assert alerts(telegram)[-1] == ru.get("error-stale-button")
    assert f"{code}" in last_text(message_manager)  # still the new code's card


async def test_a_switched_off_code_is_refused_to_clients_and_audited(
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Sessions,
    ru: Translator,
) -> None:
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_promos(owner, message_manager, ru)
    await click(owner, message_manager, "🟢 WELCOME20 · −20 % · 0/∞")
    await click(owner, message_manager, ru.get("btn-promo-switch-off"))
    assert ru.get("promo-switched-off", code="WELCOME20") in alerts(telegram)
    assert "⚪️ выключен" in plain(last_text(message_manager))
    buttons = button_texts(message_manager.last_message())
    assert ru.get("btn-promo-switch-on") in buttons
    assert ru.get("btn-promo-switch-off") not in buttons

    await room_to_promo_step(client, message_manager, "Переговорная «Малая»")
    await client.send("WELCOME20")
    assert telegram.sent_texts(ANNA)[-1] == ru.get("error-promo-unknown")

    await open_promos(owner, message_manager, ru)
    await click(owner, message_manager, "⚪️ WELCOME20 · −20 % · 0/∞")
    await click(owner, message_manager, ru.get("btn-promo-switch-on"))
    assert "🟢 действует" in plain(last_text(message_manager))
    await room_to_promo_step(client, message_manager, "Переговорная «Малая»")
    await client.send("WELCOME20")
    assert rub("Промокод WELCOME20: −480 ₽") in last_text(message_manager)

    entries = [(e.action, e.details) for e in await audit_rows(session_factory)]
    assert entries == [
        ("promo.deactivate", {"name": "WELCOME20", "before": True, "after": False}),
        ("promo.activate", {"name": "WELCOME20", "before": False, "after": True}),
    ]
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-audit"))
    log = last_text(message_manager)
    assert "выключил(а) промокод WELCOME20" in log
    assert "включил(а) промокод WELCOME20" in log


async def test_the_list_is_paged(
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    async with container() as request:
        admin = await request.get(PromoAdmin)
        for n in range(7):  # and the demo's three: 10, two pages
            await admin.create(
                Actor(OWNER_ID, StaffRole.OWNER),
                PromoDraft(f"CODE{n}", DiscountKind.FIXED, 10_000 * (n + 1), max_uses=5),
            )
    owner = staff(dispatcher, bot, OWNER_ID)
    await open_promos(owner, message_manager, ru)
    first = button_texts(message_manager.last_message())
    assert first[0] == rub("🟢 CODE6 · −700 ₽ · 0/5")
    assert "1/2" in first
    await click(owner, message_manager, ru.get("btn-page-next"))
    second = button_texts(message_manager.last_message())
    assert "2/2" in second
    assert sum(text.startswith("🟢 ") for text in first + second) == 10


@pytest.mark.parametrize("member_id", [MANAGER_ID, SUPPORT_ID], ids=["manager", "support"])
async def test_a_manager_or_support_agent_cannot_open_promo_codes(
    member_id: int,
    people: None,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    member = staff(dispatcher, bot, member_id)
    await member.send("/admin")
    menu = message_manager.last_message()
    assert ru.get("btn-admin-promo") not in button_texts(menu)
    intent = intent_of(callback_data(menu)[0])
    await tap_data(member, menu, f"{intent}\x1dpromo")  # the hidden button, crafted
    assert alerts(telegram)[-1] == ru.get("error-stale-button")
    assert last_text(message_manager) == (menu.text or "")  # still the staff menu
