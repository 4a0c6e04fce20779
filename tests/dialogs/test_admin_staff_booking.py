"""A booking staff make for a client, driven through the real dispatcher, dialogs, services and
database: the client found by phone and by @username, paid on site or from a payment link, the
client's Pay button under the notice, and who may start the dialog."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram_dialog import StartMode
from aiogram_dialog.manager.bg_manager import BgManagerFactoryImpl
from aiogram_dialog.test_tools import BotClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import UserRow
from coworking_bot.db.seed import seed_demo
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from dialogs.states import StaffBookingSG
from tests.dialogs.booking_helpers import click_prefix, rub
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff, bookings, notices

ANNA = 1
MANAGER_ID = 3001
SUPPORT_ID = 3002

Factory = async_sessionmaker[AsyncSession]


async def start_booking(
    dispatcher: Dispatcher,
    bot: Bot,
    recorder: WindowRecorder,
    user_id: int,
    data: dict[str, Any] | None = None,
) -> None:
    """Start the dialog the way the desk's and the client card's buttons do, and wait until the
    bot has answered (a window, or a message)."""
    manager = BgManagerFactoryImpl(dispatcher).bg(bot, user_id, user_id, load=False)
    session = bot.session
    assert isinstance(session, RecordingSession)

    def answered() -> int:
        return len(session.calls) + len(recorder.sent_messages)

    before = answered()
    await manager.start(StaffBookingSG.client, data=data, mode=StartMode.RESET_STACK)
    deadline = time.monotonic() + 5
    while answered() == before and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.01)  # the start runs as a task of its own: poll for its answer
    await asyncio.sleep(0.05)  # let the rest of that update finish


async def people(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    recorder: WindowRecorder,
    factory: Factory,
    ru: Translator,
) -> BotClient:
    """The demo coworking, a manager and a support agent (on the staff before anyone registers:
    the roster is cached), and Anna, a client with a username. Returns the manager."""
    await seed_demo(factory)
    await add_staff(factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(factory, SUPPORT_ID, StaffRole.SUPPORT)
    await register(client, recorder, ru, name="Anna Petrova", phone="+7 916 123-45-67")
    async with factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(username="anna_p")
        )
        await session.commit()
    return BotClient(dispatcher, user_id=MANAGER_ID, chat_id=MANAGER_ID, bot=bot)


async def pick_small_room_on_dec_2(
    manager: BotClient, recorder: WindowRecorder, ru: Translator
) -> None:
    """Space, tariff, day, 12:00, two hours: the summary."""
    await click(manager, recorder, "Переговорная «Малая»")
    await click_prefix(manager, recorder, "Почасовая аренда")
    await click(manager, recorder, "2")
    await click(manager, recorder, "12:00")
    await click(manager, recorder, ru.get("book-units", unit="hour", units=2))


async def anna_id(factory: Factory) -> int:
    async with factory() as session:
        found = await session.scalar(select(UserRow.id).where(UserRow.telegram_id == ANNA))
    assert found is not None
    return found


async def test_a_manager_books_for_a_client_found_by_phone_paid_on_site(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await people(dispatcher, bot, client, message_manager, session_factory, ru)
    await start_booking(dispatcher, bot, message_manager, MANAGER_ID)
    assert "Для кого бронируем?" in last_text(message_manager)

    await manager.send("Anna")  # a name names nobody for sure
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-staff-booking-client-key")
    await manager.send("+7 999 000-00-00")
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-staff-booking-client-unknown")

    await manager.send("8 (916) 123-45-67")
    assert "👤 Anna Petrova, +79161234567, @anna_p" in last_text(message_manager)
    await pick_small_room_on_dec_2(manager, message_manager, ru)
    summary = last_text(message_manager)
    assert "Anna Petrova" in summary
    assert rub("Итого: 2 400 ₽") in summary
    offered = button_texts(message_manager.last_message())
    assert ru.get("btn-staff-booking-on-site") in offered
    assert ru.get("btn-staff-booking-link") in offered

    await click(manager, message_manager, ru.get("btn-staff-booking-on-site"))

    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.CONFIRMED
    assert row.user_id == await anna_id(session_factory)
    done = last_text(message_manager)
    assert f"Бронь №{row.id} оформлена" in done
    assert rub("оплатит 2 400 ₽ на месте") in done
    await outbox.deliver_due()
    told = telegram.sent_texts(ANNA)[-1]
    assert f"бронь №{row.id}" in told
    assert rub("оплата 2 400 ₽ — на месте") in told

    await click(manager, message_manager, ru.get("btn-staff-booking-open"))
    assert f"Бронь №{row.id}" in last_text(message_manager)  # the desk's card


async def test_a_payment_link_reaches_the_client_whose_pay_button_opens_the_payment(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await people(dispatcher, bot, client, message_manager, session_factory, ru)
    await client.send("/mybookings")  # Anna has a dialog open, as a real user always has
    await start_booking(dispatcher, bot, message_manager, MANAGER_ID)
    await manager.send("@Anna_P")
    await pick_small_room_on_dec_2(manager, message_manager, ru)
    await click(manager, message_manager, ru.get("btn-staff-booking-link"))

    [row] = await bookings(session_factory)
    assert row.status is BookingStatus.HELD
    assert "13:00" in last_text(message_manager)  # held 60 minutes from 12:00 in Moscow
    await outbox.deliver_due()
    notice = delivered(telegram, ANNA)
    assert f"бронь №{row.id}" in (notice.text or "")
    assert "до 13:00" in (notice.text or "")

    await tap(dispatcher, bot, ANNA, notice, button_data(notice, ru.get("btn-staff-booked-pay")))

    shown = last_text(message_manager)
    assert f"№{row.id}" in shown
    assert ru.get("pay-open") in shown  # YooKassa's page is offered
    assert any("Оплатить" in text for text in button_texts(message_manager.last_message()))


async def test_started_for_a_client_it_skips_finding_them_and_refuses_a_banned_one(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await people(dispatcher, bot, client, message_manager, session_factory, ru)
    anna = await anna_id(session_factory)
    await start_booking(dispatcher, bot, message_manager, MANAGER_ID, {"client": anna})
    shown = message_manager.last_message()
    assert "👤 Anna Petrova" in (shown.text or "")
    assert ru.get("btn-staff-booking-other-client") not in button_texts(shown)
    await click(manager, message_manager, "Переговорная «Малая»")
    assert "Выберите тариф" in last_text(message_manager)

    async with session_factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(is_banned=True)
        )
        await session.commit()
    message_manager.reset_history()
    await start_booking(dispatcher, bot, message_manager, MANAGER_ID, {"client": anna})
    assert message_manager.sent_messages == []
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-staff-booking-client-banned")


async def test_a_support_agent_cannot_book_for_a_client(
    dispatcher: Dispatcher,
    bot: Bot,
    client: BotClient,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await people(dispatcher, bot, client, message_manager, session_factory, ru)
    message_manager.reset_history()
    await start_booking(dispatcher, bot, message_manager, SUPPORT_ID, {"client": 1})
    assert message_manager.sent_messages == []
    assert telegram.sent_texts(SUPPORT_ID) == [ru.get("error-permission-denied")]
    assert await bookings(session_factory) == []
    assert await notices(session_factory, "notice-staff-booked-on-site") == []
