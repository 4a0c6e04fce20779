"""Registration over the real dispatcher, services and database: the happy path, referrals,
bad input at every step, bans, and a restart in the middle."""

from __future__ import annotations

import re

from aiogram import Bot
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import User as TgUser
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.models import ReferralRow, UserRow
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations
from coworking_bot.main.bot import create_dispatcher
from coworking_bot.outbox.sender import OutboxSender
from tests.conftest import FakeClock, build_container, build_storage
from tests.dialogs.helpers import (
    button_texts,
    click,
    last_text,
    register,
    reply_keyboard,
    send_contact,
    send_sticker,
)
from tests.fakes.telegram import RecordingSession, WindowRecorder

Sessions = async_sessionmaker[AsyncSession]


async def user_row(session_factory: Sessions, telegram_id: int = 1) -> UserRow | None:
    async with session_factory() as session:
        row: UserRow | None = await session.scalar(
            select(UserRow).where(UserRow.telegram_id == telegram_id)
        )
        return row


async def referral_count(session_factory: Sessions) -> int:
    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(ReferralRow)) or 0)


async def test_new_user_registers_with_every_field(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: Sessions,
    clock: FakeClock,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    consent = message_manager.one_message()
    assert "Test Hub" in (consent.text or "")
    assert ru.get("onboarding-consent") in (consent.text or "")
    buttons = {b.text: b.url for row in consent.reply_markup.inline_keyboard for b in row}  # type: ignore[union-attr]
    assert buttons[ru.get("btn-rules")] == "https://example.com/rules"
    assert buttons[ru.get("btn-privacy")] == "https://example.com/privacy"

    await click(client, message_manager, ru.get("btn-consent"))
    assert last_text(message_manager) == ru.get("onboarding-name")
    await client.send("  Anna   Petrova ")
    assert last_text(message_manager) == ru.get("onboarding-phone")
    await client.send("8 (916) 123-45-67")
    assert last_text(message_manager) == ru.get("onboarding-email")
    await client.send(" Anna@Example.COM ")

    menu = message_manager.last_message()
    assert ru.get("menu-registered") in (menu.text or "")
    assert "Anna Petrova" in (menu.text or "")
    assert button_texts(menu) == [
        ru.get("btn-book"),
        ru.get("btn-my-bookings"),
        ru.get("btn-tariffs"),
        ru.get("btn-profile"),
        ru.get("btn-support"),
        ru.get("btn-help"),
    ]

    row = await user_row(session_factory)
    assert row is not None
    assert row.full_name == "Anna Petrova"
    assert row.phone == "+79161234567"
    assert row.email == "Anna@example.com"
    assert row.language is Language.RU
    assert row.consent_at == clock.current
    assert row.registered_at == clock.current


async def test_phone_from_the_contact_button_of_any_country(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("John Smith")

    keyboard = reply_keyboard(message_manager)
    share = keyboard.keyboard[0][0]
    assert share.text == ru.get("btn-share-phone")
    assert share.request_contact is True

    # Telegram sends a contact's number without the leading +.
    await send_contact(client, "447911123456")
    assert last_text(message_manager) == ru.get("onboarding-email")
    row = await user_row(session_factory)
    assert row is not None
    assert row.phone == "+447911123456"

    await click(client, message_manager, ru.get("btn-skip"))
    row = await user_row(session_factory)
    assert row is not None
    assert row.registered_at is not None
    assert row.email is None


async def test_typed_foreign_phone_is_stored_in_e164(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: Sessions,
) -> None:
    await register(client, message_manager, translations(Language.RU), phone="+1 (202) 555-0123")
    row = await user_row(session_factory)
    assert row is not None
    assert row.phone == "+12025550123"


async def test_english_speaker_gets_english(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: Sessions,
) -> None:
    client.user = TgUser(id=1, is_bot=False, first_name="John", language_code="en-GB")
    en = translations(Language.EN)
    await register(client, message_manager, en)
    assert en.get("menu-registered") in last_text(message_manager)
    row = await user_row(session_factory)
    assert row is not None
    assert row.language is Language.EN


async def test_bad_name_is_refused_and_nothing_saved(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))

    name_error = ru.get("error-name-invalid", max=100)
    for bad in ("   ", "A", "x" * 500, "12345", "<b>Anna</b>"):
        await client.send(bad)
        assert telegram.sent_texts(1)[-1] == name_error, bad
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")
    assert last_text(message_manager) == ru.get("onboarding-name")
    row = await user_row(session_factory)
    assert row is not None
    assert row.full_name is None

    await client.send("Anna-Maria O'Neil")
    assert last_text(message_manager) == ru.get("onboarding-phone")


async def test_bad_phone_is_refused_and_nothing_saved(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")

    for bad in ("abcdefghij", "123", "+7 916 123-45-67 ext", "9" * 40):
        await client.send(bad)
        assert telegram.sent_texts(1)[-1] == ru.get("error-phone-invalid"), bad
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")
    await send_contact(client, "79161234567", user_id=777)
    assert telegram.sent_texts(1)[-1] == ru.get("error-contact-not-yours")

    assert last_text(message_manager) == ru.get("onboarding-phone")
    row = await user_row(session_factory)
    assert row is not None
    assert row.phone is None


async def test_bad_email_is_refused_and_nothing_saved(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")
    await client.send("+79161234567")

    for bad in ("anna", "anna@", "anna@localhost", "@example.com", "a b@example.com"):
        await client.send(bad)
        assert telegram.sent_texts(1)[-1] == ru.get("error-email-invalid"), bad
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")

    assert last_text(message_manager) == ru.get("onboarding-email")
    row = await user_row(session_factory)
    assert row is not None
    assert row.email is None
    assert row.registered_at is None


async def test_text_at_the_consent_step_keeps_the_user_there(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    message_manager.reset_history()
    await client.send("Anna Petrova")
    # The consent window comes again, below the typed text; nothing else happens.
    assert ru.get("onboarding-consent") in (message_manager.one_message().text or "")
    assert telegram.sent_texts(1) == []
    row = await user_row(session_factory)
    assert row is not None
    assert row.consent_at is None
    assert row.full_name is None


async def test_returning_user_goes_straight_to_the_menu(
    client: BotClient, message_manager: WindowRecorder, translations: Translations
) -> None:
    ru = translations(Language.RU)
    await register(client, message_manager, ru)
    message_manager.reset_history()

    await client.send("/start")
    menu = message_manager.one_message()
    assert ru.get("menu-registered") not in (menu.text or "")
    assert "Anna Petrova" in (menu.text or "")
    assert ru.get("btn-profile") in button_texts(menu)


async def test_start_again_resumes_an_unfinished_registration(
    client: BotClient, message_manager: WindowRecorder, translations: Translations
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")
    message_manager.reset_history()

    await client.send("/start")
    assert message_manager.one_message().text == ru.get("onboarding-phone")


async def test_cancel_pauses_registration(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("/cancel")
    assert telegram.sent_texts(1)[-1] == ru.get("registration-paused")
    await client.send("/start")
    assert last_text(message_manager) == ru.get("onboarding-name")


async def test_referral_counts_once_when_the_invited_user_finishes(
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
    outbox: OutboxSender,
) -> None:
    ru = translations(Language.RU)
    referrer = BotClient(client.dp, user_id=2, chat_id=2, bot=bot)
    await register(referrer, message_manager, ru, name="Boris Ivanov")
    referrer_row = await user_row(session_factory, 2)
    assert referrer_row is not None
    payload = f"ref_{referrer_row.referral_code}"

    await client.send(f"/start {payload}")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")
    await client.send("+79161234567")
    assert await referral_count(session_factory) == 0, "counts only after registration"
    await outbox.deliver_due()
    assert telegram.sent_texts(2) == []

    await click(client, message_manager, ru.get("btn-skip"))
    assert await referral_count(session_factory) == 1
    await outbox.deliver_due()
    assert telegram.sent_texts(2) == [ru.get("referral-joined", name="Anna Petrova")]

    # The same link again changes nothing.
    await client.send(f"/start {payload}")
    assert await referral_count(session_factory) == 1
    await outbox.deliver_due()
    assert len(telegram.sent_texts(2)) == 1


async def test_own_link_and_bad_payloads_count_nothing(
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
    outbox: OutboxSender,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    own = await user_row(session_factory)
    assert own is not None
    await register(client, message_manager, ru, payload=f"ref_{own.referral_code}")

    for n, payload in enumerate(
        ("ref_", "ref_nosuchcode", "ref_../../x", "hello", "ref_" + "a" * 64)
    ):
        stranger = BotClient(client.dp, user_id=10 + n, chat_id=10 + n, bot=bot)
        await register(stranger, message_manager, ru, payload=payload)
        row = await user_row(session_factory, 10 + n)
        assert row is not None
        assert row.registered_at is not None
        assert row.referrer_id is None

    assert await referral_count(session_factory) == 0
    await outbox.deliver_due()
    assert not any(
        ru.get("referral-joined", name="Anna Petrova") in t for t in telegram.sent_texts()
    )


async def test_banned_user_gets_one_short_answer(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    ru = translations(Language.RU)
    await register(client, message_manager, ru)
    menu = message_manager.last_message()
    async with session_factory() as session:
        await session.execute(update(UserRow).values(is_banned=True))
        await session.commit()
    message_manager.reset_history()

    await client.send("/start")
    await client.send("/profile")
    assert telegram.sent_texts(1)[-2:] == [ru.get("error-user-banned")] * 2
    callback_id = await client.click(
        menu, InlineButtonTextLocator(re.escape(ru.get("btn-profile")))
    )
    assert message_manager.sent_messages == []
    answers = [call for call in telegram.calls if isinstance(call, AnswerCallbackQuery)]
    assert answers[-1].callback_query_id == callback_id
    assert answers[-1].text == ru.get("error-user-banned")


async def test_registration_resumes_after_a_restart(
    settings: Settings,
    bot: Bot,
    session_factory: Sessions,
    translations: Translations,
    clock: FakeClock,
    client: BotClient,
    message_manager: WindowRecorder,
) -> None:
    ru = translations(Language.RU)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("Anna Petrova")
    assert last_text(message_manager) == ru.get("onboarding-phone")

    # The process dies; a new one gets a new container, storage object, dispatcher and recorder.
    container = build_container(settings, bot, session_factory, translations, clock)
    storage = build_storage(session_factory)
    recorder = WindowRecorder()
    dispatcher = create_dispatcher(
        settings,
        container,
        session_factory,
        translations,
        storage=storage,
        message_manager=recorder,
    )
    restarted = BotClient(dispatcher, user_id=1, chat_id=1, bot=bot)
    try:
        await restarted.send("+7 916 123 45 67")
        assert last_text(recorder) == ru.get("onboarding-email")
        await restarted.send("anna@example.com")
        assert ru.get("menu-registered") in last_text(recorder)
    finally:
        await storage.close()
        await container.close()

    row = await user_row(session_factory)
    assert row is not None
    assert (row.full_name, row.phone, row.email) == (
        "Anna Petrova",
        "+79161234567",
        "anna@example.com",
    )
    assert row.registered_at is not None
