"""Users kept in memory, for the single-process SQLite deployment.

Every update reads its user. When this process is the only writer of the database, that read
can come from memory, provided no stale copy is ever kept:

- each telegram id has a generation, bumped whenever the user is written and again after the
  writing transaction ends (commit or rollback);
- a reader notes the generation before it queries and keeps its result only if the generation
  has not moved meanwhile, so a read that raced a write is used once and then forgotten.
"""

from __future__ import annotations

from collections import OrderedDict

from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.domain.users import User

_TOUCHED = "coworking_touched_users"


class UserCache:
    def __init__(self, max_size: int = 50_000) -> None:
        self._users: OrderedDict[int, User] = OrderedDict()
        self._generations: dict[int, int] = {}
        self._max_size = max_size

    def get(self, telegram_id: int) -> User | None:
        user = self._users.get(telegram_id)
        if user is not None:
            self._users.move_to_end(telegram_id)
        return user

    def generation(self, telegram_id: int) -> int:
        return self._generations.get(telegram_id, 0)

    def put(self, user: User, generation: int) -> None:
        if self.generation(user.telegram_id) != generation:
            return
        self._users[user.telegram_id] = user
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
