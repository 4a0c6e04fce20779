"""The bookings desk: what staff with MANAGE_BOOKINGS read there. Requests waiting for them,
oldest first, the schedule of a day, both paged in the database, and the card of one booking with
its money. Deciding is `DecideBooking`'s; cancelling and check-in are `StaffChanges`'."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coworking_bot.domain.audit import AuditEntry
from coworking_bot.domain.booking import LIVE_STATUSES, Booking, BookingNotFound, BookingStatus
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied, UserNotFound
from coworking_bot.domain.payments import PaymentState, RefundState
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.my_bookings import BookingView
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.payments.on_site import amount_due
from coworking_bot.services.payments.ports import PaymentRepository
from coworking_bot.services.staff.ports import AuditReader
from coworking_bot.services.users.ports import UserRepository

Fetch = Callable[
    [int, int], Awaitable[tuple[list[Booking], int]]
]  # (offset, limit) -> (page, total)
PAGE_SIZE = 6
DAY_PAGE_SIZE = 8
HISTORY_SIZE = 5  # the card's last staff actions on the booking


@dataclass(frozen=True, slots=True)
class DeskItem:
    booking: Booking
    client: User | None
    tariff: Tariff
    space: Space

    @property
    def view(self) -> BookingView:
        return BookingView(self.booking, self.tariff, self.space)


@dataclass(frozen=True, slots=True)
class DeskPage:
    items: Sequence[DeskItem]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class DeskCard:
    item: DeskItem
    paid: int  # kopecks received online
    refunded: int  # kopecks given back or on their way back
    history: Sequence[AuditEntry] = ()  # what staff did to it, oldest first
    paid_on_site: int = 0  # kopecks staff took at the desk
    due: int = 0  # kopecks still to pay, for a booking money may still be taken for


class BookingDesk:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        payments: PaymentRepository,
        uow: UnitOfWork,
        policy: BookingPolicy,
        audit: AuditReader,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._payments = payments
        self._uow = uow
        self._policy = policy
        self._audit = audit

    async def requests(self, actor: Actor, *, page: int) -> DeskPage:
        _require(actor)

        async def fetch(offset: int, limit: int) -> tuple[list[Booking], int]:
            return await self._bookings.waiting_for_staff(offset=offset, limit=limit)

        return await self._page(fetch, page, PAGE_SIZE)

    async def day(self, actor: Actor, day: date, *, page: int) -> DeskPage:
        """Everything booked on `day` (the coworking's calendar day), by space and time."""
        _require(actor)
        tz = self._policy.tz
        start = datetime.combine(day, time(), tz)
        end = datetime.combine(day + timedelta(days=1), time(), tz)

        async def fetch(offset: int, limit: int) -> tuple[list[Booking], int]:
            return await self._bookings.on_day(start, end, offset=offset, limit=limit)

        return await self._page(fetch, page, DAY_PAGE_SIZE)

    async def of_client(self, actor: Actor, user_id: int, *, page: int) -> DeskPage:
        """One client's bookings, the latest first (a staff view: every status)."""
        _require(actor)

        async def fetch(offset: int, limit: int) -> tuple[list[Booking], int]:
            if await self._users.get(user_id) is None:
                raise UserNotFound()
            return await self._bookings.of_user(user_id, offset=offset, limit=limit)

        return await self._page(fetch, page, DAY_PAGE_SIZE)

    async def with_status(self, actor: Actor, status: BookingStatus, *, page: int) -> DeskPage:
        """Bookings in one status: live ones the soonest first, the others the latest first."""
        _require(actor)
        newest_first = status not in LIVE_STATUSES

        async def fetch(offset: int, limit: int) -> tuple[list[Booking], int]:
            return await self._bookings.with_status(
                status, newest_first=newest_first, offset=offset, limit=limit
            )

        return await self._page(fetch, page, DAY_PAGE_SIZE)

    async def _page(self, fetch: Fetch, page: int, size: int) -> DeskPage:
        """One page of a list, paged in the database; past the end (bookings decided or gone
        meanwhile), the last page there is."""
        page = max(page, 0)
        async with self._uow.read():
            found, total = await fetch(page * size, size)
            pages = max(1, -(-total // size))
            if page >= pages:
                page = pages - 1
                found, total = await fetch(page * size, size)
            items = [await self._item(booking) for booking in found]
        return DeskPage(items, page, pages, total)

    async def count_requests(self, actor: Actor) -> int:
        _require(actor)
        async with self._uow.read():
            return (await self._bookings.waiting_for_staff(offset=0, limit=0))[1]

    async def card(self, actor: Actor, booking_id: int) -> DeskCard:
        _require(actor)
        async with self._uow.read():
            booking = await self._bookings.get(booking_id)
            if booking is None:
                raise BookingNotFound()
            item = await self._item(booking)
            taken = [
                payment
                for payment in await self._payments.payments_of(booking.id)
                if payment.state is PaymentState.SUCCEEDED
            ]
            online = sum(payment.amount for payment in taken if not payment.method.on_site)
            on_site = sum(payment.amount for payment in taken if payment.method.on_site)
            refunded = sum(
                refund.amount
                for refund in await self._payments.refunds_of(booking.id)
                if refund.state is not RefundState.CANCELED
            )
            history = await self._audit.about("booking", str(booking.id), HISTORY_SIZE)
        due = amount_due(booking, online + on_site - refunded)
        return DeskCard(item, online, refunded, history, paid_on_site=on_site, due=due)

    async def _item(self, booking: Booking) -> DeskItem:
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        if found is None:
            raise BookingNotFound()
        tariff, space = found
        return DeskItem(booking, await self._users.get(booking.user_id), tariff, space)


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_BOOKINGS):
        raise PermissionDenied()
