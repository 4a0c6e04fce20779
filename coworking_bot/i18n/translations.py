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
from fluent.syntax.visitor import Visitor

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


def static_ids(directory: Path) -> set[str]:
    """Messages whose text depends on nothing (no variables, references or selectors): a button
    label, a title. Their text is formatted once and kept."""
    parser = FluentParser(with_spans=False)

    class Dynamic(Visitor):
        def __init__(self) -> None:
            super().__init__()
            self.found = False

        def visit_Placeable(self, node: ast.Placeable) -> None:
            self.found = True

    static: set[str] = set()
    for path in sorted(directory.glob("*.ftl")):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.value is not None and not entry.attributes:
                visitor = Dynamic()
                visitor.visit(entry.value)
                if not visitor.found:
                    static.add(entry.id.name)
    return static


class Translator:
    """One language's texts."""

    def __init__(
        self,
        language: Language,
        bundle: FluentBundle,
        *,
        strict: bool,
        static: set[str] | None = None,
    ) -> None:
        self.language = language
        self._bundle = bundle
        self._strict = strict
        self._static = static or set()
        self._formatted: dict[str, str] = {}

    def get(self, key: str, /, **params: Any) -> str:
        # Windows render every label on every show; most labels take no arguments.
        if key in self._static:
            text = self._formatted.get(key)
            if text is None:
                text = self._formatted[key] = self._format(key, {})
            return text
        return self._format(key, params)

    def _format(self, key: str, params: dict[str, Any]) -> str:
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
            self._by_language[language] = Translator(
                language, bundle, strict=strict, static=static_ids(root / language.value)
            )

    def __call__(self, language: Language | str | None) -> Translator:
        if isinstance(language, Language):
            return self._by_language[language]
        return self._by_language[Language.pick(language, self.default)]

    def all(self) -> Mapping[Language, Translator]:
        return self._by_language
