"""The Mini App's files at /app/: the page asked for afresh each time, hashed assets kept a
year, nothing outside the build folder reachable, and a readable page when nothing is built."""

from __future__ import annotations

from pathlib import Path

import pytest
from dishka import AsyncContainer
from fastapi import FastAPI

from admin_api.routes import webapp
from coworking_bot.config import Settings
from coworking_bot.main.web import create_app
from tests.api.webhook_helpers import client_for


@pytest.fixture
def built(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><script type="module" src="/app/assets/index-abc123.js"></script>'
    )
    (dist / "assets" / "index-abc123.js").write_text("console.log('dashboard')")
    (tmp_path / "secret.txt").write_text("not for the web")
    return dist


def app_with(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, container: AsyncContainer, *folders: Path
) -> FastAPI:
    monkeypatch.setattr(webapp, "CANDIDATES", folders)
    return create_app(settings, container)


async def test_the_page_and_its_assets(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, container: AsyncContainer, built: Path
) -> None:
    async with client_for(app_with(monkeypatch, settings, container, built)) as api:
        page = await api.get("/app/")
        assert page.status_code == 200
        assert "index-abc123.js" in page.text
        assert page.headers["cache-control"] == "no-cache"
        assert page.headers["content-type"].startswith("text/html")

        asset = await api.get("/app/assets/index-abc123.js")
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["x-content-type-options"] == "nosniff"

        bare = await api.get("/app", follow_redirects=False)
        assert bare.status_code in (301, 302, 307, 308)
        assert bare.headers["location"].endswith("/app/")

        assert (await api.get("/app/assets/missing.js")).status_code == 404
        for sneaky in ("/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/..%2fsecret.txt"):
            answer = await api.get(sneaky)
            assert "not for the web" not in answer.text, sneaky


async def test_the_first_folder_with_a_build_is_served(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    container: AsyncContainer,
    built: Path,
    tmp_path: Path,
) -> None:
    empty = tmp_path / "nothing-here"
    async with client_for(app_with(monkeypatch, settings, container, empty, built)) as api:
        assert (await api.get("/app/")).status_code == 200


async def test_nothing_built_says_how_to_build_it(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, container: AsyncContainer, tmp_path: Path
) -> None:
    async with client_for(app_with(monkeypatch, settings, container, tmp_path / "none")) as api:
        page = await api.get("/app/")
        assert page.status_code == 503
        assert "make run" in page.text
        assert "Node.js" in page.text
        assert (await api.get("/app/assets/index.js")).status_code == 503
        assert (await api.get("/health")).status_code == 200
        paths = (await api.get("/openapi.json")).json()["paths"]
        assert not any(path.startswith("/app") for path in paths)
