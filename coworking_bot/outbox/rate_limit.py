"""Telegram's sending limits, kept by one process."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable

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
    """A send the limiter allowed. `go()` right before the call notes when it really leaves:
    work done between the slot and the call (a database write) must not let it bunch up with
    the sends after it."""

    def __init__(self, entry: list[float], monotonic: Callable[[], float]) -> None:
        self._entry = entry
        self._monotonic = monotonic

    def go(self) -> None:
        self._entry[0] = max(self._entry[0], self._monotonic())


class RateLimiter:
    """Spaces out sends: at most `per_second` overall and one per `chat_interval` to a chat,
    and never more than `per_window` messages (by default `per_second`, rounded up) within any
    `window` seconds, counted from when each send really left: an album's items go at once, and
    an album right after a notice would otherwise make one more than allowed within a second.

    It counts in this process only. That is enough for the default deployment (one process), and
    for several instances as long as each one's `per_second` times their number stays under
    Telegram's ~30 a second; two instances could rarely both write to one chat within a second,
    and Telegram then answers 429 with `retry_after`, which the sender waits out.
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
    ) -> None:
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

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait (`retry_after`): nothing goes out until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)
        self._window = min(self._window + WIDEN_AFTER_429, self._base_window * WIDEST)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._monotonic())

    async def acquire(self, chat_id: int, weight: int = 1, *, background: bool = False) -> bool:
        """Waits for a free slot to send to `chat_id` now; False (at once) while paused. `weight`
        is how many messages the send counts as overall (an album counts each item); a
        `background` send lets every other one waiting go first."""
        slot = await self.slot(chat_id, weight, background=background)
        return slot is not None

    async def slot(self, chat_id: int, weight: int = 1, *, background: bool = False) -> Slot | None:
        """Like `acquire`, for a send that does some work first: call `go()` on the slot right
        before the call. None while paused."""
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
            return Slot(entry, self._monotonic)

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
