"""The DI container shared by the bot, the dialogs, the scheduler and the HTTP API: one provider
module per area in `providers/`."""

from __future__ import annotations

from aiogram import Bot
from dishka import AsyncContainer, Provider, make_async_container
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.i18n import Translations
from coworking_bot.main.providers.analytics import AnalyticsProvider
from coworking_bot.main.providers.booking import BookingProvider
from coworking_bot.main.providers.broadcasts import BroadcastsProvider
from coworking_bot.main.providers.catalog import CatalogProvider
from coworking_bot.main.providers.infrastructure import InfrastructureProvider
from coworking_bot.main.providers.payments import PaymentProvider
from coworking_bot.main.providers.staff import StaffProvider
from coworking_bot.main.providers.tickets import TicketsProvider
from coworking_bot.main.providers.users import UsersProvider


def create_container(
    settings: Settings,
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    translations: Translations,
    *extra: Provider,
) -> AsyncContainer:
    """`extra` providers override the defaults (tests swap the clock this way)."""
    return make_async_container(
        InfrastructureProvider(),
        UsersProvider(),
        StaffProvider(),
        CatalogProvider(),
        BookingProvider(),
        PaymentProvider(),
        TicketsProvider(),
        BroadcastsProvider(),
        AnalyticsProvider(),
        *extra,
        context={
            Settings: settings,
            Bot: bot,
            Translations: translations,
            async_sessionmaker[AsyncSession]: session_factory,
        },
    )
