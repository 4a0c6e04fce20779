"""The real `coworking-bot run` as a subprocess, talking to the Bot API stand-in.

The process gets its environment explicitly and runs in `tmp_path`, so no `.env` is read. Its
database is the test database (a SQLite file of its own, or `TEST_DATABASE_URL`), already migrated
and emptied by the shared fixtures; its FSM storage is that database, or `TEST_REDIS_URL`.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import OWNER_ID, TEST_REDIS_URL
from tests.fakes.bot_api import BotApiStandIn, FakeUser

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
START_TIMEOUT = 20.0  # interpreter start, imports and migrations
STOP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _executable() -> list[str]:
    script = Path(sys.executable).with_name("coworking-bot")
    if script.exists():
        return [str(script)]
    found = shutil.which("coworking-bot")
    return [found] if found else [sys.executable, "-m", "coworking_bot.main.cli"]


class BotProcess:
    """Starts, kills and stops `coworking-bot run`; its output goes to `log_path`."""

    def __init__(self, api: BotApiStandIn, database_url: str, workdir: Path) -> None:
        self.api = api
        self.api_port = free_port()
        self.log_path = workdir / "bot.log"
        self._workdir = workdir
        self._process: asyncio.subprocess.Process | None = None
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": database_url,
            "ADMIN_TELEGRAM_ID": str(OWNER_ID),
            "API_HOST": "127.0.0.1",
            "API_PORT": str(self.api_port),
            "COWORKING_NAME": "Test Hub",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
        if TEST_REDIS_URL:
            self.env["REDIS_URL"] = TEST_REDIS_URL

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    async def start(self) -> None:
        """Starts the process and returns once it long-polls the stand-in."""
        polls = len(self.api.calls_of("getUpdates"))
        with self.log_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                *_executable(), "run", cwd=self._workdir, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + START_TIMEOUT
        while len(self.api.calls_of("getUpdates")) <= polls:
            if self._process.returncode is not None:
                raise AssertionError(f"the bot exited with {self._process.returncode}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot did not start polling:\n{self.log}")
            await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when the machine loses power."""
        await self._end(signal.SIGKILL)

    async def stop(self) -> int | None:
        return await self._end(signal.SIGTERM)

    async def _end(self, sig: signal.Signals) -> int | None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return process.returncode if process else None
        process.send_signal(sig)
        try:
            return await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise AssertionError(f"the bot ignored {sig.name}:\n{self.log}") from None

    @property
    def log(self) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text[-6000:]


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(TOKEN) as stand_in:
        # The owner has written to the bot before, so their chat exists for the staff commands.
        stand_in.add_user(FakeUser(OWNER_ID, "Owner"))
        yield stand_in


@pytest.fixture
async def bot_process(
    api: BotApiStandIn, database_url: str, engine: AsyncEngine, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    if TEST_REDIS_URL:
        from redis.asyncio import Redis

        async with Redis.from_url(TEST_REDIS_URL) as redis:
            await redis.flushdb()
    process = BotProcess(api, database_url, tmp_path)
    await process.start()
    try:
        yield process
    finally:
        code = await process.stop()
        if code not in (0, None):
            print(process.log)  # shown by pytest when the test fails


async def wait_for_saved_dialog(
    engine: AsyncEngine, user_id: int, fragment: str, within: float = 5.0
) -> None:
    """Until the FSM storage (database or Redis) holds `fragment` for this user.

    aiogram-dialog saves a dialog's state after it has shown the window, so a test that kills the
    process right after seeing a window must first wait for the save. With Redis it also waits
    for the update's lock (event isolation) to be let go, a moment after the save: a process
    killed while holding it leaves the chat locked for the lock's 60 s.
    """
    deadline = time.monotonic() + within
    while fragment not in await _stored_dialogs(engine, user_id) or await _locked(user_id):
        if time.monotonic() > deadline:
            raise AssertionError(f"{fragment!r} was not saved for user {user_id}")
        await asyncio.sleep(0.02)


async def _locked(user_id: int) -> bool:
    if not TEST_REDIS_URL:
        return False
    from redis.asyncio import Redis

    async with Redis.from_url(TEST_REDIS_URL, decode_responses=True) as redis:
        return any([key async for key in redis.scan_iter(f"*:{user_id}:*lock")])


async def _stored_dialogs(engine: AsyncEngine, user_id: int) -> str:
    if TEST_REDIS_URL:
        from redis.asyncio import Redis

        async with Redis.from_url(TEST_REDIS_URL, decode_responses=True) as redis:
            keys = [key async for key in redis.scan_iter(f"*:{user_id}:*")]
            return " ".join([str(await redis.get(key)) for key in keys])
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT key, state, data FROM bot_storage WHERE key LIKE :key"),
            {"key": f"%:{user_id}:%"},
        )
        return " ".join(str(tuple(row)) for row in rows)


async def wait_for_http(url: str, within: float = 5.0) -> tuple[int, str]:
    """GET once the HTTP server answers: it comes up alongside polling."""
    deadline = time.monotonic() + within
    while True:
        try:
            return await http_get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)


async def http_get(url: str) -> tuple[int, str]:
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
        return response.status, await response.text()
