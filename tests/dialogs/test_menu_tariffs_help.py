"""The main menu, the tariffs list over real catalog rows, help, and the commands."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram_dialog.test_tools import BotClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import SpaceRow, TariffRow
from coworking_bot.domain.enums import Language, SpaceKind, TariffUnit
from coworking_bot.i18n import Translations, Translator
from tests.conftest import OWNER_ID
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.fakes.telegram import RecordingSession, WindowRecorder

Sessions = async_sessionmaker[AsyncSession]
NNBSP = "\u202f"


@pytest.fixture
def en(translations: Translations) -> Translator:
    return translations(Language.EN)


@pytest.fixture
async def registered(client: BotClient, message_manager: WindowRecorder, ru: Translator) -> None:
    await register(client, message_manager, ru)


@pytest.fixture
async def catalog(session_factory: Sessions) -> None:
    async with session_factory() as session:
        hall = SpaceRow(
            name="Open <hall>",
            name_en="Open hall",
            kind=SpaceKind.OPEN_SPACE,
            capacity=20,
            description="Тихо & светло",
            description_en="Quiet and bright",
            sort_order=1,
        )
        room = SpaceRow(name="Переговорная", kind=SpaceKind.MEETING_ROOM, capacity=6, sort_order=0)
        closed = SpaceRow(name="Закрытый офис", kind=SpaceKind.OFFICE, capacity=4, is_active=False)
        session.add_all([hall, room, closed])
        await session.flush()
        session.add_all(
            [
                TariffRow(
                    space_id=hall.id,
                    name="Час",
                    name_en="Hour",
                    unit=TariffUnit.HOUR,
                    price=35000,
                    sort_order=0,
                ),
                TariffRow(
                    space_id=hall.id,
                    name="Месяц",
                    unit=TariffUnit.MONTH,
                    price=1250050,
                    description="Фикс. место",
                    sort_order=1,
                ),
                TariffRow(
                    space_id=hall.id,
                    name="Пробный",
                    unit=TariffUnit.DAY,
                    price=0,
                    is_trial=True,
                    sort_order=2,
                ),
                TariffRow(
                    space_id=hall.id,
                    name="Архивный",
                    unit=TariffUnit.DAY,
                    price=100,
                    is_active=False,
                ),
                TariffRow(
                    space_id=room.id, name="Переговорная, час", unit=TariffUnit.HOUR, price=150000
                ),
                TariffRow(space_id=closed.id, name="Офис", unit=TariffUnit.MONTH, price=5000000),
            ]
        )
        await session.commit()


@pytest.mark.usefixtures("registered")
async def test_menu_shows_only_what_works(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/menu")
    menu = message_manager.last_message()
    assert menu.text == ru.get("menu-title", name="Anna Petrova")
    assert button_texts(menu) == [
        ru.get("btn-book"),
        ru.get("btn-my-bookings"),
        ru.get("btn-tariffs"),
        ru.get("btn-profile"),
        ru.get("btn-support"),
        ru.get("btn-help"),
    ]


async def test_owner_also_sees_admin(
    bot: Bot, client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    owner = BotClient(client.dp, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)
    await register(owner, message_manager, ru, name="Olga Owner")
    assert ru.get("btn-admin") in button_texts(message_manager.last_message())


@pytest.mark.usefixtures("registered", "catalog")
async def test_tariffs_grouped_by_space_with_price_unit_and_description(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await click(client, message_manager, ru.get("btn-tariffs"))
    text = last_text(message_manager)
    assert text == "\n".join(
        [
            ru.get("tariffs-title"),
            "<b>Переговорная</b> · переговорная, мест: 6",
            f"• Переговорная, час — 1{NNBSP}500 ₽ за час",
            "",
            "<b>Open &lt;hall&gt;</b> · открытое пространство, мест: 20",
            "<i>Тихо &amp; светло</i>",
            "• Час — 350 ₽ за час",
            f"• Месяц — 12{NNBSP}500,50 ₽ за месяц",
            "   Фикс. место",
            "• Пробный — бесплатно за день",
        ]
    )
    assert "Архивный" not in text
    assert "Офис" not in text

    await click(client, message_manager, ru.get("btn-back"))
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")


@pytest.mark.usefixtures("catalog")
async def test_tariffs_in_english_use_english_names_when_given(
    client: BotClient, message_manager: WindowRecorder, en: Translator, session_factory: Sessions
) -> None:
    from aiogram.types import User as TgUser

    client.user = TgUser(id=1, is_bot=False, first_name="John", language_code="en")
    await register(client, message_manager, en)
    await click(client, message_manager, en.get("btn-tariffs"))
    text = last_text(message_manager)
    assert "<b>Open hall</b> · open space, places: 20" in text
    assert "<i>Quiet and bright</i>" in text
    assert "• Hour — 350 ₽ per hour" in text
    assert "• Месяц — " in text, "a tariff without an English name keeps its own"


@pytest.mark.usefixtures("registered")
async def test_no_tariffs_yet(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await click(client, message_manager, ru.get("btn-tariffs"))
    assert last_text(message_manager) == f"{ru.get('tariffs-title')}\n{ru.get('tariffs-empty')}"


@pytest.mark.usefixtures("registered")
async def test_help_shows_contacts_and_rules_from_settings(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await click(client, message_manager, ru.get("btn-help"))
    window = message_manager.last_message()
    assert window.text == "\n".join(
        [
            ru.get("help-text", coworking="Test Hub", free_hours=24, payments="yes"),
            ru.get("help-phone", value="+7 495 000-00-00"),
        ]
    )
    assert window.reply_markup is not None
    urls = {b.text: b.url for row in window.reply_markup.inline_keyboard for b in row}
    assert urls[ru.get("btn-rules")] == "https://example.com/rules"
    assert urls[ru.get("btn-privacy")] == "https://example.com/privacy"

    await click(client, message_manager, ru.get("btn-menu"))
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")


async def test_help_works_before_registration(
    client: BotClient, message_manager: WindowRecorder, ru: Translator
) -> None:
    await client.send("/help")
    assert last_text(message_manager).startswith(
        ru.get("help-text", coworking="Test Hub", free_hours=24, payments="yes")
    )


@pytest.mark.usefixtures("registered")
async def test_commands_from_anywhere(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, telegram: RecordingSession
) -> None:
    await click(client, message_manager, ru.get("btn-profile"))
    await click(client, message_manager, ru.get("btn-edit-name"))
    await client.send("/cancel")
    assert telegram.sent_texts(1)[-1] == ru.get("cancelled")
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")

    await client.send("/help")
    assert last_text(message_manager).startswith(
        ru.get("help-text", coworking="Test Hub", free_hours=24, payments="yes")
    )
    await client.send("/profile")
    assert ru.get("btn-edit-name") in button_texts(message_manager.last_message())


async def test_no_dialog_unknown_command_and_stray_text(
    client: BotClient, message_manager: WindowRecorder, ru: Translator, telegram: RecordingSession
) -> None:
    await client.send("/nonsense")
    assert telegram.sent_texts(1) == [ru.get("unknown-command")]
    await client.send("hello")
    assert telegram.sent_texts(1)[-1] == ru.get("use-the-menu")
    assert ru.get("onboarding-consent") in last_text(message_manager)
