"""What the user use cases need from storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypedDict

from coworking_bot.domain.enums import Language
from coworking_bot.domain.staff_booking import ClientKey
from coworking_bot.domain.users import ClientQuery, User


class UserChanges(TypedDict, total=False):
    username: str | None
    full_name: str
    phone: str
    email: str | None
    language: Language
    consent_at: datetime
    registered_at: datetime
    is_banned: bool
    ban_reason: str | None
    banned_at: datetime | None
    banned_by: int | None
    staff_note: str | None
    bot_blocked: bool
    news_enabled: bool
    morning_schedule: bool


class UserRepository(Protocol):
    async def get_by_telegram_id(self, telegram_id: int, *, fresh: bool = False) -> User | None:
        """The user, possibly from a short-lived cache; `fresh` always reads the database."""
        ...

    async def lock(self, user_id: int) -> None:
        """Serialize the user's bookings until the transaction ends (per-user limits)."""
        ...

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


@dataclass(frozen=True, slots=True)
class ClientFacts:
    """What the client card shows staff, read in one go."""

    user: User
    ban_reason: str | None
    banned_at: datetime | None
    banned_by: int | None
    staff_note: str | None
    bookings: int  # ever made
    upcoming: int  # live and not over yet
    paid: int  # kopecks paid online
    refunded: int  # kopecks given back or on their way back
    referrals: int
    tickets: int = 0  # support tickets ever opened
    open_tickets: int = 0  # of them, not closed


class ClientDirectory(Protocol):
    async def search(
        self, query: ClientQuery, *, offset: int, limit: int
    ) -> tuple[list[User], int]: ...

    async def facts(self, user_id: int, now: datetime) -> ClientFacts:
        """Raises LookupError for an unknown id."""
        ...

    async def exact(self, key: ClientKey) -> User | None:
        """The one user `key` names (registered or not), or None."""
        ...
