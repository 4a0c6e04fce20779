"""The narrow interfaces the services depend on; `db/` and `adapters/` implement them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, Required, TypedDict

from coworking_bot.domain.catalog import SpaceTariffs
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import StaffMember, User


class UnitOfWork(Protocol):
    async def begin_write(self) -> None:
        """Start a transaction that will write (on SQLite: take the write lock now)."""

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware UTC."""
        ...


class UserChanges(TypedDict, total=False):
    username: str | None
    full_name: str
    phone: str
    email: str | None
    language: Language
    consent_at: datetime
    registered_at: datetime
    is_banned: bool
    bot_blocked: bool


class UserRepository(Protocol):
    async def get_by_telegram_id(self, telegram_id: int) -> User | None: ...

    async def get(self, user_id: int) -> User | None: ...

    async def get_by_referral_code(self, code: str) -> User | None: ...

    async def add(
        self,
        *,
        telegram_id: int,
        username: str | None,
        language: Language,
        referral_code: str,
        referrer_id: int | None,
    ) -> User: ...

    async def update(self, user_id: int, changes: UserChanges) -> User: ...

    async def referral_code_taken(self, code: str) -> bool: ...


class ReferralRepository(Protocol):
    async def add(self, *, referrer_id: int, invited_id: int) -> bool:
        """Record a referral; False when the invited user was already counted."""
        ...

    async def count_for(self, referrer_id: int) -> int: ...


class StaffRepository(Protocol):
    async def get(self, telegram_id: int) -> StaffMember | None: ...

    async def list(self) -> Sequence[StaffMember]: ...

    async def save(self, telegram_id: int, role: StaffRole, added_by: int) -> StaffMember: ...

    async def remove(self, telegram_id: int) -> bool: ...


class AuditLog(Protocol):
    async def record(
        self,
        *,
        actor_telegram_id: int | None,
        action: str,
        target_type: str,
        target_id: str | int | None,
        details: dict[str, Any] | None = None,
    ) -> None: ...


class CatalogReader(Protocol):
    async def active_tariffs(self) -> Sequence[SpaceTariffs]: ...


class MessageButton(TypedDict, total=False):
    """An inline button of a notice: its text is a locale key, rendered at send time."""

    key: Required[str]
    callback_data: str
    url: str


class MessageDocument(TypedDict):
    """A text file sent right after the notice (an .ics, a receipt)."""

    filename: str
    content: str


class Notifier(Protocol):
    """Queues a localized notice to a user, written in the current use case's transaction.

    Call it before the use case commits: the notice then exists exactly when the change does,
    and a sender delivers it later (DESIGN.md section 5). Params are plain text (the sender
    escapes them for HTML) and must be str, int or float: format dates and money before.
    `dedupe_key` makes the notice idempotent: a second notice with the same key is dropped.
    """

    async def notify(
        self,
        telegram_id: int,
        language: Language,
        key: str,
        *,
        buttons: Sequence[Sequence[MessageButton]] | None = None,
        document: MessageDocument | None = None,
        due_at: datetime | None = None,
        dedupe_key: str | None = None,
        **params: str | int | float,
    ) -> None: ...
