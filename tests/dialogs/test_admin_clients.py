"""Clients in the staff menu, through the real dispatcher, dialogs, services and database: search
by phone, name, @username and id; the card; ban and unban with a reason the client is told; the
private note; a message written to the client; and every refusal."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow, UserRow
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.tickets.client import ClientTickets
from tests.dialogs.helpers import button_texts, click, last_text, register, send_sticker
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import DAY, add_staff, at, book, seed

MANAGER_ID = 3001
ANNA = 1  # the `client` fixture's user

Factory = async_sessionmaker[AsyncSession]
_codes = itertools.count(1)


async def add_client(
    factory: Factory,
    telegram_id: int,
    name: str,
    phone: str,
    username: str | None = None,
    language: Language = Language.RU,
) -> int:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with factory() as session:
        row = UserRow(
            telegram_id=telegram_id,
            username=username,
            full_name=name,
            phone=phone,
            language=language,
            referral_code=f"c{telegram_id}x{next(_codes)}",
            consent_at=now,
            registered_at=now,
        )
        session.add(row)
        await session.commit()
        return row.id


async def user_row(factory: Factory, telegram_id: int) -> UserRow:
    async with factory() as session:
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == telegram_id))
        assert row is not None
        return row


async def audit_actions(factory: Factory) -> list[str]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow.action).order_by(AuditLogRow.id)))


async def a_manager(
    dispatcher: Dispatcher, bot: Bot, factory: Factory, recorder: WindowRecorder, ru: Translator
) -> BotClient:
    await add_staff(factory, MANAGER_ID, StaffRole.MANAGER)
    manager = BotClient(dispatcher, user_id=MANAGER_ID, chat_id=MANAGER_ID, bot=bot)
    await register(manager, recorder, ru, name="Мария Менеджер", phone="+7 903 000-00-01")
    return manager


async def search(manager: BotClient, recorder: WindowRecorder, ru: Translator, text: str) -> None:
    await manager.send("/admin")
    await click(manager, recorder, ru.get("btn-admin-clients"))
    await manager.send(text)


def found(recorder: WindowRecorder) -> list[str]:
    """The clients listed in the results window."""
    skip = {"◀️", "▶️"}
    return [
        text
        for text in button_texts(recorder.last_message())
        if text not in skip and not text.startswith(("🔎", "◀️ Назад")) and "/" not in text
    ]


async def test_a_manager_finds_a_client_by_phone_bans_and_unbans_them(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await register(client, message_manager, ru, name="Анна Петрова", phone="+7 916 123-45-67")
    await add_client(session_factory, 2, "Борис Сидоров", "+79035550000")

    await search(manager, message_manager, ru, "8 916 123 45 67")  # typed the old way
    assert found(message_manager) == ["Анна Петрова · +79161234567"]
    await click(manager, message_manager, "Анна Петрова · +79161234567")
    card = last_text(message_manager)
    assert "Анна Петрова" in card
    assert "ID 1" in card
    assert "Броней: 0" in card

    await click(manager, message_manager, ru.get("btn-clients-ban"))
    await manager.send("Не   пришла на три брони подряд")
    row = await user_row(session_factory, ANNA)
    assert row.is_banned
    assert row.ban_reason == "Не пришла на три брони подряд"
    assert row.banned_by == MANAGER_ID
    assert "Заблокирован(а)" in last_text(message_manager)
    assert ru.get("btn-clients-unban") in button_texts(message_manager.last_message())
    await outbox.deliver_due()
    [told] = telegram.sent_texts(ANNA)[-1:]
    assert "Причина: Не пришла на три брони подряд" in told

    # The client can do nothing else now.
    await client.send("/book")
    assert telegram.sent_texts(ANNA)[-1] == ru.get("error-user-banned")

    await click(manager, message_manager, ru.get("btn-clients-unban"))
    row = await user_row(session_factory, ANNA)
    assert not row.is_banned
    assert row.ban_reason is None
    await outbox.deliver_due()
    assert "Доступ снова открыт" in telegram.sent_texts(ANNA)[-1]
    assert await audit_actions(session_factory) == ["user.ban", "user.unban"]

    message_manager.reset_history()
    await client.send("/book")
    assert message_manager.sent_messages  # the booking dialog opens again


async def test_search_by_name_in_any_case_by_username_and_by_id(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_client(session_factory, 11, "Анна Петрова", "+79161110000", username="AnnaP")
    await add_client(session_factory, 12, "Жанна Анненкова", "+79162220000")
    await add_client(session_factory, 13, "Борис", "+79163330000", username="boris_s")
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)

    await search(manager, message_manager, ru, "АНН")
    assert sorted(found(message_manager)) == [
        "Анна Петрова · +79161110000",
        "Жанна Анненкова · +79162220000",
    ]
    await search(manager, message_manager, ru, "@annap")
    assert found(message_manager) == ["Анна Петрова · +79161110000"]
    await search(manager, message_manager, ru, "13")  # too short for a phone or an id
    assert "от 2 до 64 символов" in (await _last_answer(bot))
    await search(manager, message_manager, ru, "100% совпадение")  # LIKE's % is taken literally
    assert "Никого не нашли" in last_text(message_manager)


async def _last_answer(bot: Bot) -> str:
    session = bot.session
    assert isinstance(session, RecordingSession)
    return session.sent_texts(MANAGER_ID)[-1]


async def test_a_search_by_telegram_id_finds_exactly_that_client(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_client(session_factory, 123456789, "Анна Петрова", "+79161110000")
    await add_client(session_factory, 555, "Борис", "+79161234567")
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await search(manager, message_manager, ru, "123456789")
    assert found(message_manager) == ["Анна Петрова · +79161110000"]


async def test_bad_input_in_the_client_windows_changes_nothing(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    # Staff first: the roster of who is staff is read once and kept for a while.
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await register(client, message_manager, ru, name="Анна Петрова", phone="+7 916 123-45-67")
    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-clients"))
    await manager.send("a")
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get(
        "error-client-search-invalid", min=2, max=64
    )
    await send_sticker(manager)  # not text
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("clients-text-expected")

    await manager.send("Анна")
    await click(manager, message_manager, "Анна Петрова · +79161234567")
    await click(manager, message_manager, ru.get("btn-clients-ban"))
    await manager.send("x" * 301)
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-staff-text-invalid", limit=300)
    row = await user_row(session_factory, ANNA)
    assert not row.is_banned
    assert await audit_actions(session_factory) == []


async def test_staff_are_not_banned_from_the_client_card(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await search(manager, message_manager, ru, "Мария")
    await click(manager, message_manager, "Мария Менеджер · +79030000001")
    assert "В команде: менеджер" in last_text(message_manager)
    assert ru.get("btn-clients-ban") not in button_texts(message_manager.last_message())


async def test_a_note_is_kept_for_staff_and_a_message_reaches_the_client(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    # Staff first: the roster of who is staff is read once and kept for a while.
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await register(client, message_manager, ru, name="Анна Петрова", phone="+7 916 123-45-67")
    await search(manager, message_manager, ru, "Петрова")
    await click(manager, message_manager, "Анна Петрова · +79161234567")

    await click(manager, message_manager, ru.get("btn-clients-note"))
    await manager.send("Любит место у окна <3")
    assert "Заметка (видна только сотрудникам): Любит место у окна &lt;3" in last_text(
        message_manager
    )
    await click(manager, message_manager, ru.get("btn-clients-write"))
    await manager.send("Анна, ваш пропуск готов — заберите на ресепшене.")
    await outbox.deliver_due()
    [*_, told] = telegram.sent_texts(ANNA)
    assert "Сообщение от коворкинга" in told
    assert "ваш пропуск готов" in told
    assert "окна" not in told  # the note stays with staff

    await click(manager, message_manager, ru.get("btn-clients-note"))
    await click(manager, message_manager, ru.get("btn-clients-note-delete"))
    assert "Заметка" not in last_text(message_manager).split("\n", 1)[1]
    row = await user_row(session_factory, ANNA)
    assert row.staff_note is None
    assert await audit_actions(session_factory) == ["user.note", "user.message", "user.note"]


async def test_the_card_counts_the_clients_support_tickets(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await register(client, message_manager, ru, name="Анна Петрова", phone="+7 916 123-45-67")
    async with container() as request:
        tickets = await request.get(ClientTickets)
        first = await tickets.open(Actor(ANNA, None), "Не работает Wi-Fi", [])
        await tickets.open(Actor(ANNA, None), "Где взять ключ?", [])
        await tickets.close(Actor(ANNA, None), first.id)
    await search(manager, message_manager, ru, "Петрова")
    await click(manager, message_manager, "Анна Петрова · +79161234567")
    assert "Обращений в поддержку: 2, открытых: 1" in last_text(message_manager)


async def test_from_the_client_card_to_their_bookings_and_back(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await register(client, message_manager, ru, name="Анна Петрова", phone="+7 916 123-45-67")
    demo = await seed(session_factory)
    older = await book(container, ANNA, demo.small_room, at(DAY, 10))  # held, unpaid
    newer = await book(container, ANNA, demo.small_room, at(DAY, 15))

    await search(manager, message_manager, ru, "Петрова")
    await click(manager, message_manager, "Анна Петрова · +79161234567")
    await click(manager, message_manager, ru.get("btn-clients-bookings"))
    listed = [t for t in button_texts(message_manager.last_message()) if "№" in t]
    assert [t.split(" · ")[0][-len(str(newer.id)) - 1 :] for t in listed] == [
        f"№{newer.id}",
        f"№{older.id}",
    ]
    await click(manager, message_manager, listed[1])
    assert f"Бронь №{older.id}" in last_text(message_manager)
    await click(manager, message_manager, ru.get("btn-desk-to-client"))
    await click(manager, message_manager, ru.get("btn-back"))
    assert "Анна Петрова" in last_text(message_manager)  # the client card again
    assert ru.get("btn-clients-bookings") in button_texts(message_manager.last_message())
