"""dishka providers for support tickets: the repository, the notices and the use cases."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from coworking_bot.config import Settings
from coworking_bot.db.repositories.tickets import SqlTicketRepository
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.tickets.client import ClientTickets
from coworking_bot.services.tickets.desk import TicketDesk
from coworking_bot.services.tickets.notices import TicketNotices
from coworking_bot.services.tickets.ports import TicketRepository
from coworking_bot.services.tickets.timers import TicketTimers
from coworking_bot.services.users.ports import UserRepository


class TicketsProvider(Provider):
    scope = Scope.REQUEST

    tickets = provide(SqlTicketRepository, provides=TicketRepository)

    @provide
    def notices(
        self,
        notifier: Notifier,
        users: UserRepository,
        staff: StaffRepository,
        settings: Settings,
    ) -> TicketNotices:
        return TicketNotices(
            notifier,
            users,
            staff,
            owner_ids=settings.owner_ids,
            default_language=settings.default_language_enum,
        )

    client = provide(ClientTickets)
    desk = provide(TicketDesk)

    @provide
    def timers(
        self,
        tickets: TicketRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        notices: TicketNotices,
        settings: Settings,
    ) -> TicketTimers:
        return TicketTimers(
            tickets,
            users,
            uow,
            clock,
            notices,
            escalation_minutes=settings.ticket_escalation_minutes,
        )
