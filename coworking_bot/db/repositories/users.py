"""Repositories over one session. They flush when they need ids; they never commit."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import (
    ReferralRow,
    UserRow,
)
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.enums import Language
from coworking_bot.domain.users import User
from coworking_bot.services.users.ports import UserChanges


def user_from_row(row: UserRow) -> User:
    return User(
        id=row.id,
        telegram_id=row.telegram_id,
        username=row.username,
        full_name=row.full_name,
        phone=row.phone,
        email=row.email,
        language=row.language,
        referral_code=row.referral_code,
        referrer_id=row.referrer_id,
        consent_at=row.consent_at,
        registered_at=row.registered_at,
        is_banned=row.is_banned,
        bot_blocked=row.bot_blocked,
        created_at=row.created_at,
        news_enabled=row.news_enabled,
        morning_schedule=row.morning_schedule,
    )


_USER_COLUMNS = [UserRow.__table__.c[name] for name in User.__dataclass_fields__]


class SqlUserRepository:
    def __init__(self, session: AsyncSession, cache: UserCache | None = None) -> None:
        self._session = session
        self._cache = cache

    async def get_by_telegram_id(self, telegram_id: int, *, fresh: bool = False) -> User | None:
        # Every update reads its user: from memory when this process owns the database, else a
        # plain Core row, which skips the ORM's identity-map work.
        generation = 0
        if self._cache is not None:
            if not fresh and (cached := self._cache.get(telegram_id)) is not None:
                return cached
            generation = self._cache.generation(telegram_id)
        row = (
            await self._session.execute(
                select(*_USER_COLUMNS).where(UserRow.telegram_id == telegram_id)
            )
        ).first()
        user = User(**row._mapping) if row else None
        if user is not None and self._cache is not None:
            self._cache.put(user, generation)
        return user

    async def lock(self, user_id: int) -> None:
        """PostgreSQL: a row lock on the user. SQLite needs none: its writers take turns."""
        if self._session.bind is not None and self._session.bind.dialect.name != "sqlite":
            await self._session.execute(
                select(UserRow.id).where(UserRow.id == user_id).with_for_update()
            )

    async def get(self, user_id: int) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return user_from_row(row) if row else None

    async def get_by_referral_code(self, code: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.referral_code == code))
        return user_from_row(row) if row else None

    async def referral_code_taken(self, code: str) -> bool:
        found = await self._session.scalar(
            select(UserRow.id).where(UserRow.referral_code == code).limit(1)
        )
        return found is not None

    async def add(
        self,
        *,
        telegram_id: int,
        username: str | None,
        language: Language,
        referral_code: str,
        referrer_id: int | None,
    ) -> User:
        row = UserRow(
            telegram_id=telegram_id,
            username=username,
            language=language,
            referral_code=referral_code,
            referrer_id=referrer_id,
        )
        self._session.add(row)
        await self._session.flush()
        self._written(telegram_id)
        return user_from_row(row)

    async def update(self, user_id: int, changes: UserChanges) -> User:
        row = await self._session.get(UserRow, user_id)
        if row is None:
            raise LookupError(user_id)
        for name, value in changes.items():
            setattr(row, name, value)
        await self._session.flush()
        self._written(row.telegram_id)
        return user_from_row(row)

    def _written(self, telegram_id: int) -> None:
        if self._cache is not None:
            self._cache.written(self._session, telegram_id)


class SqlReferralRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, referrer_id: int, invited_id: int) -> bool:
        exists = await self._session.scalar(
            select(ReferralRow.id).where(ReferralRow.invited_id == invited_id)
        )
        if exists is not None:
            return False
        try:
            async with self._session.begin_nested():
                self._session.add(ReferralRow(referrer_id=referrer_id, invited_id=invited_id))
        except IntegrityError:
            return False
        return True

    async def count_for(self, referrer_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(ReferralRow)
            .where(ReferralRow.referrer_id == referrer_id)
        )
        return int(count or 0)
