"""Transactions as blocks: a refusal inside one rolls it back and frees the writers' queue at
once, a block inside a block joins it, and a failed commit leaves nothing held."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import ReferralRow, UserRow
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import DomainError


def user(telegram_id: int) -> UserRow:
    return UserRow(telegram_id=telegram_id, language=Language.RU, referral_code=f"c{telegram_id}")


async def count_users(factory: async_sessionmaker[AsyncSession]) -> int:
    async with factory() as session:
        return int(await session.scalar(select(func.count()).select_from(UserRow)) or 0)


async def test_a_refusal_rolls_back_and_the_next_writer_goes_at_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async def refused(session: AsyncSession) -> None:
        async with SqlUnitOfWork(session).write():
            session.add(user(1))
            await session.flush()
            raise DomainError()

    async with session_factory() as first, session_factory() as second:
        with pytest.raises(DomainError):
            await refused(first)
        # The first session still lives (the update goes on to answer the user), yet the next
        # writer does not wait for it.
        async with asyncio.timeout(1):
            async with SqlUnitOfWork(second).write():
                second.add(user(2))
    assert await count_users(session_factory) == 1


async def test_a_block_inside_a_block_joins_it(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async def refused(uow: SqlUnitOfWork, session: AsyncSession) -> None:
        async with uow.write():
            async with uow.write():
                session.add(user(1))
            session.add(user(2))
            await session.flush()
            raise DomainError()  # the outer block decides: nothing is kept

    async with session_factory() as session:
        uow = SqlUnitOfWork(session)
        with pytest.raises(DomainError):
            await refused(uow, session)
        async with uow.write(), uow.write():
            session.add(user(3))
    assert await count_users(session_factory) == 1


async def test_a_failed_commit_rolls_back_and_frees_the_queue(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        session.add(user(1))
        await session.commit()
    async with session_factory() as first, session_factory() as second:
        with pytest.raises(IntegrityError):
            async with SqlUnitOfWork(first).write():
                first.add(ReferralRow(referrer_id=1, invited_id=1))  # breaks a CHECK
        async with asyncio.timeout(1), SqlUnitOfWork(second).write():
            second.add(user(2))
    assert await count_users(session_factory) == 2
