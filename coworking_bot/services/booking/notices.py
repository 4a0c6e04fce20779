"""What people are told when a booking changes: staff about bookings that wait for them (with
Confirm and Reject that work right in the alert, and every copy edited once one of them acts),
the client about their booking, and waiting users when a place frees up. Every notice goes
through the outbox, in the same transaction as the change."""

from __future__ import annotations

from collections.abc import Mapping

from coworking_bot.domain.availability import Interval
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Language, Permission
from coworking_bot.domain.ics import booking_event
from coworking_bot.domain.permissions import permissions_of
from coworking_bot.domain.users import User
from coworking_bot.services.booking.lookups import room_for
from coworking_bot.services.booking.ports import BookingRepository, WaitlistRepository
from coworking_bot.services.common.notices import (
    Button,
    Money,
    Names,
    NoticeAction,
    NoticeParam,
    Notifier,
    Period,
    TextFile,
    TimeOfDay,
)
from coworking_bot.services.common.ports import Clock
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.users.ports import UserRepository

_CLIENT_KEYS = {
    BookingStatus.CONFIRMED: "notice-booking-confirmed",
    BookingStatus.EXPIRED: "notice-booking-expired",
    BookingStatus.CANCELLED: "notice-booking-cancelled",
}


def request_topic(booking: Booking) -> str:
    """Every staff alert about a booking's request: they all show its latest state."""
    return f"booking:{booking.id}:request"


def names(item: Space | Tariff) -> Names:
    return Names(item.name, item.name_en)


def period(tariff: Tariff, booking: Booking) -> Period:
    return Period(tariff.unit, booking.starts_at, booking.ends_at)


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
        self._coworking_name = coworking_name

    async def awaits_staff(
        self, booking: Booking, client: User, tariff: Tariff, space: Space, *, paid: bool = True
    ) -> None:
        """Everyone who may confirm bookings gets the request with Confirm and Reject buttons.

        `paid` says what the client has done about the money: paid online, or pays on site.
        """
        buttons = self._decision_buttons(booking)
        for telegram_id, language in await self.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-booking-waits" if paid else "notice-staff-booking-waits-on-site",
                self._request_params(booking, client, tariff, space),
                buttons=buttons,
                dedupe_key=f"staff-waits:{booking.id}:{booking.revision}:{telegram_id}",
                topic=request_topic(booking),
            )

    async def request_moved(
        self,
        booking: Booking,
        client: User,
        tariff: Tariff,
        space: Space,
        *,
        was: Booking,
        paid: bool,
    ) -> None:
        """A request still waiting was moved: its alerts now show the new time, with buttons for
        it (no new message every time a client moves a request)."""
        await self._notifier.amend(
            request_topic(booking),
            "notice-staff-booking-moved" if paid else "notice-staff-booking-moved-on-site",
            {
                **self._request_params(booking, client, tariff, space),
                "was": period(tariff, was),
            },
            buttons=self._decision_buttons(booking),
        )

    async def request_closed(
        self,
        booking: Booking,
        key: str,
        extra: dict[str, NoticeParam] | None = None,
        *,
        skip_chat: int | None = None,
    ) -> None:
        """Every copy of the staff alert about `booking` (but `skip_chat`'s, which the tapper's
        own screen already shows) is edited to say what became of it; `key` takes the request's
        params and `extra`."""
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        client = await self._users.get(booking.user_id)
        if found is None or client is None:
            return
        tariff, space = found
        await self._notifier.amend(
            request_topic(booking),
            key,
            {**self._request_params(booking, client, tariff, space), **(extra or {})},
            skip_chat=skip_chat,
        )

    async def cancelled_by_client(self, booking: Booking, refund: int) -> None:
        """A client cancelled a confirmed booking: the people who manage bookings hear of it
        (the place is free again), with the money given back and a button to its card."""
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        client = await self._users.get(booking.user_id)
        if found is None or client is None:
            return
        tariff, space = found
        for telegram_id, language in await self.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-booking-cancelled",
                {**self._request_params(booking, client, tariff, space), "refund": Money(refund)},
                buttons=[[Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking.id,))]],
                dedupe_key=f"staff-cancelled:{booking.id}:{telegram_id}",
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
                self._booking_params(booking, tariff, space),
                dedupe_key=f"booking:{booking.id}:paid",
            )
            await self.awaits_staff(booking, client, tariff, space)
            return
        await self.status_changed(booking, new)
        for telegram_id, language in await self.booking_managers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-booking-paid",
                self._request_params(booking, client, tariff, space),
                buttons=[[Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking.id,))]],
                dedupe_key=f"staff-paid:{booking.id}:{telegram_id}",
            )

    async def status_changed(
        self,
        booking: Booking,
        new: BookingStatus,
        *,
        key: str | None = None,
        extra: Mapping[str, NoticeParam] | None = None,
    ) -> None:
        """The client hears about confirmation, expiry and cancellation of their booking (in the
        words of `key` when given, which may use the `extra` parameters)."""
        key = key or _CLIENT_KEYS.get(new)
        found = await self._bookings.tariff_with_space(booking.tariff_id)
        client = await self._users.get(booking.user_id)
        if key is None or found is None or client is None:
            return
        tariff, space = found
        attachment = None
        if new is BookingStatus.CONFIRMED:
            attachment = TextFile(
                f"booking-{booking.id}.ics", self.ics(booking, tariff, space, client.language)
            )
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            key,
            {**self._booking_params(booking, tariff, space), **(extra or {})},
            attachment=attachment,
            dedupe_key=f"booking:{booking.id}:{booking.revision}:{new.value}",
        )

    async def freed(self, space: Space, interval: Interval) -> None:
        """A place came free over `interval`: waiting users whose time now fits are told, first
        come first, each with a button that books it if it is still free when tapped."""
        now = self._clock.now()
        entries = await self._waitlist.waiting_for(space.id, interval.start, interval.end)
        if not entries:
            return
        for entry in entries:
            if entry.notified_at is not None or entry.starts_at <= now:
                continue
            wanted = Interval(entry.starts_at, entry.ends_at)
            if not await room_for(self._bookings, space, wanted):
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
                {
                    "space": names(space),
                    "tariff": names(tariff),
                    "period": Period(tariff.unit, entry.starts_at, entry.ends_at),
                },
                buttons=[
                    [Button("btn-waitlist-book", NoticeAction.BOOK_WAITLIST_OFFER, (entry.id,))]
                ],
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

    @staticmethod
    def _decision_buttons(booking: Booking) -> list[list[Button]]:
        """Confirm and Reject for the booking as it is now: a tap on a button of an older version
        of the request is refused."""
        args = (booking.id, booking.revision)
        return [
            [
                Button("btn-booking-confirm", NoticeAction.CONFIRM_BOOKING, args),
                Button("btn-booking-reject", NoticeAction.REJECT_BOOKING, args),
            ],
            [Button("btn-booking-open", NoticeAction.OPEN_BOOKING, (booking.id,))],
        ]

    @staticmethod
    def _booking_params(booking: Booking, tariff: Tariff, space: Space) -> dict[str, NoticeParam]:
        return {
            "booking_id": str(booking.id),
            "space": names(space),
            "tariff": names(tariff),
            "period": period(tariff, booking),
            "total": Money(booking.total),
        }

    def _request_params(
        self, booking: Booking, client: User, tariff: Tariff, space: Space
    ) -> dict[str, NoticeParam]:
        return {
            **self._booking_params(booking, tariff, space),
            "client": client.full_name or str(client.telegram_id),
            "phone": client.phone or "",
        }

    async def booked_by_staff(
        self, booking: Booking, client: User, tariff: Tariff, space: Space
    ) -> None:
        """The client hears that staff booked for them: a confirmed booking with its `.ics` and
        what is left to pay on site, or a held one with a Pay button that opens its payment."""
        params = self._booking_params(booking, tariff, space)
        dedupe_key = f"booking:{booking.id}:made-by-staff"
        if booking.status is BookingStatus.HELD and booking.hold_expires_at is not None:
            await self._notifier.notify(
                client.telegram_id,
                client.language,
                "notice-staff-booked-pay-link",
                {**params, "until": TimeOfDay(booking.hold_expires_at)},
                buttons=[[Button("btn-staff-booked-pay", NoticeAction.PAY_BOOKING, (booking.id,))]],
                dedupe_key=dedupe_key,
            )
            return
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            "notice-staff-booked-free" if booking.total == 0 else "notice-staff-booked-on-site",
            params,
            attachment=TextFile(
                f"booking-{booking.id}.ics", self.ics(booking, tariff, space, client.language)
            ),
            dedupe_key=dedupe_key,
        )
