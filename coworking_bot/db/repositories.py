"""Repositories over one session. They flush when they need ids; they never commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import (
    AuditLogRow,
    ReferralRow,
    SpaceRow,
    StaffMemberRow,
    TariffRow,
    UserRow,
)
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.catalog import Space, SpaceTariffs, Tariff, VolumeDiscount
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import StaffMember, User
from coworking_bot.services.ports import UserChanges


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession, user_cache: UserCache | None = None) -> None:
        self._session = session
        self._user_cache = user_cache

    async def begin_write(self) -> None:
        await begin_write(self._session)

    async def commit(self) -> None:
        try:
            await self._session.commit()
        finally:
            self._transaction_ended()

    async def rollback(self) -> None:
        try:
            await self._session.rollback()
        finally:
            self._transaction_ended()

    def _transaction_ended(self) -> None:
        if self._user_cache is not None:
            self._user_cache.transaction_ended(self._session)


def user_from_row(row: UserRow) -> User:
    return User(
        id=row.id,
        telegram_id=row.telegram_id,
        username=row.username,
        full_name=row.full_name,
        phone=row.phone,
        email=row.email,
        language=row.language,
        referral_code=row.referral_code,
        referrer_id=row.referrer_id,
        consent_at=row.consent_at,
        registered_at=row.registered_at,
        is_banned=row.is_banned,
        bot_blocked=row.bot_blocked,
        created_at=row.created_at,
    )


_USER_COLUMNS = [UserRow.__table__.c[name] for name in User.__dataclass_fields__]


class SqlUserRepository:
    def __init__(self, session: AsyncSession, cache: UserCache | None = None) -> None:
        self._session = session
        self._cache = cache

    async def get_by_telegram_id(self, telegram_id: int) -> User | None:
        # Every update reads its user: from memory when this process owns the database, else a
        # plain Core row, which skips the ORM's identity-map work.
        generation = 0
        if self._cache is not None:
            if (cached := self._cache.get(telegram_id)) is not None:
                return cached
            generation = self._cache.generation(telegram_id)
        row = (
            await self._session.execute(
                select(*_USER_COLUMNS).where(UserRow.telegram_id == telegram_id)
            )
        ).first()
        user = User(**row._mapping) if row else None
        if user is not None and self._cache is not None:
            self._cache.put(user, generation)
        return user

    async def get(self, user_id: int) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return user_from_row(row) if row else None

    async def get_by_referral_code(self, code: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.referral_code == code))
        return user_from_row(row) if row else None

    async def referral_code_taken(self, code: str) -> bool:
        found = await self._session.scalar(
            select(UserRow.id).where(UserRow.referral_code == code).limit(1)
        )
        return found is not None

    async def add(
        self,
        *,
        telegram_id: int,
        username: str | None,
        language: Language,
        referral_code: str,
        referrer_id: int | None,
    ) -> User:
        row = UserRow(
            telegram_id=telegram_id,
            username=username,
            language=language,
            referral_code=referral_code,
            referrer_id=referrer_id,
        )
        self._session.add(row)
        await self._session.flush()
        self._written(telegram_id)
        return user_from_row(row)

    async def update(self, user_id: int, changes: UserChanges) -> User:
        row = await self._session.get(UserRow, user_id)
        if row is None:
            raise LookupError(user_id)
        for name, value in changes.items():
            setattr(row, name, value)
        await self._session.flush()
        self._written(row.telegram_id)
        return user_from_row(row)

    def _written(self, telegram_id: int) -> None:
        if self._cache is not None:
            self._cache.written(self._session, telegram_id)


class SqlReferralRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, referrer_id: int, invited_id: int) -> bool:
        exists = await self._session.scalar(
            select(ReferralRow.id).where(ReferralRow.invited_id == invited_id)
        )
        if exists is not None:
            return False
        try:
            async with self._session.begin_nested():
                self._session.add(ReferralRow(referrer_id=referrer_id, invited_id=invited_id))
        except IntegrityError:
            return False
        return True

    async def count_for(self, referrer_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(ReferralRow)
            .where(ReferralRow.referrer_id == referrer_id)
        )
        return int(count or 0)


def staff_from_row(row: StaffMemberRow, name: str | None = None) -> StaffMember:
    return StaffMember(
        telegram_id=row.telegram_id,
        role=row.role,
        added_by=row.added_by,
        created_at=row.created_at,
        name=name,
    )


class SqlStaffRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, telegram_id: int) -> StaffMember | None:
        found = (
            await self._session.execute(
                select(StaffMemberRow, UserRow.full_name)
                .outerjoin(UserRow, UserRow.telegram_id == StaffMemberRow.telegram_id)
                .where(StaffMemberRow.telegram_id == telegram_id)
            )
        ).first()
        return staff_from_row(found[0], found[1]) if found else None

    async def list(self) -> Sequence[StaffMember]:
        result = await self._session.execute(
            select(StaffMemberRow, UserRow.full_name)
            .outerjoin(UserRow, UserRow.telegram_id == StaffMemberRow.telegram_id)
            .order_by(StaffMemberRow.created_at, StaffMemberRow.id)
        )
        return [staff_from_row(row, name) for row, name in result.all()]

    async def save(self, telegram_id: int, role: StaffRole, added_by: int) -> StaffMember:
        row = await self._session.scalar(
            select(StaffMemberRow).where(StaffMemberRow.telegram_id == telegram_id)
        )
        if row is None:
            row = StaffMemberRow(telegram_id=telegram_id, role=role, added_by=added_by)
            self._session.add(row)
        else:
            row.role = role
        await self._session.flush()
        return staff_from_row(row)

    async def remove(self, telegram_id: int) -> bool:
        result = await self._session.execute(
            delete(StaffMemberRow).where(StaffMemberRow.telegram_id == telegram_id)
        )
        return bool(getattr(result, "rowcount", 0))


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self,
        *,
        actor_telegram_id: int | None,
        action: str,
        target_type: str,
        target_id: str | int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self._session.add(
            AuditLogRow(
                actor_telegram_id=actor_telegram_id,
                action=action,
                target_type=target_type,
                target_id=None if target_id is None else str(target_id),
                details=details or {},
            )
        )


def space_from_row(row: SpaceRow) -> Space:
    return Space(
        id=row.id,
        name=row.name,
        name_en=row.name_en,
        kind=row.kind,
        capacity=row.capacity,
        description=row.description,
        description_en=row.description_en,
        opening_hours=dict(row.opening_hours or {}),
        slot_step_minutes=row.slot_step_minutes,
        buffer_minutes=row.buffer_minutes,
        booking_horizon_days=row.booking_horizon_days,
        min_lead_minutes=row.min_lead_minutes,
        is_active=row.is_active,
    )


def tariff_from_row(row: TariffRow) -> Tariff:
    discount = row.volume_discount
    return Tariff(
        id=row.id,
        space_id=row.space_id,
        name=row.name,
        name_en=row.name_en,
        description=row.description,
        description_en=row.description_en,
        unit=row.unit,
        price=row.price,
        min_duration=row.min_duration,
        max_duration=row.max_duration,
        volume_discount=(
            VolumeDiscount(from_units=discount["from_units"], percent=discount["percent"])
            if discount
            else None
        ),
        needs_confirmation=row.needs_confirmation,
        is_trial=row.is_trial,
        crm_service_id=row.crm_service_id,
        is_active=row.is_active,
    )


class SqlCatalogReader:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def active_tariffs(self) -> Sequence[SpaceTariffs]:
        result = await self._session.execute(
            select(SpaceRow, TariffRow)
            .join(TariffRow, TariffRow.space_id == SpaceRow.id)
            .where(SpaceRow.is_active.is_(True), TariffRow.is_active.is_(True))
            .order_by(SpaceRow.sort_order, SpaceRow.id, TariffRow.sort_order, TariffRow.id)
        )
        grouped: dict[int, tuple[Space, list[Tariff]]] = {}
        for space_row, tariff_row in result.all():
            entry = grouped.setdefault(space_row.id, (space_from_row(space_row), []))
            entry[1].append(tariff_from_row(tariff_row))
        return [SpaceTariffs(space, tuple(tariffs)) for space, tariffs in grouped.values()]
