"""Migrations: up, all the way down, up again; and the models agree with what they build.

Runs on a SQLite file, and on a throwaway PostgreSQL database when TEST_DATABASE_URL is set (a
database of its own, so the `test` database that other tests share is left alone).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from coworking_bot.db import models  # noqa: F401  (registers the tables)
from coworking_bot.db.base import Base
from coworking_bot.db.engine import create_engine
from coworking_bot.db.migrate import alembic_config, downgrade, upgrade

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _run_sync(database_url: str, work: Any) -> Any:
    """Run `work(sync_connection)` over the app's async engine, from a synchronous test."""

    async def go() -> Any:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(work)
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _tables(database_url: str) -> set[str]:
    return set(_run_sync(database_url, lambda c: inspect(c).get_table_names()))


def _revision(database_url: str) -> str | None:
    return _run_sync(  # type: ignore[no-any-return]
        database_url, lambda c: MigrationContext.configure(c).get_current_revision()
    )


def _differences(database_url: str) -> list[Any]:
    def compare(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    return _run_sync(database_url, compare)  # type: ignore[no-any-return]


def _head() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database on TEST_DATABASE_URL's server, dropped afterwards."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    server = make_url(TEST_DATABASE_URL)
    name = f"coworking_migrations_test_{uuid.uuid4().hex[:8]}"

    def admin(statement: str) -> None:
        async def go() -> None:
            engine = create_async_engine(server, isolation_level="AUTOCOMMIT")
            try:
                async with engine.connect() as connection:
                    await connection.execute(text(statement))
            finally:
                await engine.dispose()

        asyncio.run(go())

    admin(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _round_trip(database_url: str) -> None:
    upgrade(database_url)
    created = _tables(database_url)
    assert {"users", "spaces", "tariffs", "staff_members", "alembic_version"} <= created
    assert created - {"alembic_version"} == set(Base.metadata.tables)
    assert _revision(database_url) == _head()

    downgrade(database_url, "base")
    assert _tables(database_url) <= {"alembic_version"}
    assert _revision(database_url) is None

    upgrade(database_url)
    assert _tables(database_url) == created
    assert _revision(database_url) == _head()


def test_sqlite_upgrade_downgrade_upgrade(sqlite_url: str) -> None:
    _round_trip(sqlite_url)


def test_sqlite_models_match_migrations(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    assert _differences(sqlite_url) == []


@pytest.mark.postgres
def test_postgres_upgrade_downgrade_upgrade(postgres_url: str) -> None:
    _round_trip(postgres_url)


@pytest.mark.postgres
def test_postgres_models_match_migrations(postgres_url: str) -> None:
    upgrade(postgres_url)
    assert _differences(postgres_url) == []
