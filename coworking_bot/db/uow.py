"""The unit of work over the request's session: transactions as blocks.

`async with uow.write():` starts a writer (SQLite: `BEGIN IMMEDIATE`, which takes this engine's
write turn), commits when the block ends, and rolls back when anything in it raises, a refusal
included. Either way the transaction (and the SQLite write turn, and PostgreSQL's row locks) is
over before the caller goes on to talk to Telegram or YooKassa.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.engine import begin_write
from coworking_bot.db.user_cache import UserCache


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession, user_cache: UserCache | None = None) -> None:
        self._session = session
        self._user_cache = user_cache
        self._writing = 0

    @asynccontextmanager
    async def write(self) -> AsyncIterator[None]:
        """One write transaction. A block inside another one joins it: the outer block decides."""
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        await begin_write(self._session)
        self._writing = 1
        try:
            yield
        except BaseException:
            self._writing = 0
            await self._end(commit=False)
            raise
        self._writing = 0
        await self._end(commit=True)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[None]:
        """Reads whose snapshot ends with the block, so none is kept open while the caller waits
        on the network. Inside a write block, the reads are simply part of it."""
        if self._writing:
            yield
            return
        try:
            yield
        finally:
            if self._session.in_transaction():
                await self._end(commit=False)

    async def _end(self, *, commit: bool) -> None:
        try:
            if commit:
                try:
                    await self._session.commit()
                except BaseException:
                    await self._session.rollback()
                    raise
            else:
                await self._session.rollback()
        finally:
            if self._user_cache is not None:
                self._user_cache.transaction_ended(self._session)
