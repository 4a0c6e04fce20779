"""What people are told when a booking changes: staff about bookings that wait for them, the
client about their booking, and waiting users when a place frees up. Every notice goes through
the outbox, in the same transaction as the change."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.availability import Interval, Occupancy, has_room
from coworking_bot.domain.booking import Booking, BookingStatus, describe_period
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Language, Permission
from coworking_bot.domain.ics import booking_event
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.permissions import permissions_of
from coworking_bot.domain.users import User
from coworking_bot.services.booking.ports import BookingRepository, WaitlistRepository
from coworking_bot.services.common.notices import MessageDocument, Notifier
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.users.ports import UserRepository

# Callback data of notice buttons; the bot's handlers parse these (64 bytes at most).
CONFIRM_PREFIX = "bk:ok:"
REJECT_PREFIX = "bk:no:"
WAITLIST_PREFIX = "wl:book:"

_CLIENT_KEYS = {
    BookingStatus.CONFIRMED: "notice-booking-confirmed",
    BookingStatus.EXPIRED: "notice-booking-expired",
    BookingStatus.CANCELLED: "notice-booking-cancelled",
}


class BookingNotices:
    def __init__(
        self,
        notifier: Notifier,
        users: UserRepository,
        staff: StaffRepository,
        bookings: BookingRepository,
        waitlist: WaitlistRepository,
        clock: Clock,
        owner_ids: frozenset[int],
        default_language: Language,
        tz: ZoneInfo,
        coworking_name: str,
    ) -> None:
        self._notifier = notifier
        self._users = users
        self._staff = staff
        self._bookings = bookings
        self._waitlist = waitlist
        self._clock = clock
        self._owner_ids = owner_ids
        self._default_language = default_language
        self._tz = tz
        self._coworking_name = coworking_name

    async def awaits_staff(
        self, booking: Booking, client: User, tariff: Tariff, space: Space, *, paid: bool = True
    ) -> None:
        """Everyone who may confirm bookings gets the request with confirm and reject buttons.

        `paid` says what the client has done about the money: paid online, or pays on site.
        """
        period = describe_period(tariff.unit, booking.interval, self._tz)
        for telegram_id, language in await self.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-booking-waits" if paid else "notice-staff-booking-waits-on-site",
                buttons=[
                    [
                        {
                            "key": "btn-booking-confirm",
                            "callback_data": f"{CONFIRM_PREFIX}{booking.id}",
                        },
                        {
                            "key": "btn-booking-reject",
                            "callback_data": f"{REJECT_PREFIX}{booking.id}",
                        },
                    ]
                ],
                dedupe_key=f"staff-waits:{booking.id}:{telegram_id}",
                booking_id=booking.id,
                client=client.full_name or str(client.telegram_id),
                phone=client.phone or "",
                space=space.title(language),
                tariff=tariff.title(language),
                period=period,
                total=format_rub(booking.total),
            )

    async def booking_managers(self) -> list[tuple[int, Language]]:
        """Owners and staff who may act on bookings, each with their language."""
        recipients = set(self._owner_ids)
        for member in await self._staff.list():
            if Permission.MANAGE_BOOKINGS in permissions_of(member.role):
                recipients.add(member.telegram_id)
        found: list[tuple[int, Language]] = []
        for telegram_id in sorted(recipients):
            user = await self._users.get_by_telegram_id(telegram_id)
            found.append((telegram_id, user.language if user else self._default_language))
        return found

    async def paid(self, booking: Booking, new: BookingStatus) -> None:
        """The money came in: the client hears the outcome (the `.ics` when confirmed), staff
        get the booking to confirm, or word that a paid booking is in."""
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        client = await self._users.get(booking.user_id)
        if found is None or client is None:
            return
        tariff, space = found
        if new is BookingStatus.PENDING:
            await self._notifier.notify(
                client.telegram_id,
                client.language,
                "notice-booking-paid-pending",
                dedupe_key=f"booking:{booking.id}:paid",
                booking_id=booking.id,
                space=space.title(client.language),
                tariff=tariff.title(client.language),
                period=describe_period(tariff.unit, booking.interval, self._tz),
                total=format_rub(booking.total),
            )
            await self.awaits_staff(booking, client, tariff, space)
            return
        await self.status_changed(booking, new)
        for telegram_id, language in await self.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-booking-paid",
                dedupe_key=f"staff-paid:{booking.id}:{telegram_id}",
                booking_id=booking.id,
                client=client.full_name or str(client.telegram_id),
                phone=client.phone or "",
                space=space.title(language),
                tariff=tariff.title(language),
                period=describe_period(tariff.unit, booking.interval, self._tz),
                total=format_rub(booking.total),
            )

    async def status_changed(self, booking: Booking, new: BookingStatus) -> None:
        """The client hears about confirmation, expiry and cancellation of their booking."""
        key = _CLIENT_KEYS.get(new)
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        client = await self._users.get(booking.user_id)
        if key is None or found is None or client is None:
            return
        tariff, space = found
        language = client.language
        document: MessageDocument | None = None
        if new is BookingStatus.CONFIRMED:
            document = MessageDocument(
                filename=f"booking-{booking.id}.ics",
                content=self.ics(booking, tariff, space, language),
            )
        await self._notifier.notify(
            client.telegram_id,
            language,
            key,
            document=document,
            dedupe_key=f"booking:{booking.id}:{new.value}",
            booking_id=booking.id,
            space=space.title(language),
            tariff=tariff.title(language),
            period=describe_period(tariff.unit, booking.interval, self._tz),
        )

    async def freed(self, space: Space, interval: Interval) -> None:
        """A place came free over `interval`: waiting users whose time now fits are told, first
        come first, each with a button that books it if it is still free when tapped."""
        now = self._clock.now()
        entries = await self._waitlist.waiting_for(space.id, interval.start, interval.end)
        if not entries:
            return
        buffer = timedelta(minutes=space.buffer_minutes)
        for entry in entries:
            if entry.notified_at is not None or entry.starts_at <= now:
                continue
            busy = await self._bookings.live_intervals(
                space.id, entry.starts_at - buffer, entry.ends_at + buffer
            )
            if not has_room(space, Occupancy(busy), entry.starts_at, entry.ends_at):
                continue
            user = await self._users.get(entry.user_id)
            found = await self._bookings.tariff_with_space(entry.tariff_id)
            if user is None or found is None:
                continue
            tariff = found[0]
            await self._notifier.notify(
                user.telegram_id,
                user.language,
                "notice-waitlist-free",
                buttons=[
                    [{"key": "btn-waitlist-book", "callback_data": f"{WAITLIST_PREFIX}{entry.id}"}]
                ],
                space=space.title(user.language),
                tariff=tariff.title(user.language),
                period=describe_period(
                    tariff.unit, Interval(entry.starts_at, entry.ends_at), self._tz
                ),
            )
            await self._waitlist.mark_notified(entry.id, now)

    def ics(self, booking: Booking, tariff: Tariff, space: Space, language: Language) -> str:
        return booking_event(
            uid=f"booking-{booking.id}@coworking-bot",
            title=f"{space.title(language)} · {tariff.title(language)}",
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            created_at=booking.created_at,
            location=self._coworking_name,
        )
