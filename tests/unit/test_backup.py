"""The PostgreSQL side of backups where no server is needed: reading the schema version out of
a pg_dump archive. Making such an archive needs a server, so the parsing is tested on the script
pg_restore prints, and the refusal of a file that is no archive on the real pg_restore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coworking_bot.db.backup import BackupError, copied_rows, restore

# What `pg_restore --data-only --table=alembic_version --file=- <archive>` printed for an archive
# that `coworking-bot backup` wrote (PostgreSQL 15.20), shortened.
SCRIPT = """--
-- PostgreSQL database dump
--

\\restrict F7MPCknTYV96PP686dz4YFgIQisKYzrs1MOuf3Gcic4hJsMroZHQcnLJN0i0V97

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Data for Name: alembic_version; Type: TABLE DATA; Schema: public; Owner: coworking
--

COPY public.alembic_version (version_num) FROM stdin;
0004
\\.


--
-- PostgreSQL database dump complete
--

\\unrestrict F7MPCknTYV96PP686dz4YFgIQisKYzrs1MOuf3Gcic4hJsMroZHQcnLJN0i0V97
"""

NOT_A_DUMP_URL = "postgresql+asyncpg://coworking:pw@127.0.0.1:1/coworking"


def test_the_version_is_read_from_the_copy_block() -> None:
    assert copied_rows(SCRIPT, "alembic_version") == ["0004"]


def test_other_tables_and_quoted_names() -> None:
    script = (
        'COPY "public"."alembic_version" (version_num) FROM stdin;\n0005\n\\.\n'
        "COPY public.spaces (id, name) FROM stdin;\n1\tOpen space\n\\.\n"
    )
    assert copied_rows(script, "alembic_version") == ["0005"]
    assert copied_rows(script, "spaces") == ["1"]
    assert copied_rows(script, "bookings") == []


def test_an_archive_without_the_table_gives_nothing() -> None:
    head, _, _ = SCRIPT.partition("COPY ")
    assert copied_rows(head, "alembic_version") == []


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs pg_restore")
def test_a_file_that_is_no_archive_is_refused_before_the_server_is_asked(
    tmp_path: Path,
) -> None:
    # Nothing listens on port 1: getting past the file's check would fail differently.
    fake = tmp_path / "coworking.dump"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(BackupError, match=r"coworking\.dump is not a pg_dump backup"):
        restore(NOT_A_DUMP_URL, fake)
