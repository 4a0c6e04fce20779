"""The owners' Mini App, built by `make run` into `webapp/dist`, served at `/app/`.

Its files are looked for beside the code (a checkout) and then in the working directory (the
Docker image copies them to /app/webapp/dist). Hashed assets are cached for a year; the page
itself is asked for again each time, so a new build is seen at once. When nothing is built, /app/
says so, in a page the owner can read, and the bot and the API run as usual.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

MOUNT = "/app"
ASSETS = "assets/"
CANDIDATES = (
    Path(__file__).resolve().parents[2] / "webapp" / "dist",
    Path("webapp") / "dist",
)

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5">
<h1>The dashboard is not built</h1>
<p>Дашборд не собран. Запустите бота командой <code>make run</code> на машине с Node.js 20:
она соберёт его в <code>webapp/dist</code>.</p>
<p>Run the bot with <code>make run</code> on a machine with Node.js 20: it builds the dashboard
into <code>webapp/dist</code>.</p>
</body></html>
"""


def built_app() -> Path | None:
    """The folder with the built Mini App, if there is one."""
    for folder in CANDIDATES:
        if (folder / "index.html").is_file():
            return folder
    return None


class _AppFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200 and path.startswith(ASSETS):
            # File names carry a hash of their content: a new build has new names.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def mount_webapp(app: FastAPI, folder: Path | None = None) -> None:
    folder = folder or built_app()
    if folder is not None:
        app.mount(MOUNT, _AppFiles(directory=folder, html=True), name="webapp")
        return

    @app.get(MOUNT + "/{path:path}", include_in_schema=False)
    async def not_built(path: str) -> HTMLResponse:
        return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-cache"})
