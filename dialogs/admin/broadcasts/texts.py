"""How broadcasts read on the staff screens: the content, the audience, the status, the counts,
a line of the history and the card."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from coworking_bot.domain.broadcasts import (
    Audience,
    AudienceKind,
    Broadcast,
    BroadcastStatus,
    LinkButton,
    RecipientCounts,
    Source,
)
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translator
from coworking_bot.i18n.formats import format_day, format_moment, format_short_day, format_time
from coworking_bot.services.broadcasts.ports import TariffOption
from coworking_bot.services.broadcasts.service import BroadcastCard

STATUS_MARKS = {
    BroadcastStatus.DRAFT: "📝",
    BroadcastStatus.SCHEDULED: "🕒",
    BroadcastStatus.RUNNING: "▶️",
    BroadcastStatus.PAUSED: "⏸",
    BroadcastStatus.CANCELLED: "✖️",
    BroadcastStatus.DONE: "✅",
}


def status_text(i18n: Translator, status: BroadcastStatus) -> str:
    return f"{STATUS_MARKS[status]} {i18n.get('broadcasts-status', status=status.value)}"


def content_text(i18n: Translator, source: Source) -> str:
    return i18n.get("broadcasts-content", kind=source.kind.value, items=len(source.message_ids))


def button_text(i18n: Translator, button: LinkButton | None) -> str:
    if button is None:
        return i18n.get("broadcasts-no-button")
    return i18n.get(
        "broadcasts-button-line", text=html.escape(button.text), url=html.escape(button.url)
    )


def tariff_name(tariff: TariffOption, language: Language) -> str:
    name = tariff.name_en if language is Language.EN and tariff.name_en else tariff.name
    space = tariff.space_en if language is Language.EN and tariff.space_en else tariff.space
    return f"{space} · {name}"


def audience_text(i18n: Translator, audience: Audience, tariff: TariffOption | None) -> str:
    kind = audience.kind
    if kind is AudienceKind.ACTIVE:
        return i18n.get("broadcasts-audience-active", days=audience.days or 0)
    if kind is AudienceKind.BOOKED and audience.first_day and audience.last_day:
        return i18n.get(
            "broadcasts-audience-booked",
            first=format_day(i18n, audience.first_day),
            last=format_day(i18n, audience.last_day),
        )
    if kind is AudienceKind.NEVER_BOOKED:
        return i18n.get("broadcasts-audience-never-booked")
    if kind is AudienceKind.TARIFF:
        name = html.escape(tariff_name(tariff, i18n.language)) if tariff else "—"
        return i18n.get("broadcasts-audience-tariff", tariff=name)
    if kind is AudienceKind.LANGUAGE and audience.language is not None:
        return i18n.get(
            "broadcasts-audience-language", language=i18n.get(f"language-{audience.language}")
        )
    return i18n.get("broadcasts-audience-everyone")


def counts_text(i18n: Translator, counts: RecipientCounts) -> str:
    return i18n.get(
        "broadcasts-counts",
        total=counts.total,
        sent=counts.sent,
        blocked=counts.blocked,
        failed=counts.failed,
        unknown=counts.unknown,
        skipped=counts.skipped,
        left=counts.left,
    )


def history_label(i18n: Translator, broadcast: Broadcast, tz: ZoneInfo) -> str:
    moment = broadcast.started_at or broadcast.scheduled_at or broadcast.created_at
    local = moment.astimezone(tz)
    return i18n.get(
        "broadcasts-item",
        number=broadcast.id,
        status=status_text(i18n, broadcast.status),
        sent=broadcast.counts.sent,
        total=broadcast.counts.total,
        when=f"{format_short_day(i18n, local.date())} {format_time(moment, tz)}",
        started="yes" if broadcast.started_at is not None else "no",
    )


def card_text(i18n: Translator, card: BroadcastCard, tz: ZoneInfo) -> str:
    broadcast = card.broadcast
    lines = [
        i18n.get(
            "broadcasts-card-title",
            number=broadcast.id,
            status=status_text(i18n, broadcast.status),
        ),
        i18n.get(
            "broadcasts-card-author",
            author=html.escape(card.author or f"ID {broadcast.author_telegram_id}"),
            when=format_moment(i18n, broadcast.created_at, tz),
        ),
        i18n.get("broadcasts-card-content", content=content_text(i18n, broadcast.source)),
        button_text(i18n, broadcast.button),
        i18n.get(
            "broadcasts-card-audience",
            audience=audience_text(i18n, broadcast.audience, card.tariff),
        ),
    ]
    if card.audience_size is not None:
        lines.append(i18n.get("broadcasts-card-size", count=card.audience_size))
    if broadcast.scheduled_at is not None and broadcast.started_at is None:
        lines.append(
            i18n.get(
                "broadcasts-card-scheduled", when=format_moment(i18n, broadcast.scheduled_at, tz)
            )
        )
    if broadcast.started_at is not None:
        lines.append(
            i18n.get("broadcasts-card-started", when=format_moment(i18n, broadcast.started_at, tz))
        )
        lines.append(counts_text(i18n, card.counts))
    if broadcast.finished_at is not None and broadcast.started_at is not None:
        lines.append(
            i18n.get(
                "broadcasts-card-finished", when=format_moment(i18n, broadcast.finished_at, tz)
            )
        )
    if broadcast.last_error and broadcast.status is BroadcastStatus.PAUSED:
        lines.append(i18n.get("broadcasts-card-source-gone"))
    return "\n".join(lines)
