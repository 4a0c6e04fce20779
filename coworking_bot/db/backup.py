"""Backups: SQLite through its online backup API; PostgreSQL through pg_dump / pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, in one line."""


def _sqlite_path(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database).expanduser()


def _libpq(database_url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and an environment that carries it (not argv)."""
    url = make_url(database_url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "no message"


def backup(database_url: str, directory: Path, now: datetime | None = None) -> Path:
    """Write a consistent copy of the database into `directory`; return its path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=True)
    source = _sqlite_path(database_url)
    if source is not None:
        if not source.exists():
            raise BackupError(f"no database file at {source}")
        target = directory / f"coworking-{stamp}.db"
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return target
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed; install the PostgreSQL client tools")
    target = directory / f"coworking-{stamp}.dump"
    url, env = _libpq(database_url)
    result = subprocess.run(
        ["pg_dump", "--format=custom", f"--file={target}", url],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {_last_line(result.stderr)}")
    return target


def restore(database_url: str, file: Path) -> None:
    """Replace the database's contents with a backup made by `backup`. Stop the bot first."""
    if not file.is_file():
        raise BackupError(f"no backup file at {file}")
    target = _sqlite_path(database_url)
    if target is not None:
        try:
            with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as src:
                if src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                    raise BackupError(f"{file} is damaged")
                if not src.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                ).fetchone():
                    raise BackupError(f"{file} is a SQLite file, but not a Coworking Bot backup")
                target.parent.mkdir(parents=True, exist_ok=True)
                with closing(sqlite3.connect(target)) as dst:
                    src.backup(dst)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{file} is not a SQLite backup ({error})") from None
        return
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed; install the PostgreSQL client tools")
    url, env = _libpq(database_url)
    result = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={url}", str(file)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {_last_line(result.stderr)}")
