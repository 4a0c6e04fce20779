"""Backups: SQLite through its online backup API; PostgreSQL through pg_dump / pg_restore.

A backup holds every client's name and phone, so its file is readable by the owner only from
the moment it exists (the data is written into a file already made 0600, in a 0700 directory).
`restore` checks everything it can before it changes anything: that the file is a backup, that
its schema version is one this code can migrate from, and that no bot runs on the database.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from coworking_bot.db.instances import alive_instances
from coworking_bot.db.migrate import alembic_config

VERSION_TABLE = "alembic_version"


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


def _private_file(directory: Path, stem: str, suffix: str) -> Path:
    """A new empty file that only the owner may read; `-2`, `-3`... when the name is taken (two
    backups in one second), never an existing file."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        for number in range(1, 100):
            path = directory / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            return path
    except OSError as error:
        raise BackupError(f"cannot write into {directory}: {error.strerror or error}") from None
    raise BackupError(f"{directory} already holds too many backups named {stem}")


def backup(database_url: str, directory: Path, now: datetime | None = None) -> Path:
    """Write a consistent copy of the database into `directory`; return its path."""
    stem = "coworking-" + (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    source = _sqlite_path(database_url)
    if source is not None and not source.exists():
        raise BackupError(f"no database file at {source}")
    if source is None and shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed; install the PostgreSQL client tools")
    target = _private_file(directory, stem, ".db" if source is not None else ".dump")
    try:
        if source is not None:
            with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
                src.backup(dst)
            return target
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
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def restore(database_url: str, file: Path, now: datetime | None = None) -> None:
    """Replace the database's contents with a backup made by `backup`; the caller migrates it
    afterwards. Refuses, changing nothing, a file that is not a backup, a backup of a schema
    version this code does not have, and a database that a running bot has been seen on
    recently. Runs an event loop of its own: call it from synchronous code."""
    if not file.is_file():
        raise BackupError(f"no backup file at {file}")
    target = _sqlite_path(database_url)
    if target is None and shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed; install the PostgreSQL client tools")
    versions = _sqlite_versions(file) if target is not None else _dump_versions(file)
    _check_version(versions, file, database_url)
    _check_not_running(database_url, now or datetime.now(UTC))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(_open_read_only(file)) as src, closing(sqlite3.connect(target)) as dst:
                src.backup(dst)
        except sqlite3.Error as error:
            raise BackupError(f"cannot write the database at {target} ({error})") from None
        return
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


def _open_read_only(file: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)


def _sqlite_versions(file: Path) -> list[str]:
    """The Alembic revision(s) a SQLite backup was written at."""
    try:
        with closing(_open_read_only(file)) as src:
            if src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{file} is damaged")
            if not src.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
            ).fetchone():
                raise BackupError(f"{file} is a SQLite file, but not a Coworking Bot backup")
            rows = src.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{file} is not a SQLite backup ({error})") from None
    return [str(version) for (version,) in rows]


def _dump_versions(file: Path) -> list[str]:
    """The Alembic revision(s) in a pg_dump archive, read without a server: pg_restore turns
    the one table's data into an SQL script on stdout."""
    result = subprocess.run(
        ["pg_restore", "--data-only", f"--table={VERSION_TABLE}", "--file=-", str(file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{file} is not a pg_dump backup: {_last_line(result.stderr)}")
    return copied_rows(result.stdout, VERSION_TABLE)


_COPY = re.compile(r'COPY (?:"?\w+"?\.)?"?(?P<table>\w+)"? .*FROM stdin;$')


def copied_rows(script: str, table: str) -> list[str]:
    """The first column of each row that an SQL script from pg_restore COPYs into `table`."""
    rows: list[str] = []
    copying = False
    for line in script.splitlines():
        if copying:
            if line == "\\.":
                copying = False
            else:
                rows.append(line.split("\t", 1)[0])
        elif (match := _COPY.match(line)) is not None and match["table"] == table:
            copying = True
    return rows


def _check_version(versions: list[str], file: Path, database_url: str) -> None:
    """Refuse a backup that `migrate` could not bring up to date: one from a newer release (or
    another program) that this code's migrations do not know."""
    if len(versions) != 1:
        raise BackupError(f"{file} records no single schema version: not a Coworking Bot backup")
    [version] = versions
    scripts = ScriptDirectory.from_config(alembic_config(database_url))
    if version not in {script.revision for script in scripts.walk_revisions()}:
        shown = repr(version[:40])
        raise BackupError(
            f"{file} has schema version {shown}, which this Coworking Bot does not know (its"
            f" newest is {scripts.get_current_head()}): restore it with the release that wrote it"
        )


def _check_not_running(database_url: str, now: datetime) -> None:
    alive = asyncio.run(alive_instances(database_url, now))
    if alive:
        seen = "; ".join(instance.describe(now) for instance in alive)
        raise BackupError(f"the bot is running ({seen}): stop it first, then restore")
