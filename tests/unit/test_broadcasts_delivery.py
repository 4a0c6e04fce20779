"""Broadcast delivery under Telegram's limits over a real database: 429s waited out (every send
waits), nobody gets a copy twice and nobody in the audience is skipped, blocked clients marked,
clients who turn news off midway skipped, a restart midway that goes on where it stopped, a
deleted source, network errors, and notices going before broadcast copies."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import CopyMessage
from aiohttp import ClientConnectorError
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import BroadcastRecipientRow, BroadcastRow, UserRow
from coworking_bot.domain.broadcasts import BroadcastStatus, RecipientStatus
from coworking_bot.outbox.broadcasts import LEASE, SEND_LEASE, SOURCE_GONE, BroadcastDelivery
from coworking_bot.outbox.rate_limit import (
    SAFE_PER_SECOND,
    SAFE_WINDOW,
    TELEGRAM_PER_SECOND,
    RateLimiter,
)
from tests.conftest import FakeClock, VirtualTime
from tests.unit.booking_helpers import add_user, add_users, notices
from tests.unit.payment_helpers import Factory
from tests.unit.test_broadcasts_helpers import (
    ALBUM,
    OWNER,
    CopyingSession,
    copying_bot,
    make_broadcast,
    recipients,
    service_call,
    set_user,
    tick,
)


def delivery_for(
    factory: Factory, clock: FakeClock, time_: VirtualTime
) -> tuple[BroadcastDelivery, CopyingSession]:
    bot, telegram = copying_bot(time_.monotonic)
    limiter = RateLimiter(per_second=30, monotonic=time_.monotonic, sleep=time_.sleep)
    return BroadcastDelivery(factory, bot, clock, limiter), telegram


async def deliver_everything(
    delivery: BroadcastDelivery, clock: FakeClock, time_: VirtualTime, rounds: int = 200
) -> None:
    """Rounds of delivery until nothing is left, waiting out every 429 on both clocks."""
    for _ in range(rounds):
        sent = await delivery.deliver_due()
        paused = delivery._limiter.paused_for()
        if paused > 0:
            time_.now += paused
            clock.current += timedelta(seconds=paused)
        elif sent == 0 and not await delivery.claim(1):
            return
        else:
            clock.current += timedelta(seconds=LEASE.total_seconds() + 1)  # leases of a pause end
    raise AssertionError("the broadcast never finished")


async def test_429s_are_waited_out_and_everyone_gets_exactly_one_copy(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(100, 160))
    await add_user(session_factory, 160)
    await set_user(session_factory, 160, news_enabled=False)  # excluded: gets nothing
    broadcast = await make_broadcast(container)
    time_ = VirtualTime()
    delivery, telegram = delivery_for(session_factory, clock, time_)
    telegram.too_many_every = 7
    telegram.retry_after = 2

    await deliver_everything(delivery, clock, time_)

    assert telegram.too_many > 5
    assert dict(telegram.received) == dict.fromkeys(range(100, 160), 1)
    assert set((await recipients(session_factory, broadcast.id)).values()) == {RecipientStatus.SENT}
    # After each 429, nothing went out until `retry_after` had passed.
    for kind, _, at in telegram.stamps:
        if kind == "429":
            after = [t for k, _, t in telegram.stamps if k == "sent" and t > at]
            assert not after or min(after) >= at + 2 - 1e-9

    clock.current += timedelta(seconds=5)
    assert (await tick(container)).finished == 1
    [report] = await notices(session_factory, "broadcast-report")
    assert (report.params["sent"], report.params["total"]) == (60, 60)


async def test_blocked_clients_are_marked_and_those_who_turned_news_off_are_skipped(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(200, 206))
    broadcast = await make_broadcast(container)
    await set_user(session_factory, 203, news_enabled=False)  # after the start
    time_ = VirtualTime()
    delivery, telegram = delivery_for(session_factory, clock, time_)
    telegram.blocked = {201}
    await deliver_everything(delivery, clock, time_)
    assert set(telegram.received) == {200, 202, 204, 205}
    states = await recipients(session_factory, broadcast.id)
    assert states[201] is RecipientStatus.BLOCKED
    assert states[203] is RecipientStatus.SKIPPED
    async with session_factory() as session:
        blocked = set(await session.scalars(select(UserRow.telegram_id).where(UserRow.bot_blocked)))
    assert blocked == {201}
    # The next broadcast leaves the client who blocked the bot out from the start.
    again = await make_broadcast(container)
    assert 201 not in await recipients(session_factory, again.id)


async def test_a_restart_midway_goes_on_and_nobody_gets_it_twice(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(300, 320))
    broadcast = await make_broadcast(container)
    time_ = VirtualTime()
    first, telegram = delivery_for(session_factory, clock, time_)
    # The first process claims a batch, sends two, starts a third, and dies: the rest of its
    # batch stays claimed, and the third is "sending" with nobody to finish it.
    jobs = await first.claim(6)
    for job in jobs[:2]:
        assert await first.deliver(job)
    assert await first._begin(jobs[2])

    second = BroadcastDelivery(
        session_factory,
        first._bot,
        clock,
        RateLimiter(per_second=30, monotonic=time_.monotonic, sleep=time_.sleep),
    )
    assert await second.deliver_due() == 14  # not the ones the dead process had claimed
    clock.current += LEASE + timedelta(seconds=1)
    assert await second.deliver_due() == 3  # its lease is over: the rest of its batch
    assert await second.deliver_due() == 0  # never the one that was on its way

    clock.current += SEND_LEASE
    assert (await tick(container)).finished == 1
    states = await recipients(session_factory, broadcast.id)
    assert states[jobs[2].chat_id] is RecipientStatus.UNKNOWN
    assert all(count == 1 for count in telegram.received.values())
    assert set(telegram.received) == set(range(300, 320)) - {jobs[2].chat_id}
    [report] = await notices(session_factory, "broadcast-report")
    assert (report.params["sent"], report.params["unknown"]) == (19, 1)


async def test_a_deleted_source_pauses_the_broadcast_and_says_why(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(400, 403))
    broadcast = await make_broadcast(container, ALBUM)
    time_ = VirtualTime()
    delivery, telegram = delivery_for(session_factory, clock, time_)
    telegram.deleted = set(ALBUM.message_ids)
    assert await delivery.deliver_due() == 0
    async with session_factory() as session:
        row = await session.get(BroadcastRow, broadcast.id)
        assert row is not None
        assert (row.status, row.last_error) == (BroadcastStatus.PAUSED, SOURCE_GONE)
    assert set((await recipients(session_factory, broadcast.id)).values()) == {
        RecipientStatus.PENDING
    }
    await tick(container)
    [progress] = await notices(session_factory, "broadcast-progress")
    assert (progress.params["state"], progress.params["stopped"]) == ("paused", "yes")
    await service_call(container, "cancel", OWNER, broadcast.id)
    assert telegram.received == {}


async def test_a_send_that_never_left_is_tried_again_and_one_that_may_have_arrived_is_not(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(500, 502))
    broadcast = await make_broadcast(container)
    time_ = VirtualTime()
    delivery, telegram = delivery_for(session_factory, clock, time_)
    method = CopyMessage(chat_id=500, from_chat_id=1, message_id=1)
    refused = TelegramNetworkError(method=method, message="ClientConnectorError: refused")
    refused.__cause__ = ClientConnectorError(None, ConnectionRefusedError("refused"))  # type: ignore[arg-type]
    timeout = TelegramNetworkError(method=method, message="Request timeout error")
    timeout.__cause__ = TimeoutError()
    telegram.errors = [refused, timeout]
    assert await delivery.deliver_due() == 0
    states = await recipients(session_factory, broadcast.id)
    assert sorted(states.values()) == sorted([RecipientStatus.PENDING, RecipientStatus.UNKNOWN])
    async with session_factory() as session:
        retry = await session.scalar(
            select(BroadcastRecipientRow).where(
                BroadcastRecipientRow.status == RecipientStatus.PENDING
            )
        )
    assert retry is not None
    assert retry.attempts == 1
    assert retry.not_before == clock.current + timedelta(seconds=5)
    clock.current += timedelta(seconds=5)
    assert await delivery.deliver_due() == 1
    assert await delivery.deliver_due() == 0  # the unknown one is never sent again
    assert sum(telegram.received.values()) == 1


async def test_notices_take_the_next_slot_before_broadcast_copies() -> None:
    limiter = RateLimiter(per_second=20)
    order: list[str] = []

    async def send(name: str, *, background: bool) -> None:
        assert await limiter.acquire(hash(name) % 10_000, background=background)
        order.append(name)

    await send("copy 0", background=True)
    copies = [asyncio.create_task(send(f"copy {n}", background=True)) for n in range(1, 4)]
    await asyncio.sleep(0.01)  # the copies are waiting for their slots
    started = time.monotonic()
    await send("notice", background=False)
    assert time.monotonic() - started < 0.1  # the next slot, not after every copy
    await asyncio.gather(*copies)
    assert order[:2] == ["copy 0", "notice"]


async def test_albums_and_notices_together_never_make_more_than_30_within_a_second() -> None:
    async def stamps_of(weights: list[int]) -> list[tuple[float, int]]:
        time_ = VirtualTime()
        limiter = RateLimiter(
            per_second=SAFE_PER_SECOND,
            per_window=TELEGRAM_PER_SECOND,
            window=SAFE_WINDOW,
            monotonic=time_.monotonic,
            sleep=time_.sleep,
        )
        stamps = []
        for chat, weight in enumerate(weights):
            assert await limiter.acquire(chat, weight, background=weight > 1)
            stamps.append((time_.now, weight))
        return stamps

    mixed = await stamps_of([1, 2, 2, 1, 10, 2, 1, 1, 3] * 30)  # notices, albums of all sizes
    for moment, _ in mixed:
        assert sum(w for t, w in mixed if moment - 1.0 < t <= moment) <= 30
    # Copies of an album of two, a progress edit every few seconds: hardly slower than the limit.
    album = await stamps_of(([2] * 70 + [1]) * 5)
    for moment, _ in album:
        assert sum(w for t, w in album if moment - 1.0 < t <= moment) <= 30
    assert sum(w for _, w in album[:-1]) / album[-1][0] > 29


async def test_a_clean_stop_finishes_the_copies_on_their_way_and_gives_the_rest_back(
    container: AsyncContainer, session_factory: Factory, clock: FakeClock
) -> None:
    await add_users(session_factory, range(600, 640))
    broadcast = await make_broadcast(container)
    bot, telegram = copying_bot()
    delivery = BroadcastDelivery(session_factory, bot, clock, RateLimiter(per_second=100))
    stop = asyncio.Event()
    running = asyncio.create_task(delivery.run(stop))
    while sum(telegram.received.values()) < 10:  # noqa: ASYNC110 (the fake has no event)
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(running, 5)
    async with session_factory() as session:
        rows = (await session.execute(select(BroadcastRecipientRow))).scalars().all()
    sent = {row.chat_id for row in rows if row.status is RecipientStatus.SENT}
    assert sent == set(telegram.received)
    assert all(count == 1 for count in telegram.received.values())
    rest = [row for row in rows if row.status is not RecipientStatus.SENT]
    assert rest
    assert all(row.status is RecipientStatus.PENDING and row.claim_token is None for row in rest)
    # Another sender takes the rest at once.
    again = BroadcastDelivery(session_factory, bot, clock, RateLimiter(per_second=100))
    assert await again.deliver_due() == len(rest)
    assert set(telegram.received) == set(range(600, 640))
    assert broadcast.status is BroadcastStatus.RUNNING
