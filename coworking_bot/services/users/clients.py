"""Clients as staff with MANAGE_USERS see them: search, the card, ban and unban with a reason,
a private staff note, and a message written to the client. Every change is audited; the client
hears about a ban and an unban once, in their language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coworking_bot.domain.booking import REASON_MAX_LENGTH
from coworking_bot.domain.enums import Permission, StaffRole
from coworking_bot.domain.errors import (
    CannotBanStaff,
    PermissionDenied,
    UserNotFound,
)
from coworking_bot.domain.users import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Actor,
    User,
    client_query,
    staff_text,
)
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import AuditLog, StaffRepository
from coworking_bot.services.users.ports import ClientDirectory, ClientFacts, UserRepository

PAGE_SIZE = 6


@dataclass(frozen=True, slots=True)
class ClientPage:
    items: Sequence[User]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class ClientCard:
    facts: ClientFacts
    staff_role: StaffRole | None  # the client is also on the staff

    @property
    def user(self) -> User:
        return self.facts.user


class ClientDesk:
    def __init__(
        self,
        users: UserRepository,
        directory: ClientDirectory,
        staff: StaffRepository,
        audit: AuditLog,
        notifier: Notifier,
        uow: UnitOfWork,
        clock: Clock,
        owner_ids: frozenset[int],
    ) -> None:
        self._users = users
        self._directory = directory
        self._staff = staff
        self._audit = audit
        self._notifier = notifier
        self._uow = uow
        self._clock = clock
        self._owner_ids = owner_ids

    async def search(self, actor: Actor, raw: str | None, *, page: int = 0) -> ClientPage:
        """Clients by a part of the name, @username, a phone number or a Telegram id; a query
        that is too short or too long is refused with `InvalidSearch`."""
        _require(actor)
        return await self._search(raw, page)

    async def search_for_bookings(
        self, actor: Actor, raw: str | None, *, page: int = 0
    ) -> ClientPage:
        """The same search from the bookings desk, to find a client's bookings: for whoever
        manages bookings."""
        if not actor.can(Permission.MANAGE_BOOKINGS):
            raise PermissionDenied()
        return await self._search(raw, page)

    async def _search(self, raw: str | None, page: int) -> ClientPage:
        query = client_query(raw)
        page = max(page, 0)
        async with self._uow.read():
            users, total = await self._directory.search(
                query, offset=page * PAGE_SIZE, limit=PAGE_SIZE
            )
            pages = max(1, -(-total // PAGE_SIZE))
            if page >= pages:
                page = pages - 1
                users, total = await self._directory.search(
                    query, offset=page * PAGE_SIZE, limit=PAGE_SIZE
                )
        return ClientPage(users, page, pages, total)

    async def card(self, actor: Actor, user_id: int) -> ClientCard:
        _require(actor)
        async with self._uow.read():
            return await self._card(user_id)

    async def ban(self, actor: Actor, user_id: int, raw_reason: str | None) -> ClientCard:
        """Ban a client with a reason they are told once. A client banned already stays as they
        are (nobody is told twice). Staff and owners are not banned from here."""
        _require(actor)
        reason = " ".join(staff_text(raw_reason, REASON_MAX_LENGTH).split())  # one line
        async with self._uow.write():
            card = await self._card(user_id)
            if card.staff_role is not None:
                raise CannotBanStaff()
            if card.user.is_banned:
                return card
            await self._users.update(
                user_id,
                {
                    "is_banned": True,
                    "ban_reason": reason,
                    "banned_at": self._clock.now(),
                    "banned_by": actor.telegram_id,
                },
            )
            await self._record(
                actor, "user.ban", card.user, {"before": False, "after": True, "reason": reason}
            )
            await self._tell(card.user, "client-you-are-banned", reason=reason)
            return await self._card(user_id)

    async def unban(self, actor: Actor, user_id: int) -> ClientCard:
        _require(actor)
        async with self._uow.write():
            card = await self._card(user_id)
            if not card.user.is_banned:
                return card
            await self._users.update(
                user_id,
                {"is_banned": False, "ban_reason": None, "banned_at": None, "banned_by": None},
            )
            await self._record(
                actor,
                "user.unban",
                card.user,
                {"before": True, "after": False, "reason": card.facts.ban_reason},
            )
            await self._tell(card.user, "client-you-are-unbanned")
            return await self._card(user_id)

    async def set_note(self, actor: Actor, user_id: int, raw: str | None) -> ClientCard:
        """The private note about a client; `None` removes it."""
        _require(actor)
        note = None if raw is None else staff_text(raw, NOTE_MAX_LENGTH)
        async with self._uow.write():
            card = await self._card(user_id)
            if card.facts.staff_note == note:
                return card
            await self._users.update(user_id, {"staff_note": note})
            await self._record(
                actor, "user.note", card.user, {"before": card.facts.staff_note, "after": note}
            )
            return await self._card(user_id)

    async def write(self, actor: Actor, user_id: int, raw: str | None) -> str:
        """A message from the coworking to the client, through the outbox; returns the text as
        it was sent."""
        _require(actor)
        text = staff_text(raw, MESSAGE_MAX_LENGTH)
        async with self._uow.write():
            card = await self._card(user_id)
            await self._record(actor, "user.message", card.user, {"text": text})
            await self._tell(card.user, "client-message-from-staff", text=text)
        return text

    async def _card(self, user_id: int) -> ClientCard:
        try:
            facts = await self._directory.facts(user_id, self._clock.now())
        except LookupError:
            raise UserNotFound() from None
        telegram_id = facts.user.telegram_id
        if telegram_id in self._owner_ids:
            role: StaffRole | None = StaffRole.OWNER
        else:
            member = await self._staff.get(telegram_id)
            role = member.role if member else None
        return ClientCard(facts, role)

    async def _record(
        self, actor: Actor, action: str, user: User, details: dict[str, object]
    ) -> None:
        await self._audit.record(
            actor_telegram_id=actor.telegram_id,
            action=action,
            target_type="user",
            target_id=user.telegram_id,
            details={"name": user.full_name, **details},
        )

    async def _tell(self, user: User, key: str, **params: str) -> None:
        await self._notifier.notify(user.telegram_id, user.language, key, dict(params))


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_USERS):
        raise PermissionDenied()
