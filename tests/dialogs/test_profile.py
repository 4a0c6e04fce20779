"""The profile: the card, editing every field (with bad input), language, the referral link."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram_dialog.test_tools import BotClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations, Translator
from tests.dialogs.helpers import (
    button_texts,
    click,
    last_text,
    register,
    reply_button,
    send_contact,
    send_sticker,
)
from tests.fakes.telegram import BOT_USERNAME, RecordingSession, WindowRecorder

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def registered(client: BotClient, message_manager: WindowRecorder, ru: Translator) -> None:
    await register(client, message_manager, ru, email="anna@example.com")


async def user_row(session_factory: Sessions, telegram_id: int = 1) -> UserRow:
    async with session_factory() as session:
        row = await session.scalar(select(UserRow).where(UserRow.telegram_id == telegram_id))
    assert row is not None
    return row


async def open_profile(client: BotClient, message_manager: WindowRecorder, ru: Translator) -> str:
    await click(client, message_manager, ru.get("btn-profile"))
    return last_text(message_manager)


@pytest.mark.usefixtures("registered")
async def test_card_shows_every_field_and_the_referral_link(
    bot: Bot,
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
) -> None:
    row = await user_row(session_factory)
    link = f"https://t.me/{BOT_USERNAME}?start=ref_{row.referral_code}"
    card = await open_profile(client, message_manager, ru)
    assert card == ru.get(
        "profile-card",
        name="Anna Petrova",
        phone="+79161234567",
        email="anna@example.com",
        language=ru.get("language-ru"),
        referral_link=link,
        referrals=0,
    )

    friend = BotClient(client.dp, user_id=2, chat_id=2, bot=bot)
    await register(
        friend, message_manager, ru, name="Boris Ivanov", payload=f"ref_{row.referral_code}"
    )
    await client.send("/profile")
    assert ru.get("profile-card", referrals=1, **_fields(row, link, ru)) == last_text(
        message_manager
    )


def _fields(row: UserRow, link: str, ru: Translator) -> dict[str, str]:
    return {
        "name": row.full_name or "",
        "phone": row.phone or "",
        "email": row.email or "",
        "language": ru.get("language-ru"),
        "referral_link": link,
    }


@pytest.mark.usefixtures("registered")
async def test_edit_name(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-edit-name"))
    assert last_text(message_manager) == ru.get("profile-ask-name")

    for bad in ("", "x" * 500, "R2-D2"):
        await client.send(bad or " ")
        assert telegram.sent_texts(1)[-1] == ru.get("error-name-invalid", max=100)
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")
    assert (await user_row(session_factory)).full_name == "Anna Petrova"

    await client.send("Anna Sidorova")
    assert telegram.sent_texts(1)[-1] == ru.get("profile-saved")
    assert "Anna Sidorova" in last_text(message_manager)
    assert (await user_row(session_factory)).full_name == "Anna Sidorova"


@pytest.mark.usefixtures("registered")
async def test_edit_name_back_changes_nothing(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, session_factory: Sessions
) -> None:
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-edit-name"))
    await click(client, message_manager, ru.get("btn-back"))
    assert ru.get("btn-edit-name") in button_texts(message_manager.last_message())
    assert (await user_row(session_factory)).full_name == "Anna Petrova"


@pytest.mark.usefixtures("registered")
async def test_edit_phone_typed_or_shared(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-edit-phone"))
    assert last_text(message_manager) == ru.get("profile-ask-phone")
    assert reply_button(message_manager, ru.get("btn-share-phone")).request_contact is True

    for bad in ("phone", "+7 000", "12"):
        await client.send(bad)
        assert telegram.sent_texts(1)[-1] == ru.get("error-phone-invalid")
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")
    await send_contact(client, "+79990001122", user_id=555)
    assert telegram.sent_texts(1)[-1] == ru.get("error-contact-not-yours")
    assert (await user_row(session_factory)).phone == "+79161234567"

    await client.send("+44 20 7946 0958")
    assert telegram.sent_texts(1)[-1] == ru.get("profile-saved")
    assert "+442079460958" in last_text(message_manager)

    await click(client, message_manager, ru.get("btn-edit-phone"))
    await send_contact(client, "4915112345678")
    assert (await user_row(session_factory)).phone == "+4915112345678"


@pytest.mark.usefixtures("registered")
async def test_edit_phone_has_a_way_back(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, session_factory: Sessions
) -> None:
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-edit-phone"))
    back = reply_button(message_manager, ru.get("btn-back"))
    await client.send(back.text)
    assert ru.get("btn-edit-phone") in button_texts(message_manager.last_message())
    assert (await user_row(session_factory)).phone == "+79161234567"


@pytest.mark.usefixtures("registered")
async def test_edit_and_remove_email(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-edit-email"))
    for bad in ("anna", "anna@", "anna@@example.com"):
        await client.send(bad)
        assert telegram.sent_texts(1)[-1] == ru.get("error-email-invalid")
    await send_sticker(client)
    assert telegram.sent_texts(1)[-1] == ru.get("error-text-expected")
    assert (await user_row(session_factory)).email == "anna@example.com"

    # Parse mode is HTML: what the user typed is shown escaped.
    await client.send("tom&jerry@example.com")
    assert telegram.sent_texts(1)[-1] == ru.get("profile-saved")
    assert "tom&amp;jerry@example.com" in last_text(message_manager)
    assert (await user_row(session_factory)).email == "tom&jerry@example.com"

    await click(client, message_manager, ru.get("btn-edit-email"))
    await click(client, message_manager, ru.get("btn-remove-email"))
    assert ru.get("profile-email-none") in last_text(message_manager)
    assert (await user_row(session_factory)).email is None


@pytest.mark.usefixtures("registered")
async def test_switch_language(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    translations: Translations,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    en = translations(Language.EN)
    await open_profile(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-language"))
    assert last_text(message_manager) == ru.get("profile-ask-language")
    await click(client, message_manager, ru.get("language-en"))

    assert (await user_row(session_factory)).language is Language.EN
    card = last_text(message_manager)
    assert card.startswith("<b>👤 Profile</b>")
    assert en.get("language-en") in card
    assert en.get("btn-edit-name") in button_texts(message_manager.last_message())

    await client.send("/menu")
    assert en.get("menu-title", name="Anna Petrova") in last_text(message_manager)
    await click(client, message_manager, en.get("btn-help"))
    assert last_text(message_manager).startswith(
        en.get("help-text", coworking="Test Hub", free_hours=24, payments="yes")
    )

    await click(client, message_manager, en.get("btn-menu"))
    await click(client, message_manager, en.get("btn-profile"))
    await click(client, message_manager, en.get("btn-language"))
    await click(client, message_manager, en.get("language-ru"))
    assert (await user_row(session_factory)).language is Language.RU
    assert last_text(message_manager).startswith("<b>👤 Профиль</b>")


async def test_profile_before_registration_opens_registration(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/profile")
    assert ru.get("onboarding-consent") in last_text(message_manager)
    await client.send("/start")
    await click(client, message_manager, ru.get("btn-consent"))
    await client.send("/profile")
    assert last_text(message_manager) == ru.get("onboarding-name")
