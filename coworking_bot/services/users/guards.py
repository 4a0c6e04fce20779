"""The check every client use case starts with: who is asking, registered and not banned."""

from __future__ import annotations

from coworking_bot.domain.errors import UserBanned, UserNotFound
from coworking_bot.domain.users import User
from coworking_bot.services.users.ports import UserRepository


async def active_user(users: UserRepository, telegram_id: int) -> User:
    """A user who finished registration and is not banned, read from the database now (a ban set
    by another process counts at once): or `UserNotFound`, or `UserBanned`."""
    user = await users.get_by_telegram_id(telegram_id, fresh=True)
    if user is None or not user.is_registered:
        raise UserNotFound()
    if user.is_banned:
        raise UserBanned()
    return user
