"""Broadcast rules: what staff type (a link button, days, a period, a time), audiences, the life
of a broadcast, counts and the time left."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coworking_bot.domain.broadcasts import (
    ACTIVE_DAYS_MAX,
    Audience,
    AudienceKind,
    BroadcastChanged,
    BroadcastEvent,
    BroadcastStatus,
    ContentKind,
    InvalidActiveDays,
    InvalidAudience,
    InvalidLinkButton,
    InvalidPeriod,
    InvalidSendTime,
    LinkButton,
    RecipientCounts,
    RecipientStatus,
    SendTimeNotAhead,
    Source,
    UnsupportedContent,
    allows,
    eta_seconds,
    link_button,
    next_status,
    parse_days,
    parse_period,
    parse_send_time,
)
from coworking_bot.domain.enums import Language

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 12:00 in Moscow


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Book now | https://example.com/book", LinkButton("Book now", "https://example.com/book")),
        (
            "Записаться\nhttps://cowork.ru/a?b=1",
            LinkButton("Записаться", "https://cowork.ru/a?b=1"),
        ),
        ("  Site   http://example.org  ", LinkButton("Site", "http://example.org")),
        ("A|B | https://x.example/|", None),
    ],
)
def test_a_link_button_is_its_text_and_a_web_address(raw: str, expected: LinkButton | None) -> None:
    if expected is None:
        with pytest.raises(InvalidLinkButton):
            link_button(raw)
        return
    assert link_button(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "https://example.com",  # no text
        "Book | ftp://example.com",
        "Book | javascript:alert(1)",
        "Book | tg://resolve?domain=x",
        "Book | https://localhost",
        "Book | https://exa mple.com",
        "x" * 65 + " | https://example.com",
        "Book | https://example.com/" + "a" * 1100,
        "Book | https://[::1",
    ],
)
def test_a_link_button_refuses_what_is_not_a_web_link(raw: str) -> None:
    with pytest.raises(InvalidLinkButton):
        link_button(raw)


@given(st.text(max_size=200))
def test_any_typed_button_is_refused_or_valid(raw: str) -> None:
    try:
        button = link_button(raw)
    except InvalidLinkButton:
        return
    assert 1 <= len(button.text) <= 64
    assert button.url.startswith(("http://", "https://"))


def test_days_and_periods_as_typed() -> None:
    assert parse_days(" 30 ") == 30
    for bad in ("0", "-3", "abc", "1.5", str(ACTIVE_DAYS_MAX + 1), "٣", "²"):
        with pytest.raises(InvalidActiveDays):
            parse_days(bad)
    assert parse_period("01.11.2026 - 30.11.2026") == (date(2026, 11, 1), date(2026, 11, 30))
    assert parse_period("2026-11-01 2026-11-02") == (date(2026, 11, 1), date(2026, 11, 2))
    assert parse_period("5.1.2027") == (date(2027, 1, 5), date(2027, 1, 5))
    for bad in ("30.11.2026 - 01.11.2026", "31.02.2026", "01.11.2026 to 02.11.2026", "", "x"):
        with pytest.raises(InvalidPeriod):
            parse_period(bad)
    with pytest.raises(InvalidPeriod):
        parse_period("01.01.2020 - 01.01.2026")  # longer than three years


def test_a_send_time_is_in_the_coworkings_zone_and_ahead() -> None:
    assert parse_send_time("1.12 18:30", NOW, MSK) == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    assert parse_send_time("2026-12-25 10:00", NOW, MSK) == datetime(2026, 12, 25, 7, 0, tzinfo=UTC)
    # Without a year: a day long past this year is next year's; one just past is refused.
    assert parse_send_time("15.01 09:00", NOW, MSK) == datetime(2027, 1, 15, 6, 0, tzinfo=UTC)
    for past in ("1.12 11:59", "01.12.2026 12:00", "30.11.2026 18:00", "01.01.2028 10:00"):
        with pytest.raises(SendTimeNotAhead):
            parse_send_time(past, NOW, MSK)
    for bad in ("tomorrow", "32.12 10:00", "1.12 25:00", "18:00", "", "1.12.26 10:00"):
        with pytest.raises(InvalidSendTime):
            parse_send_time(bad, NOW, MSK)


def test_an_audience_has_exactly_what_its_kind_needs() -> None:
    assert Audience.from_json(Audience.everyone().to_json()) == Audience.everyone()
    samples = [
        Audience(AudienceKind.ACTIVE, days=30),
        Audience(AudienceKind.BOOKED, first_day=date(2026, 11, 1), last_day=date(2026, 11, 30)),
        Audience(AudienceKind.NEVER_BOOKED),
        Audience(AudienceKind.TARIFF, tariff_id=3),
        Audience(AudienceKind.LANGUAGE, language=Language.EN),
    ]
    for audience in samples:
        assert Audience.from_json(audience.to_json()) == audience
    with pytest.raises(InvalidAudience):
        Audience(AudienceKind.EVERYONE, days=3)
    with pytest.raises(InvalidAudience):
        Audience(AudienceKind.TARIFF)
    with pytest.raises(InvalidActiveDays):
        Audience(AudienceKind.ACTIVE, days=0)
    with pytest.raises(InvalidAudience):
        Audience.from_json({"kind": "vip"})
    booked = samples[1]
    assert booked.window(MSK) == (
        datetime(2026, 10, 31, 21, 0, tzinfo=UTC),
        datetime(2026, 11, 30, 21, 0, tzinfo=UTC),
    )
    assert samples[0].since(NOW) == NOW - timedelta(days=30)


def test_a_source_is_one_message_or_an_album_in_order() -> None:
    assert Source(5, (7,), ContentKind.PHOTO).is_album is False
    assert Source(5, (7, 8, 9), ContentKind.ALBUM).is_album
    for ids, kind in (
        ((7, 8), ContentKind.TEXT),
        ((), ContentKind.TEXT),
        ((9, 8), ContentKind.ALBUM),
        (tuple(range(1, 12)), ContentKind.ALBUM),
        ((0,), ContentKind.VIDEO),
    ):
        with pytest.raises(UnsupportedContent):
            Source(5, ids, kind)


def test_the_life_of_a_broadcast() -> None:
    walk = [
        (BroadcastStatus.DRAFT, BroadcastEvent.START, BroadcastStatus.RUNNING),
        (BroadcastStatus.DRAFT, BroadcastEvent.SCHEDULE, BroadcastStatus.SCHEDULED),
        (BroadcastStatus.SCHEDULED, BroadcastEvent.START, BroadcastStatus.RUNNING),
        (BroadcastStatus.RUNNING, BroadcastEvent.PAUSE, BroadcastStatus.PAUSED),
        (BroadcastStatus.PAUSED, BroadcastEvent.RESUME, BroadcastStatus.RUNNING),
        (BroadcastStatus.PAUSED, BroadcastEvent.CANCEL, BroadcastStatus.CANCELLED),
        (BroadcastStatus.RUNNING, BroadcastEvent.FINISH, BroadcastStatus.DONE),
    ]
    for status, event, after in walk:
        assert next_status(status, event) is after
    for status in (BroadcastStatus.DONE, BroadcastStatus.CANCELLED):
        for event in BroadcastEvent:
            assert not allows(status, event)
            with pytest.raises(BroadcastChanged):
                next_status(status, event)
    assert not allows(BroadcastStatus.DRAFT, BroadcastEvent.PAUSE)


def test_counts_and_the_time_left() -> None:
    counts = RecipientCounts.of(
        {RecipientStatus.PENDING: 90, RecipientStatus.SENDING: 2, RecipientStatus.SENT: 8}
    )
    assert (counts.total, counts.left, counts.finished) == (100, 92, 8)
    assert eta_seconds(0, 1, None) == 0
    assert eta_seconds(300, 1, None) == 10  # Telegram's 30 a second
    assert eta_seconds(300, 3, None) == 30  # an album of three counts three
    assert eta_seconds(300, 1, 10.0) == 30  # the rate seen so far
