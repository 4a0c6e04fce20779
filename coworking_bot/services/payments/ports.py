"""What the payment use cases need from a payment provider (YooKassa behind `adapters/`).

Money is an integer number of kopecks everywhere here; the adapter turns it into the provider's
"123.45" strings at the border and back, exactly. Every call that changes something carries an
idempotence key chosen by the caller: on `GatewayRetryLater` the caller repeats the *same* request
with the *same* key later, which can never create a second payment or refund.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from coworking_bot.domain.payments import (
    Payment,
    PaymentMethod,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
)

DESCRIPTION_LIMIT = 128  # YooKassa's limit for payment and receipt item descriptions
IDEMPOTENCE_KEY_LIMIT = 64


class PaymentStatus(StrEnum):
    PENDING = "pending"
    WAITING_FOR_CAPTURE = "waiting_for_capture"
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"


class RefundStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"


@dataclass(frozen=True, slots=True)
class ReceiptItem:
    """One line of a 54-FZ receipt; `amount_kopecks` is the price of one unit."""

    description: str
    amount_kopecks: int
    quantity: int = 1
    vat_code: int = 1  # 1 = without VAT
    payment_mode: str = "full_prepayment"
    payment_subject: str = "service"

    def __post_init__(self) -> None:
        _check_description(self.description)
        if self.amount_kopecks <= 0 or self.quantity <= 0:
            raise ValueError("a receipt item needs a positive amount and quantity")

    @property
    def total_kopecks(self) -> int:
        return self.amount_kopecks * self.quantity


@dataclass(frozen=True, slots=True)
class Receipt:
    """A 54-FZ receipt: the customer's phone or e-mail, and the items that make up the amount."""

    items: tuple[ReceiptItem, ...]
    phone: str | None = None
    email: str | None = None
    tax_system_code: int | None = None

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError("a receipt needs at least one item")
        if not self.phone and not self.email:
            raise ValueError("a receipt needs the customer's phone or e-mail")

    @property
    def total_kopecks(self) -> int:
        return sum(item.total_kopecks for item in self.items)


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    amount_kopecks: int
    description: str
    idempotence_key: str
    return_url: str
    metadata: Mapping[str, str] = field(default_factory=dict)
    receipt: Receipt | None = None
    capture: bool = True  # one-stage payment; False leaves it in waiting_for_capture once paid

    def __post_init__(self) -> None:
        if self.amount_kopecks <= 0:
            raise ValueError("a payment needs a positive amount")
        _check_description(self.description)
        _check_key(self.idempotence_key)
        if self.receipt is not None and self.receipt.total_kopecks != self.amount_kopecks:
            raise ValueError("the receipt's items must add up to the payment's amount")


@dataclass(frozen=True, slots=True)
class ProviderPayment:
    """A payment as the provider sees it; trust `status`/`paid` only after reading it back."""

    id: str
    status: PaymentStatus
    amount_kopecks: int
    paid: bool
    metadata: Mapping[str, str] = field(default_factory=dict)
    confirmation_url: str | None = None
    cancellation_reason: str | None = None
    cancellation_party: str | None = None
    refunded_kopecks: int = 0


@dataclass(frozen=True, slots=True)
class RefundRequest:
    payment_id: str
    amount_kopecks: int
    idempotence_key: str
    description: str | None = None
    receipt: Receipt | None = None

    def __post_init__(self) -> None:
        if self.amount_kopecks <= 0:
            raise ValueError("a refund needs a positive amount")
        _check_key(self.idempotence_key)
        if self.description is not None:
            _check_description(self.description)


@dataclass(frozen=True, slots=True)
class ProviderRefund:
    id: str
    payment_id: str
    status: RefundStatus
    amount_kopecks: int
    cancellation_reason: str | None = None
    created_at: datetime | None = None  # when the provider made it (UTC)


class GatewayError(Exception):
    """Base of everything a `PaymentGateway` raises."""


class GatewayRetryLater(GatewayError):
    """The outcome is unknown (HTTP 202, 429, 5xx, a timeout, a dropped connection).

    The request may or may not have taken effect: repeat it later with the same idempotence key.
    """

    def __init__(self, reason: str, *, retry_after_seconds: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_seconds = retry_after_seconds


class GatewayRejected(GatewayError):
    """The provider refused the request (HTTP 4xx); repeating it unchanged will not help."""

    def __init__(
        self, status: int, code: str, description: str, parameter: str | None = None
    ) -> None:
        where = f" ({parameter})" if parameter else ""
        super().__init__(f"HTTP {status} {code}: {description}{where}")
        self.status = status
        self.code = code
        self.description = description
        self.parameter = parameter


class GatewayUnavailable(GatewayError):
    """Payments cannot be used: not configured, or the other side does not speak the API."""


class PaymentGateway(Protocol):
    async def create_payment(self, request: PaymentRequest) -> ProviderPayment: ...

    async def get_payment(self, payment_id: str) -> ProviderPayment: ...

    async def cancel_payment(self, payment_id: str, idempotence_key: str) -> ProviderPayment:
        """Cancel a payment in waiting_for_capture (the provider refuses other states)."""
        ...

    async def create_refund(self, request: RefundRequest) -> ProviderRefund: ...

    async def get_refund(self, refund_id: str) -> ProviderRefund: ...

    async def list_refunds(self, payment_id: str) -> list[ProviderRefund]:
        """Every refund the provider holds for a payment, whatever created it."""
        ...


class PaymentRepository(Protocol):
    """Payments and refunds in storage; every state change is conditional on the old state."""

    async def add_payment(
        self,
        *,
        booking_id: int,
        user_id: int,
        amount: int,
        idempotence_key: str,
        return_url: str,
        now: datetime,
    ) -> Payment: ...

    async def add_on_site_payment(
        self,
        *,
        booking_id: int,
        user_id: int,
        amount: int,
        method: PaymentMethod,
        recorded_by: int,
        now: datetime,
    ) -> Payment: ...

    async def payment(self, payment_id: int) -> Payment | None: ...

    async def payment_by_provider_id(self, provider_id: str) -> Payment | None: ...

    async def payments_of(self, booking_id: int) -> list[Payment]: ...

    async def payment_created(
        self, payment_id: int, *, provider_id: str, confirmation_url: str | None
    ) -> bool: ...

    async def settle_payment(
        self,
        payment_id: int,
        state: PaymentState,
        *,
        now: datetime,
        cancel_reason: str | None = None,
    ) -> bool: ...

    async def payment_checked(self, payment_id: int, now: datetime) -> None: ...

    async def set_cancel_key(self, payment_id: int, key: str) -> None: ...

    async def cancel_key(self, payment_id: int) -> str | None: ...

    async def open_payments_checked_before(self, moment: datetime, limit: int) -> list[int]: ...

    async def add_refund(
        self,
        *,
        payment_id: int,
        booking_id: int,
        amount: int,
        reason: RefundReason,
        idempotence_key: str,
        now: datetime,
        state: RefundState = RefundState.CREATING,
    ) -> Refund: ...

    async def refund(self, refund_id: int) -> Refund | None: ...

    async def refund_by_provider_id(self, provider_id: str) -> Refund | None: ...

    async def refunds_of(self, booking_id: int) -> list[Refund]: ...

    async def refunded_from(self, payment_id: int) -> int: ...

    async def refund_sent(self, refund_id: int, *, provider_id: str, now: datetime) -> bool: ...

    async def renew_refund_key(
        self, refund_id: int, *, old_key: str, new_key: str, now: datetime
    ) -> bool:
        """Replace the key of a refund not yet sent, if it still has `old_key`."""
        ...

    async def known_refund_ids(self, provider_ids: Collection[str]) -> set[str]:
        """Those of `provider_ids` that a refund of ours already holds."""
        ...

    async def settle_refund(
        self, refund_id: int, state: RefundState, *, now: datetime, error: str | None = None
    ) -> bool: ...

    async def refund_checked(self, refund_id: int, now: datetime, error: str | None) -> None: ...

    async def open_refunds_checked_before(self, moment: datetime, limit: int) -> list[int]: ...

    async def open_refunds_of(self, booking_id: int) -> Sequence[int]: ...


def _check_description(text: str) -> None:
    if not text.strip() or len(text) > DESCRIPTION_LIMIT:
        raise ValueError(f"a description must hold 1 to {DESCRIPTION_LIMIT} characters")


def _check_key(key: str) -> None:
    if not 1 <= len(key) <= IDEMPOTENCE_KEY_LIMIT:
        raise ValueError(f"an idempotence key must hold 1 to {IDEMPOTENCE_KEY_LIMIT} characters")
