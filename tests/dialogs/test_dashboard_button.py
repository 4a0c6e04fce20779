"""Opening the owners' dashboard from the bot: the Dashboard button in the staff menu and the
chat's menu button, for the roles that may see analytics, and what the menu says when the bot
has no https address; driven through the real dispatcher, dialogs and database."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SetChatMenuButton, SetMyCommands
from aiogram.types import InlineKeyboardMarkup, MenuButtonDefault, MenuButtonWebApp, Message
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translations, Translator
from dialogs.commands import register_commands
from tests.conftest import OWNER_ID
from tests.dialogs.test_admin_staff import add_staff, click, client_for, role_button
from tests.fakes.telegram import RecordingSession

BASE = "https://hub.example.com"
ADMIN_ID, MANAGER_ID = 2001, 3001


@pytest.fixture
def public_base_url() -> str | None:
    return BASE


@pytest.fixture
def settings(settings: Settings, public_base_url: str | None) -> Settings:
    return settings.model_copy(update={"public_base_url": public_base_url})


@pytest.fixture
def owner(dispatcher: Dispatcher, bot: Bot) -> BotClient:
    return BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)


def web_apps(message: Message) -> dict[str, str]:
    markup = message.reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    return {
        button.text: button.web_app.url
        for row in markup.inline_keyboard
        for button in row
        if button.web_app is not None
    }


def menu_buttons(telegram: RecordingSession) -> list[tuple[int | str | None, str | None]]:
    """Each menu button set: (chat, the dashboard's address or None for Telegram's default)."""
    found = []
    for call in telegram.calls:
        if isinstance(call, SetChatMenuButton):
            button = call.menu_button
            url = button.web_app.url if isinstance(button, MenuButtonWebApp) else None
            assert url is not None or isinstance(button, MenuButtonDefault)
            found.append((call.chat_id, url))
    return found


async def test_the_owner_opens_the_dashboard_from_the_staff_menu(
    owner: BotClient, message_manager: MockMessageManager, ru: Translator
) -> None:
    await owner.send("/admin")
    menu = message_manager.last_message()
    assert web_apps(menu) == {ru.get("btn-dashboard"): f"{BASE}/app/"}
    assert ru.get("admin-dashboard-unset") not in (menu.text or "")


@pytest.mark.parametrize("public_base_url", [None, "http://hub.example.com"])
async def test_without_an_https_address_the_menu_says_what_to_set(
    owner: BotClient, message_manager: MockMessageManager, ru: Translator
) -> None:
    await owner.send("/admin")
    menu = message_manager.last_message()
    assert web_apps(menu) == {}
    assert "PUBLIC_BASE_URL=https://" in (menu.text or "")


async def test_a_manager_sees_no_dashboard(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: MockMessageManager,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    manager = client_for(dispatcher, bot, MANAGER_ID)
    await manager.send("/admin")
    menu = message_manager.last_message()
    assert web_apps(menu) == {}
    assert "PUBLIC_BASE_URL" not in (menu.text or "")


async def test_the_menu_button_follows_the_role(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    ru: Translator,
) -> None:
    """Added as an admin: the chat's menu button opens the dashboard; made a manager: back to
    the commands; removed: the commands."""
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-staff"))
    await click(owner, message_manager, ru.get("btn-admin-staff-add"))
    await owner.send(str(ADMIN_ID))
    await click(owner, message_manager, role_button(ru, StaffRole.ADMIN))
    assert menu_buttons(telegram) == [(ADMIN_ID, f"{BASE}/app/")]

    await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    await click(owner, message_manager, role_button(ru, StaffRole.MANAGER))
    assert menu_buttons(telegram)[-1] == (ADMIN_ID, None)

    await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    await click(owner, message_manager, ru.get("btn-admin-staff-remove-yes"))
    assert menu_buttons(telegram)[-1] == (ADMIN_ID, None)
    assert len(menu_buttons(telegram)) == 3


async def test_at_start_every_member_who_may_gets_the_dashboard_as_menu_button(
    bot: Bot, telegram: RecordingSession, translations: Translations
) -> None:
    staff = {OWNER_ID: StaffRole.OWNER, ADMIN_ID: StaffRole.ADMIN, MANAGER_ID: StaffRole.MANAGER}
    await register_commands(bot, translations, staff, f"{BASE}/app/")
    assert sorted(menu_buttons(telegram)) == sorted(
        [(OWNER_ID, f"{BASE}/app/"), (ADMIN_ID, f"{BASE}/app/"), (MANAGER_ID, None)]
    )
    [text] = {
        call.menu_button.text
        for call in telegram.calls
        if isinstance(call, SetChatMenuButton) and isinstance(call.menu_button, MenuButtonWebApp)
    }
    assert text == translations(translations.default).get("btn-dashboard")

    telegram.calls.clear()
    await register_commands(bot, translations, staff, None)  # PUBLIC_BASE_URL taken away
    assert sorted(menu_buttons(telegram)) == sorted(
        [(OWNER_ID, None), (ADMIN_ID, None), (MANAGER_ID, None)]
    )


async def test_a_member_telegram_does_not_know_does_not_stop_the_others(
    bot: Bot, telegram: RecordingSession, translations: Translations
) -> None:
    """A member added by id who never wrote to the bot: Telegram answers "chat not found"."""
    staff = {ADMIN_ID: StaffRole.ADMIN, OWNER_ID: StaffRole.OWNER}
    telegram.fail_next(
        SetChatMenuButton,
        TelegramBadRequest(SetChatMenuButton(), "Bad Request: chat not found"),
    )
    await register_commands(bot, translations, staff, f"{BASE}/app/")
    assert menu_buttons(telegram)[-1] == (OWNER_ID, f"{BASE}/app/")
    owner_scope = [
        call
        for call in telegram.calls
        if isinstance(call, SetMyCommands) and getattr(call.scope, "chat_id", None) == OWNER_ID
    ]
    assert owner_scope


async def test_a_member_added_before_writing_gets_the_menus_at_the_first_start(
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Added by id before they wrote to the bot, Telegram refused their menus (an unknown chat);
    their first /start sets them. A client's first /start sets none."""
    await add_staff(session_factory, ADMIN_ID, StaffRole.ADMIN)
    await client_for(dispatcher, bot, ADMIN_ID).send("/start")
    assert menu_buttons(telegram) == [(ADMIN_ID, f"{BASE}/app/")]
    staff_scopes = {
        getattr(call.scope, "chat_id", None)
        for call in telegram.calls
        if isinstance(call, SetMyCommands)
    }
    assert staff_scopes == {ADMIN_ID}

    telegram.calls.clear()
    await client_for(dispatcher, bot, 7001).send("/start")
    assert menu_buttons(telegram) == []
    assert not [call for call in telegram.calls if isinstance(call, SetMyCommands)]

    # A member who already wrote to the bot is not asked again on every /start.
    telegram.calls.clear()
    await client_for(dispatcher, bot, ADMIN_ID).send("/start")
    assert menu_buttons(telegram) == []
