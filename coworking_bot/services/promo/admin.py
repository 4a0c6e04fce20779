"""Promo codes as staff with MANAGE_PROMO run them: the list with each code's status, a code's
card with what it brought, a new code set up step by step, switching a code off and on. The
rules of a code are the domain's (`coworking_bot.domain.promo`); every change is audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from coworking_bot.domain.catalog import SpaceTariffs
from coworking_bot.domain.enums import Permission
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.domain.promo import (
    PromoCode,
    PromoCodeTaken,
    PromoDraft,
    PromoNotFound,
    PromoStatus,
    PromoTariffsInvalid,
    check_draft,
    check_window,
    generate_code,
    parse_new_code,
    promo_status,
    window_bounds,
)
from coworking_bot.domain.users import Actor
from coworking_bot.services.booking.policy import BookingPolicy
from coworking_bot.services.common.ports import Clock, UnitOfWork
from coworking_bot.services.promo.ports import ActiveTariffs, NewPromo, PromoCodes, PromoStats
from coworking_bot.services.staff.ports import AuditLog

PAGE_SIZE = 8
GENERATE_ATTEMPTS = 20  # 31^8 codes: a clash even once is unlikely


@dataclass(frozen=True, slots=True)
class PromoItem:
    promo: PromoCode
    status: PromoStatus


@dataclass(frozen=True, slots=True)
class PromoPage:
    items: Sequence[PromoItem]
    page: int  # from 0, clamped to the pages there are
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class PromoCard:
    promo: PromoCode
    status: PromoStatus
    stats: PromoStats


class PromoAdmin:
    def __init__(
        self,
        promos: PromoCodes,
        tariffs: ActiveTariffs,
        audit: AuditLog,
        uow: UnitOfWork,
        clock: Clock,
        policy: BookingPolicy,
    ) -> None:
        self._promos = promos
        self._tariffs = tariffs
        self._audit = audit
        self._uow = uow
        self._clock = clock
        self._tz = policy.tz

    async def page(self, actor: Actor, *, page: int = 0) -> PromoPage:
        """One page of the codes, paged in the database; past the end, the last page."""
        _require(actor)
        page = max(page, 0)
        now = self._clock.now()
        async with self._uow.read():
            found, total = await self._promos.page(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
            pages = max(1, -(-total // PAGE_SIZE))
            if page >= pages:
                page = pages - 1
                found, total = await self._promos.page(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
        items = [PromoItem(promo, promo_status(promo, now)) for promo in found]
        return PromoPage(items, page, pages, total)

    async def card(self, actor: Actor, promo_id: int) -> PromoCard:
        _require(actor)
        async with self._uow.read():
            return await self._card(promo_id)

    async def tariffs(self, actor: Actor) -> Sequence[SpaceTariffs]:
        """What a code may be limited to: the tariffs on sale, by space."""
        _require(actor)
        async with self._uow.read():
            return await self._tariffs.active_tariffs()

    async def check_code(self, actor: Actor, raw: str | None) -> str:
        """A typed code as it will be stored, refused when its format is wrong or it is taken."""
        _require(actor)
        code = parse_new_code(raw)
        async with self._uow.read():
            if await self._promos.code_taken(code):
                raise PromoCodeTaken(code=code)
        return code

    async def suggest_code(self, actor: Actor) -> str:
        """A random readable code nobody has."""
        _require(actor)
        async with self._uow.read():
            for _ in range(GENERATE_ATTEMPTS):
                code = generate_code()
                if not await self._promos.code_taken(code):
                    return code
        raise PromoCodeTaken(code=code)

    def check_window(self, actor: Actor, first_day: date | None, last_day: date | None) -> None:
        _require(actor)
        check_window(first_day, last_day, self._today())

    async def check_tariffs(self, actor: Actor, tariff_ids: Sequence[int]) -> tuple[int, ...]:
        """Tariffs picked for a code: at least one, each on sale now."""
        on_sale = {tariff.id for group in await self.tariffs(actor) for tariff in group.tariffs}
        if not tariff_ids or not set(tariff_ids) <= on_sale:
            raise PromoTariffsInvalid()
        return tuple(sorted(set(tariff_ids)))

    async def create(self, actor: Actor, draft: PromoDraft) -> PromoCode:
        """Save a new code, switched on. Every rule is checked again; a code with the same
        letters (a second tap on Save, or someone faster) is refused with `PromoCodeTaken`."""
        _require(actor)
        draft = check_draft(draft, self._today())
        if draft.tariff_ids is not None:
            draft = replace(draft, tariff_ids=await self.check_tariffs(actor, draft.tariff_ids))
        valid_from, valid_until = window_bounds(draft.first_day, draft.last_day, self._tz)
        async with self._uow.write():
            if await self._promos.code_taken(draft.code):
                raise PromoCodeTaken(code=draft.code)
            promo = await self._promos.add(
                NewPromo(
                    code=draft.code,
                    kind=draft.kind,
                    value=draft.value,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    max_uses=draft.max_uses,
                    per_user_limit=draft.per_user_limit,
                    tariff_ids=draft.tariff_ids,
                    first_booking_only=draft.first_booking_only,
                )
            )
            if promo is None:
                raise PromoCodeTaken(code=draft.code)
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="promo.create",
                target_type="promo",
                target_id=promo.id,
                details={"name": promo.code, "before": None, "after": _terms(draft)},
            )
        return promo

    async def deactivate(self, actor: Actor, promo_id: int) -> PromoCard:
        """Switch a code off: clients are refused it from now on; bookings made with it keep
        their discount. Switching off a code that is off changes nothing."""
        return await self._switch(actor, promo_id, active=False)

    async def activate(self, actor: Actor, promo_id: int) -> PromoCard:
        return await self._switch(actor, promo_id, active=True)

    async def _switch(self, actor: Actor, promo_id: int, *, active: bool) -> PromoCard:
        _require(actor)
        async with self._uow.write():
            card = await self._card(promo_id)
            if not await self._promos.set_active(promo_id, active):
                return card
            await self._audit.record(
                actor_telegram_id=actor.telegram_id,
                action="promo.activate" if active else "promo.deactivate",
                target_type="promo",
                target_id=promo_id,
                details={"name": card.promo.code, "before": not active, "after": active},
            )
            return await self._card(promo_id)

    async def _card(self, promo_id: int) -> PromoCard:
        promo = await self._promos.by_id(promo_id)
        if promo is None:
            raise PromoNotFound()
        stats = await self._promos.stats(promo_id)
        return PromoCard(promo, promo_status(promo, self._clock.now()), stats)

    def _today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()


def _terms(draft: PromoDraft) -> dict[str, object]:
    """The code's terms as the audit log keeps them (JSON)."""
    return {
        "kind": draft.kind.value,
        "value": draft.value,
        "first_day": draft.first_day.isoformat() if draft.first_day else None,
        "last_day": draft.last_day.isoformat() if draft.last_day else None,
        "max_uses": draft.max_uses,
        "per_user_limit": draft.per_user_limit,
        "tariff_ids": list(draft.tariff_ids) if draft.tariff_ids is not None else None,
        "first_booking_only": draft.first_booking_only,
    }


def _require(actor: Actor) -> None:
    if not actor.can(Permission.MANAGE_PROMO):
        raise PermissionDenied()
