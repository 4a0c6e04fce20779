"""The in-memory user cache and staff roster used on every update in single-process mode."""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.repositories.users import SqlUserRepository
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.db.user_cache import UserCache
from coworking_bot.domain.enums import Language, StaffRole
from coworking_bot.domain.users import StaffMember, User
from coworking_bot.services.staff.roster import StaffRoster


def user(telegram_id: int, name: str) -> User:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return User(
        id=telegram_id,
        telegram_id=telegram_id,
        username=None,
        full_name=name,
        phone=None,
        email=None,
        language=Language.RU,
        referral_code=f"c{telegram_id}",
        referrer_id=None,
        consent_at=None,
        registered_at=None,
        is_banned=False,
        bot_blocked=False,
        created_at=now,
    )


def test_a_read_that_raced_a_write_is_not_kept() -> None:
    cache = UserCache()
    generation = cache.generation(7)  # a reader starts...
    cache.invalidate(7)  # ...a writer changes user 7...
    cache.put(user(7, "Old Name"), generation)  # ...the reader's stale result arrives
    assert cache.get(7) is None
    cache.put(user(7, "New Name"), cache.generation(7))
    cached = cache.get(7)
    assert cached is not None
    assert cached.full_name == "New Name"


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    cache = UserCache(max_size=2)
    for telegram_id in (1, 2):
        cache.put(user(telegram_id, "A B"), 0)
    assert cache.get(1) is not None  # 1 is now the most recent
    cache.put(user(3, "C D"), 0)
    assert cache.get(2) is None
    assert cache.get(1) is not None
    assert cache.get(3) is not None


async def test_a_committed_change_is_seen_through_the_cache(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    cache = UserCache()
    async with session_factory() as session:
        users, uow = SqlUserRepository(session, cache), SqlUnitOfWork(session, cache)
        async with uow.write():
            added = await users.add(
                telegram_id=5,
                username=None,
                language=Language.RU,
                referral_code="abc12345",
                referrer_id=None,
            )
    async with session_factory() as session:
        users = SqlUserRepository(session, cache)
        assert (await users.get_by_telegram_id(5)) is not None  # now cached
        uow = SqlUnitOfWork(session, cache)
        async with uow.write():
            await users.update(added.id, {"full_name": "Anna Petrova"})
    async with session_factory() as session:
        seen = await SqlUserRepository(session, cache).get_by_telegram_id(5)
    assert seen is not None
    assert seen.full_name == "Anna Petrova"


class Staff:
    def __init__(self) -> None:
        self.members = [StaffMember(11, StaffRole.MANAGER, None, None)]
        self.reads = 0

    async def list(self) -> list[StaffMember]:
        self.reads += 1
        return self.members


async def test_the_roster_reads_staff_at_most_once_per_ttl_and_on_invalidation() -> None:
    now = [0.0]
    roster = StaffRoster(frozenset({1}), ttl=30, monotonic=lambda: now[0])
    staff = Staff()
    assert await roster.contains(1, staff)  # owners need no read
    assert staff.reads == 0
    assert await roster.contains(11, staff)
    assert not await roster.contains(12, staff)
    assert staff.reads == 1
    staff.members = []
    roster.invalidate()
    assert not await roster.contains(11, staff)
    now[0] = 31
    await roster.contains(99, staff)
    assert staff.reads == 3
