"""dishka providers for broadcasts: the repository, the author's notices, the use cases and the
timer. The copies themselves go out with the outbox sender (`outbox/broadcasts.py`)."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from coworking_bot.config import Settings
from coworking_bot.db.repositories.broadcasts import SqlBroadcastRepository
from coworking_bot.services.broadcasts.notices import BroadcastNotices
from coworking_bot.services.broadcasts.ports import BroadcastRepository
from coworking_bot.services.broadcasts.service import BroadcastService
from coworking_bot.services.broadcasts.timers import BroadcastTimers
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.users.ports import UserRepository


class BroadcastsProvider(Provider):
    scope = Scope.REQUEST

    broadcasts = provide(SqlBroadcastRepository, provides=BroadcastRepository)

    @provide
    def notices(
        self, notifier: Notifier, users: UserRepository, settings: Settings
    ) -> BroadcastNotices:
        return BroadcastNotices(notifier, users, default_language=settings.default_language_enum)

    service = provide(BroadcastService)
    timers = provide(BroadcastTimers)
