"""dishka providers for booking: repositories, availability, the booking service."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from coworking_bot.config import Settings
from coworking_bot.db.repositories.bookings import SqlBookingRepository
from coworking_bot.db.repositories.promos import SqlPromoRepository
from coworking_bot.db.repositories.waitlist import SqlWaitlistRepository
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.my_bookings import MyBookings
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import (
    BookingRepository,
    PromoRepository,
    WaitlistRepository,
)
from coworking_bot.services.booking.service import BookingPolicy, BookingService
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.users.ports import UserRepository


class BookingProvider(Provider):
    scope = Scope.REQUEST

    bookings = provide(SqlBookingRepository, provides=BookingRepository)
    promos = provide(SqlPromoRepository, provides=PromoRepository)
    waitlist = provide(SqlWaitlistRepository, provides=WaitlistRepository)

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> BookingPolicy:
        return BookingPolicy(
            tz=settings.tz,
            hold_minutes=settings.hold_minutes,
            cancel_free_hours=settings.cancel_free_hours,
            late_refund_percent=settings.cancel_late_refund_percent,
            online_payments=settings.payments_enabled,
        )

    availability = provide(AvailabilityService)

    @provide
    def notices(
        self,
        notifier: Notifier,
        users: UserRepository,
        staff: StaffRepository,
        bookings: BookingRepository,
        waitlist: WaitlistRepository,
        clock: Clock,
        settings: Settings,
    ) -> BookingNotices:
        return BookingNotices(
            notifier,
            users,
            staff,
            bookings,
            waitlist,
            clock,
            owner_ids=settings.owner_ids,
            default_language=settings.default_language_enum,
            tz=settings.tz,
            coworking_name=settings.coworking_name,
        )

    my_bookings = provide(MyBookings)

    booking = provide(BookingService)
