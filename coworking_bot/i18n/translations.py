"""Fluent translations. Every text the bot shows is a message in `dialogs/locales/<lang>/*.ftl`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from coworking_bot.domain.enums import Language

logger = logging.getLogger(__name__)

_FLUENT_TYPES = (str, int, float, Decimal, date)


class MissingTranslation(KeyError):
    pass


def message_ids(directory: Path) -> set[str]:
    """Every message id defined in the `.ftl` files of one language directory."""
    parser = FluentParser(with_spans=False)
    ids: set[str] = set()
    for path in sorted(directory.glob("*.ftl")):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                raise ValueError(f"{path.name}: cannot parse {(entry.content or '')[:60]!r}")
            if isinstance(entry, ast.Message):
                ids.add(entry.id.name)
    return ids


class Translator:
    """One language's texts."""

    def __init__(self, language: Language, bundle: FluentBundle, *, strict: bool) -> None:
        self.language = language
        self._bundle = bundle
        self._strict = strict

    def get(self, key: str, /, **params: Any) -> str:
        if not self._bundle.has_message(key):
            if self._strict:
                raise MissingTranslation(f"{self.language.value}: {key}")
            logger.error("missing translation %s for %s", key, self.language.value)
            return key
        message = self._bundle.get_message(key)
        if message.value is None:
            return key
        args = {k: v for k, v in params.items() if isinstance(v, _FLUENT_TYPES)}
        text, errors = self._bundle.format_pattern(message.value, args)
        if errors:
            if self._strict:
                raise MissingTranslation(f"{self.language.value}: {key}: {errors}")
            logger.error("translation %s (%s) failed: %s", key, self.language.value, errors)
        return str(text)


class Translations:
    """All languages, loaded once at start."""

    def __init__(self, root: Path, default: Language, *, strict: bool = False) -> None:
        self.root = root
        self.default = default
        self._by_language: dict[Language, Translator] = {}
        for language in Language:
            bundle = FluentBundle([language.value], use_isolating=False)
            for path in sorted((root / language.value).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._by_language[language] = Translator(language, bundle, strict=strict)

    def __call__(self, language: Language | str | None) -> Translator:
        if isinstance(language, Language):
            return self._by_language[language]
        return self._by_language[Language.pick(language, self.default)]

    def all(self) -> Mapping[Language, Translator]:
        return self._by_language
