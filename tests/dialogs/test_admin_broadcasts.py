"""Broadcasts as staff make them, through the real dispatcher, dialogs, services, outbox and
database: a photo with a caption and a link button to every client (the preview, the count, the
confirmation, the progress message, the report, exactly one copy each, none for a client who
turned news off), an album gathered from its messages, the audience steps and their refusals,
scheduling, discarding, the card's Pause, Resume and Cancel, and the progress message's buttons
with another dialog open, refused to whoever may not send broadcasts."""

from __future__ import annotations

import itertools
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import AnswerCallbackQuery, CopyMessage, CopyMessages, EditMessageText
from aiogram.types import (
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    PhotoSize,
    Update,
)
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import BroadcastRow
from coworking_bot.domain.broadcasts import BroadcastStatus, RecipientStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from dialogs import middlewares
from tests.conftest import OWNER_ID, FakeClock
from tests.dialogs.helpers import button_texts, click, last_text, send_sticker, tap_data
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff, add_users, notices
from tests.unit.payment_helpers import Factory
from tests.unit.test_broadcasts_helpers import (
    CopyingSession,
    copying_bot,
    recipients,
    set_user,
    tick,
)

MANAGER_ID = 3002
CLIENTS = range(2001, 2006)
_message_ids = itertools.count(9000)


class _Unhurried:
    """A monotonic clock a minute further on at every look: composing takes more than twenty
    updates in ten seconds here, which the flood guard would stop."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        self.now += 60.0
        return self.now


@pytest.fixture(autouse=True)
def unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middlewares, "time", _Unhurried())


@pytest.fixture
def bot_and_session() -> tuple[Bot, RecordingSession]:
    """A Telegram border that copies messages (and albums) as the Bot API does."""
    return copying_bot()


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


async def send(client: BotClient, **content: Any) -> Message:
    """A message from the user with any content; returned as Telegram keeps it."""
    message = Message(
        message_id=next(_message_ids),
        date=datetime.now(UTC),
        chat=client.chat,
        from_user=client.user,
        **content,
    )
    await client.dp.feed_update(client.bot, Update(update_id=next(_message_ids), message=message))
    return message


def photo(file_id: str) -> list[PhotoSize]:
    return [PhotoSize(file_id=file_id, file_unique_id=f"{file_id}-u", width=800, height=600)]


async def open_broadcasts(owner: BotClient, recorder: WindowRecorder, ru: Translator) -> None:
    await owner.send("/admin")
    await click(owner, recorder, ru.get("btn-admin-broadcasts"))


async def broadcast_rows(factory: Factory) -> list[BroadcastRow]:
    async with factory() as session:
        return list(await session.scalars(select(BroadcastRow).order_by(BroadcastRow.id)))


def answers(telegram: RecordingSession) -> list[str | None]:
    """What the button presses were answered with."""
    return [c.text for c in telegram.calls if isinstance(c, AnswerCallbackQuery)]


def copies_to(telegram: RecordingSession, chat_id: int) -> list[CopyMessage | CopyMessages]:
    return [
        c
        for c in telegram.calls
        if isinstance(c, CopyMessage | CopyMessages) and int(c.chat_id) == chat_id
    ]


async def test_a_photo_with_a_caption_to_every_client(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: CopyingSession,
    message_manager: WindowRecorder,
    outbox: OutboxSender,
    container: AsyncContainer,
    session_factory: Factory,
    clock: FakeClock,
    ru: Translator,
) -> None:
    await add_users(session_factory, CLIENTS)
    await set_user(session_factory, 2003, news_enabled=False)
    owner = BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)
    await open_broadcasts(owner, message_manager, ru)
    assert ru.get("broadcasts-empty") in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-broadcast-new"))
    assert "Новая рассылка" in last_text(message_manager)
    assert ru.get("btn-broadcast-next") not in button_texts(message_manager.last_message())

    await send_sticker(owner)
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-broadcast-content")
    source = await send(
        owner,
        photo=photo("party"),
        caption="Вечеринка в пятницу!",
        caption_entities=[MessageEntity(type="bold", offset=0, length=9)],
    )
    assert "фото с подписью" in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-broadcast-next"))
    assert "Кнопка-ссылка" in last_text(message_manager)
    await owner.send("Записаться | ftp://example.com")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-broadcast-button", max=64)
    await owner.send("Записаться | https://example.com/party")
    assert "Кому отправить" in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-broadcast-everyone"))

    # The preview: the message as clients get it, copied into the author's chat, with its button.
    [preview] = copies_to(telegram, OWNER_ID)
    assert isinstance(preview, CopyMessage)
    assert (preview.from_chat_id, preview.message_id) == (OWNER_ID, source.message_id)
    assert isinstance(preview.reply_markup, InlineKeyboardMarkup)
    [[link]] = preview.reply_markup.inline_keyboard
    assert (link.text, link.url) == ("Записаться", "https://example.com/party")
    summary = plain(last_text(message_manager))
    assert "Получателей сейчас: 4" in summary  # five clients, one turned news off
    assert "все клиенты" in summary

    await click(owner, message_manager, ru.get("btn-broadcast-send-now"))
    assert "Получателей: 4" in plain(last_text(message_manager))
    await click(owner, message_manager, ru.get("btn-broadcast-send-yes"))
    card = plain(last_text(message_manager))
    assert "Рассылка №1" in card
    assert "идёт" in card
    assert ru.get("btn-broadcast-pause") in button_texts(message_manager.last_message())

    # The progress message, then every client's copy, then the report.
    await outbox.deliver_due()
    progress = delivered(telegram, OWNER_ID)
    assert "Доставлено: 0 из 4" in plain(progress.text or "")
    assert button_texts(progress) == [ru.get("btn-broadcast-pause"), ru.get("btn-broadcast-cancel")]
    assert await outbox.broadcasts.deliver_due() == 4
    clock.current += timedelta(seconds=5)
    await tick(container)
    await outbox.deliver_due()
    report = telegram.sent_texts(OWNER_ID)[-1]
    assert "Рассылка №1: завершена" in report
    assert "Доставлено: 4" in report
    for chat in CLIENTS:
        copies = copies_to(telegram, chat)
        if chat == 2003:
            assert copies == []
        else:
            [copy] = copies
            assert (copy.from_chat_id, copy.message_id) == (OWNER_ID, source.message_id)
    assert set((await recipients(session_factory, 1)).values()) == {RecipientStatus.SENT}

    # The history lists it with its counts.
    await click(owner, message_manager, ru.get("btn-broadcasts-to-list"))
    assert "№1 · ✅ завершена · 4/4" in " ".join(button_texts(message_manager.last_message()))


async def test_an_album_a_narrower_audience_and_the_refusals_on_the_way(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: CopyingSession,
    message_manager: WindowRecorder,
    outbox: OutboxSender,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_users(session_factory, CLIENTS)
    owner = BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)
    await open_broadcasts(owner, message_manager, ru)
    await click(owner, message_manager, ru.get("btn-broadcast-new"))
    await owner.send("Сначала текст")  # then an album: the album replaces it
    ids = [
        (await send(owner, photo=photo(f"p{n}"), media_group_id="album1", caption=cap)).message_id
        for n, cap in enumerate(("Новый зал", None, None))
    ]
    assert "альбом: 3 шт." in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-broadcast-next"))
    await click(owner, message_manager, ru.get("btn-broadcast-no-button"))

    await click(owner, message_manager, ru.get("btn-broadcast-active"))
    for typed in ("0", "сто", "99999"):
        await owner.send(typed)
        assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-broadcast-days", max=3650)
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-broadcast-booked"))
    await owner.send("30.11.2026 - 01.11.2026")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-broadcast-period", max=1098)
    await owner.send("01.11.2026 - 30.11.2026")
    summary = plain(last_text(message_manager))
    assert "с бронью с" in summary
    assert "Получателей сейчас: 0" in summary
    assert ru.get("btn-broadcast-send-now") not in button_texts(message_manager.last_message())
    [album_preview] = copies_to(telegram, OWNER_ID)
    assert isinstance(album_preview, CopyMessages)
    assert album_preview.message_ids == ids

    await click(owner, message_manager, ru.get("btn-broadcast-change-audience"))
    await click(owner, message_manager, ru.get("btn-broadcast-by-language"))
    await click(owner, message_manager, ru.get("language-ru"))
    assert "Получателей сейчас: 5" in plain(last_text(message_manager))
    assert len(copies_to(telegram, OWNER_ID)) == 1  # the audience changed, not the message

    await click(owner, message_manager, ru.get("btn-broadcast-schedule"))
    await owner.send("вчера")
    assert telegram.sent_texts(OWNER_ID)[-1] == ru.get("error-broadcast-when")
    await owner.send("02.12 10:00")
    assert "запланирована на 02.12.2026 10:00" in telegram.sent_texts(OWNER_ID)[-1]
    assert "🕒" in last_text(message_manager)
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.SCHEDULED
    await click(owner, message_manager, ru.get("btn-broadcast-cancel"))
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.CANCELLED
    assert await outbox.broadcasts.deliver_due() == 0

    # A draft left for later, opened again from the history (under a fresh preview), deleted.
    await click(owner, message_manager, ru.get("btn-broadcasts-to-list"))
    await click(owner, message_manager, ru.get("btn-broadcast-new"))
    text = await send(owner, text="Проверка связи")
    await click(owner, message_manager, ru.get("btn-broadcast-next"))
    await click(owner, message_manager, ru.get("btn-broadcast-no-button"))
    await click(owner, message_manager, ru.get("btn-broadcast-everyone"))
    await click(owner, message_manager, ru.get("btn-broadcasts-to-list"))
    [draft_line] = [t for t in button_texts(message_manager.last_message()) if "черновик" in t]
    await click(owner, message_manager, draft_line)
    await click(owner, message_manager, ru.get("btn-broadcast-continue"))
    previews = [c for c in copies_to(telegram, OWNER_ID) if isinstance(c, CopyMessage)]
    assert [c.message_id for c in previews] == [text.message_id, text.message_id]
    assert "Получателей сейчас: 5" in plain(last_text(message_manager))
    await click(owner, message_manager, ru.get("btn-broadcast-discard"))
    assert len(await broadcast_rows(session_factory)) == 1
    assert ru.get("broadcasts-empty") not in last_text(message_manager)


async def test_pause_resume_and_cancel_under_the_progress_message(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: CopyingSession,
    message_manager: WindowRecorder,
    outbox: OutboxSender,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)  # before anyone talks
    await add_users(session_factory, CLIENTS)
    owner = BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)
    await open_broadcasts(owner, message_manager, ru)
    await click(owner, message_manager, ru.get("btn-broadcast-new"))
    await owner.send("<b>Новости</b>")
    await click(owner, message_manager, ru.get("btn-broadcast-next"))
    await click(owner, message_manager, ru.get("btn-broadcast-no-button"))
    await click(owner, message_manager, ru.get("btn-broadcast-everyone"))
    await click(owner, message_manager, ru.get("btn-broadcast-send-now"))
    await click(owner, message_manager, ru.get("btn-broadcast-send-yes"))
    await outbox.deliver_due()
    progress = delivered(telegram, OWNER_ID)

    # A manager may not send broadcasts: a crafted tap changes nothing.
    await tap(
        dispatcher, bot, MANAGER_ID, progress, button_data(progress, ru.get("btn-broadcast-pause"))
    )
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.RUNNING
    assert answers(telegram)[-1] == ru.get("error-permission-denied")

    # The owner has the broadcast's card open in a dialog: the notice's button still works.
    await tap(
        dispatcher, bot, OWNER_ID, progress, button_data(progress, ru.get("btn-broadcast-pause"))
    )
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.PAUSED
    assert await outbox.broadcasts.deliver_due() == 0
    await outbox.deliver_due()  # the progress message now offers Resume
    [*_, edit] = [c for c in telegram.calls if isinstance(c, EditMessageText)]
    assert "на паузе" in str(edit.text)
    assert isinstance(edit.reply_markup, InlineKeyboardMarkup)
    assert [b.text for b in edit.reply_markup.inline_keyboard[0]] == [
        ru.get("btn-broadcast-resume"),
        ru.get("btn-broadcast-cancel"),
    ]
    await tap(
        dispatcher, bot, OWNER_ID, progress, button_data(progress, ru.get("btn-broadcast-pause"))
    )
    assert answers(telegram)[-1] == ru.get("error-broadcast-changed")  # an old button

    # The card follows, and resumes it.
    await click(owner, message_manager, ru.get("btn-refresh"))
    assert "на паузе" in last_text(message_manager)
    await click(owner, message_manager, ru.get("btn-broadcast-resume"))
    assert await outbox.broadcasts.deliver_due(limit=2) == 2
    await tap(
        dispatcher, bot, OWNER_ID, progress, button_data(progress, ru.get("btn-broadcast-cancel"))
    )
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.CANCELLED
    assert await outbox.broadcasts.deliver_due() == 0
    assert sum(1 for chat in CLIENTS if copies_to(telegram, chat)) == 2
    [report] = await notices(session_factory, "broadcast-report")
    assert (report.params["sent"], report.params["left"]) == (2, 3)

    # A stale or crafted tap on the card's buttons is refused without a change.
    await tap_data(owner, message_manager.last_message(), "nope")
    [row] = await broadcast_rows(session_factory)
    assert row.status is BroadcastStatus.CANCELLED
