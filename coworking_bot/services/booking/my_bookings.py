"""What a client sees of their own bookings: pages, details, `.ics`. Read-only; the changes are
`ChangeBooking`'s."""

from __future__ import annotations

from dataclasses import dataclass

from coworking_bot.domain.booking import Booking, BookingNotFound
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Language
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.users.guards import active_user
from coworking_bot.services.users.ports import UserRepository


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking with what it is of, to show it."""

    booking: Booking
    tariff: Tariff
    space: Space


@dataclass(frozen=True, slots=True)
class BookingPage:
    items: list[BookingView]
    total: int
    page: int
    pages: int


class MyBookings:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        clock: Clock,
        notices: BookingNotices,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._clock = clock
        self._notices = notices

    async def page(self, actor: Actor, *, upcoming: bool, page: int, page_size: int) -> BookingPage:
        """The user's own bookings, upcoming (soonest first) or past (latest first), one page;
        a page past the end gives the last one."""
        user = await self._user(actor.telegram_id)
        now = self._clock.now()
        page = max(page, 0)
        bookings, total = await self._bookings.for_user(
            user.id, upcoming=upcoming, now=now, offset=page * page_size, limit=page_size
        )
        pages = max(1, -(-total // page_size))
        if page >= pages:  # the list shrank (a booking was cancelled or has ended)
            page = pages - 1
            bookings, total = await self._bookings.for_user(
                user.id, upcoming=upcoming, now=now, offset=page * page_size, limit=page_size
            )
        return BookingPage([await self._view(b) for b in bookings], total, page, pages)

    async def details(self, actor: Actor, booking_id: int) -> BookingView:
        """One of the user's own bookings, in any status."""
        user = await self._user(actor.telegram_id)
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.user_id != user.id:
            raise BookingNotFound()
        return await self._view(booking)

    async def ics(self, actor: Actor, booking_id: int, language: Language) -> str:
        """The user's own booking as an iCalendar file's text."""
        view = await self.details(actor, booking_id)
        return self._notices.ics(view.booking, view.tariff, view.space, language)

    async def _view(self, booking: Booking) -> BookingView:
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if found is None:
            raise BookingNotFound()
        return BookingView(booking, *found)

    async def _user(self, telegram_id: int) -> User:
        return await active_user(self._users, telegram_id)
