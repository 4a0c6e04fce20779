"""Broadcasts over a real database: audiences counted in SQL (and who is never in one), the life
of a broadcast from draft to report, pause, resume, cancel, scheduling, permissions, the audit
log and the history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import AuditLogRow, BroadcastRow, TicketMessageRow, TicketRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.broadcasts import (
    Audience,
    AudienceKind,
    BroadcastChanged,
    BroadcastStatus,
    EmptyAudience,
    InvalidAudience,
    RecipientStatus,
    SendTimeNotAhead,
)
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.tickets import MessageKind, TicketStatus
from coworking_bot.domain.users import Actor
from coworking_bot.outbox.broadcasts import BroadcastDelivery
from coworking_bot.outbox.rate_limit import RateLimiter
from coworking_bot.services.broadcasts.notices import topic
from tests.conftest import OWNER_ID, FakeClock, VirtualTime
from tests.unit.booking_helpers import add_user, notices, seed
from tests.unit.payment_helpers import Factory
from tests.unit.test_broadcasts_helpers import (
    ALBUM,
    OWNER,
    PHOTO,
    add_booking,
    copying_bot,
    make_broadcast,
    recipients,
    service_call,
    set_user,
    tick,
)

MSK_NOON_DEC_1 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # FakeClock's now


async def people(factory: Factory) -> dict[str, int]:
    """Clients of every kind the audiences tell apart; name -> telegram id."""
    demo = await seed(factory)
    ids = {
        "anna": 11,  # booked a day pass in November
        "boris": 12,  # English; never booked
        "vera": 13,  # banned
        "gleb": 14,  # blocked the bot
        "dina": 15,  # turned news off
        "egor": 16,  # never finished registering
        "zoya": 17,  # booked a meeting room in October, then cancelled one in November
        "ivan": 18,  # wrote to support last week
    }
    users = {}
    for name, telegram_id in ids.items():
        language = Language.EN if name == "boris" else Language.RU
        users[name] = await add_user(factory, telegram_id, language=language)
    await set_user(factory, 13, is_banned=True)
    await set_user(factory, 14, bot_blocked=True)
    await set_user(factory, 15, news_enabled=False)
    await set_user(factory, 16, registered_at=None)
    nov_10 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    await add_booking(factory, users["anna"], demo.day_pass, BookingStatus.COMPLETED, nov_10)
    await add_booking(
        factory,
        users["zoya"],
        demo.small_room,
        BookingStatus.CONFIRMED,
        datetime(2026, 10, 5, 9, 0, tzinfo=UTC),
    )
    await add_booking(factory, users["zoya"], demo.day_pass, BookingStatus.CANCELLED, nov_10)
    # Excluded clients with bookings still never count.
    await add_booking(factory, users["vera"], demo.day_pass, BookingStatus.COMPLETED, nov_10)
    await add_booking(factory, users["dina"], demo.day_pass, BookingStatus.COMPLETED, nov_10)
    async with factory() as session:
        ticket = TicketRow(user_id=users["ivan"], status=TicketStatus.NEW, subject="Wi-Fi")
        session.add(ticket)
        await session.flush()
        session.add(
            TicketMessageRow(
                ticket_id=ticket.id,
                kind=MessageKind.CLIENT,
                author_telegram_id=18,
                text="Wi-Fi",
                created_at=MSK_NOON_DEC_1 - timedelta(days=5),
            )
        )
        await session.commit()
    return {"day_pass": demo.day_pass, "small_room": demo.small_room, **ids}


async def audience_chats(
    container: AsyncContainer, factory: Factory, audience: Audience
) -> set[int]:
    """Who a broadcast to `audience` started now goes to."""
    broadcast = await make_broadcast(container, audience=audience)
    return set(await recipients(factory, broadcast.id))


async def test_audiences_are_counted_in_sql_and_never_hold_the_excluded(
    container: AsyncContainer, session_factory: Factory
) -> None:
    p = await people(session_factory)
    nov = Audience(AudienceKind.BOOKED, first_day=date(2026, 11, 1), last_day=date(2026, 11, 30))
    expected = {
        Audience.everyone(): {11, 12, 17, 18},
        Audience(AudienceKind.LANGUAGE, language=Language.EN): {12},
        Audience(AudienceKind.NEVER_BOOKED): {12, 18},
        nov: {11},  # zoya's November booking was cancelled
        Audience(AudienceKind.TARIFF, tariff_id=p["small_room"]): {17},
        Audience(AudienceKind.TARIFF, tariff_id=p["day_pass"]): {11},
        Audience(AudienceKind.ACTIVE, days=7): {18},  # wrote to support 5 days ago
        Audience(AudienceKind.ACTIVE, days=31): {11, 12, 17, 18},  # all registered on 1 Nov
    }
    for audience, chats in expected.items():
        draft = await make_broadcast(container, audience=audience, start=False)
        card = await service_call(container, "card", OWNER, draft.id)
        assert card.audience_size == len(chats), audience
        assert await audience_chats(container, session_factory, audience) == chats, audience


async def test_a_broadcast_from_draft_to_report(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    for telegram_id in (21, 22, 23):
        await add_user(session_factory, telegram_id)
    draft = await make_broadcast(
        container, ALBUM, button="Записаться | https://example.com/book", start=False
    )
    assert draft.status is BroadcastStatus.DRAFT
    assert draft.button is not None
    card = await service_call(container, "card", OWNER, draft.id)
    assert card.audience_size == 3

    started = await service_call(container, "start", OWNER, draft.id)
    assert started.status is BroadcastStatus.RUNNING
    assert await recipients(session_factory, draft.id) == dict.fromkeys(
        (21, 22, 23), RecipientStatus.PENDING
    )
    [progress] = await notices(session_factory, "broadcast-progress")
    assert progress.chat_id == OWNER_ID
    assert progress.topic == topic(draft.id)
    assert progress.params["total"] == 3
    with pytest.raises(BroadcastChanged):  # a running broadcast is no draft
        await service_call(container, "set_button", OWNER, draft.id, None)

    bot, telegram = copying_bot()
    time = VirtualTime()
    delivery = BroadcastDelivery(
        session_factory, bot, clock, RateLimiter(monotonic=time.monotonic, sleep=time.sleep)
    )
    assert await delivery.deliver_due() == 3
    assert dict(telegram.received) == {21: 1, 22: 1, 23: 1}
    assert dict(telegram.items) == {21: 4, 22: 4, 23: 4}  # three photos and the button's message
    # At 25 a second, the third copy waits for the first two's eight messages: an album counts
    # each of its items (and the button's message).
    assert time.now == pytest.approx(8 / 25)

    clock.current += timedelta(seconds=5)
    outcome = await tick(container)
    assert outcome.finished == 1
    [row] = await broadcasts(session_factory)
    assert (row.status, row.total, row.sent, row.finished_at) == (
        BroadcastStatus.DONE,
        3,
        3,
        clock.current,
    )
    [report] = await notices(session_factory, "broadcast-report")
    assert (report.params["sent"], report.params["state"]) == (3, "done")
    [progress] = await notices(session_factory, "broadcast-progress")
    assert progress.params["state"] == "done"  # not sent yet: rewritten to the final state
    assert progress.buttons is None
    assert await tick(container) == type(outcome)()  # nothing more to do
    assert await actions(session_factory) == [
        "broadcast.create",
        "broadcast.start",
        "broadcast.finish",
    ]


async def test_pause_resume_and_cancel(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    for telegram_id in range(31, 41):
        await add_user(session_factory, telegram_id)
    broadcast = await make_broadcast(container)
    bot, telegram = copying_bot()
    time = VirtualTime()
    delivery = BroadcastDelivery(
        session_factory, bot, clock, RateLimiter(monotonic=time.monotonic, sleep=time.sleep)
    )
    assert await delivery.deliver_due(limit=4) == 4

    paused = await service_call(container, "pause", OWNER, broadcast.id)
    assert paused.status is BroadcastStatus.PAUSED
    assert await delivery.deliver_due() == 0  # nothing is taken while it is paused
    jobs = await delivery.claim(10)
    assert jobs == []
    with pytest.raises(BroadcastChanged):
        await service_call(container, "pause", OWNER, broadcast.id)

    await service_call(container, "resume", OWNER, broadcast.id)
    assert await delivery.deliver_due(limit=3) == 3
    cancelled = await service_call(container, "cancel", OWNER, broadcast.id)
    assert cancelled.status is BroadcastStatus.CANCELLED
    assert await delivery.deliver_due() == 0
    assert sum(telegram.received.values()) == 7
    statuses = list((await recipients(session_factory, broadcast.id)).values())
    assert statuses.count(RecipientStatus.SENT) == 7
    assert statuses.count(RecipientStatus.PENDING) == 3
    [report] = await notices(session_factory, "broadcast-report")
    assert (report.params["sent"], report.params["left"], report.params["state"]) == (
        7,
        3,
        "cancelled",
    )
    clock.current += timedelta(seconds=10)
    assert (await tick(container)).finished == 0  # cancelled stays cancelled
    assert await actions(session_factory) == [
        "broadcast.create",
        "broadcast.start",
        "broadcast.pause",
        "broadcast.resume",
        "broadcast.cancel",
    ]


async def test_a_scheduled_broadcast_starts_on_time_with_the_audience_of_then(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_user(session_factory, 51)
    await add_user(session_factory, 52)
    draft = await make_broadcast(container, start=False)
    with pytest.raises(SendTimeNotAhead):
        await service_call(container, "schedule", OWNER, draft.id, "01.12.2026 11:00")
    scheduled = await service_call(container, "schedule", OWNER, draft.id, "01.12 18:00")
    assert scheduled.status is BroadcastStatus.SCHEDULED
    assert scheduled.scheduled_at == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)

    assert (await tick(container)).started == 0
    await add_user(session_factory, 53)  # registered meanwhile: included
    await set_user(session_factory, 52, news_enabled=False)  # turned news off: not
    clock.current = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert (await tick(container)).started == 1
    assert set(await recipients(session_factory, draft.id)) == {51, 53}
    assert (await tick(container)).started == 0  # once

    # Nobody at the time it comes due: it is over, and the author hears why.
    lonely = await make_broadcast(
        container, audience=Audience(AudienceKind.LANGUAGE, language=Language.EN), start=False
    )
    await service_call(container, "schedule", OWNER, lonely.id, "02.12 10:00")
    clock.current = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
    await tick(container)
    row = next(b for b in await broadcasts(session_factory) if b.id == lonely.id)
    assert row.status is BroadcastStatus.DONE
    assert [n.params["number"] for n in await notices(session_factory, "broadcast-nobody")] == [
        lonely.id
    ]

    # A scheduled one may be cancelled before it starts; nothing is sent.
    other = await make_broadcast(container, start=False)
    await service_call(container, "schedule", OWNER, other.id, "03.12 10:00")
    await service_call(container, "cancel", OWNER, other.id)
    clock.current = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    await tick(container)
    assert await recipients(session_factory, other.id) == {}


async def test_nobody_to_send_to_and_a_tariff_that_does_not_exist(
    container: AsyncContainer, session_factory: Factory
) -> None:
    await add_user(session_factory, 61)
    draft = await make_broadcast(
        container, audience=Audience(AudienceKind.NEVER_BOOKED), start=False
    )
    await set_user(session_factory, 61, news_enabled=False)
    with pytest.raises(EmptyAudience):
        await service_call(container, "start", OWNER, draft.id)
    [row] = await broadcasts(session_factory)
    assert row.status is BroadcastStatus.DRAFT  # nothing changed
    with pytest.raises(InvalidAudience):
        await service_call(
            container, "set_audience", OWNER, draft.id, Audience(AudienceKind.TARIFF, tariff_id=999)
        )
    await service_call(container, "discard", OWNER, draft.id)
    assert await broadcasts(session_factory) == []


@pytest.mark.parametrize(
    "actor",
    [Actor(71, None), Actor(72, StaffRole.MANAGER), Actor(73, StaffRole.SUPPORT)],
    ids=["client", "manager", "support"],
)
async def test_only_who_may_send_broadcasts_touches_them(
    actor: Actor, container: AsyncContainer, session_factory: Factory
) -> None:
    await add_user(session_factory, 74)
    broadcast = await make_broadcast(container)
    calls = [
        ("create", PHOTO),
        ("card", broadcast.id),
        ("history",),
        ("tariffs",),
        ("start", broadcast.id),
        ("pause", broadcast.id),
        ("resume", broadcast.id),
        ("cancel", broadcast.id),
        ("discard", broadcast.id),
        ("set_button", broadcast.id, None),
        ("set_audience", broadcast.id, Audience.everyone()),
        ("schedule", broadcast.id, "05.12 10:00"),
    ]
    for name, *args in calls:
        with pytest.raises(PermissionDenied):
            await service_call(container, name, actor, *args)
    [row] = await broadcasts(session_factory)
    assert row.status is BroadcastStatus.RUNNING
    admin = Actor(75, StaffRole.ADMIN)
    assert (await service_call(container, "pause", admin, broadcast.id)).status is (
        BroadcastStatus.PAUSED
    )


async def test_the_history_is_paged_newest_first(
    container: AsyncContainer, session_factory: Factory
) -> None:
    await add_user(session_factory, 81)
    made = [(await make_broadcast(container, start=False)).id for _ in range(8)]
    first = await service_call(container, "history", OWNER)
    assert [b.id for b in first.items] == made[::-1][:6]
    assert (first.page, first.pages, first.total) == (0, 2, 8)
    last = await service_call(container, "history", OWNER, page=5)  # past the end: the last
    assert [b.id for b in last.items] == made[:2][::-1]
    assert last.page == 1


async def broadcasts(factory: Factory) -> list[BroadcastRow]:
    async with factory() as session:
        return list(await session.scalars(select(BroadcastRow).order_by(BroadcastRow.id)))


async def actions(factory: Factory) -> list[str]:
    async with factory() as session:
        return list(
            await session.scalars(
                select(AuditLogRow.action)
                .where(AuditLogRow.target_type == "broadcast")
                .order_by(AuditLogRow.id)
            )
        )
