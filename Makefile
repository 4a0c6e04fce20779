# Coworking Bot: `make run` starts the bot, `make test` runs every check.
# The virtual environment lives in .venv; a stamp file per install kind means a second run
# reinstalls only when pyproject.toml changed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
APP := $(BIN)/coworking-bot
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The owners' dashboard (a Telegram Mini App) is built with Node.js into webapp/dist, which the
# bot serves at /app/. It is rebuilt when a source is newer than the build.
WEBAPP := webapp
WEBAPP_BUILT := $(WEBAPP)/dist/index.html
WEBAPP_INSTALLED := $(WEBAPP)/node_modules/.package-lock.json
WEBAPP_SOURCES := $(shell find $(WEBAPP)/src $(WEBAPP)/public $(WEBAPP)/scripts -type f 2>/dev/null) \
	$(wildcard $(WEBAPP)/index.html $(WEBAPP)/package.json $(WEBAPP)/vite.config.* \
	$(WEBAPP)/tsconfig*.json)
HAVE_NPM := $(shell command -v npm 2>/dev/null)
NO_NODE := Node.js 20 (npm) not found: the bot runs without the owners' dashboard

.DEFAULT_GOAL := help
.PHONY: help install install-dev run migrate seed test lint fmt clean webapp webapp-check

help:
	@echo "make run      create .venv, install, migrate and run the bot (needs BOT_TOKEN in .env)"
	@echo "make test     create .venv, install with dev tools, run ruff, mypy, the dashboard's"
	@echo "              checks (Vitest, build, size) and pytest (with the browser tests)"
	@echo "make webapp   build the owners' dashboard (needs Node.js 20) into webapp/dist"
	@echo "make seed     add the demo spaces and tariffs (safe to run again)"
	@echo "make lint     ruff check, ruff format --check and mypy"
	@echo "make fmt      ruff format and ruff check --fix"
	@echo "make clean    remove .venv, caches and build files (never data/)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

$(WEBAPP_INSTALLED): $(WEBAPP)/package-lock.json
	cd $(WEBAPP) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEBAPP_BUILT): $(WEBAPP_INSTALLED) $(WEBAPP_SOURCES)
	cd $(WEBAPP) && npm run --silent build

# Without Node.js, one line says so and the bot runs all the same (no dashboard at /app/).
webapp:
ifeq ($(HAVE_NPM),)
	@echo "$(NO_NODE)"
else
	@$(MAKE) -s --no-print-directory $(WEBAPP_BUILT) \
		|| echo "the owners' dashboard did not build (see above): the bot runs without it"
endif

webapp-check:
ifeq ($(HAVE_NPM),)
	@echo "Node.js 20 (npm) is needed for the dashboard's checks" >&2; exit 1
else
	@$(MAKE) -s --no-print-directory $(WEBAPP_INSTALLED)
	cd $(WEBAPP) && npm run --silent check
endif

# The app prints one line and exits non-zero when a setting is missing or wrong.
run: $(RUN_STAMP) webapp
	@$(APP) migrate
	@$(APP) run

migrate: $(RUN_STAMP)
	@$(APP) migrate

seed: $(RUN_STAMP)
	@$(APP) seed-demo

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint webapp-check
	$(BIN)/pytest

fmt: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis \
		$(WEBAPP)/node_modules $(WEBAPP)/dist
	find . -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
