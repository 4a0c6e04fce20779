# syntax=docker/dockerfile:1

# --- webapp: the owners' dashboard (a Telegram Mini App), built with Node.js -----------------
FROM node:20-slim AS webapp

WORKDIR /webapp
COPY webapp/package.json webapp/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY webapp/ ./
RUN npm run build

# --- builder: a virtual environment with the app and its dependencies -----------------------
FROM python:3.11-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

COPY pyproject.toml README.md ./
COPY coworking_bot ./coworking_bot
COPY dialogs ./dialogs
COPY admin_api ./admin_api
RUN pip wheel --no-deps --wheel-dir /wheels . \
    && pip install /wheels/*.whl

# --- runtime: the venv only, a non-root user, data on a volume ---------------------------------
FROM python:3.11-slim AS runtime

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    API_HOST=0.0.0.0 \
    API_PORT=8080

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# Served at /app/ (admin_api/routes/webapp.py looks in ./webapp/dist).
COPY --from=webapp /webapp/dist /app/webapp/dist
# The default DATABASE_URL is sqlite+aiosqlite:///./data/coworking.db, i.e. /app/data/coworking.db;
# backups go to /app/data/backups. A fresh named volume takes this directory's owner.
RUN mkdir -p /app/data && chown app:app /app/data
VOLUME ["/app/data"]
USER app

EXPOSE 8080

# slim has no curl: ask /health with Python's standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('API_PORT', '8080'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["coworking-bot", "run"]
