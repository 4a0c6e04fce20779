"""dishka providers for booking: repositories, the policy, availability and the use cases."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from coworking_bot.config import Settings
from coworking_bot.db.repositories.bookings import SqlBookingRepository
from coworking_bot.db.repositories.catalog import SqlCatalogReader
from coworking_bot.db.repositories.promos import SqlPromoRepository
from coworking_bot.db.repositories.waitlist import SqlWaitlistRepository
from coworking_bot.domain.reminders import ReminderRules
from coworking_bot.services.booking.availability import AvailabilityService
from coworking_bot.services.booking.changes import ChangeBooking
from coworking_bot.services.booking.create import CreateBooking
from coworking_bot.services.booking.decisions import DecideBooking
from coworking_bot.services.booking.desk import BookingDesk
from coworking_bot.services.booking.lifecycle import BookingLifecycle
from coworking_bot.services.booking.making import BookingMaker
from coworking_bot.services.booking.morning import MorningHour, MorningSchedule
from coworking_bot.services.booking.moving import BookingMover
from coworking_bot.services.booking.my_bookings import MyBookings
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import (
    BookingRepository,
    PromoRepository,
    WaitlistRepository,
)
from coworking_bot.services.booking.reminders import BookingReminders
from coworking_bot.services.booking.series import WeeklySeries
from coworking_bot.services.booking.staff_booking import StaffBooking
from coworking_bot.services.booking.staff_changes import StaffChanges
from coworking_bot.services.booking.timers import BookingTimers
from coworking_bot.services.booking.waitlist import Waitlist
from coworking_bot.services.common.notices import Notifier
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.promo.admin import PromoAdmin
from coworking_bot.services.promo.ports import ActiveTariffs, PromoCodes
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.users.ports import UserRepository


class BookingProvider(Provider):
    scope = Scope.REQUEST

    bookings = provide(SqlBookingRepository, provides=BookingRepository)
    promos = provide(SqlPromoRepository, provides=PromoRepository)
    promo_codes = provide(SqlPromoRepository, provides=PromoCodes)
    promo_tariffs = provide(SqlCatalogReader, provides=ActiveTariffs)
    waitlist = provide(SqlWaitlistRepository, provides=WaitlistRepository)

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> BookingPolicy:
        return BookingPolicy(
            tz=settings.tz,
            hold_minutes=settings.hold_minutes,
            payment_link_hold_minutes=settings.payment_link_hold_minutes,
            cancel_free_hours=settings.cancel_free_hours,
            late_refund_percent=settings.cancel_late_refund_percent,
            online_payments=settings.payments_enabled,
            max_waiting=settings.max_waiting_bookings,
            no_show_minutes=settings.no_show_minutes,
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
            coworking_name=settings.coworking_name,
        )

    my_bookings = provide(MyBookings)
    lifecycle = provide(BookingLifecycle)
    maker = provide(BookingMaker)
    create = provide(CreateBooking)
    series = provide(WeeklySeries)
    waitlist_service = provide(Waitlist)
    mover = provide(BookingMover)
    changes = provide(ChangeBooking)
    decisions = provide(DecideBooking)
    desk = provide(BookingDesk)
    staff_changes = provide(StaffChanges)
    staff_booking = provide(StaffBooking)
    timers = provide(BookingTimers)
    reminders = provide(BookingReminders)
    morning = provide(MorningSchedule)

    @provide(scope=Scope.APP)
    def reminder_rules(self, settings: Settings) -> ReminderRules:
        return ReminderRules(
            day_before=settings.reminder_day_before,
            hour_before=settings.reminder_hour_before,
            renewal_days=settings.renewal_reminder_days,
        )

    @provide(scope=Scope.APP)
    def morning_hour(self, settings: Settings) -> MorningHour:
        return MorningHour(settings.morning_schedule_hour)

    promo_admin = provide(PromoAdmin)
