"""Reminders of bookings (`coworking_bot.domain.reminders` says when): a day and an hour before a
confirmed booking starts, with buttons to see, move or cancel it, and for a monthly tariff an
offer to extend it some days before its period ends.

Each reminder is claimed on the booking's row for the time the booking has (a conditional update
in the transaction that queues the notice), so a second instance, a retry or a restart never
sends one twice; a move clears them for the new time, and a cancelled booking is no longer
confirmed, so it gets none."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from coworking_bot.domain.booking import Booking
from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.reminders import (
    DAY_LEAD,
    ReminderKind,
    ReminderRules,
    Verdict,
    before_start,
    effective_start,
    renewal,
)
from coworking_bot.services.booking.notices import names, period
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.booking.ports import BookingRepository
from coworking_bot.services.common.notices import Button, NoticeAction, Notifier, TimeOfDay
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.users.ports import UserRepository

log = logging.getLogger(__name__)

_KEYS = {
    ReminderKind.DAY: "notice-reminder-day",
    ReminderKind.HOUR: "notice-reminder-hour",
    ReminderKind.RENEWAL: "notice-reminder-renewal",
}


@dataclass(frozen=True, slots=True)
class ReminderReport:
    sent: int = 0
    skipped: int = 0  # switched off, or their moment gone: noted, never sent


class BookingReminders:
    def __init__(
        self,
        bookings: BookingRepository,
        users: UserRepository,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
        rules: ReminderRules,
        notifier: Notifier,
    ) -> None:
        self._bookings = bookings
        self._users = users
        self._uow = uow
        self._clock = clock
        self._policy = policy
        self._rules = rules
        self._notifier = notifier

    async def send_due(self, limit: int = 200) -> ReminderReport:
        """Send the reminders whose moment has come; note the ones that will never be sent."""
        now = self._clock.now()
        # A day pass is expected at the opening, up to a day after its midnight start.
        async with self._uow.read():
            pending = await self._bookings.reminders_pending(
                now - DAY_LEAD, now + DAY_LEAD + timedelta(hours=1), limit
            )
            renewals = (
                await self._bookings.renewals_pending(
                    now, now + timedelta(days=self._rules.renewal_days, hours=1), limit
                )
                if self._rules.renewal_days > 0
                else []
            )
            tariff_ids = {b.tariff_id for b, _ in pending} | {b.tariff_id for b in renewals}
            catalog = {
                tariff_id: await self._bookings.tariff_with_space(tariff_id)
                for tariff_id in tariff_ids
            }
        sent = skipped = 0
        for booking, left in pending:
            found = catalog.get(booking.tariff_id)
            if found is None:
                continue
            tariff, space = found
            start = effective_start(booking, tariff, space, self._policy.tz)
            for kind in (ReminderKind.DAY, ReminderKind.HOUR):
                if kind not in left:
                    continue
                verdict = before_start(kind, start, now, self._rules)
                if await self._settle(booking, kind, verdict, tariff, space):
                    sent += verdict is Verdict.SEND
                    skipped += verdict is Verdict.SKIP
        for booking in renewals:
            found = catalog.get(booking.tariff_id)
            if found is None:
                continue
            tariff, space = found
            verdict = renewal(booking, tariff, now, self._rules)
            if await self._settle(booking, ReminderKind.RENEWAL, verdict, tariff, space):
                sent += verdict is Verdict.SEND
                skipped += verdict is Verdict.SKIP
        return ReminderReport(sent, skipped)

    async def _settle(
        self, booking: Booking, kind: ReminderKind, verdict: Verdict, tariff: Tariff, space: Space
    ) -> bool:
        """Claim the reminder and, when it is due, queue it in the same transaction."""
        if verdict is Verdict.WAIT:
            return False
        async with self._uow.write():
            claimed = await self._bookings.mark_reminded(
                booking.id, kind, starts_at=booking.starts_at, now=self._clock.now()
            )
            if not claimed:
                return False
            if verdict is Verdict.SEND:
                await self._remind(booking, kind, tariff, space)
        return True

    async def _remind(
        self, booking: Booking, kind: ReminderKind, tariff: Tariff, space: Space
    ) -> None:
        client = await self._users.get(booking.user_id)
        if client is None or client.is_banned or client.bot_blocked:
            return
        start = effective_start(booking, tariff, space, self._policy.tz)
        if kind is ReminderKind.RENEWAL:
            buttons = [
                [Button("btn-reminder-extend", NoticeAction.EXTEND_BOOKING, (booking.id,))],
                [Button("btn-reminder-open", NoticeAction.OPEN_MY_BOOKING, (booking.id,))],
            ]
        else:
            buttons = [
                [Button("btn-reminder-open", NoticeAction.OPEN_MY_BOOKING, (booking.id,))],
                [
                    Button("btn-reminder-move", NoticeAction.MOVE_MY_BOOKING, (booking.id,)),
                    Button("btn-reminder-cancel", NoticeAction.CANCEL_MY_BOOKING, (booking.id,)),
                ],
            ]
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            _KEYS[kind],
            {
                "booking_id": str(booking.id),
                "space": names(space),
                "tariff": names(tariff),
                "period": period(tariff, booking),
                "time": TimeOfDay(start),
            },
            buttons=buttons,
            dedupe_key=f"reminder:{kind.value}:{booking.id}:{int(booking.starts_at.timestamp())}",
        )
        log.info("reminder %s for booking %s queued", kind.value, booking.id)
