"""Fluent locale files: one folder a language, complete in each."""

from pathlib import Path

LOCALES_DIR = Path(__file__).parent
