"""Telegram's sending limit shared by every instance of the bot, through Redis.

Telegram counts messages per bot token, not per process: with several instances each keeping its
own 29.5 a second, two of them would send 59. When `REDIS_URL` is set, each send therefore also
books a moment on one schedule in Redis that all instances share, right before it leaves:

- moments come at least one spacing (1/29.5 s) per message apart (an album's items count one
  each), whichever instance books them;
- no more than 30 messages within any 1.01 s, counted from when each send really left: a send
  that left late (its process was busy) moves its entry, so the ones after it keep the window;
- nobody books more than a few spacings ahead, so when Telegram answers 429 only the sends
  already on their way are caught by it;
- a 429's `retry_after` told to one instance makes every instance wait as long.

The clock is Redis's own (`TIME`), so instances whose clocks differ still agree. When Redis cannot
be reached, each instance goes on under its own limiter alone and says so in the log (at most once
a minute): a late message is better than none.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger(__name__)

KEY_PREFIX = "coworking:telegram-rate"
WARN_EVERY_SECONDS = 60.0
PER_WINDOW = 30
WINDOW = 1.01
AHEAD_SPACINGS = 3  # how far ahead a send may book, in spacings

# KEYS: the next free moment, paused until, the log of sends (all µs of Redis time).
# ARGV: µs per message, the send's weight, the window (µs), messages per window, how far ahead
# one may book (µs), the send's token (unique, ending in ":<weight>").
# Returns {µs until the moment, µs still paused, 1 if booked}.
_BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then
  return {0, paused - now, 0}
end
local spacing, weight = tonumber(ARGV[1]), tonumber(ARGV[2])
local window, per_window = tonumber(ARGV[3]), tonumber(ARGV[4])
local moment = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
local entries = redis.call('ZRANGEBYSCORE', KEYS[3], moment - window, '+inf', 'WITHSCORES')
local total = weight
for i = 1, #entries, 2 do
  total = total + tonumber(string.match(entries[i], ':(%d+)$'))
end
local i = 1
while total > per_window and i < #entries do
  moment = math.max(moment, tonumber(entries[i + 1]) + window)
  total = total - tonumber(string.match(entries[i], ':(%d+)$'))
  i = i + 2
end
if moment - now > tonumber(ARGV[5]) then
  return {moment - now, 0, 0}
end
local following = moment + spacing * weight
local keep = math.ceil((following - now + window) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%d', following), 'PX', keep)
redis.call('ZADD', KEYS[3], string.format('%d', moment), ARGV[6])
redis.call('PEXPIRE', KEYS[3], keep)
return {moment - now, 0, 1}
"""

# KEYS[1]: the log. ARGV[1]: the send's token. Moves its entry to now, if that is later.
_LEFT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'XX', 'GT', string.format('%d', now), ARGV[1])
return 0
"""

# KEYS[1]: paused until (µs). ARGV[1]: µs to pause. Only ever lengthens a pause.
_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local until_ = now + tonumber(ARGV[1])
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > paused then
  redis.call('SET', KEYS[1], string.format('%d', until_), 'PX',
    math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 0
"""


@dataclass(frozen=True, slots=True)
class Booking:
    """What the shared schedule answered: wait `delay` seconds, then send (and say `left`
    with `token`); or, when `paused` is above zero, send nothing for that long."""

    delay: float
    paused: float
    token: str = ""


class SharedRate:
    """The schedule all instances book their sends on. `per_second` is the overall rate, the
    same figure each instance's own limiter keeps."""

    def __init__(self, redis: Redis, per_second: float, *, prefix: str = KEY_PREFIX) -> None:
        self._redis = redis
        self._spacing_us = round(1_000_000 / per_second)
        self._keys = (f"{prefix}:next", f"{prefix}:paused", f"{prefix}:log")
        self._book: Any = redis.register_script(_BOOK)
        self._left: Any = redis.register_script(_LEFT)
        self._pause: Any = redis.register_script(_PAUSE)
        self._instance = uuid.uuid4().hex[:12]
        self._sends = itertools.count(1)
        self._warned_at = -WARN_EVERY_SECONDS

    @classmethod
    def from_url(cls, url: str, per_second: float) -> SharedRate:
        from redis.asyncio import Redis

        return cls(Redis.from_url(url), per_second)

    async def book(self, weight: int) -> Booking:
        """Books the moment of a send of `weight` messages, waiting while the schedule is
        booked further ahead than a few spacings. Never raises: without Redis the answer is
        "go now" and the instance's own limiter alone applies."""
        weight = max(weight, 1)
        ahead_us = self._spacing_us * AHEAD_SPACINGS
        while True:
            token = f"{self._instance}:{next(self._sends)}:{weight}"
            try:
                delay_us, paused_us, booked = await self._book(
                    keys=list(self._keys),
                    args=[
                        self._spacing_us,
                        weight,
                        round(WINDOW * 1_000_000),
                        PER_WINDOW,
                        ahead_us,
                        token,
                    ],
                )
            except Exception as error:  # redis.RedisError, OSError, a timeout
                self._warn(error)
                return Booking(0.0, 0.0)
            if int(paused_us) > 0:
                return Booking(0.0, int(paused_us) / 1_000_000)
            if int(booked):
                return Booking(int(delay_us) / 1_000_000, 0.0, token)
            # Booked up ahead: come back when this send's moment is near.
            await asyncio.sleep(max(int(delay_us) - ahead_us // 2, ahead_us // 2) / 1_000_000)

    async def left(self, token: str) -> None:
        """The send booked with `token` leaves now (later than booked, if its process was
        busy): its entry moves, so the window after it counts from when it really left."""
        if not token:
            return
        try:
            await self._left(keys=[self._keys[2]], args=[token])
        except Exception as error:
            self._warn(error)

    async def pause(self, seconds: float) -> None:
        """Telegram asked one instance to wait: every instance waits as long."""
        try:
            await self._pause(keys=[self._keys[1]], args=[max(math.ceil(seconds * 1e6), 1)])
        except Exception as error:
            self._warn(error)

    async def close(self) -> None:
        await self._redis.aclose()

    def _warn(self, error: BaseException) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning(
                "outbox: Redis does not answer (%s); this instance keeps Telegram's limit alone",
                error,
            )
