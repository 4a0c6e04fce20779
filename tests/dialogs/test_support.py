"""Support as a client uses it, through the real dispatcher, dialogs, services and database: a
new ticket with text and photos, the refusals (a sticker, an 11th photo, a photo with a file, a
banned client), the staff answer's Reply button with another dialog open, closing, rating, and
a long thread in pages of whole words."""

from __future__ import annotations

import re

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import SendPhoto
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.tickets import Attachment, MediaKind, TicketStatus
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from coworking_bot.services.tickets.desk import TicketDesk
from tests.conftest import OWNER_ID
from tests.dialogs.booking_helpers import alerts
from tests.dialogs.helpers import button_texts, click, last_text, send_sticker
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.dialogs.ticket_helpers import Factory, send_document, send_photo, thread, tickets
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff, add_user, notices

ANNA = 1
SUPPORT_ID = 3001
SUPPORT = Actor(SUPPORT_ID, StaffRole.SUPPORT)

pytestmark = pytest.mark.usefixtures("registered")


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


async def new_ticket_window(
    client: BotClient, recorder: WindowRecorder, ru: Translator, via: str = "/support"
) -> None:
    if via == "menu":
        await client.send("/menu")
        await click(client, recorder, ru.get("btn-support"))
    else:
        await client.send(via)
    assert plain(ru.get("support-title")).splitlines()[0] in plain(last_text(recorder))
    await click(client, recorder, ru.get("btn-ticket-new"))


async def staff_answer(
    container: AsyncContainer, ticket_id: int, text: str, photos: tuple[str, ...] = ()
) -> None:
    async with container() as request:
        desk = await request.get(TicketDesk)
        media = [Attachment(MediaKind.PHOTO, file_id) for file_id in photos]
        await desk.reply(SUPPORT, ticket_id, text, media)


@pytest.fixture
async def support_staff(session_factory: Factory) -> None:
    await add_user(session_factory, SUPPORT_ID, name="Света Поддержка")
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)


async def test_a_new_ticket_with_text_and_photos_from_the_menu(
    client: BotClient,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await new_ticket_window(client, message_manager, ru, via="menu")
    assert ru.get("btn-ticket-send") not in button_texts(message_manager.last_message())

    await client.send("В переговорной не работает проектор")
    await send_photo(client, "projector-1", caption="Вот так он выглядит", group="g1")
    await send_photo(client, "projector-2", group="g1")
    await send_sticker(client)
    assert telegram.sent_texts(ANNA)[-1] == ru.get("ticket-draft-unsupported")
    window = last_text(message_manager)
    assert "В переговорной не работает проектор" in window
    assert ru.get("ticket-draft-photos", count=2) in window

    await click(client, message_manager, ru.get("btn-ticket-send"))

    [ticket] = await tickets(session_factory)
    assert (ticket.status, ticket.user_id) == (TicketStatus.NEW, 1)
    [message] = await thread(session_factory, ticket.id)
    assert message.text == "В переговорной не работает проектор\n\nВот так он выглядит"
    assert message.media == [
        {"kind": "photo", "file_id": "projector-1"},
        {"kind": "photo", "file_id": "projector-2"},
    ]
    assert ru.get("ticket-opened", ticket_id=str(ticket.id)) in alerts(telegram)
    shown = plain(last_text(message_manager))
    assert f"Обращение №{ticket.id}" in shown
    assert ru.get("ticket-message-photos", count=2) in shown
    [alert] = await notices(session_factory, "notice-staff-ticket-new")
    assert alert.chat_id == OWNER_ID


async def test_an_eleventh_photo_and_a_photo_with_a_file_are_refused(
    client: BotClient,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await new_ticket_window(client, message_manager, ru)
    for n in range(10):
        await send_photo(client, f"p{n}", group="album")
    await send_photo(client, "p10", group="album")
    assert telegram.sent_texts(ANNA)[-1] == ru.get("error-ticket-too-many-photos", max=10)
    await send_document(client, "scan")
    assert telegram.sent_texts(ANNA)[-1] == ru.get("error-ticket-mixed-attachments")
    assert ru.get("ticket-draft-photos", count=10) in last_text(message_manager)

    await click(client, message_manager, ru.get("btn-ticket-send"))

    [ticket] = await tickets(session_factory)
    [message] = await thread(session_factory, ticket.id)
    assert [item["file_id"] for item in message.media] == [f"p{n}" for n in range(10)]


async def test_the_reply_button_under_an_answer_works_over_another_dialog(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
    support_staff: None,
) -> None:
    await new_ticket_window(client, message_manager, ru)
    await client.send("Где взять ключ от шкафчика?")
    await click(client, message_manager, ru.get("btn-ticket-send"))
    [ticket] = await tickets(session_factory)
    await staff_answer(container, ticket.id, "На ресепшене", photos=("locker",))
    await outbox.deliver_due()
    [photo] = [c for c in telegram.calls if isinstance(c, SendPhoto) and c.chat_id == ANNA]
    assert photo.photo == "locker"
    answer = delivered(telegram, ANNA)
    assert "На ресепшене" in (answer.text or "")
    await client.send("/mybookings")  # another dialog is open

    await tap(dispatcher, bot, ANNA, answer, button_data(answer, ru.get("btn-ticket-reply")))
    assert plain(ru.get("ticket-compose-reply", ticket_id=str(ticket.id), limit=3500)).splitlines()[
        0
    ] in plain(last_text(message_manager))
    await client.send("Спасибо, нашла")
    await send_photo(client, "found")
    await click(client, message_manager, ru.get("btn-ticket-send"))

    rows = await thread(session_factory, ticket.id)
    assert [(row.kind.value, row.text) for row in rows] == [
        ("client", "Где взять ключ от шкафчика?"),
        ("staff", "На ресепшене"),
        ("client", "Спасибо, нашла"),
    ]
    assert [(await tickets(session_factory))[0].status] == [TicketStatus.IN_PROGRESS]
    shown = plain(last_text(message_manager))
    assert shown.index("На ресепшене") < shown.index("Спасибо, нашла")
    assert ru.get("ticket-author-support") in shown


async def test_closing_and_rating_and_a_stale_reply_button(
    client: BotClient,
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
    support_staff: None,
) -> None:
    await new_ticket_window(client, message_manager, ru)
    await client.send("Вопрос про счёт")
    await click(client, message_manager, ru.get("btn-ticket-send"))
    [ticket] = await tickets(session_factory)
    await staff_answer(container, ticket.id, "Счёт отправили на почту")
    await outbox.deliver_due()
    answer = delivered(telegram, ANNA)

    await click(client, message_manager, ru.get("btn-ticket-close"))
    await click(client, message_manager, ru.get("btn-ticket-close-yes"))
    assert ru.get("ticket-rate-ask", ticket_id=str(ticket.id)) in last_text(message_manager)
    await click(client, message_manager, ru.get("ticket-stars-4"))
    row = (await tickets(session_factory))[0]
    assert (row.status, row.rating) == (TicketStatus.CLOSED, 4)
    shown = last_text(message_manager)
    assert ru.get("ticket-your-rating", rating="★★★★") in shown
    assert ru.get("btn-ticket-reply") not in button_texts(message_manager.last_message())

    # The Reply button under the old answer: the ticket is closed.
    await tap(dispatcher, bot, ANNA, answer, button_data(answer, ru.get("btn-ticket-reply")))
    assert alerts(telegram)[-1] == ru.get("error-ticket-closed")
    assert len(await thread(session_factory, ticket.id)) == 2


async def test_a_client_banned_while_writing_sends_nothing(
    client: BotClient,
    message_manager: WindowRecorder,
    telegram: RecordingSession,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await new_ticket_window(client, message_manager, ru)
    await client.send("Хочу пожаловаться")
    async with session_factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(is_banned=True)
        )
        await session.commit()

    await click(client, message_manager, ru.get("btn-ticket-send"))

    assert ru.get("error-user-banned") in alerts(telegram)
    assert await tickets(session_factory) == []


async def test_a_long_thread_is_paged_in_whole_words(
    client: BotClient,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
    support_staff: None,
) -> None:
    await new_ticket_window(client, message_manager, ru)
    await client.send("Начало")
    await click(client, message_manager, ru.get("btn-ticket-send"))
    [ticket] = await tickets(session_factory)
    words = [f"слово{n}" for n in range(500)]  # about 4000 characters
    await staff_answer(container, ticket.id, " ".join(words[:400]))
    await staff_answer(container, ticket.id, " ".join(words[400:]))
    await client.send("/support")
    await click(client, message_manager, f"💬 №{ticket.id} · Начало")

    seen: list[str] = []
    for _ in range(10):
        text = plain(last_text(message_manager))
        assert len(text) <= 4096
        seen.append(text)
        if ru.get("btn-thread-older") not in button_texts(message_manager.last_message()):
            break
        await click(client, message_manager, ru.get("btn-thread-older"))
    assert len(seen) >= 2
    shown_words = {w for text in seen for w in text.split()}
    assert set(words) <= shown_words  # every word, none of them cut
    assert "Начало" in seen[-1]
