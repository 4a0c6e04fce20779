"""Callback data of the buttons under notices, as aiogram `CallbackData` factories. Services name
what a button does (`NoticeAction`); this is the one place that turns that into wire data, and
the notice handlers read it back with the same classes.

Ids are bounded like the database's integer ids, so crafted data can never reach a query with a
number the database refuses.
"""

from __future__ import annotations

from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from coworking_bot.services.common.notices import NoticeAction

DbId = Annotated[int, Field(ge=1, le=2**31 - 1)]
Revision = Annotated[int, Field(ge=0, le=2**31 - 1)]


class BookingDecision(CallbackData, prefix="bkd"):
    """Confirm or Reject under a staff alert; `revision` is the booking's when it was sent."""

    confirm: bool
    booking_id: DbId
    revision: Revision


class BookingOpen(CallbackData, prefix="bko"):
    """Open under a staff alert about a booking: its card in the bookings desk."""

    booking_id: DbId


class WaitlistOffer(CallbackData, prefix="wlo"):
    """ "Book it" under a waitlist offer."""

    entry_id: DbId


class PayBooking(CallbackData, prefix="pyb"):
    """Pay under the notice that staff booked for the client with a payment link."""

    booking_id: DbId


class MyBooking(CallbackData, prefix="myb"):
    """A button under a reminder: the client's booking in My bookings, at one of its steps."""

    step: Literal["open", "move", "cancel", "extend"]
    booking_id: DbId


class DeskSchedule(CallbackData, prefix="dsk"):
    """Under the morning schedule: today's schedule in the staff desk."""

    day: Literal["today"] = "today"


class BroadcastControl(CallbackData, prefix="bcc"):
    """Pause, Resume or Cancel under a broadcast's progress message."""

    step: Literal["pause", "resume", "cancel"]
    broadcast_id: DbId


class TicketAlert(CallbackData, prefix="tka"):
    """Take or Open under a staff alert about a ticket."""

    take: bool
    ticket_id: DbId


class TicketReply(CallbackData, prefix="tkr"):
    """Reply under a staff answer the client got."""

    ticket_id: DbId


class TicketRating(CallbackData, prefix="tks"):
    """A score under the notice that the client's ticket was closed."""

    ticket_id: DbId
    score: Annotated[int, Field(ge=1, le=5)]


# Buttons sent before callback data had factories: `bk:ok:<id>`, `bk:no:<id>`, `wl:book:<id>`.
LEGACY_CONFIRM = "bk:ok:"
LEGACY_REJECT = "bk:no:"
LEGACY_WAITLIST = "wl:book:"


_MY_BOOKING_STEPS: dict[NoticeAction, Literal["open", "move", "cancel", "extend"]] = {
    NoticeAction.OPEN_MY_BOOKING: "open",
    NoticeAction.MOVE_MY_BOOKING: "move",
    NoticeAction.CANCEL_MY_BOOKING: "cancel",
    NoticeAction.EXTEND_BOOKING: "extend",
}


_BROADCAST_STEPS: dict[NoticeAction, Literal["pause", "resume", "cancel"]] = {
    NoticeAction.PAUSE_BROADCAST: "pause",
    NoticeAction.RESUME_BROADCAST: "resume",
    NoticeAction.CANCEL_BROADCAST: "cancel",
}


def notice_button_data(action: NoticeAction, args: tuple[int, ...]) -> str:
    """The callback data of a notice button (the outbox renderer calls this when sending)."""
    if action is NoticeAction.CONFIRM_BOOKING or action is NoticeAction.REJECT_BOOKING:
        booking_id, revision = args
        confirm = action is NoticeAction.CONFIRM_BOOKING
        return BookingDecision(confirm=confirm, booking_id=booking_id, revision=revision).pack()
    if action is NoticeAction.OPEN_BOOKING:
        (booking_id,) = args
        return BookingOpen(booking_id=booking_id).pack()
    if action is NoticeAction.BOOK_WAITLIST_OFFER:
        (entry_id,) = args
        return WaitlistOffer(entry_id=entry_id).pack()
    if action is NoticeAction.PAY_BOOKING:
        (booking_id,) = args
        return PayBooking(booking_id=booking_id).pack()
    if action in _MY_BOOKING_STEPS:
        (booking_id,) = args
        return MyBooking(step=_MY_BOOKING_STEPS[action], booking_id=booking_id).pack()
    if action is NoticeAction.OPEN_SCHEDULE:
        return DeskSchedule().pack()
    if action is NoticeAction.TAKE_TICKET or action is NoticeAction.OPEN_TICKET:
        (ticket_id,) = args
        return TicketAlert(take=action is NoticeAction.TAKE_TICKET, ticket_id=ticket_id).pack()
    if action is NoticeAction.REPLY_TICKET:
        (ticket_id,) = args
        return TicketReply(ticket_id=ticket_id).pack()
    if action is NoticeAction.RATE_TICKET:
        ticket_id, score = args
        return TicketRating(ticket_id=ticket_id, score=score).pack()
    if action in _BROADCAST_STEPS:
        (broadcast_id,) = args
        return BroadcastControl(step=_BROADCAST_STEPS[action], broadcast_id=broadcast_id).pack()
    raise ValueError(f"no callback data for {action}")


def id_after(prefix: str, data: str | None) -> int | None:
    """The database id after `prefix` in `data` (an old-style button, a /start payload), or
    None for anything else."""
    if not data or not data.startswith(prefix):
        return None
    tail = data.removeprefix(prefix)
    if not tail.isascii() or not tail.isdigit() or len(tail) > 10:
        return None
    value = int(tail)
    return value if 1 <= value < 2**31 else None
