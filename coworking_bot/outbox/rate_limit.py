"""Telegram's sending limits, kept by one process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Spaces out sends: at most `per_second` overall and one per `chat_interval` to a chat.

    It counts in this process only. That is enough for the default deployment (one process), and
    for several instances as long as each one's `per_second` times their number stays under
    Telegram's ~30 a second; two instances could rarely both write to one chat within a second,
    and Telegram then answers 429 with `retry_after`, which the sender waits out.
    `monotonic` and `sleep` are injectable so tests run on virtual time.
    """

    def __init__(
        self,
        per_second: float = 25.0,
        chat_interval: float = 1.0,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._spacing = 1.0 / per_second
        self._chat_interval = chat_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._next_any = 0.0
        self._next_by_chat: dict[int, float] = {}
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Telegram asked us to wait (`retry_after`): nothing goes out until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._monotonic())

    async def acquire(self, chat_id: int, weight: int = 1) -> bool:
        """Waits for a free slot to send to `chat_id`; False (at once) while paused. `weight` is
        how many messages the send counts as overall (an album counts each item)."""
        while True:
            now = self._monotonic()
            if now < self._paused_until:
                return False
            wait = max(self._next_any, self._next_by_chat.get(chat_id, 0.0)) - now
            if wait <= 0:
                self._next_any = now + self._spacing * max(weight, 1)
                self._next_by_chat[chat_id] = now + self._chat_interval
                self._forget_idle_chats(now)
                return True
            await self._sleep(wait)

    def _forget_idle_chats(self, now: float) -> None:
        if len(self._next_by_chat) > 10_000:
            self._next_by_chat = {c: t for c, t in self._next_by_chat.items() if t > now}
