"""The day's schedule, every morning, to the staff who manage bookings and asked for it (a switch
in their admin menu): what is booked today, per space and time, with a button to the schedule in
the desk. Sent once a day per person (the outbox's dedupe key), whichever instance ticks first,
from `MORNING_SCHEDULE_HOUR` and for a few hours after it (not at night, after a long outage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.enums import Language, Permission, TariffUnit
from coworking_bot.domain.errors import NotRegistered, PermissionDenied
from coworking_bot.domain.users import Actor, User
from coworking_bot.i18n import Translations
from coworking_bot.i18n.formats import format_time
from coworking_bot.services.booking.notices import BookingNotices
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.notices import Button, NoticeAction, Notifier, Period
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.users.ports import UserRepository

SEND_WITHIN = timedelta(hours=4)  # after the hour; later, the day's schedule is news to nobody
LINES = 25  # bookings listed; the rest are counted, and the button opens them all
_MARKS = {BookingStatus.HELD: "💳", BookingStatus.PENDING: "⏳", BookingStatus.CONFIRMED: "✅"}


@dataclass(frozen=True, slots=True)
class MorningHour:
    hour: int = 8


class MorningSchedule:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        morning: MorningHour,
        notices: BookingNotices,
        notifier: Notifier,
        translations: Translations,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._morning = morning
        self._notices = notices
        self._notifier = notifier
        self._translations = translations

    async def switch(self, actor: Actor, on: bool) -> bool:
        """Turn the morning schedule on or off for a member of staff who manages bookings;
        returns the new setting."""
        if not actor.can(Permission.MANAGE_BOOKINGS):
            raise PermissionDenied()
        async with self._uow.write():
            user = await self._users.get_by_telegram_id(actor.telegram_id, fresh=True)
            if user is None:
                raise NotRegistered()
            await self._users.update(user.id, {"morning_schedule": on})
        return on

    async def wanted(self, actor: Actor) -> bool:
        async with self._uow.read():
            user = await self._users.get_by_telegram_id(actor.telegram_id, fresh=True)
        return bool(user and user.morning_schedule)

    async def send_due(self) -> int:
        """Queue today's schedule for everyone who asked and has not had it; returns for how
        many it was queued now or before (the outbox drops a second one)."""
        tz = self._policy.tz
        now = self._clock.now()
        local = now.astimezone(tz)
        opens = datetime.combine(local.date(), time(self._morning.hour), tz)
        if not opens <= local < opens + SEND_WITHIN:
            return 0
        day = local.date()
        start = datetime.combine(day, time(), tz)
        end = start + timedelta(days=1)
        async with self._uow.write():
            recipients = []
            for telegram_id, language in await self._notices.booking_managers():
                user = await self._users.get_by_telegram_id(telegram_id, fresh=True)
                if user is not None and user.morning_schedule and not user.bot_blocked:
                    recipients.append((telegram_id, language))
            if not recipients:
                return 0
            found, total = await self._bookings.on_day(start, end, offset=0, limit=LINES)
            rows = []
            for booking in found:
                item = await self._bookings.tariff_with_space(booking.tariff_id)
                client = await self._users.get(booking.user_id)
                if item is None:
                    continue
                rows.append((booking, item[0], item[1], client))
            for telegram_id, language in recipients:
                all_day = self._translations(language).get("desk-all-day")
                lines = [
                    _line(booking, tariff, space, client, language, tz, all_day)
                    for booking, tariff, space, client in rows
                ]
                await self._notifier.notify(
                    telegram_id,
                    language,
                    "notice-morning-schedule" if total else "notice-morning-schedule-empty",
                    {
                        "day": Period(TariffUnit.DAY, start, end),
                        "total": total,
                        "lines": "\n".join(lines),
                        "more": max(total - len(lines), 0),
                    },
                    buttons=[[Button("btn-morning-schedule-open", NoticeAction.OPEN_SCHEDULE)]],
                    dedupe_key=f"morning:{day.isoformat()}:{telegram_id}",
                )
        return len(recipients)


def _line(
    booking: Booking,
    tariff: Tariff,
    space: Space,
    client: User | None,
    language: Language,
    tz: ZoneInfo,
    all_day: str,
) -> str:
    """`✅ 10:00–12:00 · Meeting room · Anna` (plain text: escaped when sent)."""
    if tariff.unit is TariffUnit.HOUR:
        when = f"{format_time(booking.starts_at, tz)}–{format_time(booking.ends_at, tz)}"
    else:
        when = all_day
    name = client.full_name if client is not None and client.full_name else "—"
    mark = _MARKS.get(booking.status, "☑️")
    return f"{mark} {when} · {space.title(language)} · {name}"
