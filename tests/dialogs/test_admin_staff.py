"""/admin and staff management, driven through the real dispatcher, services and database."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.methods import AnswerCallbackQuery, DeleteMyCommands, SetMyCommands
from aiogram.types import (
    BotCommandScopeChat,
    Chat,
    Contact,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
    MessageOriginHiddenUser,
    MessageOriginUser,
    PhotoSize,
    Sticker,
    Update,
    User,
)
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.utils import CB_SEP
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow, StaffMemberRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from tests.conftest import OWNER_ID
from tests.dialogs.helpers import register
from tests.fakes.telegram import RecordingSession

NEWCOMER_ID = 2001
MANAGER_ID = 3001
STRANGER_ID = 4001

_update_ids = itertools.count(1_000_000)
_message_ids = itertools.count(1_000_000)


@pytest.fixture
def owner(dispatcher: Dispatcher, bot: Bot) -> BotClient:
    return BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)


def client_for(dispatcher: Dispatcher, bot: Bot, user_id: int) -> BotClient:
    return BotClient(dispatcher, user_id=user_id, chat_id=user_id, bot=bot)


async def feed(client: BotClient, **content: Any) -> None:
    """A message BotClient cannot send by itself: a forward, a contact, a sticker, a photo."""
    message = Message(
        message_id=next(_message_ids),
        date=datetime.now(UTC),
        chat=client.chat,
        from_user=client.user,
        **content,
    )
    await client.dp.feed_update(client.bot, Update(update_id=next(_update_ids), message=message))


async def click(client: BotClient, manager: MockMessageManager, text: str) -> Message:
    await client.click(manager.last_message(), InlineButtonTextLocator(text))
    return manager.last_message()


def text_of(manager: MockMessageManager) -> str:
    return manager.last_message().text or ""


def buttons(message: Message) -> list[str]:
    markup = message.reply_markup
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [button.text for row in markup.inline_keyboard for button in row]


async def staff_rows(factory: async_sessionmaker[AsyncSession]) -> dict[int, StaffRole]:
    async with factory() as session:
        rows = await session.scalars(select(StaffMemberRow))
        return {row.telegram_id: row.role for row in rows}


async def audit_rows(factory: async_sessionmaker[AsyncSession]) -> list[tuple[Any, ...]]:
    async with factory() as session:
        rows = await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id))
        return [
            (row.actor_telegram_id, row.action, row.target_type, row.target_id, row.details)
            for row in rows
        ]


async def add_staff(
    factory: async_sessionmaker[AsyncSession], telegram_id: int, role: StaffRole
) -> None:
    async with factory() as session:
        session.add(StaffMemberRow(telegram_id=telegram_id, role=role, added_by=OWNER_ID))
        await session.commit()


def staff_alert_texts(telegram: RecordingSession) -> list[str]:
    return [str(call.text) for call in telegram.calls if isinstance(call, AnswerCallbackQuery)]


async def open_staff(owner: BotClient, manager: MockMessageManager, ru: Translator) -> Message:
    await owner.send("/admin")
    return await click(owner, manager, ru.get("btn-admin-staff"))


async def open_add(owner: BotClient, manager: MockMessageManager, ru: Translator) -> Message:
    await open_staff(owner, manager, ru)
    return await click(owner, manager, ru.get("btn-admin-staff-add"))


def role_button(ru: Translator, role: StaffRole) -> str:
    return ru.get(f"role-{role.value}")


# --- /admin --------------------------------------------------------------------------------


async def test_owner_opens_admin_menu_with_localized_role(
    owner: BotClient, message_manager: MockMessageManager, ru: Translator
) -> None:
    await owner.send("/admin")
    message = message_manager.one_message()
    assert "Ваша роль: владелец" in (message.text or "")
    assert ru.get("btn-admin-staff") in buttons(message)


async def test_stranger_gets_exactly_the_unknown_command_answer(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    ru: Translator,
) -> None:
    stranger = client_for(dispatcher, bot, STRANGER_ID)
    await stranger.send("/admin")
    assert message_manager.sent_messages == []
    assert telegram.sent_texts(STRANGER_ID) == [ru.get("unknown-command")]

    await stranger.send("/definitely_not_a_command")
    assert telegram.sent_texts(STRANGER_ID) == [ru.get("unknown-command")] * 2


async def test_a_client_crafting_the_hidden_admin_button_gets_the_unknown_command_answer(
    client: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await register(client, message_manager, ru)
    menu = message_manager.last_message()
    assert ru.get("btn-admin") not in buttons(menu)
    await client.click(_crafted(menu, f"{_intent_of(menu)}{CB_SEP}admin"), _Any())
    assert staff_alert_texts(telegram)[-1] == ru.get("unknown-command")
    assert "Администрирование" not in (message_manager.last_message().text or "")


async def test_a_staff_window_checks_access_when_it_starts(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    """Removed from the staff by another instance: this one's roster still lists them for a
    while, so the menu still offers the staff button; the staff dialog itself says no."""
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    former = client_for(dispatcher, bot, MANAGER_ID)
    await register(former, message_manager, ru, name="Fedor Former")
    assert ru.get("btn-admin") in buttons(message_manager.last_message())
    async with session_factory() as session:
        await session.execute(
            delete(StaffMemberRow).where(StaffMemberRow.telegram_id == MANAGER_ID)
        )
        await session.commit()

    await former.click(message_manager.last_message(), InlineButtonTextLocator(ru.get("btn-admin")))

    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("unknown-command")
    assert "Администрирование" not in (message_manager.last_message().text or "")


async def test_manager_gets_admin_menu_without_staff_button(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: MockMessageManager,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    manager_client = client_for(dispatcher, bot, MANAGER_ID)
    await manager_client.send("/admin")
    message = message_manager.one_message()
    assert "Ваша роль: менеджер" in (message.text or "")
    assert ru.get("btn-admin-staff") not in buttons(message)


# --- adding ----------------------------------------------------------------------------------


async def test_owner_adds_manager_by_id(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
    outbox: OutboxSender,
) -> None:
    listing = await open_staff(owner, message_manager, ru)
    assert "👑 ID 1000 · владелец" in buttons(listing)
    assert ru.get("admin-staff-empty") in (listing.text or "")

    asking = await click(owner, message_manager, ru.get("btn-admin-staff-add"))
    assert "@userinfobot" in (asking.text or "")
    await owner.send(str(NEWCOMER_ID))
    choosing = message_manager.last_message()
    assert "ID 2001" in (choosing.text or "")
    assert buttons(choosing)[:3] == ["администратор", "менеджер", "поддержка"]

    card = await click(owner, message_manager, role_button(ru, StaffRole.MANAGER))
    assert "ID 2001 теперь в команде, роль: менеджер" in (card.text or "")
    assert "Кто добавил: ID 1000" in (card.text or "")

    assert await staff_rows(session_factory) == {NEWCOMER_ID: StaffRole.MANAGER}
    assert await audit_rows(session_factory) == [
        (OWNER_ID, "staff.add", "staff", "2001", {"role": "manager", "before": None})
    ]
    await outbox.deliver_due()
    assert telegram.sent_texts(NEWCOMER_ID) == [
        "👋 Вас добавили в команду коворкинга. Ваша роль: менеджер. "
        "Отправьте /admin, чтобы открыть режим администратора."
    ]
    commands = [
        call
        for call in telegram.calls
        if isinstance(call, SetMyCommands)
        and isinstance(call.scope, BotCommandScopeChat)
        and call.scope.chat_id == NEWCOMER_ID
    ]
    assert {call.language_code for call in commands} == {None, "en"}
    assert all("admin" in [c.command for c in call.commands] for call in commands)

    back_to_list = await click(owner, message_manager, ru.get("btn-back"))
    assert "ID 2001 · менеджер" in buttons(back_to_list)
    assert ru.get("admin-staff-empty") not in (back_to_list.text or "")


async def test_added_person_gets_the_notification_in_their_language_and_can_open_admin(
    dispatcher: Dispatcher,
    bot: Bot,
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    ru: Translator,
    outbox: OutboxSender,
) -> None:
    newcomer = client_for(dispatcher, bot, NEWCOMER_ID)
    newcomer.user = User(id=NEWCOMER_ID, is_bot=False, first_name="Anna", language_code="en")
    await newcomer.send("/start")
    await open_add(owner, message_manager, ru)
    await owner.send(str(NEWCOMER_ID))
    await click(owner, message_manager, role_button(ru, StaffRole.SUPPORT))
    await outbox.deliver_due()
    assert telegram.sent_texts(NEWCOMER_ID)[-1] == (
        "👋 You have been added to the coworking team. Your role: support. "
        "Send /admin to open the admin mode."
    )

    message_manager.reset_history()
    await newcomer.send("/admin")
    assert "Your role: support" in text_of(message_manager)


async def test_owner_adds_by_forwarded_message(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
    outbox: OutboxSender,
) -> None:
    await open_add(owner, message_manager, ru)
    origin = MessageOriginUser(
        date=datetime.now(UTC),
        sender_user=User(id=2002, is_bot=False, first_name="Olga", last_name="<Smirnova>"),
    )
    await feed(owner, text="Привет!", forward_origin=origin)
    choosing = message_manager.last_message()
    # The name came from Telegram: escaped for the HTML message, shown as it is.
    assert "Olga &lt;Smirnova&gt; (ID 2002)" in (choosing.text or "")
    card = await click(owner, message_manager, role_button(ru, StaffRole.ADMIN))
    assert "теперь в команде, роль: администратор" in (card.text or "")
    assert await staff_rows(session_factory) == {2002: StaffRole.ADMIN}
    assert [row[1] for row in await audit_rows(session_factory)] == ["staff.add"]
    await outbox.deliver_due()
    assert "Ваша роль: администратор" in telegram.sent_texts(2002)[0]


async def test_forward_from_hidden_account_chat_or_bot_is_explained(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    hidden = MessageOriginHiddenUser(date=datetime.now(UTC), sender_user_name="Тайный Гость")
    await feed(owner, text="hi", forward_origin=hidden)
    channel = MessageOriginChannel(
        date=datetime.now(UTC), chat=Chat(id=-100123, type="channel"), message_id=5
    )
    await feed(owner, text="news", forward_origin=channel)
    robot = MessageOriginUser(
        date=datetime.now(UTC), sender_user=User(id=777, is_bot=True, first_name="Bot")
    )
    await feed(owner, text="beep", forward_origin=robot)

    answers = telegram.sent_texts(OWNER_ID)
    assert answers == [
        ru.get("admin-staff-forward-hidden", name="Тайный Гость"),
        ru.get("admin-staff-forward-chat"),
        ru.get("admin-staff-forward-bot"),
    ]
    assert "скрывает свой аккаунт" in answers[0]
    assert "@userinfobot" in answers[0]
    assert text_of(message_manager) == ru.get("admin-staff-ask-id")
    assert await staff_rows(session_factory) == {}


async def test_owner_adds_by_shared_contact(
    owner: BotClient,
    message_manager: MockMessageManager,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    contact = Contact(phone_number="+79161234567", first_name="Иван", user_id=2003)
    await feed(owner, contact=contact)
    assert "Иван (ID 2003)" in text_of(message_manager)
    await click(owner, message_manager, role_button(ru, StaffRole.MANAGER))
    assert await staff_rows(session_factory) == {2003: StaffRole.MANAGER}
    assert [row[:4] for row in await audit_rows(session_factory)] == [
        (OWNER_ID, "staff.add", "staff", "2003")
    ]


async def test_contact_without_telegram_account_is_explained(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    await feed(owner, contact=Contact(phone_number="+79161234567", first_name="Пётр"))
    assert telegram.sent_texts(OWNER_ID) == [ru.get("admin-staff-contact-no-account")]
    assert await staff_rows(session_factory) == {}


@pytest.mark.parametrize("typed", ["abc", "0", "-5", "12 34", "123456789012345678901", "2001abc"])
async def test_invalid_ids_are_rejected_with_a_clear_message(
    typed: str,
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    await owner.send(typed)
    assert telegram.sent_texts(OWNER_ID) == [ru.get("admin-staff-id-invalid")]
    assert text_of(message_manager) == ru.get("admin-staff-ask-id")
    assert await staff_rows(session_factory) == {}


async def test_username_sticker_and_photo_where_an_id_is_expected(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    await owner.send("@somebody")
    sticker = Sticker(
        file_id="s",
        file_unique_id="s",
        type="regular",
        width=512,
        height=512,
        is_animated=False,
        is_video=False,
    )
    await feed(owner, sticker=sticker)
    await feed(owner, photo=[PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)])
    assert telegram.sent_texts(OWNER_ID) == [
        ru.get("admin-staff-username"),
        ru.get("admin-staff-id-expected"),
        ru.get("admin-staff-id-expected"),
    ]
    # Still waiting for the id: a good one now goes through.
    await owner.send(str(NEWCOMER_ID))
    assert "ID 2001" in text_of(message_manager)
    assert await staff_rows(session_factory) == {}


async def test_owner_cannot_add_an_owner_or_themselves(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    await owner.send(str(OWNER_ID))
    assert telegram.sent_texts(OWNER_ID) == [ru.get("error-staff-owner-fixed")]
    assert await staff_rows(session_factory) == {}
    assert await audit_rows(session_factory) == []


async def test_owner_card_has_no_change_or_remove_buttons(
    owner: BotClient, message_manager: MockMessageManager, ru: Translator
) -> None:
    await open_staff(owner, message_manager, ru)
    card = await click(owner, message_manager, "👑 ID 1000 · владелец")
    assert "ADMIN_TELEGRAM_ID" in (card.text or "")
    assert buttons(card) == [ru.get("btn-back")]


# --- changing and removing -------------------------------------------------------------------


async def _open_member_card(
    owner: BotClient, manager: MockMessageManager, ru: Translator, label: str
) -> Message:
    await open_staff(owner, manager, ru)
    return await click(owner, manager, label)


async def test_owner_changes_role(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
    outbox: OutboxSender,
) -> None:
    await add_staff(session_factory, NEWCOMER_ID, StaffRole.MANAGER)
    card = await _open_member_card(owner, message_manager, ru, "ID 2001 · менеджер")
    assert "Роль: менеджер" in (card.text or "")
    choosing = await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    assert "Сейчас: менеджер" in (choosing.text or "")

    card = await click(owner, message_manager, role_button(ru, StaffRole.ADMIN))
    assert "Роль изменена: ID 2001 — администратор" in (card.text or "")
    assert "Роль: администратор" in (card.text or "")
    assert await staff_rows(session_factory) == {NEWCOMER_ID: StaffRole.ADMIN}
    assert await audit_rows(session_factory) == [
        (OWNER_ID, "staff.role", "staff", "2001", {"role": "admin", "before": "manager"})
    ]
    await outbox.deliver_due()
    assert telegram.sent_texts(NEWCOMER_ID) == [
        "✏️ Ваша роль в команде коворкинга изменилась, теперь это: администратор. "
        "Отправьте /admin, чтобы открыть режим администратора."
    ]

    # The same role again: nothing to change, nothing logged, nobody disturbed.
    await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    card = await click(owner, message_manager, role_button(ru, StaffRole.ADMIN))
    assert "Ничего не изменилось" in (card.text or "")
    assert len(await audit_rows(session_factory)) == 1
    await outbox.deliver_due()
    assert len(telegram.sent_texts(NEWCOMER_ID)) == 1


async def test_owner_removes_member_after_confirmation(
    owner: BotClient,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
    outbox: OutboxSender,
) -> None:
    await add_staff(session_factory, NEWCOMER_ID, StaffRole.SUPPORT)
    await _open_member_card(owner, message_manager, ru, "ID 2001 · поддержка")
    confirm = await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    assert "Удалить ID 2001 из команды?" in (confirm.text or "")

    # Changing one's mind keeps everything as it was.
    await click(owner, message_manager, ru.get("btn-admin-staff-remove-no"))
    assert await staff_rows(session_factory) == {NEWCOMER_ID: StaffRole.SUPPORT}

    await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    listing = await click(owner, message_manager, ru.get("btn-admin-staff-remove-yes"))
    assert "ID 2001 больше не в команде" in (listing.text or "")
    assert "ID 2001 · поддержка" not in buttons(listing)
    assert await staff_rows(session_factory) == {}
    assert await audit_rows(session_factory) == [
        (OWNER_ID, "staff.remove", "staff", "2001", {"role": "support"})
    ]
    await outbox.deliver_due()
    assert telegram.sent_texts(NEWCOMER_ID) == [ru.get("staff-you-were-removed")]
    deleted = [
        call
        for call in telegram.calls
        if isinstance(call, DeleteMyCommands)
        and isinstance(call.scope, BotCommandScopeChat)
        and call.scope.chat_id == NEWCOMER_ID
    ]
    assert {call.language_code for call in deleted} == {None, "en"}


async def test_full_cycle_add_change_remove_is_audited_in_order(
    owner: BotClient,
    message_manager: MockMessageManager,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await open_add(owner, message_manager, ru)
    await owner.send(str(NEWCOMER_ID))
    await click(owner, message_manager, role_button(ru, StaffRole.MANAGER))
    await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    await click(owner, message_manager, role_button(ru, StaffRole.SUPPORT))
    await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    await click(owner, message_manager, ru.get("btn-admin-staff-remove-yes"))
    assert [row[1] for row in await audit_rows(session_factory)] == [
        "staff.add",
        "staff.role",
        "staff.remove",
    ]
    assert await staff_rows(session_factory) == {}


# --- buttons that must not work for others ---------------------------------------------------


@pytest.mark.parametrize("intruder_id", [MANAGER_ID, STRANGER_ID])
async def test_replayed_owner_buttons_change_nothing(
    intruder_id: int,
    dispatcher: Dispatcher,
    bot: Bot,
    owner: BotClient,
    message_manager: MockMessageManager,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, NEWCOMER_ID, StaffRole.SUPPORT)
    intruder = client_for(dispatcher, bot, intruder_id)

    await _open_member_card(owner, message_manager, ru, "ID 2001 · поддержка")
    await click(owner, message_manager, ru.get("btn-admin-staff-role"))
    role_message = message_manager.last_message()
    await click(owner, message_manager, ru.get("btn-back"))
    await click(owner, message_manager, ru.get("btn-admin-staff-remove"))
    confirm_message = message_manager.last_message()

    await intruder.click(role_message, InlineButtonTextLocator("администратор"))
    await intruder.click(
        confirm_message, InlineButtonTextLocator(ru.get("btn-admin-staff-remove-yes"))
    )

    assert await staff_rows(session_factory) == {
        MANAGER_ID: StaffRole.MANAGER,
        NEWCOMER_ID: StaffRole.SUPPORT,
    }
    assert await audit_rows(session_factory) == []


def _crafted(message: Message, data: str) -> Message:
    """The same message with one button carrying made-up callback data."""
    button = InlineKeyboardButton(text="crafted", callback_data=data)
    return message.model_copy(
        update={"reply_markup": InlineKeyboardMarkup(inline_keyboard=[[button]])}
    )


def _intent_of(message: Message) -> str:
    markup = message.reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    data = markup.inline_keyboard[0][0].callback_data or ""
    return data.split(CB_SEP, 1)[0]


async def test_manager_crafting_hidden_staff_buttons_gets_nowhere(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: MockMessageManager,
    telegram: RecordingSession,
    session_factory: async_sessionmaker[AsyncSession],
    ru: Translator,
) -> None:
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)
    await add_staff(session_factory, NEWCOMER_ID, StaffRole.SUPPORT)
    intruder = client_for(dispatcher, bot, MANAGER_ID)
    await intruder.send("/admin")
    menu = message_manager.last_message()
    intent = _intent_of(menu)

    # The staff button is hidden for a manager; the window refuses what it does not offer, so a
    # crafted tap neither opens the staff list nor reaches a role change.
    for data in ("staff", f"member:{NEWCOMER_ID}", "add", f"role:{StaffRole.ADMIN.value}"):
        await intruder.click(_crafted(menu, f"{intent}{CB_SEP}{data}"), _Any())
        assert staff_alert_texts(telegram)[-1] == ru.get("error-stale-button")
        assert message_manager.last_message().text == menu.text

    assert await staff_rows(session_factory) == {
        MANAGER_ID: StaffRole.MANAGER,
        NEWCOMER_ID: StaffRole.SUPPORT,
    }
    assert await audit_rows(session_factory) == []


class _Any:
    """Locates the first button of a message."""

    def find_button(self, message: Message) -> InlineKeyboardButton | None:
        markup = message.reply_markup
        if not isinstance(markup, InlineKeyboardMarkup) or not markup.inline_keyboard:
            return None
        return markup.inline_keyboard[0][0]
