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

.DEFAULT_GOAL := help
.PHONY: help install install-dev run migrate seed test lint fmt clean

help:
	@echo "make run      create .venv, install, migrate and run the bot (needs BOT_TOKEN in .env)"
	@echo "make test     create .venv, install with dev tools, run ruff, mypy and pytest"
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

# The app prints one line and exits non-zero when a setting is missing or wrong.
run: $(RUN_STAMP)
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

test: lint
	$(BIN)/pytest

fmt: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
	find . -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
