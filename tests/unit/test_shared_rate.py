"""Telegram's limit kept by several instances together through Redis (real Redis, real time):
two instances sending as fast as they may make 29.5 messages a second together, not 59; an
album books as many moments as it has items; a 429 told to one instance pauses the other; and
without Redis each instance goes on under its own limiter."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest

from coworking_bot.outbox.rate_limit import SAFE_PER_SECOND, RateLimiter
from coworking_bot.outbox.shared_rate import SharedRate
from tests.conftest import TEST_REDIS_URL

needs_redis = pytest.mark.skipif(not TEST_REDIS_URL, reason="set TEST_REDIS_URL to run on Redis")
# Rates are measured in real time.
pytestmark = pytest.mark.usefixtures("without_collections")


@pytest.fixture
async def shared_pair() -> AsyncIterator[tuple[SharedRate, SharedRate]]:
    """Two instances' views of one schedule (each its own connection), under a fresh key."""
    from redis.asyncio import Redis

    assert TEST_REDIS_URL
    prefix = f"test-rate:{uuid.uuid4().hex}"
    first = SharedRate(Redis.from_url(TEST_REDIS_URL), SAFE_PER_SECOND, prefix=prefix)
    second = SharedRate(Redis.from_url(TEST_REDIS_URL), SAFE_PER_SECOND, prefix=prefix)
    yield first, second
    await first.close()
    await second.close()


async def send_for(limiter: RateLimiter, seconds: float, weight: int, sent: list[float]) -> None:
    """Sends to a new chat each time, as fast as the limiter allows, for `seconds`; notes when
    each message left (an album's items all at once)."""
    deadline = time.monotonic() + seconds
    chat = 0
    while time.monotonic() < deadline:
        chat += 1
        slot = await limiter.slot(chat, weight)
        if slot is None or not await slot.ready(weight):
            await asyncio.sleep(limiter.paused_for())
            continue
        slot.go()
        sent.extend([time.monotonic()] * weight)


def busiest_second(sent: list[float]) -> int:
    sent = sorted(sent)
    return max(sum(1 for t in sent[i:] if t < start + 1.0) for i, start in enumerate(sent))


@needs_redis
@pytest.mark.parametrize("weight", [1, 3], ids=["messages", "albums of three"])
async def test_two_instances_keep_the_limit_together(
    shared_pair: tuple[SharedRate, SharedRate], weight: int
) -> None:
    first, second = shared_pair
    sent: list[float] = []
    seconds = 3.0
    await asyncio.gather(
        send_for(RateLimiter.for_telegram(first), seconds, weight, sent),
        send_for(RateLimiter.for_telegram(second), seconds, weight, sent),
    )
    rate = len(sent) / seconds
    # Each alone would send 29.5 a second; together they still do, not 59.
    assert SAFE_PER_SECOND * 0.85 <= rate <= SAFE_PER_SECOND + weight, rate
    # Moments are booked 1/29.5 s apart; a wake-up a few ms late may bunch two of them.
    assert busiest_second(sent) <= 30 + weight, busiest_second(sent)


@needs_redis
async def test_one_instance_alone_is_not_slowed(
    shared_pair: tuple[SharedRate, SharedRate],
) -> None:
    first, _ = shared_pair
    sent: list[float] = []
    await send_for(RateLimiter.for_telegram(first), 2.0, 1, sent)
    assert len(sent) / 2.0 >= SAFE_PER_SECOND * 0.9


@needs_redis
async def test_a_429_told_to_one_instance_pauses_the_other(
    shared_pair: tuple[SharedRate, SharedRate],
) -> None:
    first, second = shared_pair
    told, other = RateLimiter.for_telegram(first), RateLimiter.for_telegram(second)
    assert await other.acquire(1)

    told.pause(1.0)
    await asyncio.sleep(0.05)  # the pause reaches Redis in the background

    assert not await other.acquire(2)  # nothing booked, nothing sent
    assert 0.5 < other.paused_for() <= 1.0
    await asyncio.sleep(other.paused_for())
    assert await other.acquire(3)


async def test_without_redis_each_instance_keeps_its_own_limit() -> None:
    # Nothing listens on port 1: every booking fails at once, and sending goes on.
    shared = SharedRate.from_url("redis://127.0.0.1:1/0", SAFE_PER_SECOND)
    limiter = RateLimiter.for_telegram(shared)
    try:
        sent: list[float] = []
        await send_for(limiter, 1.0, 1, sent)
        assert len(sent) >= SAFE_PER_SECOND * 0.9
        limiter.pause(0.1)  # publishing the pause fails quietly too
        await asyncio.sleep(0.15)
        assert await limiter.acquire(99)
    finally:
        await shared.close()
