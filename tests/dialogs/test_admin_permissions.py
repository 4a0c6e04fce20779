"""The permission walk: every staff window started as every role and as a client, however it is
started (the menu, or straight at its state as a crafted or stale button would), and what the
staff menu offers each role. A client is told exactly what an unknown command gets; a member of
staff without the permission, that it is not allowed."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.state import State
from aiogram_dialog import StartMode
from aiogram_dialog.manager.bg_manager import BgManagerFactoryImpl
from aiogram_dialog.test_tools import BotClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.domain.enums import Permission, StaffRole
from coworking_bot.domain.permissions import ROLE_PERMISSIONS
from coworking_bot.i18n import Translator
from dialogs.states import (
    AdminMenuSG,
    AuditSG,
    BookingDeskSG,
    BroadcastSG,
    CatalogSG,
    ClientsSG,
    PromoSG,
    StaffAdminSG,
    StaffBookingSG,
    TicketsSG,
)
from tests.conftest import OWNER_ID
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import add_staff

CLIENT_ID = 5001
STAFF_IDS = {StaffRole.ADMIN: 5002, StaffRole.MANAGER: 5003, StaffRole.SUPPORT: 5004}

# Each staff window, the permission it needs (None: any member of staff), and a line it shows.
WINDOWS: list[tuple[State, Permission | None, str]] = [
    (AdminMenuSG.main, None, "admin-title"),
    (StaffAdminSG.list, Permission.MANAGE_STAFF, "admin-staff-title"),
    (BookingDeskSG.queue, Permission.MANAGE_BOOKINGS, "desk-queue-title"),
    (BookingDeskSG.schedule, Permission.MANAGE_BOOKINGS, "desk-schedule-title"),
    (BookingDeskSG.client, Permission.MANAGE_BOOKINGS, "desk-client-title"),
    (StaffBookingSG.client, Permission.MANAGE_BOOKINGS, "staff-booking-client-ask"),
    (AuditSG.list, Permission.VIEW_AUDIT, "audit-title"),
    (ClientsSG.search, Permission.MANAGE_USERS, "clients-ask"),
    (TicketsSG.queue, Permission.ANSWER_TICKETS, "tickets-title"),
    (CatalogSG.main, Permission.MANAGE_CATALOG, "catalog-title"),
    # Started deep (a stale button), it opens at the list of spaces.
    (CatalogSG.tariff, Permission.MANAGE_CATALOG, "catalog-title"),
    (PromoSG.list, Permission.MANAGE_PROMO, "promo-list-title"),
    (BroadcastSG.main, Permission.SEND_BROADCASTS, "broadcasts-title"),
    # Started deep (a stale button), it shows what it can: no broadcast is open.
    (BroadcastSG.card, Permission.SEND_BROADCASTS, "error-broadcast-not-found"),
]

# The menu button of each section, and who sees it.
SECTIONS: list[tuple[str, Permission | None]] = [
    ("btn-admin-requests", Permission.MANAGE_BOOKINGS),
    ("btn-admin-schedule", Permission.MANAGE_BOOKINGS),
    ("btn-admin-staff", Permission.MANAGE_STAFF),
    ("btn-admin-audit", Permission.VIEW_AUDIT),
    ("btn-admin-clients", Permission.MANAGE_USERS),
    ("btn-admin-tickets", Permission.ANSWER_TICKETS),
    ("btn-admin-catalog", Permission.MANAGE_CATALOG),
    ("btn-admin-promo", Permission.MANAGE_PROMO),
    ("btn-admin-broadcasts", Permission.SEND_BROADCASTS),
    ("btn-admin-roles", None),
]

Factory = async_sessionmaker[AsyncSession]


def heading(ru: Translator, key: str) -> str:
    """The window's first line without its markup."""
    first = ru.get(key, role="", total=0, day="", name="").splitlines()[0]
    return first.replace("<b>", "").replace("</b>", "").strip()


async def start_directly(
    dispatcher: Dispatcher, bot: Bot, recorder: WindowRecorder, user_id: int, state: State
) -> None:
    """Start a dialog at `state` the way a button would, whatever the menu offered, and wait until
    the bot has answered (a window, or a message)."""
    manager = BgManagerFactoryImpl(dispatcher).bg(bot, user_id, user_id, load=False)
    session = bot.session
    assert isinstance(session, RecordingSession)

    def answered() -> int:
        return len(session.calls) + len(recorder.sent_messages)

    before = answered()
    await manager.start(state, mode=StartMode.RESET_STACK)
    deadline = time.monotonic() + 5
    while answered() == before and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.01)  # the start runs as a task of its own: poll for its answer
    await asyncio.sleep(0.05)  # let the rest of that update finish


@pytest.fixture
async def people(
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> dict[StaffRole | None, int]:
    """A registered client, a member of staff of each role, and the owner."""
    for role, telegram_id in STAFF_IDS.items():
        await add_staff(session_factory, telegram_id, role)
    everyone = {None: CLIENT_ID, StaffRole.OWNER: OWNER_ID, **STAFF_IDS}
    for n, (role, telegram_id) in enumerate(everyone.items()):
        person = BotClient(dispatcher, user_id=telegram_id, chat_id=telegram_id, bot=bot)
        name = f"Person {role.value if role else 'client'}"
        await register(person, message_manager, ru, name=name, phone=f"+7 916 123-45-{n:02d}")
    return everyone


@pytest.mark.parametrize("role", [None, *StaffRole], ids=lambda r: r.value if r else "client")
async def test_every_staff_window_started_by_every_role(
    role: StaffRole | None,
    people: dict[StaffRole | None, int],
    dispatcher: Dispatcher,
    bot: Bot,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    user_id = people[role]
    allowed = ROLE_PERMISSIONS[role] if role else frozenset()
    for state, permission, title in WINDOWS:
        message_manager.reset_history()
        answers = len(telegram.sent_texts(user_id))
        await start_directly(dispatcher, bot, message_manager, user_id, state)
        may = role is not None and (permission is None or permission in allowed)
        if may:
            assert heading(ru, title) in last_text(message_manager), (role, state)
            continue
        assert message_manager.sent_messages == [], (role, state)
        refusal = "unknown-command" if role is None else "error-permission-denied"
        assert telegram.sent_texts(user_id)[answers:] == [ru.get(refusal)], (role, state)


@pytest.mark.parametrize("role", list(StaffRole), ids=lambda r: r.value)
async def test_the_staff_menu_offers_what_the_role_allows(
    role: StaffRole,
    people: dict[StaffRole | None, int],
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    staff = BotClient(dispatcher, user_id=people[role], chat_id=people[role], bot=bot)
    await staff.send("/admin")
    offered = button_texts(message_manager.last_message())
    for key, permission in SECTIONS:
        label = ru.get(key, requests=0)
        shown = permission is None or permission in ROLE_PERMISSIONS[role]
        assert (label in offered) is shown, (role, key)


async def test_the_roles_screen_reads_the_matrix(
    people: dict[StaffRole | None, int],
    dispatcher: Dispatcher,
    bot: Bot,
    message_manager: WindowRecorder,
    ru: Translator,
) -> None:
    support = BotClient(
        dispatcher,
        user_id=STAFF_IDS[StaffRole.SUPPORT],
        chat_id=STAFF_IDS[StaffRole.SUPPORT],
        bot=bot,
    )
    await support.send("/admin")
    await click(support, message_manager, ru.get("btn-admin-roles"))
    text = re.sub(r"<[^>]+>", "", last_text(message_manager))
    for role in StaffRole:
        line = next(
            line for line in text.splitlines() if line.startswith(ru.get(f"role-{role.value}"))
        )
        for permission in Permission:
            assert (ru.get(f"permission-{permission.value}") in line) is (
                permission in ROLE_PERMISSIONS[role]
            ), (role, permission)
