"""Who is staff, kept in memory for deciding whether to show staff buttons.

Every update of every client renders a menu that asks "is this person staff?"; asking the
database each time costs more than the rest of the menu. The roster is refreshed at most every
`ttl` seconds, and at once after a change made in this process. Permission checks never use it:
they ask `StaffService.actor`, which reads the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from coworking_bot.services.staff.ports import StaffRepository

ROSTER_TTL_SECONDS = 30.0


class StaffRoster:
    def __init__(
        self,
        owner_ids: frozenset[int],
        ttl: float = ROSTER_TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._owner_ids = owner_ids
        self._ttl = ttl
        self._monotonic = monotonic
        self._members: frozenset[int] = frozenset()
        self._expires = float("-inf")

    def invalidate(self) -> None:
        self._expires = float("-inf")

    async def contains(self, telegram_id: int, staff: StaffRepository) -> bool:
        if telegram_id in self._owner_ids:
            return True
        if self._monotonic() >= self._expires:
            self._members = frozenset(member.telegram_id for member in await staff.list())
            self._expires = self._monotonic() + self._ttl
        return telegram_id in self._members
