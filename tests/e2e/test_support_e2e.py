"""End to end, as the issue's "done when" tries it, through the real process and the Bot API
stand-in: a client opens a ticket with a photo; a support agent takes it from the alert, opens it
and answers with a photo; the client gets both, sees them in the thread, and replies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from coworking_bot.db.models import StaffMemberRow, TicketMessageRow, TicketRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from tests.conftest import OWNER_ID
from tests.e2e.conftest import BotProcess
from tests.e2e.test_payment_e2e import button_texts, running_bot
from tests.e2e.test_registration_e2e import RU, assert_telegram_accepted_everything, register, shows
from tests.fakes.bot_api import BotApiStandIn, FakeMessage, FakeUser
from tests.fakes.yookassa import YooKassaStandIn

SVETA = FakeUser(5401, "Sveta", "ru")  # support
ANNA = FakeUser(5402, "Anna", "ru")


@pytest.fixture
async def support_bot(
    api: BotApiStandIn,
    kassa: YooKassaStandIn,
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> AsyncIterator[BotProcess]:
    async with running_bot(api, kassa, database_url, session_factory, tmp_path) as process:
        async with session_factory() as session:
            session.add(
                StaffMemberRow(telegram_id=SVETA.id, role=StaffRole.SUPPORT, added_by=OWNER_ID)
            )
            await session.commit()
        yield process


def photo_from_bot(api: BotApiStandIn, chat_id: int) -> list[FakeMessage]:
    return [m for m in api.messages(chat_id) if m.kind == "photo"]


@pytest.mark.usefixtures("support_bot")
async def test_a_ticket_with_a_photo_answered_with_a_photo_and_replied_to(
    api: BotApiStandIn,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await register(api, SVETA, RU, "Света Поддержка", "+7 916 000-00-02")
    await register(api, ANNA, RU, "Анна Иванова", "+7 916 123-45-67")

    # The client opens a ticket with a photo.
    api.user_sends_text(ANNA, "/support")
    support = await api.wait_for_bot_message(ANNA.id, shows("Поддержка"))
    api.user_clicks(ANNA, support, ru.get("btn-ticket-new"))
    await api.wait_for_bot_message(ANNA.id, shows("Новое обращение"))
    api.user_sends_photo(ANNA, "Не включается проектор в переговорной")
    draft = await api.wait_for_bot_message(
        ANNA.id, lambda m: ru.get("btn-ticket-send") in button_texts(m)
    )
    api.user_clicks(ANNA, draft, ru.get("btn-ticket-send"))
    opened = await api.wait_for_bot_message(ANNA.id, shows("Обращение №"))
    assert "Не включается проектор" in (opened.text or "")  # the thread, right away
    async with session_factory() as session:
        ticket_id = await session.scalar(select(TicketRow.id))
    assert ticket_id is not None

    # Support hears of it, with the photo, and takes it right from the alert.
    alert = await api.wait_for_bot_message(
        SVETA.id, shows(f"Новое обращение №{ticket_id}"), timeout=10
    )
    assert "Не включается проектор" in (alert.text or "")
    assert len(photo_from_bot(api, SVETA.id)) == 1
    api.user_clicks(SVETA, alert, ru.get("btn-ticket-take"))
    await api.wait_until_answered()
    async with session_factory() as session:
        ticket = await session.get(TicketRow, ticket_id)
        assert ticket is not None
        assert ticket.assigned_to == SVETA.id

    # ... opens it from the alert and answers with a photo.
    taken = api.messages(SVETA.id)
    alert_now = next(m for m in taken if m.message_id == alert.message_id)
    api.user_clicks(SVETA, alert_now, ru.get("btn-ticket-open"))
    card = await api.wait_for_bot_message(
        SVETA.id, lambda m: ru.get("btn-ticket-reply") in button_texts(m)
    )
    api.user_clicks(SVETA, card, ru.get("btn-ticket-reply"))
    await api.wait_for_bot_message(SVETA.id, shows(f"обращение №{ticket_id}"))
    api.user_sends_photo(SVETA, "Переключили кабель — попробуйте сейчас")
    compose = await api.wait_for_bot_message(
        SVETA.id, lambda m: ru.get("btn-ticket-send") in button_texts(m)
    )
    api.user_clicks(SVETA, compose, ru.get("btn-ticket-send"))

    # The client gets the answer with its photo and a Reply button.
    answer = await api.wait_for_bot_message(
        ANNA.id, shows(f"Ответ поддержки · обращение №{ticket_id}"), timeout=10
    )
    assert "Переключили кабель" in (answer.text or "")
    assert ru.get("btn-ticket-reply") in button_texts(answer)
    assert len(photo_from_bot(api, ANNA.id)) == 1

    # In the thread the client sees both messages, then replies.
    api.user_sends_text(ANNA, "/support")
    tickets = await api.wait_for_bot_message(ANNA.id, shows("Поддержка"))
    line = next(t for t in button_texts(tickets) if f"№{ticket_id}" in t)
    api.user_clicks(ANNA, tickets, line)
    thread = await api.wait_for_bot_message(ANNA.id, shows(f"Обращение №{ticket_id}"))
    text = thread.text or ""
    assert "Не включается проектор" in text
    assert "Переключили кабель" in text
    assert text.count("Фото: 1") == 2
    api.user_clicks(ANNA, thread, ru.get("btn-ticket-reply"))
    await api.wait_for_bot_message(ANNA.id, shows("Ответ в обращение"))
    api.user_sends_text(ANNA, "Спасибо, заработало!")
    reply = await api.wait_for_bot_message(
        ANNA.id, lambda m: ru.get("btn-ticket-send") in button_texts(m)
    )
    api.user_clicks(ANNA, reply, ru.get("btn-ticket-send"))
    await api.wait_for_bot_message(ANNA.id, shows("Спасибо, заработало!"))  # in the thread

    async with session_factory() as session:
        kinds = list(
            await session.scalars(
                select(TicketMessageRow.kind)
                .where(TicketMessageRow.ticket_id == ticket_id)
                .order_by(TicketMessageRow.id)
            )
        )
    assert [str(kind) for kind in kinds] == ["client", "staff", "client"]
    await assert_telegram_accepted_everything(api)
