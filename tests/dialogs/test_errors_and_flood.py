"""The global error handler (stale buttons, unexpected errors, owner alerts) and the flood guard."""

from __future__ import annotations

import logging
import re

import pytest
from aiogram import Bot
from aiogram.fsm.storage.base import BaseStorage
from aiogram.methods import AnswerCallbackQuery, GetMe, SendMessage
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import BotStorageRow, ReferralRow, UserRow
from coworking_bot.i18n import Translations, Translator
from coworking_bot.outbox.sender import OutboxSender
from dialogs import errors
from dialogs.errors import OwnerAlerts
from tests.conftest import OWNER_ID, TEST_REDIS_URL
from tests.dialogs.helpers import click, last_text, register, send_sticker
from tests.fakes.telegram import RecordingSession, WindowRecorder

Sessions = async_sessionmaker[AsyncSession]


def callback_answers(telegram: RecordingSession) -> list[AnswerCallbackQuery]:
    return [call for call in telegram.calls if isinstance(call, AnswerCallbackQuery)]


def by_text(text: str) -> InlineButtonTextLocator:
    return InlineButtonTextLocator(re.escape(text))


async def test_button_from_a_replaced_menu_brings_the_menu_back(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, telegram: RecordingSession
) -> None:
    await register(client, message_manager, ru)
    old_menu = message_manager.last_message()
    await client.send("/menu")
    message_manager.reset_history()

    callback_id = await client.click(old_menu, by_text(ru.get("btn-profile")))
    answer = callback_answers(telegram)[-1]
    assert (answer.callback_query_id, answer.text) == (callback_id, ru.get("error-stale-button"))
    assert message_manager.one_message().text == ru.get("menu-title", name="Anna Petrova")


async def test_button_from_before_a_lost_storage_brings_the_menu_back(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    storage: BaseStorage,
    session_factory: Sessions,
) -> None:
    await register(client, message_manager, ru)
    old_menu = message_manager.last_message()
    if TEST_REDIS_URL:
        await storage.redis.flushdb()  # type: ignore[attr-defined]
    else:
        async with session_factory() as session:
            await session.execute(delete(BotStorageRow))
            await session.commit()
    message_manager.reset_history()

    await client.click(old_menu, by_text(ru.get("btn-tariffs")))
    assert callback_answers(telegram)[-1].text == ru.get("error-stale-button")
    assert message_manager.one_message().text == ru.get("menu-title", name="Anna Petrova")


async def test_stale_skip_button_does_not_register_twice(
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    outbox: OutboxSender,
) -> None:
    referrer = BotClient(client.dp, user_id=2, chat_id=2, bot=bot)
    await register(referrer, message_manager, ru, name="Boris Ivanov")
    async with session_factory() as session:
        code = await session.scalar(select(UserRow.referral_code).where(UserRow.telegram_id == 2))
    await client.send(f"/start ref_{code}")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")
    await client.send("+79161234567")
    email_window = message_manager.last_message()
    await click(client, message_manager, ru.get("btn-skip"))
    message_manager.reset_history()

    await client.click(email_window, by_text(ru.get("btn-skip")))
    assert callback_answers(telegram)[-1].text == ru.get("error-stale-button")
    assert message_manager.one_message().text == ru.get("menu-title", name="Anna Petrova")
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(ReferralRow)) == 1
    await outbox.deliver_due()
    assert len(telegram.sent_texts(2)) == 1


async def test_stale_button_of_an_unregistered_user_resumes_registration(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, telegram: RecordingSession
) -> None:
    await client.send("/start")
    consent = message_manager.last_message()
    await client.send("/start")
    message_manager.reset_history()

    await client.click(consent, by_text(ru.get("btn-consent")))
    assert callback_answers(telegram)[-1].text == ru.get("error-stale-button")
    assert ru.get("onboarding-consent") in (message_manager.one_message().text or "")


async def test_unexpected_error_apologizes_logs_and_alerts_owners_once(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))

    for _ in range(2):
        telegram.fail_next(SendMessage, RuntimeError("the wire melted"))
        with caplog.at_level(logging.ERROR, logger="dialogs.errors"):
            await send_sticker(client)
        assert telegram.sent_texts(1)[-1] == ru.get("error-apology")

    failures = [r for r in caplog.records if r.name == "dialogs.errors"]
    assert len(failures) == 2
    assert all(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in failures)
    assert "Traceback" in caplog.text

    alerts = telegram.sent_texts(OWNER_ID)
    assert len(alerts) == 1, "one alert a minute per kind of error"
    assert "RuntimeError" in alerts[0]
    assert "the wire melted" in alerts[0]
    assert "TEST-token" not in alerts[0]

    # The user can go on.
    await client.send("Anna Petrova")
    assert last_text(message_manager) == ru.get("onboarding-phone")


async def test_error_behind_a_button_apologizes_in_an_alert(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
) -> None:
    await register(client, message_manager, ru)
    telegram.calls.clear()

    telegram.fail_next(GetMe, ValueError("second kind"))
    callback_id = await click(client, message_manager, ru.get("btn-profile"))
    answer = callback_answers(telegram)[-1]
    assert (answer.callback_query_id, answer.text, answer.show_alert) == (
        callback_id,
        ru.get("error-apology"),
        True,
    )
    alerts = telegram.sent_texts(OWNER_ID)
    assert len(alerts) == 1
    assert "ValueError" in alerts[0]


def test_owner_alerts_are_throttled_per_kind(
    translations: Translations, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(errors.time, "monotonic", lambda: now[0])
    alerts = OwnerAlerts(frozenset({OWNER_ID}), translations, "ru")
    assert alerts.due("A")
    assert not alerts.due("A")
    assert alerts.due("B")
    now[0] += errors.ALERT_INTERVAL_SECONDS - 1
    assert not alerts.due("A")
    now[0] += 1
    assert alerts.due("A")


async def test_flood_guard_drops_a_users_burst_and_says_so_once(
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
) -> None:
    for _ in range(30):
        await client.send("/help")
    help_windows = [
        m
        for m in message_manager.sent_messages
        if (m.text or "").startswith(
            ru.get("help-text", coworking="Test Hub", free_hours=24, payments="yes")
        )
    ]
    assert len(help_windows) == 20
    assert telegram.sent_texts(1) == [ru.get("flood-slow-down")]

    neighbour = BotClient(client.dp, user_id=2, chat_id=2, bot=bot)
    message_manager.reset_history()
    await neighbour.send("/help")
    assert message_manager.one_message().text
    assert telegram.sent_texts(2) == []
