"""Payments and refunds as this system keeps them (DESIGN.md section 3).

A payment row is written, with its idempotence key, before the provider is first asked to create
it (`creating`); it becomes `pending` when the provider answered with its id, and ends
`succeeded` or `canceled`. A final state never changes again, so a duplicate, late or
out-of-order event finds nothing to do. Refunds follow the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coworking_bot.domain.errors import DomainError


class PaymentState(StrEnum):
    CREATING = "creating"  # stored with its key; the provider may or may not know it yet
    PENDING = "pending"  # the provider has it and waits for the client
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"


class RefundState(StrEnum):
    CREATING = "creating"
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"


OPEN_PAYMENT_STATES = frozenset({PaymentState.CREATING, PaymentState.PENDING})
OPEN_REFUND_STATES = frozenset({RefundState.CREATING, RefundState.PENDING})


class PaymentMethod(StrEnum):
    """How the money came: online through YooKassa, or at the desk, recorded by staff."""

    ONLINE = "online"
    CASH = "cash"
    CARD = "card"  # the desk's card terminal

    @property
    def on_site(self) -> bool:
        """Money that passed through staff hands: given back by them too, never by YooKassa."""
        return self is not PaymentMethod.ONLINE


ON_SITE_METHODS = (PaymentMethod.CASH, PaymentMethod.CARD)


class RefundReason(StrEnum):
    CLIENT_CANCELLED = "client_cancelled"
    STAFF_REJECTED = "staff_rejected"
    STAFF_CANCELLED = "staff_cancelled"
    LATE_PAYMENT = "late_payment"  # paid after the hold expired and the place was gone


@dataclass(frozen=True, slots=True)
class Payment:
    id: int
    booking_id: int
    user_id: int
    amount: int  # kopecks
    state: PaymentState
    idempotence_key: str
    provider_id: str | None
    confirmation_url: str | None
    return_url: str
    created_at: datetime
    paid_at: datetime | None = None
    cancel_reason: str | None = None
    method: PaymentMethod = PaymentMethod.ONLINE
    recorded_by: int | None = None  # the staff member's Telegram id, for money taken on site

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_PAYMENT_STATES


@dataclass(frozen=True, slots=True)
class Refund:
    id: int
    payment_id: int
    booking_id: int
    amount: int
    state: RefundState
    reason: RefundReason
    idempotence_key: str
    provider_id: str | None
    created_at: datetime
    key_issued_at: datetime | None = None  # None: the key is as old as the refund

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REFUND_STATES


def refund_share(paid: int, already_refunded: int, percent: int) -> int:
    """What a refund of `percent`% of `paid` comes to, never more than is left to give back.

    Rounded half up to a whole kopeck, as prices are.
    """
    if not 0 <= percent <= 100:
        raise ValueError("a refund share is 0 to 100 percent")
    share = (paid * percent + 50) // 100
    return max(0, min(share, paid - already_refunded))


class PaymentsDisabled(DomainError):
    key = "error-payment-disabled"


class PaymentFailed(DomainError):
    """The provider refused to create the payment; trying again may help later."""

    key = "error-payment-failed"


class PaymentDelayed(DomainError):
    """The provider did not answer in time; the same attempt is repeated, never a second one."""

    key = "error-payment-delayed"
