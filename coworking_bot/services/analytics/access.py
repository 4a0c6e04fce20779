"""Who is looking at the dashboard: a staff member, read from the database on every request, so
a ban, a role taken away or a role given counts at once."""

from __future__ import annotations

from dataclasses import dataclass

from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied, UserBanned
from coworking_bot.domain.permissions import permissions_of
from coworking_bot.domain.users import Actor
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.staff.service import StaffService
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class Viewer:
    """A staff member of any role; `name` is theirs in the bot, if they registered there."""

    actor: Actor
    name: str | None

    @property
    def telegram_id(self) -> int:
        return self.actor.telegram_id

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.actor.role)


def require_analytics(viewer: Viewer) -> None:
    """Every figure and export is for staff who may view analytics (owners and admins)."""
    if not viewer.actor.can(Permission.VIEW_ANALYTICS):
        raise PermissionDenied()


class DashboardAccess:
    def __init__(self, staff: StaffService, users: UserRepository, uow: UnitOfWork) -> None:
        self._staff = staff
        self._users = users
        self._uow = uow

    async def viewer(self, telegram_id: int) -> Viewer:
        """The staff member behind a verified Telegram id. A banned user is refused
        (`UserBanned`) whatever their role, as everywhere in the bot; someone who is not staff
        gets `PermissionDenied`."""
        async with self._uow.read():
            user = await self._users.get_by_telegram_id(telegram_id, fresh=True)
            if user is not None and user.is_banned:
                raise UserBanned()
            actor = await self._staff.actor(telegram_id)
        if not actor.is_staff:
            raise PermissionDenied()
        return Viewer(actor, user.full_name if user else None)
