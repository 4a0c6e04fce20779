"""Locale files: ru and en define the same messages, every key the code uses exists in both, and
every message formats."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast
from fluent.syntax.visitor import Visitor

from coworking_bot.domain.booking import RejectReason
from coworking_bot.domain.enums import Language, Permission, SpaceKind, StaffRole, TariffUnit
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.tickets import RATING_MAX, RATING_MIN, TicketStatus
from coworking_bot.i18n import MissingTranslation, Translations, message_ids
from dialogs.commands import STAFF_COMMANDS
from dialogs.locales import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = [ROOT / "coworking_bot", ROOT / "dialogs", ROOT / "admin_api"]

# Keys built at run time from an enum or a list: the family's prefix and every suffix it takes.
FAMILIES: dict[str, list[str]] = {
    "language-": [language.value for language in Language],
    "space-kind-": [kind.value for kind in SpaceKind],
    "unit-per-": [unit.value for unit in TariffUnit],
    "role-": [role.value for role in StaffRole],
    "command-": list(STAFF_COMMANDS),
    "permission-": [permission.value for permission in Permission],
    "reject-reason-": [reason.value for reason in RejectReason],
    "ticket-status-": [status.value for status in TicketStatus],
    "ticket-stars-": [str(score) for score in range(RATING_MIN, RATING_MAX + 1)],
}


def python_files() -> Iterator[Path]:
    for directory in CODE_DIRS:
        for path in sorted(directory.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def defined(language: Language) -> set[str]:
    return message_ids(LOCALES_DIR / language.value)


def all_defined() -> set[str]:
    return defined(Language.RU) | defined(Language.EN)


def _is_key(value: str, prefixes: set[str]) -> bool:
    head, dash, _ = value.partition("-")
    return bool(dash) and head in prefixes and value == value.lower() and " " not in value


def referenced_keys() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(literal keys, f-string prefixes) found in the code, each with the file it is in.

    A literal counts as a key when it is the first argument of `T(...)` or `.get(...)`, the
    `key` of a class, or any string whose first word is the first word of some message id
    (`"help-address"` in a tuple, `"referral-joined"` passed to the notifier).
    """
    prefixes = {key.partition("-")[0] for key in all_defined()}
    literals: set[tuple[str, str]] = set()
    families: set[tuple[str, str]] = set()
    for path in python_files():
        where = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if id(node) in in_fstrings:
                continue
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                is_text = isinstance(node.func, ast.Name) and node.func.id == "T"
                is_get = isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                if is_text or is_get:
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        if is_text or "-" in first.value:
                            literals.add((first.value, where))
                    elif isinstance(first, ast.JoinedStr):
                        families.add((_fstring_prefix(first), where))
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "key" for t in node.targets
            ):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    literals.add((node.value.value, where))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _is_key(node.value, prefixes):
                    literals.add((node.value, where))
            elif isinstance(node, ast.JoinedStr):
                prefix = _fstring_prefix(node)
                if prefix.endswith("-") and _is_key(prefix + "x", prefixes):
                    families.add((prefix, where))
    return literals, families


def _fstring_prefix(node: ast.JoinedStr) -> str:
    first = node.values[0] if node.values else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return ""


def test_ru_and_en_define_the_same_messages() -> None:
    ru, en = defined(Language.RU), defined(Language.EN)
    assert sorted(ru - en) == [], "defined in ru only"
    assert sorted(en - ru) == [], "defined in en only"


def test_every_literal_key_in_code_is_defined_in_both_languages() -> None:
    literals, _ = referenced_keys()
    assert len(literals) > 40, "the scan finds the keys"
    for language in Language:
        ids = defined(language)
        missing = sorted(f"{key} ({where})" for key, where in literals if key not in ids)
        assert missing == [], f"missing in {language.value}"


def test_domain_error_keys_are_defined() -> None:
    def subclasses(cls: type[DomainError]) -> Iterator[type[DomainError]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    keys = {DomainError.key} | {cls.key for cls in subclasses(DomainError)}
    for language in Language:
        assert sorted(keys - defined(language)) == [], language.value


def test_every_key_family_is_complete_in_both_languages() -> None:
    _, families = referenced_keys()
    unknown = sorted(
        f"{prefix!r} ({where})" for prefix, where in families if prefix not in FAMILIES
    )
    assert unknown == [], "a new f-string key family: add it to FAMILIES"
    assert {prefix for prefix, _ in families} >= {
        "language-",
        "space-kind-",
        "unit-per-",
        "command-",
    }
    for language in Language:
        ids = defined(language)
        missing = sorted(
            prefix + suffix
            for prefix, suffixes in FAMILIES.items()
            for suffix in suffixes
            if prefix + suffix not in ids
        )
        assert missing == [], f"missing in {language.value}"


def variables(language: Language) -> dict[str, set[str]]:
    """Each message's Fluent variables, read from the files, with those of the messages it
    refers to (a referenced message sees the same arguments)."""
    parser = FluentParser(with_spans=False)
    own: dict[str, set[str]] = {}
    refers: dict[str, set[str]] = {}

    class Collector(Visitor):
        def __init__(self) -> None:
            super().__init__()
            self.names: set[str] = set()
            self.messages: set[str] = set()

        def visit_VariableReference(self, node: fluent_ast.VariableReference) -> None:
            self.names.add(node.id.name)

        def visit_MessageReference(self, node: fluent_ast.MessageReference) -> None:
            self.messages.add(node.id.name)

    for path in sorted((LOCALES_DIR / language.value).glob("*.ftl")):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, fluent_ast.Message):
                collector = Collector()
                collector.visit(entry)
                own[entry.id.name] = collector.names
                refers[entry.id.name] = collector.messages

    def closure(key: str, seen: frozenset[str] = frozenset()) -> set[str]:
        names = set(own.get(key, ()))
        for other in refers.get(key, ()) - seen:
            names |= closure(other, seen | {key})
        return names

    return {key: closure(key) for key in own}


@pytest.mark.parametrize("language", list(Language))
def test_every_message_formats(language: Language) -> None:
    translator = Translations(LOCALES_DIR, Language.RU, strict=True)(language)
    for key, names in variables(language).items():
        text = translator.get(
            key, **{name: 7 if name in {"max", "capacity", "referrals"} else "x" for name in names}
        )
        assert text.strip(), key
        assert "{" not in text.replace("{{", ""), key


def test_both_languages_use_the_same_variables() -> None:
    ru, en = variables(Language.RU), variables(Language.EN)
    differ = sorted(key for key in ru.keys() & en.keys() if ru[key] != en[key])
    assert differ == []


def test_a_missing_key_fails_loudly_in_tests_and_softly_in_production() -> None:
    strict = Translations(LOCALES_DIR, Language.RU, strict=True)(Language.EN)
    with pytest.raises(MissingTranslation):
        strict.get("no-such-key")
    with pytest.raises(MissingTranslation):
        strict.get("referral-joined")  # its $name is missing
    lenient = Translations(LOCALES_DIR, Language.RU)(Language.EN)
    assert lenient.get("no-such-key") == "no-such-key"


def test_language_lookup_falls_back_to_the_default() -> None:
    translations = Translations(LOCALES_DIR, Language.RU, strict=True)
    assert translations("en-US").language is Language.EN
    assert translations("de").language is Language.RU
    assert translations(None).language is Language.RU


# Texts shown in a popup under a button (answerCallbackQuery), which Telegram caps at 200
# characters: every refusal (`error-*`, shown by `show_error` and the window guard) and these.
ALERT_KEYS = {
    "book-cancelled",
    "book-cancelled-no-refund",
    "book-cancelled-refund",
    "book-moved",
    "book-moved-to-staff",
    "book-waitlist-joined",
    "desk-moved",
    "desk-paid-on-site",
    "notice-staff-already-decided",
    "notice-staff-confirmed",
    "notice-staff-rejected",
    "notice-waitlist-booked-short",
    "notice-waitlist-gone",
    "notice-waitlist-taken",
    "pay-not-yet-short",
    "profile-language-changed",
    "profile-news-off",
    "profile-news-on",
    "admin-morning-switched",
    "ticket-closed",
    "ticket-opened",
    "ticket-rated",
    "ticket-reply-sent",
    "tickets-closed",
    "tickets-reply-sent",
    "tickets-taken",
}
NOT_ALERTS = {"error-owner-alert"}  # a message to the owners, not a popup
ALERT_LIMIT = 200


@pytest.mark.parametrize("language", list(Language))
def test_every_popup_text_fits_telegrams_limit(language: Language) -> None:
    translator = Translations(LOCALES_DIR, Language.RU, strict=True)(language)
    keys = {key for key in variables(language) if key.startswith("error-")} - NOT_ALERTS
    assert set(variables(language)) >= ALERT_KEYS
    too_long = {}
    for key in sorted(keys | ALERT_KEYS):
        # Values as long as real ones get: a period, a sum, a staff member's name.
        params = {
            name: 999 if name in {"max", "days", "min", "percent", "free"} else "x" * 24
            for name in variables(language)[key]
        }
        text = translator.get(key, **params)
        if len(text) > ALERT_LIMIT:
            too_long[key] = len(text)
    assert too_long == {}
