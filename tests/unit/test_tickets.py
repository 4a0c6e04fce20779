"""Support tickets: the rules (statuses, what a message may hold, pages of whole words) and the
use cases over a real database: opening with photos, the staff alerts with Take and Open, taking
(two staff at once), replying, notes, closing, rating, bans, the audit log and escalation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from dishka import AsyncContainer
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from coworking_bot.db.models import AuditLogRow, TicketRow, UserRow
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.errors import PermissionDenied, UserBanned
from coworking_bot.domain.tickets import (
    OPEN_TICKETS_MAX,
    PHOTOS_MAX,
    TEXT_MAX_LENGTH,
    AlreadyRated,
    Attachment,
    InvalidRating,
    MediaKind,
    MessageKind,
    MixedAttachments,
    TicketClosed,
    TicketEmpty,
    TicketEvent,
    TicketNotClosed,
    TicketNotFound,
    TicketStatus,
    TicketTaken,
    TicketTextTooLong,
    TooManyOpenTickets,
    TooManyPhotos,
    check_message,
    next_status,
    split_pages,
    subject_of,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.tickets.client import ClientTickets
from coworking_bot.services.tickets.desk import TicketDesk
from coworking_bot.services.tickets.timers import TicketTimers
from tests.conftest import OWNER_ID, FakeClock
from tests.unit.booking_helpers import add_staff, add_user, notices
from tests.unit.payment_helpers import Factory

ANNA, BORIS = 1, 2
SUPPORT_ID, MANAGER_ID = 3001, 3002
ANNA_ACTOR = Actor(ANNA, None)
SUPPORT = Actor(SUPPORT_ID, StaffRole.SUPPORT)
MANAGER = Actor(MANAGER_ID, StaffRole.MANAGER)


def photos(n: int) -> list[Attachment]:
    return [Attachment(MediaKind.PHOTO, f"photo-{i}") for i in range(n)]


# --- rules -----------------------------------------------------------------------------------


def test_statuses_move_as_the_desk_expects() -> None:
    assert next_status(TicketStatus.NEW, TicketEvent.TAKEN) is TicketStatus.IN_PROGRESS
    assert next_status(TicketStatus.NEW, TicketEvent.STAFF_REPLIED) is TicketStatus.WAITING
    assert next_status(TicketStatus.WAITING, TicketEvent.CLIENT_WROTE) is TicketStatus.IN_PROGRESS
    assert next_status(TicketStatus.IN_PROGRESS, TicketEvent.CLOSED) is TicketStatus.CLOSED
    for event in TicketEvent:
        with pytest.raises(TicketClosed):
            next_status(TicketStatus.CLOSED, event)


def test_what_a_message_may_hold() -> None:
    assert check_message("  hello  ", ()) == "hello"
    assert check_message(None, photos(PHOTOS_MAX)) == ""
    with pytest.raises(TicketEmpty):
        check_message("   ", ())
    with pytest.raises(TooManyPhotos):
        check_message("x", photos(PHOTOS_MAX + 1))
    with pytest.raises(MixedAttachments):
        check_message("x", [*photos(1), Attachment(MediaKind.DOCUMENT, "doc")])
    with pytest.raises(MixedAttachments):
        check_message(
            "x", [Attachment(MediaKind.DOCUMENT, "a"), Attachment(MediaKind.DOCUMENT, "b")]
        )
    with pytest.raises(TicketTextTooLong):
        check_message("x" * (TEXT_MAX_LENGTH + 1), ())


def test_the_subject_is_whole_words() -> None:
    subject = subject_of("Кондиционер в переговорной не работает уже третий день подряд, " * 3, ())
    assert subject.endswith("…")
    assert len(subject) <= 60
    assert subject[:-1].split() == subject[:-1].split(" ")
    assert subject_of("", photos(1)) == "📎"


words = st.lists(st.text(alphabet="abcdefgh&<", min_size=1, max_size=12), min_size=1, max_size=80)


@given(st.lists(words, min_size=1, max_size=6), st.integers(min_value=20, max_value=200))
def test_pages_never_cut_a_word_and_keep_every_word(blocks: list[list[str]], limit: int) -> None:
    texts = [" ".join(block) for block in blocks]
    pages = split_pages(texts, limit)
    assert all(len(page) <= limit for page in pages)
    assert " ".join(" ".join(pages).split()) == " ".join(" ".join(texts).split())
    every_word = {word for block in blocks for word in block}
    assert {word for page in pages for word in page.split()} <= every_word


# --- use cases -------------------------------------------------------------------------------


@asynccontextmanager
async def scope(container: AsyncContainer) -> AsyncIterator[AsyncContainer]:
    """One update's worth: its own request scope and database session."""
    async with container() as request:
        yield request


async def client_tickets(request: AsyncContainer) -> ClientTickets:
    return await request.get(ClientTickets)


async def open_ticket(
    container: AsyncContainer,
    text: str = "Не работает Wi-Fi",
    media: list[Attachment] | None = None,
    by: Actor = ANNA_ACTOR,
) -> int:
    async with scope(container) as request:
        ticket = await (await client_tickets(request)).open(by, text, media or [])
    return ticket.id


async def desk_call(container: AsyncContainer, method: str, *args: object, **kwargs: object) -> Any:
    async with scope(container) as request:
        desk = await request.get(TicketDesk)
        return await getattr(desk, method)(*args, **kwargs)


async def ticket_row(factory: Factory, ticket_id: int) -> TicketRow:
    async with factory() as session:
        row = await session.get(TicketRow, ticket_id)
        assert row is not None
        return row


async def audit(factory: Factory) -> list[AuditLogRow]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


@pytest.fixture
async def people(session_factory: Factory) -> None:
    await add_user(session_factory, ANNA, name="Анна")
    await add_user(session_factory, BORIS, name="Борис")
    await add_user(session_factory, SUPPORT_ID, name="Света Поддержка")
    await add_user(session_factory, MANAGER_ID, name="Мария Менеджер")
    await add_staff(session_factory, SUPPORT_ID, StaffRole.SUPPORT)
    await add_staff(session_factory, MANAGER_ID, StaffRole.MANAGER)


pytestmark = pytest.mark.usefixtures("people")


async def test_a_new_ticket_with_photos_alerts_everyone_who_answers(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container, "Сломался стул", photos(3))

    row = await ticket_row(session_factory, ticket_id)
    assert (row.status, row.subject, row.assigned_to) == (TicketStatus.NEW, "Сломался стул", None)
    alerts = await notices(session_factory, "notice-staff-ticket-new")
    assert sorted(a.chat_id for a in alerts) == sorted([OWNER_ID, SUPPORT_ID, MANAGER_ID])
    assert all(a.topic == f"ticket:{ticket_id}:alert" for a in alerts)
    keys = [[b["key"] for b in row] for row in alerts[0].buttons or []]
    assert keys == [["btn-ticket-take", "btn-ticket-open"]]
    media = await notices(session_factory, "notice-ticket-media")
    assert len(media) == 3
    assert all(m.kind == "album" for m in media)
    assert [item["file_id"] for item in media[0].media["items"]] == [
        "photo-0",
        "photo-1",
        "photo-2",
    ]
    # The photos go first, so the text with its buttons is the alert's last message.
    assert all(m.id < a.id for m, a in zip(media, alerts, strict=True))


async def test_an_eleventh_photo_or_an_empty_message_changes_nothing(
    container: AsyncContainer, session_factory: Factory
) -> None:
    async with scope(container) as request:
        tickets = await client_tickets(request)
        with pytest.raises(TooManyPhotos):
            await tickets.open(ANNA_ACTOR, "x", photos(11))
        with pytest.raises(TicketEmpty):
            await tickets.open(ANNA_ACTOR, " ", [])
        assert (await tickets.page(ANNA_ACTOR, page=0)).total == 0
    assert await notices(session_factory) == []


async def test_two_staff_take_at_once_and_one_gets_it(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container)

    results = await asyncio.gather(
        desk_call(container, "take", SUPPORT, ticket_id),
        desk_call(container, "take", MANAGER, ticket_id),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, TicketTaken)]
    assert len(refused) == 1
    row = await ticket_row(session_factory, ticket_id)
    assert row.status is TicketStatus.IN_PROGRESS
    assert row.assigned_to in {SUPPORT_ID, MANAGER_ID}
    [entry] = await audit(session_factory)
    assert (entry.action, entry.target_type, entry.target_id) == (
        "ticket.take",
        "ticket",
        str(ticket_id),
    )
    assert (entry.details["before"], entry.details["after"]) == ("new", "in_progress")
    # The other copies of the alert now say who took it.
    edits = await notices(session_factory, "notice-staff-ticket-taken-by")
    assert {edit.chat_id for edit in edits} == {OWNER_ID, SUPPORT_ID, MANAGER_ID} - {
        row.assigned_to
    }


async def test_a_ticket_someone_has_refuses_others_but_takes_their_notes(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container)
    await desk_call(container, "take", SUPPORT, ticket_id)

    with pytest.raises(TicketTaken) as taken:
        await desk_call(container, "take", MANAGER, ticket_id)
    assert taken.value.params == {"staff": "Света Поддержка"}
    with pytest.raises(TicketTaken):
        await desk_call(container, "reply", MANAGER, ticket_id, "Я отвечу", [])
    with pytest.raises(TicketTaken):
        await desk_call(container, "close", MANAGER, ticket_id, None)
    await desk_call(container, "note", MANAGER, ticket_id, "Клиент VIP, ответить быстро")
    # Taking one's own ticket again changes nothing.
    await desk_call(container, "take", SUPPORT, ticket_id)

    assert [e.action for e in await audit(session_factory)] == ["ticket.take", "ticket.note"]
    async with scope(container) as request:
        seen = await (await client_tickets(request)).thread(ANNA_ACTOR, ticket_id, page=0)
    assert [m.kind for m in seen.thread.messages] == [MessageKind.CLIENT]  # no notes
    card = await desk_call(container, "card", SUPPORT, ticket_id)
    assert [m.kind for m in card.thread.messages] == [MessageKind.CLIENT, MessageKind.NOTE]


async def test_the_whole_conversation(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    ticket_id = await open_ticket(container)
    clock.current += timedelta(minutes=12)

    await desk_call(container, "reply", SUPPORT, ticket_id, "Перезагрузите роутер", photos(1))
    row = await ticket_row(session_factory, ticket_id)
    assert (row.status, row.assigned_to) == (TicketStatus.WAITING, SUPPORT_ID)
    assert row.first_response_at == clock.current
    [told] = await notices(session_factory, "notice-ticket-reply")
    assert told.chat_id == ANNA
    assert told.params["text"] == "Перезагрузите роутер"
    assert told.buttons == [
        [{"key": "btn-ticket-reply", "action": "ticket.reply", "args": [ticket_id]}]
    ]
    answered = await notices(session_factory, "notice-staff-ticket-answered-by")
    assert {row.chat_id for row in answered} == {OWNER_ID, MANAGER_ID}

    clock.current += timedelta(minutes=5)
    async with scope(container) as request:
        await (await client_tickets(request)).reply(ANNA_ACTOR, ticket_id, "Не помогло", [])
    assert (await ticket_row(session_factory, ticket_id)).status is TicketStatus.IN_PROGRESS
    [heard] = await notices(session_factory, "notice-staff-ticket-client-wrote")
    assert heard.chat_id == SUPPORT_ID

    clock.current += timedelta(hours=1)
    await desk_call(container, "close", SUPPORT, ticket_id, "Заменили роутер")
    row = await ticket_row(session_factory, ticket_id)
    assert (row.status, row.closed_at, row.closed_by) == (
        TicketStatus.CLOSED,
        clock.current,
        SUPPORT_ID,
    )
    assert row.first_response_at is not None
    [closed] = await notices(session_factory, "notice-ticket-closed-with-text")
    assert [b["args"] for b in (closed.buttons or [[]])[0]] == [[ticket_id, n] for n in range(1, 6)]
    actions = [
        (e.action, e.details["before"], e.details["after"]) for e in await audit(session_factory)
    ]
    assert actions == [
        ("ticket.reply", "new", "waiting"),
        ("ticket.close", "in_progress", "closed"),
    ]

    # Closed: nobody writes to it any more; the client rates it once.
    async with scope(container) as request:
        tickets = await client_tickets(request)
        with pytest.raises(TicketClosed):
            await tickets.reply(ANNA_ACTOR, ticket_id, "Ещё вопрос", [])
        with pytest.raises(InvalidRating):
            await tickets.rate(ANNA_ACTOR, ticket_id, 6)
        await tickets.rate(ANNA_ACTOR, ticket_id, 5)
        with pytest.raises(AlreadyRated):
            await tickets.rate(ANNA_ACTOR, ticket_id, 4)
    with pytest.raises(TicketClosed):
        await desk_call(container, "reply", SUPPORT, ticket_id, "И ещё", [])
    assert (await ticket_row(session_factory, ticket_id)).rating == 5


async def test_the_client_closes_and_only_then_rates(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container)
    await desk_call(container, "take", SUPPORT, ticket_id)
    async with scope(container) as request:
        tickets = await client_tickets(request)
        with pytest.raises(TicketNotClosed):
            await tickets.rate(ANNA_ACTOR, ticket_id, 3)
        await tickets.close(ANNA_ACTOR, ticket_id)
        await tickets.rate(ANNA_ACTOR, ticket_id, 3)
    [heard] = await notices(session_factory, "notice-staff-ticket-closed-by-client")
    assert heard.chat_id == SUPPORT_ID


async def test_a_client_sees_only_their_own_tickets(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container)
    boris = Actor(BORIS, None)
    async with scope(container) as request:
        tickets = await client_tickets(request)
        with pytest.raises(TicketNotFound):
            await tickets.thread(boris, ticket_id, page=0)
        with pytest.raises(TicketNotFound):
            await tickets.reply(boris, ticket_id, "чужое", [])
        with pytest.raises(TicketNotFound):
            await tickets.close(boris, ticket_id)
        assert (await tickets.page(boris, page=0)).total == 0
    with pytest.raises(PermissionDenied):
        await desk_call(container, "take", ANNA_ACTOR, ticket_id)
    with pytest.raises(PermissionDenied):
        await desk_call(container, "queue", ANNA_ACTOR, TicketStatus.NEW, page=0)


async def test_a_client_banned_meanwhile_can_neither_open_nor_reply(
    container: AsyncContainer, session_factory: Factory
) -> None:
    ticket_id = await open_ticket(container)
    async with session_factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == ANNA).values(is_banned=True)
        )
        await session.commit()

    async with scope(container) as request:
        tickets = await client_tickets(request)
        with pytest.raises(UserBanned):
            await tickets.open(ANNA_ACTOR, "Ещё одно", [])
        with pytest.raises(UserBanned):
            await tickets.reply(ANNA_ACTOR, ticket_id, "Ответ", [])
        with pytest.raises(UserBanned):
            await tickets.check_open(ANNA_ACTOR, ticket_id)
    async with session_factory() as session:
        assert len(list(await session.scalars(select(TicketRow)))) == 1


async def test_the_queue_is_paged_in_the_database(
    container: AsyncContainer, clock: FakeClock
) -> None:
    for n in range(8):  # from two clients: one keeps at most OPEN_TICKETS_MAX open
        clock.current += timedelta(minutes=1)
        await open_ticket(container, f"Вопрос {n}", by=Actor(ANNA if n % 2 else BORIS, None))
    first = await desk_call(container, "queue", SUPPORT, TicketStatus.NEW, page=0)
    second = await desk_call(container, "queue", SUPPORT, TicketStatus.NEW, page=1)
    past = await desk_call(container, "queue", SUPPORT, TicketStatus.NEW, page=9)
    assert (first.total, first.pages, len(first.items), len(second.items)) == (8, 2, 6, 2)
    assert [i.ticket.subject for i in first.items][:2] == ["Вопрос 0", "Вопрос 1"]
    assert past.page == 1
    assert first.counts[TicketStatus.NEW] == 8


async def test_an_unanswered_ticket_is_raised_again_once(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    waiting = await open_ticket(container, "Никто не отвечает")
    answered = await open_ticket(container, "Уже ответили")
    await desk_call(container, "reply", SUPPORT, answered, "Отвечаем", [])

    async def escalate() -> int:
        async with scope(container) as request:
            return await (await request.get(TicketTimers)).escalate_due()

    clock.current += timedelta(minutes=59)
    assert await escalate() == 0
    clock.current += timedelta(minutes=2)
    # Two instances tick at once: the ticket is raised once.
    assert sorted(await asyncio.gather(escalate(), escalate())) == [0, 1]
    assert await escalate() == 0

    raised = await notices(session_factory, "notice-staff-ticket-escalated")
    assert {row.chat_id for row in raised} == {OWNER_ID, SUPPORT_ID, MANAGER_ID}
    assert all(row.params["ticket_id"] == str(waiting) for row in raised)
    assert all(row.topic == f"ticket:{waiting}:alert" for row in raised)
    assert (await ticket_row(session_factory, waiting)).escalated_at is not None


async def test_a_client_keeps_at_most_a_few_tickets_open(
    container: AsyncContainer, session_factory: Factory
) -> None:
    """Every new ticket alerts everyone on support: one client cannot flood them."""
    first = await open_ticket(container, "Вопрос 1")
    for n in range(2, OPEN_TICKETS_MAX + 1):
        await open_ticket(container, f"Вопрос {n}")
    with pytest.raises(TooManyOpenTickets):
        await open_ticket(container, "Ещё один")
    assert len(await notices(session_factory, "notice-staff-ticket-new")) == 3 * OPEN_TICKETS_MAX

    async with scope(container) as request:
        await (await client_tickets(request)).close(ANNA_ACTOR, first)
    await open_ticket(container, "Теперь можно")  # a closed one makes room
