"""The unit of work over the request's session: transactions as blocks."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.engine import begin_write
from coworking_bot.db.user_cache import UserCache


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession, user_cache: UserCache | None = None) -> None:
        self._session = session
        self._user_cache = user_cache

    async def begin_write(self) -> None:
        await begin_write(self._session)

    async def commit(self) -> None:
        try:
            await self._session.commit()
        finally:
            self._transaction_ended()

    async def rollback(self) -> None:
        try:
            await self._session.rollback()
        finally:
            self._transaction_ended()

    def _transaction_ended(self) -> None:
        if self._user_cache is not None:
            self._user_cache.transaction_ended(self._session)
