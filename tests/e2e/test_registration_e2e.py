"""End to end: `coworking-bot run` with its real aiogram `Bot` and HTTP session, long-polling the
Bot API stand-in, which plays Telegram and its users."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from dialogs.commands import CLIENT_COMMANDS
from tests.conftest import OWNER_ID
from tests.e2e.conftest import BotProcess, http_get, wait_for_http, wait_for_saved_dialog
from tests.fakes.bot_api import BotApiStandIn, FakeMessage, FakeUser

REFERRAL_LINK = re.compile(r"https://t\.me/coworking_test_bot\?start=(ref_\w+)")


@dataclass(frozen=True)
class Texts:
    """What a user of one language sees at each registration step (from the locale files)."""

    welcome: str
    consent: str
    ask_name: str
    ask_phone: str
    share_phone: str
    ask_email: str
    skip: str
    registered: str
    menu: str


RU = Texts(
    welcome="Добро пожаловать в Test Hub",
    consent="✅ Согласен(на), продолжить",
    ask_name="Как к вам обращаться?",
    ask_phone="Отправьте номер телефона",
    share_phone="📱 Поделиться номером",
    ask_email="Почти готово!",
    skip="Пропустить ▶️",
    registered="🎉 Регистрация завершена!",
    menu="Главное меню",
)
EN = Texts(
    welcome="Welcome to Test Hub",
    consent="✅ I agree, continue",
    ask_name="What is your name?",
    ask_phone="Send your phone number",
    share_phone="📱 Share my phone number",
    ask_email="Almost done!",
    skip="Skip ▶️",
    registered="🎉 You are registered!",
    menu="Main menu",
)


def shows(fragment: str) -> Callable[[FakeMessage], bool]:
    return lambda message: fragment in (message.text or "")


async def user_row(engine: AsyncEngine, telegram_id: int) -> Any:
    async with engine.connect() as connection:
        result = await connection.execute(
            text(
                "SELECT id, full_name, phone, email, language, referral_code, referrer_id,"
                " consent_at, registered_at FROM users WHERE telegram_id = :id"
            ),
            {"id": telegram_id},
        )
        return result.one()


async def assert_telegram_accepted_everything(api: BotApiStandIn) -> None:
    """No call the real Telegram would refuse, and every button press answered."""
    await api.wait_until_answered()
    expected = {
        # A long poll left open by a killed process ends with 409 when its successor polls.
        ("getUpdates", "Conflict"),
        # aiogram-dialog strips a keyboard that may not be there and relies on this answer.
        ("editMessageReplyMarkup", "message is not modified"),
    }
    refused = [
        (method, error)
        for method, error in api.errors
        if not any(method == m and part in error for m, part in expected)
    ]
    assert refused == []


async def register(
    api: BotApiStandIn, user: FakeUser, texts: Texts, name: str, phone: str, payload: str = ""
) -> FakeMessage:
    """From /start to the main menu, the way a new user does it; the menu message."""
    api.user_sends_text(user, f"/start {payload}".strip())
    welcome = await api.wait_for_bot_message(user.id, shows(texts.welcome))
    api.user_clicks(user, welcome, texts.consent)
    await api.wait_for_bot_message(user.id, shows(texts.ask_name))
    api.user_sends_text(user, name)
    await api.wait_for_bot_message(user.id, shows(texts.ask_phone))
    api.user_shares_phone(user, phone)
    ask_email = await api.wait_for_bot_message(user.id, shows(texts.ask_email))
    api.user_clicks(user, ask_email, texts.skip)
    return await api.wait_for_bot_message(user.id, shows(texts.menu))


async def test_serves_health_and_registers_commands(
    api: BotApiStandIn, bot_process: BotProcess
) -> None:
    health = await wait_for_http(f"{bot_process.base_url}/health")
    ready = await http_get(f"{bot_process.base_url}/ready")

    assert health[0] == 200
    assert ready[0] == 200
    assert '"database":"ok"' in ready[1].replace(" ", "")
    default = '{"type": "default"}'
    ru_commands = {c["command"]: c["description"] for c in api.commands[(default, "")]}
    en_commands = {c["command"]: c["description"] for c in api.commands[(default, "en")]}
    assert set(ru_commands) == set(en_commands) == set(CLIENT_COMMANDS)
    assert {"start", "menu", "book", "mybookings", "profile", "help", "cancel"} <= set(ru_commands)
    assert en_commands["menu"] == "Main menu"
    assert ru_commands["menu"] == "Главное меню"
    owner_scope = f'{{"chat_id": {OWNER_ID}, "type": "chat"}}'
    assert "admin" in {c["command"] for c in api.commands[(owner_scope, "")]}
    await assert_telegram_accepted_everything(api)


async def test_registration_resumes_after_the_process_is_killed(
    api: BotApiStandIn, bot_process: BotProcess, engine: AsyncEngine
) -> None:
    anna = FakeUser(5001, "Anna", "ru", "anna")
    api.user_sends_text(anna, "/start")
    welcome = await api.wait_for_bot_message(anna.id, shows(RU.welcome))
    api.user_clicks(anna, welcome, RU.consent)
    await api.wait_for_bot_message(anna.id, shows(RU.ask_name))
    api.user_sends_text(anna, "Анна  Иванова")
    await api.wait_for_bot_message(anna.id, shows(RU.ask_phone))
    share = [b for b in api.reply_buttons(anna.id) if b.get("request_contact")]
    assert [b["text"] for b in share] == [RU.share_phone]
    await wait_for_saved_dialog(engine, anna.id, "OnboardingSG:phone")

    await bot_process.kill()
    await bot_process.start()
    api.user_shares_phone(anna, "79161234567")  # Telegram sends the number without "+"
    # The new process migrates and starts polling first: on a loaded machine that takes a while.
    ask_email = await api.wait_for_bot_message(anna.id, shows(RU.ask_email), timeout=20)
    api.user_clicks(anna, ask_email, RU.skip)
    menu = await api.wait_for_bot_message(anna.id, shows(RU.menu))

    assert RU.registered in (menu.text or "")
    assert "Анна Иванова" in (menu.text or "")
    row = await user_row(engine, anna.id)
    assert (row.full_name, row.phone, row.email) == ("Анна Иванова", "+79161234567", None)
    assert row.consent_at is not None
    assert row.registered_at is not None
    await assert_telegram_accepted_everything(api)


async def test_language_switch_and_referral(
    api: BotApiStandIn, bot_process: BotProcess, engine: AsyncEngine
) -> None:
    anna = FakeUser(5001, "Anna", "ru")
    await register(api, anna, RU, "Анна Иванова", "+7 916 123-45-67")

    api.user_sends_text(anna, "/profile")
    card = await api.wait_for_bot_message(anna.id, shows("Профиль"))
    link = REFERRAL_LINK.search(card.text or "")
    assert link is not None, card.text
    assert link[1] == f"ref_{(await user_row(engine, anna.id)).referral_code}"
    api.user_clicks(anna, card, "Язык")
    choose = await api.wait_for_bot_message(anna.id, shows("Выберите язык"))
    query = api.user_clicks(anna, choose, "English")
    card = await api.wait_for_bot_message(anna.id, shows("Language: 🇬🇧 English"))
    assert "Profile" in (card.text or "")
    assert api.callback_answers[query]["text"] == "Language changed."
    api.user_sends_text(anna, "/menu")
    await api.wait_for_bot_message(anna.id, shows(EN.menu))
    assert (await user_row(engine, anna.id)).language in ("en", "EN")

    bob = FakeUser(5002, "Bob", "en")
    before_bob = api.version
    await register(api, bob, EN, "Bob Smith", "+7 903 123-45-67", payload=link[1])
    joined = await api.wait_for_bot_message(
        anna.id, shows("Bob Smith has joined using your link"), since=before_bob
    )
    assert "Thank you" in (joined.text or "")
    api.user_sends_text(anna, "/profile")
    await api.wait_for_bot_message(anna.id, shows("Joined with it: 1"))

    bob_row = await user_row(engine, bob.id)
    assert bob_row.referrer_id == (await user_row(engine, anna.id)).id
    assert bob_row.phone == "+79031234567"
    await assert_telegram_accepted_everything(api)
