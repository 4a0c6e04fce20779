"""`coworking-bot` as an operator runs it: a clean environment, a fresh directory, the default
SQLite database under ./data. Bad settings are checked in-process through the same `main()`;
the commands that do work run as real subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.config import Settings
from coworking_bot.db.engine import create_engine, create_session_factory
from coworking_bot.db.instances import ALIVE_WITHIN, Heartbeat
from coworking_bot.db.migrate import upgrade
from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import Language
from coworking_bot.main.cli import main

VALID_TOKEN = "123456:AAE-secret-token-value-xyz"
SECRET_MARKERS = ("secret-token-value", "hunter2", "TOPSECRET")


def coworking_bot(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), **env}
    return subprocess.run(
        [sys.executable, "-m", "coworking_bot.main.cli", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _db(cwd: Path) -> sqlite3.Connection:
    return sqlite3.connect(cwd / "data" / "coworking.db")


def _count(cwd: Path, table: str) -> int:
    with closing(_db(cwd)) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No setting in the environment and no .env: only what a test sets."""
    for info in Settings.model_fields.values():
        alias = info.validation_alias
        names = getattr(alias, "choices", [alias])
        for name in names:
            if isinstance(name, str):
                monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_run_without_a_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = coworking_bot(tmp_path, "run")
    assert result.returncode != 0
    assert result.stdout == ""
    [line] = _lines(result.stderr)
    assert "BOT_TOKEN" in line
    assert "@BotFather" in line
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOT_TOKEN", "TOPSECRET-without-a-colon"),
        ("BOT_TOKEN", "12345:TOPSECRET"),
        ("TIMEZONE", "Mars/Olympus_Mons"),
        ("ADMIN_TELEGRAM_ID", "123,TOPSECRET"),
        ("DATABASE_URL", "mysql://root:hunter2@db.local/coworking"),
        ("API_PORT", "70000"),
        ("API_PORT", "http"),
        ("YOOKASSA_WEBHOOK_IPS", "185.71.76.0/27,TOPSECRET"),
        ("METRICS_ALLOWED_IPS", "127.0.0.1,TOPSECRET"),
        ("METRICS_TOKEN", "TOPSECRET"),  # too short to be a secret
        ("METRICS_TOKEN", "TOPSECRET with spaces and more"),
    ],
)
def test_a_malformed_setting_gives_one_line_naming_it(
    bare_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
) -> None:
    monkeypatch.setenv("BOT_TOKEN", VALID_TOKEN)
    monkeypatch.setenv(name, value)
    assert main(["run"]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    [line] = _lines(err)
    assert f"Setting {name} " in line
    for marker in SECRET_MARKERS:
        assert marker not in line
    assert not (bare_env / "data").exists()


def test_a_malformed_setting_in_dot_env_is_reported_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={VALID_TOKEN}\nTIMEZONE=Nowhere/Town\n")
    result = coworking_bot(tmp_path, "migrate")
    assert result.returncode != 0
    [line] = _lines(result.stderr)
    assert "TIMEZONE" in line
    assert "secret-token-value" not in result.stderr + result.stdout


def test_migrate_needs_no_token_and_says_one_line(tmp_path: Path) -> None:
    result = coworking_bot(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert _lines(result.stdout) == ["database is up to date"]
    assert _count(tmp_path, "alembic_version") == 1


def test_seed_demo_is_idempotent_and_builds_the_demo_space(tmp_path: Path) -> None:
    first = coworking_bot(tmp_path, "seed-demo")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert len(_lines(first.stdout)) == 1
    second = coworking_bot(tmp_path, "seed-demo")
    assert second.returncode == 0, second.stderr
    assert "0 spaces, 0 tariffs and 0 promo codes added" in second.stdout

    with closing(_db(tmp_path)) as db:
        spaces = {
            name: (kind, capacity, space_id)
            for space_id, name, kind, capacity in db.execute(
                "SELECT id, name_en, kind, capacity FROM spaces"
            )
        }
        tariffs = db.execute(
            "SELECT space_id, unit, price, is_trial, needs_confirmation, is_active FROM tariffs"
        ).fetchall()
        promos = {
            code: (kind, value, tariff_ids, first_only)
            for code, kind, value, tariff_ids, first_only in db.execute(
                "SELECT code, kind, value, tariff_ids, first_booking_only FROM promo_codes"
            )
        }
        units = dict(db.execute("SELECT id, unit FROM tariffs"))
    assert len(spaces) == 4
    assert len(tariffs) == 7
    assert set(promos) == {"WELCOME20", "FIRSTDESK", "COFFEE300"}
    welcome = promos["WELCOME20"]
    assert welcome[:2] == ("percent", 20)
    assert sorted(units[i] for i in json.loads(welcome[2])) == ["hour", "hour"]
    first_desk = promos["FIRSTDESK"]
    assert [units[i] for i in json.loads(first_desk[2])] == ["day"]
    assert first_desk[3] == 1
    assert json.loads(promos["COFFEE300"][2] or "null") is None

    def tariffs_of(space_id: int) -> list[tuple[str, int, bool, bool]]:
        return sorted(
            (unit, price, bool(trial), bool(confirm))
            for sid, unit, price, trial, confirm, active in tariffs
            if sid == space_id and active
        )

    [open_space] = [v for v in spaces.values() if v[0] == "open_space"]
    assert open_space[1] == 20
    open_tariffs = tariffs_of(open_space[2])
    assert {unit for unit, _, trial, _ in open_tariffs if not trial} == {"day", "hour", "month"}
    assert all(price > 0 for _, price, trial, _ in open_tariffs if not trial)
    assert [(unit, price) for unit, price, trial, _ in open_tariffs if trial] == [("day", 0)]

    rooms = [v for v in spaces.values() if v[0] == "meeting_room"]
    assert len(rooms) == 2
    for room in rooms:
        assert [unit for unit, _, _, _ in tariffs_of(room[2])] == ["hour"]

    [office] = [v for v in spaces.values() if v[0] == "office"]
    assert [(unit, confirm) for unit, _, _, confirm in tariffs_of(office[2])] == [("month", True)]


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    assert coworking_bot(tmp_path, "seed-demo").returncode == 0
    made = coworking_bot(tmp_path, "backup")
    assert made.returncode == 0, made.stderr
    [line] = _lines(made.stdout)
    backup_file = tmp_path / line.rsplit(" ", 1)[-1]
    assert backup_file.is_file()
    assert backup_file.parent == tmp_path / "data" / "backups"

    with closing(_db(tmp_path)) as db:
        db.execute("DELETE FROM tariffs")
        db.execute("DELETE FROM spaces")
        db.commit()
    assert _count(tmp_path, "spaces") == 0

    restored = coworking_bot(tmp_path, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    assert len(_lines(restored.stdout)) == 1
    assert _count(tmp_path, "spaces") == 4
    assert _count(tmp_path, "tariffs") == 7


def test_restore_refuses_what_is_not_a_backup(
    bare_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed-demo"]) == 0
    capsys.readouterr()

    garbage = bare_env / "garbage.db"
    garbage.write_bytes(b"PGDMP this is not a SQLite file at all" * 100)
    foreign = bare_env / "foreign.db"
    with closing(sqlite3.connect(foreign)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.commit()

    for bad in (garbage, foreign, bare_env / "missing.db"):
        assert main(["restore", str(bad)]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        [line] = _lines(err)
        assert bad.name in line
    assert _count(bare_env, "spaces") == 4
    assert _count(bare_env, "tariffs") == 7


# -- backups are private, restore checks before it changes anything ---------------------------

T = TypeVar("T")
Sessions = async_sessionmaker[AsyncSession]
DATABASE = Path("data") / "coworking.db"


def _with_sessions(database: Path, work: Callable[[Sessions], Awaitable[T]]) -> T:
    async def go() -> T:
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        try:
            return await work(create_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _backup(capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    assert main(["backup", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    [line] = _lines(out)
    return Path(line.rsplit(" ", 1)[-1])


def _refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    [line] = _lines(err)
    return line


@pytest.fixture
def open_umask() -> Iterator[None]:
    """No umask to hide behind: the modes must come from the code."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def seeded(bare_env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["seed-demo"]) == 0
    capsys.readouterr()
    return bare_env


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_is_readable_by_its_owner_only(
    seeded: Path, capsys: pytest.CaptureFixture[str], open_umask: None
) -> None:
    first = _backup(capsys)
    assert first.parent == Path("data/backups")
    assert _mode(first) == 0o600
    assert _mode(first.parent) == 0o700
    again = _backup(capsys)  # within the same second, as like as not: never the same file
    assert again != first
    assert _mode(again) == 0o600

    shared = seeded / "shared"
    shared.mkdir(mode=0o755)
    into_shared = _backup(capsys, "--dir", str(shared))
    assert _mode(into_shared) == 0o600
    assert _mode(shared) == 0o755  # a directory the operator made is theirs to set


def test_a_failed_backup_leaves_no_file(bare_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _refused(capsys, "backup")
    assert "no database file" in line
    assert not (bare_env / "data" / "backups").exists()


def _set_version(backup_file: Path, *versions: str) -> None:
    with closing(sqlite3.connect(backup_file)) as db:
        db.execute("DELETE FROM alembic_version")
        db.executemany("INSERT INTO alembic_version VALUES (?)", [(v,) for v in versions])
        db.commit()


def _empty_the_spaces(cwd: Path) -> None:
    with closing(_db(cwd)) as db:
        db.execute("DELETE FROM tariffs")
        db.execute("DELETE FROM spaces")
        db.commit()


@pytest.mark.parametrize("versions", [("9999_from_the_future",), (), ("0004", "0005")])
def test_restore_refuses_a_backup_of_an_unknown_version(
    seeded: Path, capsys: pytest.CaptureFixture[str], versions: tuple[str, ...]
) -> None:
    backup_file = _backup(capsys)
    _set_version(backup_file, *versions)
    _empty_the_spaces(seeded)

    line = _refused(capsys, "restore", str(backup_file))

    assert backup_file.name in line
    if versions == ("9999_from_the_future",):
        assert "9999_from_the_future" in line
        assert "does not know" in line
    assert _count(seeded, "spaces") == 0


def test_restore_takes_a_backup_of_an_older_version_and_migrates_it(
    bare_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = bare_env / "old.db"
    upgrade(f"sqlite+aiosqlite:///{old}", "0004")
    with closing(sqlite3.connect(old)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)
        db.execute(
            "INSERT INTO spaces (name, kind, capacity, opening_hours, created_at)"
            " VALUES ('Old room', 'meeting_room', 1, '{}', '2026-01-01 00:00:00.000000')"
        )
        db.commit()

    assert main(["restore", str(old)]) == 0
    capsys.readouterr()

    with closing(_db(bare_env)) as db:
        assert db.execute("SELECT name FROM spaces").fetchall() == [("Old room",)]
        [(head,)] = db.execute("SELECT version_num FROM alembic_version").fetchall()
    assert head != "0004"
    assert _count(bare_env, "instances") == 0


def _beat(cwd: Path, seen: datetime | None = None) -> Heartbeat:
    """A bot's heartbeat row in the current database, as `coworking-bot run` writes it."""

    async def work(sessions: Sessions) -> Heartbeat:
        heartbeat = Heartbeat(sessions, now=lambda: seen or datetime.now(UTC))
        await heartbeat.beat()
        return heartbeat

    return _with_sessions(cwd / DATABASE, work)


def _stop_cleanly(cwd: Path) -> None:
    """What `coworking-bot run` does to its row when it stops."""
    with closing(_db(cwd)) as db:
        db.execute("DELETE FROM instances")
        db.commit()


def test_restore_refuses_while_the_bot_runs(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_file = _backup(capsys)
    _empty_the_spaces(seeded)
    heartbeat = _beat(seeded, datetime.now(UTC) - timedelta(seconds=4))

    line = _refused(capsys, "restore", str(backup_file))

    assert line == (
        f"coworking-bot: the bot is running (pid {os.getpid()} on host {heartbeat.host},"
        " seen 4 s ago): stop it first, then restore"
    )
    assert _count(seeded, "spaces") == 0
    assert _count(seeded, "instances") == 1

    _stop_cleanly(seeded)
    assert main(["restore", str(backup_file)]) == 0
    assert _count(seeded, "spaces") == 4


def test_a_bot_killed_long_ago_does_not_block_restore(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_file = _backup(capsys)
    _empty_the_spaces(seeded)
    _beat(seeded, datetime.now(UTC) - ALIVE_WITHIN - timedelta(seconds=2))

    assert main(["restore", str(backup_file)]) == 0
    assert _count(seeded, "spaces") == 4


def test_restore_into_an_older_schema_or_no_database_at_all(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_file = _backup(capsys)
    database = seeded / DATABASE
    database.unlink()
    for leftover in database.parent.glob("coworking.db-*"):
        leftover.unlink()

    assert main(["restore", str(backup_file)]) == 0  # nothing there: nothing runs
    assert _count(seeded, "spaces") == 4

    database.unlink()
    upgrade(f"sqlite+aiosqlite:///{database}", "0004")  # before the instances table
    assert main(["restore", str(backup_file)]) == 0
    assert _count(seeded, "spaces") == 4


# -- seed-demo keeps out of a coworking in use ------------------------------------------------


def _add_user(cwd: Path, telegram_id: int, *, registered: bool) -> None:
    async def work(sessions: Sessions) -> None:
        async with sessions() as session:
            session.add(
                UserRow(
                    telegram_id=telegram_id,
                    language=Language.RU,
                    referral_code=f"ref{telegram_id}",
                    registered_at=datetime.now(UTC) if registered else None,
                )
            )
            await session.commit()

    _with_sessions(cwd / DATABASE, work)


def test_seed_demo_refuses_a_database_with_clients_unless_forced(
    bare_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    _add_user(bare_env, 501, registered=False)  # pressed /start, never registered: no client
    _add_user(bare_env, 502, registered=True)
    capsys.readouterr()

    line = _refused(capsys, "seed-demo")

    assert "1 registered client" in line
    assert "seed-demo --force" in line
    for table in ("spaces", "tariffs", "promo_codes"):
        assert _count(bare_env, table) == 0

    assert main(["seed-demo", "--force"]) == 0
    assert "4 spaces, 7 tariffs and 3 promo codes added" in capsys.readouterr().out
    assert main(["seed-demo", "--force"]) == 0
    assert "0 spaces, 0 tariffs and 0 promo codes added" in capsys.readouterr().out


def test_seed_demo_runs_on_a_database_without_clients(
    bare_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    _add_user(bare_env, 501, registered=False)
    assert main(["seed-demo"]) == 0
    assert _count(bare_env, "spaces") == 4
