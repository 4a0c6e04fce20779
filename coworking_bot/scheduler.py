"""Timed work. APScheduler 3 only ticks (DESIGN.md sections 5 and 7).

Each tick opens a request scope of the container and calls one service method. The work itself
lives in rows that the method claims with conditional updates, so a second instance ticking the
same job does no harm, and nothing is kept in the scheduler (no job store, nothing pickled).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from dishka import AsyncContainer

from coworking_bot.services.analytics.rollup import Rollup
from coworking_bot.services.booking.morning import MorningSchedule
from coworking_bot.services.booking.reminders import BookingReminders
from coworking_bot.services.booking.timers import BookingTimers
from coworking_bot.services.broadcasts.timers import BroadcastTimers
from coworking_bot.services.common.housekeeping import Housekeeping
from coworking_bot.services.payments.service import PaymentService
from coworking_bot.services.tickets.timers import TicketTimers

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TimedJob:
    """Every `seconds`, run `work` in a fresh request scope."""

    name: str
    seconds: float
    work: Callable[[AsyncContainer], Awaitable[object]]


async def expire_holds(request: AsyncContainer) -> object:
    return await (await request.get(BookingTimers)).expire_due_holds()


async def complete_bookings(request: AsyncContainer) -> object:
    timers = await request.get(BookingTimers)
    return (
        await timers.lapse_unanswered(),
        await timers.mark_no_shows(),
        await timers.complete_ended(),
    )


async def send_reminders(request: AsyncContainer) -> object:
    return (
        await (await request.get(BookingReminders)).send_due(),
        await (await request.get(MorningSchedule)).send_due(),
    )


async def follow_broadcasts(request: AsyncContainer) -> object:
    return await (await request.get(BroadcastTimers)).tick()


async def purge_outbox(request: AsyncContainer) -> object:
    return await (await request.get(Housekeeping)).purge_outbox()


async def reconcile_payments(request: AsyncContainer) -> object:
    return await (await request.get(PaymentService)).reconcile()


async def escalate_tickets(request: AsyncContainer) -> object:
    return await (await request.get(TicketTimers)).escalate_due()


async def roll_up_analytics(request: AsyncContainer) -> object:
    return await (await request.get(Rollup)).refresh()


JOBS: tuple[TimedJob, ...] = (
    TimedJob("expire-holds", 30, expire_holds),
    # At a booking's end, within a minute: a confirmed one is completed; a request staff never
    # answered is cancelled and its money goes back. NO_SHOW_MINUTES after a start nobody
    # checked in at, a booking that asks for check-in becomes a no-show.
    TimedJob("complete-bookings", 60, complete_bookings),
    # A lost webhook costs at most PaymentOptions.check_after plus one tick.
    TimedJob("reconcile-payments", 60, reconcile_payments),
    # A new ticket nobody answered in TICKET_ESCALATION_MINUTES is raised again within a minute.
    TimedJob("escalate-tickets", 60, escalate_tickets),
    # Reminders a day and an hour before a booking, renewal offers for monthly tariffs, and the
    # morning schedule for staff who asked for it: each once, within a minute of its moment.
    TimedJob("send-reminders", 60, send_reminders),
    # Scheduled broadcasts start, the progress messages follow the running ones (edited at most
    # every few seconds), and a broadcast with nobody left is done with its report.
    TimedJob("broadcasts", 5, follow_broadcasts),
    TimedJob("purge-outbox", 3600, purge_outbox),
    # The dashboard's figures of closed days are kept (and those a change touched worked out
    # again) within a minute; until then the dashboard works them out as it is asked.
    TimedJob("analytics-rollup", 60, roll_up_analytics),
)


async def run_job(container: AsyncContainer, job: TimedJob) -> None:
    """One tick: a failure is logged, and the next tick tries again."""
    try:
        async with container() as request:
            result = await job.work(request)
    except Exception:
        logger.exception("job %s failed", job.name)
        return
    logger.debug("job %s: %s", job.name, result)


def register_jobs(
    scheduler: AsyncIOScheduler, container: AsyncContainer, jobs: tuple[TimedJob, ...] = JOBS
) -> None:
    """Add each job; a tick that is still running makes the next one skip, missed ticks merge."""
    for job in jobs:
        scheduler.add_job(
            run_job,
            "interval",
            seconds=job.seconds,
            args=(container, job),
            id=job.name,
            name=job.name,
            max_instances=1,
            coalesce=True,
            replace_existing=True,
        )


def create_scheduler(container: AsyncContainer) -> AsyncIOScheduler:
    """A scheduler with every job registered; the caller starts and shuts it down."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    register_jobs(scheduler, container)
    return scheduler
