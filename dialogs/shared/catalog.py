"""The catalogue as clients see it: a space with its tariffs (the tariffs screen), a tariff's
button (booking), the space's photo. The staff's preview draws them with the same functions."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from aiogram.enums import ContentType
from aiogram_dialog.api.entities import MediaAttachment, MediaId

from coworking_bot.domain.catalog import Space, Tariff
from coworking_bot.domain.money import format_rub
from coworking_bot.i18n import Translator

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024


def tariff_price(i18n: Translator, tariff: Tariff) -> str:
    return i18n.get("tariffs-free") if tariff.price == 0 else format_rub(tariff.price)


def tariff_rate(i18n: Translator, tariff: Tariff) -> str:
    """`1 200 ₽ per hour`, or `free`."""
    if tariff.price == 0:
        return i18n.get("tariffs-free")
    return f"{format_rub(tariff.price)} {i18n.get(f'unit-per-{tariff.unit.value}')}"


def tariff_button(i18n: Translator, tariff: Tariff) -> str:
    """A tariff's button when booking: `Hourly — 1 200 ₽ per hour` (plain text, no markup)."""
    return f"{tariff.title(i18n.language)} — {tariff_rate(i18n, tariff)}"


def space_lines(i18n: Translator, space: Space, tariffs: Iterable[Tariff]) -> list[str]:
    """A space and its tariffs on the tariffs screen, one line each; every line is whole HTML,
    so the text may be cut between any two (`fit_lines`)."""
    language = i18n.language
    lines = [
        i18n.get(
            "tariffs-space",
            name=html.escape(space.title(language)),
            kind=i18n.get(f"space-kind-{space.kind.value}"),
            capacity=space.capacity,
        )
    ]
    lines += [f"<i>{html.escape(line)}</i>" for line in _lines(space.about(language))]
    for tariff in tariffs:
        lines.append(
            i18n.get(
                "tariffs-item",
                name=html.escape(tariff.title(language)),
                price=tariff_price(i18n, tariff),
                unit=i18n.get(f"unit-per-{tariff.unit.value}"),
            )
        )
        lines += [f"   {html.escape(line)}" for line in _lines(tariff.about(language))]
    return lines


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """The lines joined, or as many of the first ones as fit in `limit` characters with "…"."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = len("\n…")
    for line in lines:
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join([*kept, "…"])


def space_photo(space: Space) -> MediaAttachment | None:
    """The space's photo, sent by its Telegram file id; None when it has none."""
    if not space.photo_file_id:
        return None
    return MediaAttachment(ContentType.PHOTO, file_id=MediaId(space.photo_file_id))
