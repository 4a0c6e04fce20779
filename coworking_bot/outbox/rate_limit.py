"""Telegram's sending limits, kept by one process (and, with Redis, by all of them together:
`shared_rate.py`)."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coworking_bot.outbox.shared_rate import SharedRate

# What one process sends at most, notices and broadcasts together: spaced at just under
# Telegram's documented 30 a second, and never more than 30 within a little over a second (an
# album counts each item), so a request that leaves a few milliseconds late never makes 31.
SAFE_PER_SECOND = 29.5
TELEGRAM_PER_SECOND = 30
SAFE_WINDOW = 1.01
# After a 429 the window widens a little (a busy machine sends late and bunches requests), and
# narrows back over the next NARROW_OVER messages.
WIDEN_AFTER_429 = 0.01
NARROW_OVER = 500
WIDEST = 1.1


class Slot:
    """A send the limiter allowed. Before each call: `await ready(weight)`, which with several
    instances waits for the call's moment on the schedule they share; then any last work (a
    database write); then `go()` right before the call, which notes when it really leaves, so
    that work does not let it bunch up with the sends after it."""

    def __init__(self, limiter: RateLimiter, entry: list[float], chat_id: int) -> None:
        self._limiter = limiter
        self._entry = entry
        self._chat_id = chat_id
        self._token = ""

    async def ready(self, weight: int = 1) -> bool:
        """True when the call of `weight` messages may leave now; False when Telegram asked
        this or another instance to wait meanwhile (this one waits as long: `paused_for`)."""
        token = await self._limiter._book_shared(self._chat_id, weight)
        if token is None:
            return False
        self._token = token
        return True

    def go(self) -> None:
        self._entry[0] = max(self._entry[0], self._limiter._monotonic())
        self._limiter._left(self._token)
        self._token = ""


class RateLimiter:
    """Spaces out sends: at most `per_second` overall and one per `chat_interval` to a chat,
    and never more than `per_window` messages (by default `per_second`, rounded up) within any
    `window` seconds, counted from when each send really left: an album's items go at once, and
    an album right after a notice would otherwise make one more than allowed within a second.

    It counts in this process, which is enough for the default deployment (one process). With
    `shared` (a schedule in Redis, `SharedRate`) each send also books its moment on the schedule
    all instances share, so together they keep `per_second`, and a 429 told to one instance
    pauses all of them. Two instances could rarely both write to one chat within a second; then
    Telegram answers 429 with `retry_after`, which the sender waits out.
    `monotonic` and `sleep` are injectable so tests run on virtual time.

    Each 429 widens the window by WIDEN_AFTER_429 (at most to WIDEST times itself), and it
    narrows back as messages go out: a machine busy enough to send late backs off a little
    instead of hitting the limit again and again.

    Broadcasts ask for their slots in the `background`: while a notice waits for the next slot
    overall, no broadcast copy takes it, so a staff alert is not held up by ten thousand copies.
    """

    def __init__(
        self,
        per_second: float = 25.0,
        chat_interval: float = 1.0,
        *,
        per_window: int | None = None,
        window: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        shared: SharedRate | None = None,
    ) -> None:
        self._shared = shared
        self._publishing: set[asyncio.Task[None]] = set()
        self._spacing = 1.0 / per_second
        self._per_window = per_window or math.ceil(per_second)
        self._window = window
        self._base_window = window
        self._chat_interval = chat_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._last_any = -math.inf  # when the last send was due
        self._recent: list[list[float]] = []  # [when it left, messages] within the window
        self._next_by_chat: dict[int, float] = {}
        self._paused_until = 0.0
        self._waiting_in_front = 0  # notices waiting for the next slot overall

    @classmethod
    def for_telegram(cls, shared: SharedRate | None = None) -> RateLimiter:
        """The limiter the bot sends with: Telegram's 30 a second, kept a little under."""
        return cls(
            per_second=SAFE_PER_SECOND,
            per_window=TELEGRAM_PER_SECOND,
            window=SAFE_WINDOW,
            shared=shared,
        )

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait (`retry_after`): nothing goes out until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)
        self._window = min(self._window + WIDEN_AFTER_429, self._base_window * WIDEST)
        if self._shared is not None:  # the other instances wait as long
            self._in_background(self._shared.pause(seconds))

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._monotonic())

    async def acquire(self, chat_id: int, weight: int = 1, *, background: bool = False) -> bool:
        """Waits for a free slot to send to `chat_id` now; False (at once) while paused. `weight`
        is how many messages the send counts as overall (an album counts each item); a
        `background` send lets every other one waiting go first."""
        slot = await self.slot(chat_id, weight, background=background)
        if slot is None or not await slot.ready(weight):
            return False
        slot.go()
        return True

    async def slot(self, chat_id: int, weight: int = 1, *, background: bool = False) -> Slot | None:
        """Like `acquire`, for a send that does some work first: `await slot.ready()`, the work,
        then `slot.go()` right before the call. None while paused."""
        weight = max(weight, 1)
        while True:
            now = self._monotonic()
            if now < self._paused_until:
                return None
            chat_free = self._next_by_chat.get(chat_id, 0.0)
            if chat_free > now:
                await self._sleep(chat_free - now)
                continue
            if background and self._waiting_in_front:
                await self._sleep(self._spacing)
                continue
            # A send of n messages comes n spacings after the one before it.
            target = self._last_any + self._spacing * weight
            wait = max(target - now, self._window_wait(now, weight))
            if wait > 0:
                await self._wait_for_slot(wait, in_front=not background)
                continue
            # Woken a little late, keep the cadence: this one counts as sent when it was due.
            self._last_any = target if now - target < self._spacing else now
            entry = [now, float(weight)]
            narrowed = self._window - WIDEN_AFTER_429 / NARROW_OVER * weight
            self._window = max(self._base_window, narrowed)
            self._recent.append(entry)
            self._next_by_chat[chat_id] = now + self._chat_interval
            self._forget_idle_chats(now)
            return Slot(self, entry, chat_id)

    async def _book_shared(self, chat_id: int, weight: int) -> str | None:
        """Waits for this send's moment on the schedule all instances share; its token ("" with
        no schedule), or None while this or another instance was told to wait (this one then
        waits as long)."""
        if self._shared is None:
            return ""
        booking = await self._shared.book(weight)
        if booking.paused > 0:
            self._paused_until = max(self._paused_until, self._monotonic() + booking.paused)
            return None
        if booking.delay > 0:
            await self._sleep(booking.delay)
            self._next_by_chat[chat_id] = self._monotonic() + self._chat_interval
        if self.paused_for() > 0:  # a 429 came while this one waited for its moment
            return None
        return booking.token

    def _left(self, token: str) -> None:
        if self._shared is not None and token:
            self._in_background(self._shared.left(token))

    def _in_background(self, call: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(call)
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    def _window_wait(self, now: float, weight: int) -> float:
        """How long until `weight` more messages fit in the window."""
        self._recent = [entry for entry in self._recent if entry[0] > now - self._window]
        excess = sum(count for _, count in self._recent) + weight - self._per_window
        wait = 0.0
        for when, count in sorted(self._recent):  # the oldest leave the window first
            if excess <= 0:
                break
            wait = when + self._window - now
            excess -= count
        return max(wait, 0.0)

    async def _wait_for_slot(self, seconds: float, *, in_front: bool) -> None:
        if not in_front:
            await self._sleep(seconds)
            return
        self._waiting_in_front += 1
        try:
            await self._sleep(seconds)
        finally:
            self._waiting_in_front -= 1

    def _forget_idle_chats(self, now: float) -> None:
        if len(self._next_by_chat) > 10_000:
            self._next_by_chat = {c: t for c, t in self._next_by_chat.items() if t > now}
