"""What the browser tests need: Debian's Chromium, the built Mini App, and the real HTTP server
on a free local port.

Without Chromium or a build they are skipped on a developer's machine (saying how to get them),
and fail on CI (`CI` set), where `.ci/run` installs Chromium and `make test` builds the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from types import TracebackType

import pytest
import uvicorn
from fastapi import FastAPI

from admin_api.routes.webapp import built_app
from tests.e2e.conftest import free_port

# Headless on a closed network: no sandbox (root in a container), no
# GPU, and none of the background connections a closed network refuses.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _missing() -> str | None:
    if chromium_path() is None:
        return "no Chromium: `apt-get install chromium` (or set CHROMIUM_PATH)"
    if built_app() is None:
        return "the Mini App is not built: `make webapp` (needs Node.js 20)"
    return None


@pytest.fixture(autouse=True)
def _browser_ready() -> None:
    missing = _missing()
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run on CI: {missing}")
    pytest.skip(missing)


class LiveServer:
    """The app served by uvicorn on 127.0.0.1, as `coworking-bot run` serves it."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_config=None, lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LiveServer:
        self._task = asyncio.create_task(self._server.serve())
        for _ in range(200):
            if self._server.started:
                return self
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.025)
        raise AssertionError("the server did not start")

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, 10)
