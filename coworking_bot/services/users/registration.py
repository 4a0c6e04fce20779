"""Arriving and registering: /start, consent, name, phone, e-mail, and the referral bonus."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import NotRegistered, UserNotFound
from coworking_bot.domain.users import (
    User,
    new_referral_code,
    normalize_email,
    normalize_name,
    normalize_phone,
    referral_code_from_payload,
)
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.users.ports import ReferralRepository, UserChanges, UserRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TelegramProfile:
    """What Telegram tells us about someone who writes to the bot."""

    telegram_id: int
    username: str | None
    language_code: str | None


class RegistrationStep:
    CONSENT = "consent"
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    DONE = "done"


def next_step(user: User) -> str:
    """Where an unfinished registration resumes."""
    if user.is_registered:
        return RegistrationStep.DONE
    if user.consent_at is None:
        return RegistrationStep.CONSENT
    if not user.full_name:
        return RegistrationStep.NAME
    if not user.phone:
        return RegistrationStep.PHONE
    return RegistrationStep.EMAIL


class RegistrationService:
    def __init__(
        self,
        users: UserRepository,
        referrals: ReferralRepository,
        uow: UnitOfWork,
        clock: Clock,
        notifier: Notifier,
        default_language: Language,
    ) -> None:
        self._users = users
        self._referrals = referrals
        self._uow = uow
        self._clock = clock
        self._notifier = notifier
        self._default_language = default_language

    async def arrive(
        self, profile: TelegramProfile, payload: str | None = None, known: User | None = None
    ) -> User:
        """Find or create the user behind a /start. A referral payload only counts for new users.

        `known` is the user as this update already read them, which saves reading them again.
        """
        if known is not None and known.telegram_id == profile.telegram_id:
            user: User | None = known
        else:
            user = await self._users.get_by_telegram_id(profile.telegram_id)
        if user is not None:
            if user.username != profile.username:
                async with self._uow.write():
                    user = await self._users.update(user.id, {"username": profile.username})
            return user

        async with self._uow.write():
            user = await self._users.get_by_telegram_id(profile.telegram_id)
            if user is not None:  # a concurrent /start created it meanwhile
                return user
            referrer = None
            code = referral_code_from_payload(payload)
            if code is not None:
                referrer = await self._users.get_by_referral_code(code)
                if referrer is not None and referrer.telegram_id == profile.telegram_id:
                    referrer = None
            return await self._users.add(
                telegram_id=profile.telegram_id,
                username=profile.username,
                language=Language.pick(profile.language_code, self._default_language),
                referral_code=await self._unique_referral_code(),
                referrer_id=referrer.id if referrer else None,
            )

    async def accept_consent(self, telegram_id: int) -> User:
        return await self._change(telegram_id, {"consent_at": self._clock.now()})

    async def set_name(self, telegram_id: int, raw: str | None) -> User:
        return await self._change(telegram_id, {"full_name": normalize_name(raw)})

    async def set_phone(self, telegram_id: int, raw: str | None) -> User:
        return await self._change(telegram_id, {"phone": normalize_phone(raw)})

    async def finish(self, telegram_id: int, email: str | None) -> User:
        """Complete registration (with an optional e-mail) and credit the referrer once."""
        changes: UserChanges = {}
        if email is not None:
            changes["email"] = normalize_email(email)
        async with self._uow.write():
            user = await self._require(telegram_id)
            if user.is_registered:
                return await self._users.update(user.id, changes) if changes else user
            if user.consent_at is None or not user.full_name or not user.phone:
                raise NotRegistered()
            changes["registered_at"] = self._clock.now()
            user = await self._users.update(user.id, changes)
            referrer = None
            if user.referrer_id is not None and user.referrer_id != user.id:
                referrer = await self._users.get(user.referrer_id)
                if referrer is not None and not await self._referrals.add(
                    referrer_id=referrer.id, invited_id=user.id
                ):
                    referrer = None
            if referrer is not None:
                await self._notifier.notify(
                    referrer.telegram_id,
                    referrer.language,
                    "referral-joined",
                    {"name": user.full_name or ""},
                )
            return user

    async def _change(self, telegram_id: int, changes: UserChanges) -> User:
        async with self._uow.write():
            user = await self._require(telegram_id)
            return await self._users.update(user.id, changes)

    async def _require(self, telegram_id: int) -> User:
        user = await self._users.get_by_telegram_id(telegram_id)
        if user is None:
            raise UserNotFound()
        return user

    async def _unique_referral_code(self) -> str:
        while True:
            code = new_referral_code()
            if not await self._users.referral_code_taken(code):
                return code
