"""What every area's use cases depend on: transactions and the clock."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from coworking_bot.domain.enums import Language, TariffUnit


class UnitOfWork(Protocol):
    def write(self) -> AbstractAsyncContextManager[None]:
        """A write transaction as a block: committed when the block ends, rolled back when
        anything in it raises (a refusal included). On SQLite it takes the write turn up front.
        A block opened inside another one joins it."""
        ...

    def read(self) -> AbstractAsyncContextManager[None]:
        """Reads whose snapshot ends with the block: call the network after it, not inside."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...


class PeriodText(Protocol):
    """A booked period as the bot writes it in `language` (for texts that leave the bot, such as
    a receipt's line)."""

    def __call__(
        self, language: Language, unit: TariffUnit, start: datetime, end: datetime
    ) -> str: ...
