"""What cancelling a booking gives back: free (everything) until its free-cancellation deadline,
then the policy's share of what was paid.

The deadline is fixed when the booking is made, as the terms it was bought under; moving the
booking never makes them better: the earlier of the old deadline and the new start's counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from coworking_bot.domain.payments import refund_share


@dataclass(frozen=True, slots=True)
class CancelTerms:
    """What cancelling now means: free (full refund) or late (the policy's share)."""

    free: bool
    refund_percent: int
    free_until: datetime
    paid: int = 0  # kopecks taken online and not yet given back
    refund: int = 0  # kopecks that cancelling gives back


def cancel_terms(
    *, free_until: datetime, late_refund_percent: int, now: datetime, paid: int = 0
) -> CancelTerms:
    """Free before `free_until`; later, `late_refund_percent` of `paid` comes back."""
    free = now < free_until
    percent = 100 if free else late_refund_percent
    return CancelTerms(
        free=free,
        refund_percent=percent,
        free_until=free_until,
        paid=paid,
        refund=refund_share(paid, 0, percent),
    )


def free_cancel_until(starts_at: datetime, free_hours: int) -> datetime:
    """The deadline of a booking made now that starts at `starts_at`."""
    return starts_at - timedelta(hours=free_hours)


def deadline_after_move(current: datetime, new_start: datetime, free_hours: int) -> datetime:
    """The deadline of a booking moved to `new_start`: never later than it was."""
    return min(current, free_cancel_until(new_start, free_hours))
