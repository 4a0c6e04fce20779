"""End to end, as the issue's "done when" tries it, through the real `coworking-bot run` and the
Bot API stand-in with Telegram's flood control on and 429s injected: the owner broadcasts a
photo with a caption to every client, sees the progress and the report, and every client gets
exactly one copy while one who turned news off in their profile (and the banned, the blocked
and the unregistered) gets none, across a restart midway. Then an album across a killed
process: nobody gets it twice, and it goes on where it stopped."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BroadcastRecipientRow, BroadcastRow, UserRow
from coworking_bot.domain.broadcasts import BroadcastStatus, RecipientStatus
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translator
from tests.conftest import OWNER_ID
from tests.e2e.conftest import BotProcess
from tests.e2e.test_payment_e2e import button_texts
from tests.e2e.test_registration_e2e import RU, register, shows
from tests.fakes.bot_api import BotApiStandIn, FakeMessage, FakeUser
from tests.fakes.bot_api_rules import Entity

Factory = async_sessionmaker[AsyncSession]
OWNER = FakeUser(OWNER_ID, "Owner", "ru")
ANNA = FakeUser(7301, "Anna", "ru")
BORIS = FakeUser(7302, "Boris", "ru")  # turns news off in his profile
BULK = range(7000, 7090)  # clients who registered earlier
BANNED, KNOWN_BLOCKED, UNREGISTERED, BLOCKS_NOW = 7401, 7402, 7403, 7404


async def add_clients(api: BotApiStandIn, factory: Factory) -> None:
    """Clients already in the database (and in Telegram), and the ones who must never get a
    broadcast: banned, known to have blocked the bot, never registered."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    ids = [*BULK, BANNED, KNOWN_BLOCKED, UNREGISTERED, BLOCKS_NOW]
    async with factory() as session:
        await session.execute(
            insert(UserRow),
            [
                {
                    "telegram_id": telegram_id,
                    "full_name": f"Client {telegram_id}",
                    "language": Language.RU,
                    "referral_code": f"e2e{telegram_id}",
                    "consent_at": now,
                    "registered_at": None if telegram_id == UNREGISTERED else now,
                    "is_banned": telegram_id == BANNED,
                    "bot_blocked": telegram_id == KNOWN_BLOCKED,
                }
                for telegram_id in ids
            ],
        )
        await session.commit()
    for telegram_id in ids:
        api.add_user(FakeUser(telegram_id, f"Client {telegram_id}"))
    api.block(FakeUser(BLOCKS_NOW, "Blocks"))  # the bot learns it when it sends


async def wait_for(
    check: Callable[[], object], within: float, what: str, *, every: float = 0.05
) -> None:
    deadline = time.monotonic() + within
    while not await _call(check):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {within} s")
        await asyncio.sleep(every)


async def _call(check: Callable[[], object]) -> object:
    result = check()
    return await result if asyncio.iscoroutine(result) else result


async def compose_and_send(
    api: BotApiStandIn, ru: Translator, send_source: Callable[[], list[FakeMessage]]
) -> list[FakeMessage]:
    """The owner's way through the dialog, from /admin to "Yes, send"; the source messages."""
    api.user_sends_text(OWNER, "/admin")
    menu = await api.wait_for_bot_message(OWNER_ID, shows("Администрирование"))
    api.user_clicks(OWNER, menu, ru.get("btn-admin-broadcasts"))
    history = await api.wait_for_bot_message(OWNER_ID, shows("📣 Рассылки"))
    api.user_clicks(OWNER, history, ru.get("btn-broadcast-new"))
    await api.wait_for_bot_message(OWNER_ID, shows("Новая рассылка"))
    sources = send_source()
    compose = await api.wait_for_bot_message(
        OWNER_ID, lambda m: ru.get("btn-broadcast-next") in button_texts(m), timeout=10
    )
    if len(sources) > 1:  # an album's messages arrive one by one: all of them first
        compose = await api.wait_for_bot_message(
            OWNER_ID, shows(f"альбом: {len(sources)} шт."), timeout=10
        )
    api.user_clicks(OWNER, compose, ru.get("btn-broadcast-next"))
    ask_button = await api.wait_for_bot_message(OWNER_ID, shows("Кнопка-ссылка"))
    if len(sources) > 1:
        api.user_clicks(OWNER, ask_button, ru.get("btn-broadcast-no-button"))
    else:
        api.user_sends_text(OWNER, "Записаться | https://example.com/party")
    audience = await api.wait_for_bot_message(OWNER_ID, shows("Кому отправить"))
    api.user_clicks(OWNER, audience, ru.get("btn-broadcast-everyone"))
    summary = await api.wait_for_bot_message(OWNER_ID, shows("Получателей сейчас"), timeout=10)
    expected = len(BULK) + 2  # Anna, and the client who blocked the bot without telling it
    assert f"Получателей сейчас: {expected}" in (summary.text or "")
    assert api.copies(OWNER_ID, OWNER_ID, {m.message_id for m in sources}) == 1  # the preview
    api.user_clicks(OWNER, summary, ru.get("btn-broadcast-send-now"))
    confirm = await api.wait_for_bot_message(OWNER_ID, shows("сейчас?"))
    api.user_clicks(OWNER, confirm, ru.get("btn-broadcast-send-yes"))
    await api.wait_for_bot_message(OWNER_ID, shows("идёт"))
    await api.wait_until_answered()
    return sources


def copies_per_client(api: BotApiStandIn, sources: list[FakeMessage]) -> dict[int, int]:
    ids = {m.message_id for m in sources}
    chats = [*BULK, ANNA.id, BORIS.id, BANNED, KNOWN_BLOCKED, UNREGISTERED, BLOCKS_NOW]
    return {chat: api.copies(chat, OWNER_ID, ids) for chat in chats}


async def recipient_states(factory: Factory) -> dict[int, RecipientStatus]:
    async with factory() as session:
        rows = await session.execute(
            select(BroadcastRecipientRow.chat_id, BroadcastRecipientRow.status)
        )
        return {chat: RecipientStatus(status) for chat, status in rows}


async def open_copies(factory: Factory) -> int:
    async with factory() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(BroadcastRecipientRow)
            .where(BroadcastRecipientRow.status == RecipientStatus.PENDING)
        )
        return int(count or 0)


async def turn_news_off(api: BotApiStandIn, user: FakeUser, ru: Translator) -> None:
    api.user_sends_text(user, "/profile")
    profile = await api.wait_for_bot_message(user.id, shows("Профиль"))
    query = api.user_clicks(user, profile, ru.get("btn-profile-news", news="on"))
    await api.wait_until_answered()
    assert api.callback_answers[query]["text"] == ru.get("profile-news-off")


async def test_a_photo_with_a_caption_to_every_client_across_a_restart(
    api: BotApiStandIn,
    bot_process: BotProcess,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await register(api, ANNA, RU, "Анна Иванова", "+7 916 123-45-67")
    await register(api, BORIS, RU, "Борис Петров", "+7 916 123-45-68")
    await turn_news_off(api, BORIS, ru)
    async with session_factory() as session:
        assert (
            await session.scalar(
                select(UserRow.news_enabled).where(UserRow.telegram_id == BORIS.id)
            )
            is False
        )
    await add_clients(api, session_factory)

    bold = (Entity("bold", 0, 9),)
    sources = await compose_and_send(
        api, ru, lambda: [api.user_sends_photo(OWNER, "Вечеринка в пятницу в 19:00", entities=bold)]
    )
    # Telegram's limits from here on, and a 429 now and then.
    api.limit_rate(30)
    api.too_many_every = 25

    # The progress message, sent once and edited as it goes.
    progress = await api.wait_for_bot_message(OWNER_ID, shows("Доставлено:"), timeout=10)
    assert ru.get("btn-broadcast-pause") in button_texts(progress)

    # Halfway, the bot is restarted.
    half = len(BULK) // 2
    await wait_for(
        lambda: sum(copies_per_client(api, sources).values()) >= half, 30, "half the copies"
    )
    await bot_process.stop()
    await bot_process.start()

    report = await api.wait_for_bot_message(
        OWNER_ID, shows("Рассылка №1: завершена"), timeout=60, since=0
    )
    text = report.text or ""
    assert f"Доставлено: {len(BULK) + 1}" in text
    assert "Заблокировали бота: 1" in text
    assert "Неизвестно (бот перезапускался во время отправки): 0" in text

    copies = copies_per_client(api, sources)
    assert {chat for chat, n in copies.items() if n} == {*BULK, ANNA.id}
    assert max(copies.values()) == 1  # nobody twice
    for chat in (*BULK, ANNA.id):  # formatting arrives as written
        [copy] = [m for m in api.messages(chat) if m.copy_of]
        assert (copy.kind, copy.caption, copy.entities) == ("photo", sources[0].caption, bold)
        assert copy.buttons[0]["url"] == "https://example.com/party"
    states = await recipient_states(session_factory)
    assert states[BLOCKS_NOW] is RecipientStatus.BLOCKED
    assert BORIS.id not in states
    assert {BANNED, KNOWN_BLOCKED, UNREGISTERED}.isdisjoint(states)
    async with session_factory() as session:
        assert await session.scalar(
            select(UserRow.bot_blocked).where(UserRow.telegram_id == BLOCKS_NOW)
        )
        [row] = list(await session.scalars(select(BroadcastRow)))
    assert (row.status, row.sent, row.blocked) == (BroadcastStatus.DONE, len(BULK) + 1, 1)
    assert api.too_many > 0  # 429s came, and were waited out
    # The progress message now says it is done, without buttons.
    final = next(m for m in api.messages(OWNER_ID) if m.message_id == progress.message_id)
    assert "завершена" in (final.text or "")
    assert final.buttons == []
    refused = {error for _, error in api.errors}
    assert refused <= {
        "Too Many Requests: retry after 1",
        # After the restart the progress message may be edited to the text it already shows;
        # Telegram answers so and nothing changes.
        "Bad Request: message is not modified: specified new message content and reply markup"
        " are exactly the same as a current content and reply markup of the message",
        "Forbidden: bot was blocked by the user",
        "Conflict: terminated by other getUpdates request",
    }


async def test_an_album_across_a_killed_process_reaches_nobody_twice(
    api: BotApiStandIn,
    bot_process: BotProcess,
    session_factory: Factory,
    ru: Translator,
) -> None:
    await register(api, ANNA, RU, "Анна Иванова", "+7 916 123-45-67")
    await add_clients(api, session_factory)
    sources = await compose_and_send(
        api, ru, lambda: api.user_sends_album(OWNER, ("photo", "video", "photo"), "Новый зал")
    )
    api.limit_rate(30)
    api.too_many_every = 40

    await wait_for(
        lambda: sum(copies_per_client(api, sources).values()) >= len(BULK) // 2,
        30,
        "half the copies",
    )
    await bot_process.kill()  # mid-send, as when the machine loses power
    await bot_process.start()
    # The copies the dead process had claimed wait out their lease (15 s), then go too.
    await wait_for(
        lambda: _none_pending(session_factory), 60, "every copy claimed again", every=0.2
    )
    await asyncio.sleep(1)  # the last calls land

    copies = copies_per_client(api, sources)
    assert max(copies.values()) == 1  # nobody twice, whatever stopped when
    states = await recipient_states(session_factory)
    assert {BANNED, KNOWN_BLOCKED, UNREGISTERED}.isdisjoint(states)
    assert states[BLOCKS_NOW] is RecipientStatus.BLOCKED
    for chat, state in states.items():
        if state is RecipientStatus.SENT:
            assert copies[chat] == 1, chat
            items = [m for m in api.messages(chat) if m.copy_of]
            assert [m.kind for m in items] == ["photo", "video", "photo"]
            assert items[0].caption == "Новый зал"
            assert len({m.media_group_id for m in items}) == 1  # still one album
    # Only a copy that was on its way when the process died may be in doubt; never resent.
    in_doubt = [chat for chat, s in states.items() if s is RecipientStatus.SENDING]
    assert len(in_doubt) <= 8
    assert sum(s is RecipientStatus.SENT for s in states.values()) >= len(BULK) + 1 - len(in_doubt)


async def _none_pending(factory: Factory) -> bool:
    return await open_copies(factory) == 0
