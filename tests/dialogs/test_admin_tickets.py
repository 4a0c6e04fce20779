"""Support tickets as staff handle them, through the real dispatcher, dialogs, services and
database: the alert's Take and Open with another dialog open (every other copy edited, an old
copy refused), the queue by status with ages, the card, replying with a photo, an internal note,
closing with a last message, the audit log, and the refusals (someone else's ticket, a closed
one, a photo where text is expected)."""

from __future__ import annotations

import re
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.methods import EditMessageText
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import AuditLogRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.tickets import TicketStatus
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.tickets.client import ClientTickets
from tests.conftest import OWNER_ID, FakeClock
from tests.dialogs.booking_helpers import alerts
from tests.dialogs.helpers import button_texts, click, last_text, register, tap_data
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.dialogs.ticket_helpers import Factory, send_photo, thread, tickets
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff, add_user, notices

ANNA = 1
SUPPORT_ID, MANAGER_ID = 3001, 3002


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


async def a_ticket(container: AsyncContainer, factory: Factory, text: str = "Нет света") -> int:
    await add_user(factory, ANNA, name="Анна Клиент")
    async with container() as request:
        service = await request.get(ClientTickets)
        ticket = await service.open(Actor(ANNA, None), text, [])
    return ticket.id


async def staff_member(
    dispatcher: Dispatcher,
    bot: Bot,
    recorder: WindowRecorder,
    ru: Translator,
    telegram_id: int,
    name: str,
) -> BotClient:
    member = BotClient(dispatcher, user_id=telegram_id, chat_id=telegram_id, bot=bot)
    await register(member, recorder, ru, name=name, phone=f"+7 916 123-4{telegram_id % 10}-00")
    return member


async def team(factory: Factory) -> None:
    """Support and a manager, added before anyone talks to the bot (the roster reads once)."""
    await add_staff(factory, SUPPORT_ID, StaffRole.SUPPORT)
    await add_staff(factory, MANAGER_ID, StaffRole.MANAGER)


async def audit_rows(factory: Factory) -> list[AuditLogRow]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def test_take_in_the_alert_edits_every_copy_and_an_old_copy_is_refused(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await team(session_factory)
    await staff_member(dispatcher, bot, message_manager, ru, SUPPORT_ID, "Света")
    await staff_member(dispatcher, bot, message_manager, ru, MANAGER_ID, "Мария")
    ticket_id = await a_ticket(container, session_factory)
    assert await outbox.deliver_due() == 3  # the owner, support and the manager
    support_alert = delivered(telegram, SUPPORT_ID)
    manager_alert = delivered(telegram, MANAGER_ID)
    assert "Нет света" in (support_alert.text or "")
    message_manager.reset_history()

    take = button_data(support_alert, ru.get("btn-ticket-take"))
    await tap(dispatcher, bot, SUPPORT_ID, support_alert, take)

    [row] = await tickets(session_factory)
    assert (row.status, row.assigned_to) == (TicketStatus.IN_PROGRESS, SUPPORT_ID)
    assert alerts(telegram)[-1] == ru.get("tickets-taken", ticket_id=str(ticket_id))
    assert message_manager.sent_messages == []  # the open menu was not redrawn over the alert
    await outbox.deliver_due()
    edits = [
        c for c in telegram.calls if isinstance(c, EditMessageText) and c.chat_id != SUPPORT_ID
    ]
    owner_edit = next(c for c in edits if c.chat_id == OWNER_ID)
    assert "Взял(а): Света" in str(owner_edit.text)

    # The manager taps Take on their copy from before the edit.
    await tap(dispatcher, bot, MANAGER_ID, manager_alert, take)
    assert alerts(telegram)[-1] == ru.get("error-ticket-taken", staff="Света")
    assert (await tickets(session_factory))[0].assigned_to == SUPPORT_ID
    assert [e.action for e in await audit_rows(session_factory)] == ["ticket.take"]

    # Open works from the alert too: the card, read-only for the manager.
    await tap(
        dispatcher,
        bot,
        MANAGER_ID,
        manager_alert,
        button_data(manager_alert, ru.get("btn-ticket-open")),
    )
    card = plain(last_text(message_manager))
    assert f"Обращение №{ticket_id}" in card
    assert "Взял(а): Света" in card
    offered = button_texts(message_manager.last_message())
    assert ru.get("btn-ticket-reply") not in offered
    assert ru.get("btn-ticket-note") in offered


async def test_reply_note_and_close_from_the_card(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await team(session_factory)
    support = await staff_member(dispatcher, bot, message_manager, ru, SUPPORT_ID, "Света")
    ticket_id = await a_ticket(container, session_factory)
    clock.current += timedelta(minutes=25)

    await support.send("/admin")
    await click(support, message_manager, ru.get("btn-admin-tickets"))
    queue = message_manager.last_message()
    assert ru.get("tickets-tab", mark="• ", status="🆕 новое", count=1) in button_texts(queue)
    [item] = [t for t in button_texts(queue) if t.startswith(f"№{ticket_id}")]
    assert item == f"№{ticket_id} · 25 мин · Анна Клиент · Нет света"
    await click(support, message_manager, item)

    # A photo where a note's text is expected.
    await click(support, message_manager, ru.get("btn-ticket-note"))
    await send_photo(support, "nope")
    assert telegram.sent_texts(SUPPORT_ID)[-1] == ru.get("ticket-text-expected")
    await support.send("Проверить щиток на 2 этаже")
    assert "Проверить щиток" in last_text(message_manager)

    await click(support, message_manager, ru.get("btn-ticket-reply"))
    await support.send("Электрик уже идёт")
    await send_photo(support, "electrician")
    await click(support, message_manager, ru.get("btn-ticket-send"))
    [row] = await tickets(session_factory)
    assert (row.status, row.assigned_to) == (TicketStatus.WAITING, SUPPORT_ID)
    [told] = await notices(session_factory, "notice-ticket-reply")
    assert (told.chat_id, told.params["text"]) == (ANNA, "Электрик уже идёт")
    card = plain(last_text(message_manager))
    assert "Первый ответ: через 25 мин" in card

    await click(support, message_manager, ru.get("btn-ticket-close"))
    await support.send("Свет починили, закрываю")
    [row] = await tickets(session_factory)
    assert row.status is TicketStatus.CLOSED
    [closed] = await notices(session_factory, "notice-ticket-closed-with-text")
    assert (closed.chat_id, closed.params["text"]) == (ANNA, "Свет починили, закрываю")
    offered = button_texts(message_manager.last_message())
    assert ru.get("btn-ticket-reply") not in offered
    assert ru.get("btn-ticket-take") not in offered

    rows = await thread(session_factory, ticket_id)
    assert [r.kind.value for r in rows] == ["client", "note", "staff", "staff"]
    assert [
        (e.action, e.details["before"], e.details["after"])
        for e in await audit_rows(session_factory)
    ] == [
        ("ticket.note", "new", "new"),
        ("ticket.reply", "new", "waiting"),
        ("ticket.close", "waiting", "closed"),
    ]
    # The client's thread has no note.
    async with container() as request:
        seen = await (await request.get(ClientTickets)).thread(Actor(ANNA, None), ticket_id, page=0)
    assert "Проверить щиток на 2 этаже" not in [m.text for m in seen.thread.messages]


async def test_someone_elses_ticket_refuses_a_crafted_reply(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await team(session_factory)
    support = await staff_member(dispatcher, bot, message_manager, ru, SUPPORT_ID, "Света")
    manager = await staff_member(dispatcher, bot, message_manager, ru, MANAGER_ID, "Мария")
    ticket_id = await a_ticket(container, session_factory)
    await manager.send("/admin")
    await click(manager, message_manager, ru.get("btn-admin-tickets"))
    await click(manager, message_manager, f"№{ticket_id} · 0 мин · Анна Клиент · Нет света")
    stale_card = message_manager.last_message()
    assert ru.get("btn-ticket-take") in button_texts(stale_card)

    # Meanwhile support takes it from their own screen.
    await support.send("/admin")
    await click(support, message_manager, ru.get("btn-admin-tickets"))
    await click(support, message_manager, f"№{ticket_id} · 0 мин · Анна Клиент · Нет света")
    await click(support, message_manager, ru.get("btn-ticket-take"))

    reply = next(
        b.callback_data
        for row in (stale_card.reply_markup.inline_keyboard if stale_card.reply_markup else [])
        for b in row
        if b.text == ru.get("btn-ticket-reply")
    )
    assert reply is not None
    await tap_data(manager, stale_card, reply)
    assert alerts(telegram)[-1] == ru.get("error-ticket-taken", staff="Света")
    take = next(
        b.callback_data
        for row in (stale_card.reply_markup.inline_keyboard if stale_card.reply_markup else [])
        for b in row
        if b.text == ru.get("btn-ticket-take")
    )
    assert take is not None
    await tap_data(manager, stale_card, take)
    assert alerts(telegram)[-1] == ru.get("error-ticket-taken", staff="Света")
    [row] = await tickets(session_factory)
    assert row.assigned_to == SUPPORT_ID
    assert [e.action for e in await audit_rows(session_factory)] == ["ticket.take"]
