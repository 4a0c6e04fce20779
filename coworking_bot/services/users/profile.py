"""A registered user's own profile: see it, change a field, switch language."""

from __future__ import annotations

from dataclasses import dataclass

from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import UserNotFound
from coworking_bot.domain.users import User, normalize_email, normalize_name, normalize_phone
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.users.ports import ReferralRepository, UserChanges, UserRepository


@dataclass(frozen=True, slots=True)
class Profile:
    user: User
    referrals: int


class ProfileService:
    def __init__(
        self, users: UserRepository, referrals: ReferralRepository, uow: UnitOfWork
    ) -> None:
        self._users = users
        self._referrals = referrals
        self._uow = uow

    async def get(self, telegram_id: int) -> User | None:
        return await self._users.get_by_telegram_id(telegram_id)

    async def profile(self, telegram_id: int) -> Profile:
        user = await self._users.get_by_telegram_id(telegram_id)
        if user is None:
            raise UserNotFound()
        return Profile(user=user, referrals=await self._referrals.count_for(user.id))

    async def change_name(self, telegram_id: int, raw: str | None) -> User:
        return await self._change(telegram_id, {"full_name": normalize_name(raw)})

    async def change_phone(self, telegram_id: int, raw: str | None) -> User:
        return await self._change(telegram_id, {"phone": normalize_phone(raw)})

    async def change_email(self, telegram_id: int, raw: str | None) -> User:
        """A blank value removes the e-mail; anything else must be a valid address."""
        email = normalize_email(raw) if raw is not None and raw.strip() else None
        return await self._change(telegram_id, {"email": email})

    async def mark_reachable(self, telegram_id: int) -> User:
        """The user wrote to the bot, so it is no longer blocked for them."""
        return await self._change(telegram_id, {"bot_blocked": False})

    async def switch_news(self, telegram_id: int, enabled: bool) -> User:
        """Broadcasts ("news") reach the client, or no longer do; bookings' own messages always
        do."""
        return await self._change(telegram_id, {"news_enabled": enabled})

    async def change_language(self, telegram_id: int, language: Language) -> User:
        return await self._change(telegram_id, {"language": language})

    async def _change(self, telegram_id: int, changes: UserChanges) -> User:
        async with self._uow.write():
            user = await self._users.get_by_telegram_id(telegram_id, fresh=True)
            if user is None:
                raise UserNotFound()
            return await self._users.update(user.id, changes)
