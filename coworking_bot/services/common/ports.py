"""The narrow interfaces the services depend on; `db/` and `adapters/` implement them."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class UnitOfWork(Protocol):
    async def begin_write(self) -> None:
        """Start a transaction that will write (on SQLite: take the write lock now)."""

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...
