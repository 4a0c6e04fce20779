"""dishka providers for payments: the YooKassa gateway (one pooled HTTP client for the process),
the payments repository, refunds and the payment service."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide

from coworking_bot.adapters.yookassa import YooKassaGateway
from coworking_bot.config import Settings
from coworking_bot.db.repositories.payments import SqlPaymentRepository
from coworking_bot.services.payments.late_money import PaymentTaker
from coworking_bot.services.payments.notices import PaymentNotices
from coworking_bot.services.payments.on_site import OnSitePayments
from coworking_bot.services.payments.paperwork import PaymentOptions, PaymentPaperwork
from coworking_bot.services.payments.ports import (
    GatewayUnavailable,
    PaymentGateway,
    PaymentRepository,
    PaymentRequest,
    ProviderPayment,
    ProviderRefund,
    RefundRequest,
)
from coworking_bot.services.payments.refunds import RefundPlanner, RefundSender
from coworking_bot.services.payments.service import PaymentService


class NoGateway:
    """Payments are not configured: bookings are paid on site, and nothing calls this."""

    async def create_payment(self, request: PaymentRequest) -> ProviderPayment:
        raise GatewayUnavailable("YooKassa is not configured")

    async def get_payment(self, payment_id: str) -> ProviderPayment:
        raise GatewayUnavailable("YooKassa is not configured")

    async def cancel_payment(self, payment_id: str, idempotence_key: str) -> ProviderPayment:
        raise GatewayUnavailable("YooKassa is not configured")

    async def create_refund(self, request: RefundRequest) -> ProviderRefund:
        raise GatewayUnavailable("YooKassa is not configured")

    async def get_refund(self, refund_id: str) -> ProviderRefund:
        raise GatewayUnavailable("YooKassa is not configured")

    async def list_refunds(self, payment_id: str) -> list[ProviderRefund]:
        raise GatewayUnavailable("YooKassa is not configured")


class PaymentProvider(Provider):
    scope = Scope.REQUEST

    payments = provide(SqlPaymentRepository, provides=PaymentRepository)

    @provide(scope=Scope.APP)
    async def gateway(self, settings: Settings) -> AsyncIterator[PaymentGateway]:
        if not settings.payments_enabled:
            yield NoGateway()
            return
        assert settings.yookassa_account_id is not None
        assert settings.yookassa_secret_key is not None
        gateway = YooKassaGateway(
            settings.yookassa_api_url,
            settings.yookassa_account_id,
            settings.yookassa_secret_key.get_secret_value(),
        )
        try:
            yield gateway
        finally:
            await gateway.aclose()

    @provide(scope=Scope.APP)
    def options(self, settings: Settings) -> PaymentOptions:
        return PaymentOptions(
            enabled=settings.payments_enabled,
            receipts=settings.yookassa_receipts,
            vat_code=settings.yookassa_vat_code,
            tax_system_code=settings.yookassa_tax_system_code,
            coworking_name=settings.coworking_name,
        )

    notices = provide(PaymentNotices)
    refunds = provide(RefundPlanner)
    on_site = provide(OnSitePayments)
    taker = provide(PaymentTaker)
    refund_sender = provide(RefundSender)
    paperwork = provide(PaymentPaperwork)
    service = provide(PaymentService)
