"""Users kept in memory, for the single-process SQLite deployment.

Every update reads its user. When this process is the only writer of the database, that read
can come from memory, provided no stale copy is ever kept:

- each telegram id has a generation, bumped whenever the user is written and again after the
  writing transaction ends (commit or rollback);
- a reader notes the generation before it queries and keeps its result only if the generation
  has not moved meanwhile, so a read that raced a write is used once and then forgotten;
- an entry lives `ttl` seconds at most, so a change made by another process (a ban set from a
  script or another instance) reaches every update within that time. Use cases that act for a
  user do not wait for it: they read the user from the database (`fresh=True`).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.domain.users import User

_TOUCHED = "coworking_touched_users"
TTL_SECONDS = 30.0


class UserCache:
    def __init__(
        self,
        max_size: int = 50_000,
        ttl: float = TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._users: OrderedDict[int, tuple[User, float]] = OrderedDict()
        self._generations: dict[int, int] = {}
        self._max_size = max_size
        self._ttl = ttl
        self._monotonic = monotonic

    def get(self, telegram_id: int) -> User | None:
        entry = self._users.get(telegram_id)
        if entry is None:
            return None
        user, expires = entry
        if self._monotonic() >= expires:
            del self._users[telegram_id]
            return None
        self._users.move_to_end(telegram_id)
        return user

    def generation(self, telegram_id: int) -> int:
        return self._generations.get(telegram_id, 0)

    def put(self, user: User, generation: int) -> None:
        if self.generation(user.telegram_id) != generation:
            return
        self._users[user.telegram_id] = (user, self._monotonic() + self._ttl)
        self._users.move_to_end(user.telegram_id)
        while len(self._users) > self._max_size:
            self._users.popitem(last=False)

    def invalidate(self, telegram_id: int) -> None:
        self._generations[telegram_id] = self.generation(telegram_id) + 1
        self._users.pop(telegram_id, None)

    def written(self, session: AsyncSession, telegram_id: int) -> None:
        """A user row changed in `session`: forget it now, and again when the session's
        transaction ends (see `transaction_ended`)."""
        self.invalidate(telegram_id)
        session.info.setdefault(_TOUCHED, set()).add(telegram_id)

    def transaction_ended(self, session: AsyncSession) -> None:
        for telegram_id in session.info.pop(_TOUCHED, ()):
            self.invalidate(telegram_id)
