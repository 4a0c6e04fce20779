"""Staff (MANAGE_BOOKINGS) book for a registered client, found by phone, @username or Telegram id,
under every rule the client's own booking follows (`BookingMaker`). Paid on site, the booking is
confirmed at once; with a payment link it is held for the client, longer than a client's own
hold, and the client gets a notice with a Pay button. Either way the client is told, and the
booking is written to the audit log."""

from __future__ import annotations

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.pricing import Quote
from coworking_bot.domain.staff_booking import (
    ClientBannedFromBooking,
    ClientNotFound,
    ClientNotRegistered,
    StaffPayment,
    client_key,
)
from coworking_bot.domain.users import Actor, User
from coworking_bot.services.booking.lookups import bookable_tariff
from coworking_bot.services.booking.making import BookingMaker
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingRequest
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.ports import UnitOfWork
from coworking_bot.services.staff.ports import AuditLog
from coworking_bot.services.users.ports import ClientDirectory, UserRepository


class StaffBooking:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        directory: ClientDirectory,
        uow: UnitOfWork,
        maker: BookingMaker,
        notices: BookingNotices,
        audit: AuditLog,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._directory = directory
        self._uow = uow
        self._maker = maker
        self._notices = notices
        self._audit = audit

    async def find_client(self, actor: Actor, raw: str | None) -> User:
        """The client a phone number, an @username or a Telegram id names, who may book."""
        _require(actor)
        key = client_key(raw)
        async with self._uow.read():
            return _bookable(await self._directory.exact(key))

    async def client(self, actor: Actor, user_id: int) -> User:
        """The client with this user id, who may book (the client card knows the id)."""
        _require(actor)
        async with self._uow.read():
            return _bookable(await self._users.get(user_id))

    async def preview(self, actor: Actor, client_id: int, request: BookingRequest) -> Quote:
        """What the client would pay, their promo code checked, without booking anything."""
        _require(actor)
        async with self._uow.read():
            client = _bookable(await self._users.get(client_id))
            tariff, _ = await bookable_tariff(self._bookings, request.tariff_id)
            return await self._maker.price(client, tariff, request.units, request.promo_code)

    async def book(
        self, actor: Actor, client_id: int, request: BookingRequest, payment: StaffPayment
    ) -> Booking:
        """Book it for the client, or say why not. The same `request_key` again gives back the
        booking already made (a double tap), and nobody is told twice."""
        _require(actor)
        async with self._uow.write():
            client = _bookable(await self._users.get(client_id))
            tariff, space = await bookable_tariff(self._bookings, request.tariff_id)
            await self._maker.lock(client, space)
            client = _bookable(await self._users.get_by_telegram_id(client.telegram_id, fresh=True))
            if request.request_key:
                existing = await self._bookings.by_request_key(request.request_key)
                if existing is not None and existing.user_id == client.id:
                    return existing
            booking = await self._maker.make(client, tariff, space, request, by_staff=payment)
            await self._notices.booked_by_staff(booking, client, tariff, space)
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="booking.create_for_client",
                target_type="booking",
                target_id=booking.id,
                details={
                    "before": None,
                    "after": booking.status.value,
                    "client": client.telegram_id,
                    "name": client.full_name,
                    "payment": payment.value,
                    "total": booking.total,
                },
            )
            return booking


def _bookable(user: User | None) -> User:
    if user is None:
        raise ClientNotFound()
    if not user.is_registered:
        raise ClientNotRegistered()
    if user.is_banned:
        raise ClientBannedFromBooking()
    return user


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_BOOKINGS):
        raise PermissionDenied()
