"""The same time every week (a taken week is shown and skipped), and the waitlist of a full day
or a taken hour."""

from __future__ import annotations

import time
from datetime import date

import pytest
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import select

from coworking_bot.db.models import WaitlistEntryRow
from coworking_bot.i18n import Translator
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    alerts,
    book_directly,
    bookings,
    click_day,
    click_prefix,
    msk,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, last_text, tap_data
from tests.fakes.telegram import RecordingSession, WindowRecorder


async def waitlist(session_factory: Sessions) -> list[WaitlistEntryRow]:
    async with session_factory() as session:
        return list(await session.scalars(select(WaitlistEntryRow)))


@pytest.mark.usefixtures("registered")
async def test_weekly_books_the_free_weeks_and_shows_the_taken_one(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await add_client(session_factory, 2)
    await book_directly(container, 2, room, msk(date(2026, 12, 16), 13), 1)

    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=2))
    await click(client, message_manager, ru.get("btn-no-promo"))
    await click(client, message_manager, ru.get("btn-weekly"))
    await click(client, message_manager, "4")
    dates = last_text(message_manager)
    assert ru.get("book-weekly-free", period="2 декабря 2026, Ср, 12:00–14:00") in dates
    assert ru.get("book-weekly-free", period="9 декабря 2026, Ср, 12:00–14:00") in dates
    assert ru.get("book-weekly-taken", period="16 декабря 2026, Ср, 12:00–14:00") in dates
    assert ru.get("book-weekly-free", period="23 декабря 2026, Ср, 12:00–14:00") in dates
    await click(client, message_manager, ru.get("btn-weekly-book", free=3))

    mine = [row for row in await bookings(session_factory) if row.user_id != 2]
    assert [row.starts_at for row in mine] == [
        msk(date(2026, 12, 2), 12),
        msk(date(2026, 12, 9), 12),
        msk(date(2026, 12, 23), 12),
    ]
    assert len({row.series_id for row in mine}) == 1
    assert mine[0].series_id
    done = last_text(message_manager)
    assert "9 декабря 2026" in done
    assert "16 декабря" not in done
    # Three held bookings: each is paid from My bookings.
    assert ru.get("book-done-held-series", until="12:15", total="7\u202f200 ₽") in done


@pytest.mark.usefixtures("registered")
async def test_waitlist_on_a_full_day(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    day_pass = await tariff_id(session_factory, "Day pass")
    await client.send("/book")
    await click(client, message_manager, "Открытое пространство")
    await click_prefix(client, message_manager, "Дневной абонемент")
    old_calendar = message_manager.last_message()
    for n in range(20):
        await add_client(session_factory, 100 + n)
        await book_directly(container, 100 + n, day_pass, msk(DEC_2, 0))

    # The calendar shown before the day filled up still offers it: the tap is checked again.
    assert "2" in button_texts(old_calendar)
    await click_day(client, old_calendar, DEC_2)
    assert last_text(message_manager) == ru.get("book-full-day", date="2 декабря 2026, Ср")
    await click(client, message_manager, ru.get("btn-back"))
    assert "2" not in button_texts(message_manager.last_message())  # now marked ✖
    await click_day(client, message_manager.last_message(), DEC_2)

    await click(client, message_manager, ru.get("btn-waitlist-join"))
    assert alerts(telegram)[-1] == ru.get("book-waitlist-joined", period="2 декабря 2026, Ср")
    (entry,) = await waitlist(session_factory)
    assert (entry.tariff_id, entry.starts_at, entry.units) == (day_pass, msk(DEC_2, 0), 1)
    assert len(await bookings(session_factory)) == 20


@pytest.mark.usefixtures("registered")
async def test_waitlist_for_a_taken_hour(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await add_client(session_factory, 2)
    await book_directly(container, 2, room, msk(DEC_2, 12), 2)

    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, ru.get("btn-waitlist-busy"))
    busy = button_texts(message_manager.last_message())
    assert "⏳ 12:00" in busy
    assert "⏳ 13:30" in busy
    assert "⏳ 15:00" not in busy
    await click(client, message_manager, "⏳ 12:00")
    assert alerts(telegram)[-1] == ru.get(
        "book-waitlist-joined", period="2 декабря 2026, Ср, 12:00–13:00"
    )
    (entry,) = await waitlist(session_factory)
    assert (entry.starts_at, entry.ends_at) == (msk(DEC_2, 12), msk(DEC_2, 13))


@pytest.mark.usefixtures("registered")
@pytest.mark.usefixtures("without_collections")  # the answer is timed
async def test_a_crafted_weeks_value_is_refused_at_once_and_the_bot_goes_on(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await client.send("/book")
    await click(client, message_manager, "Переговорная «Малая»")
    await click_prefix(client, message_manager, "Почасовая аренда")
    await click(client, message_manager, "2")
    await click(client, message_manager, "12:00")
    await click(client, message_manager, ru.get("book-units", unit="hour", units=1))
    await click(client, message_manager, ru.get("btn-no-promo"))
    await click(client, message_manager, ru.get("btn-weekly"))
    weeks = message_manager.last_message()
    [first, *_] = [b for row in weeks.reply_markup.inline_keyboard for b in row]  # type: ignore[union-attr]
    crafted = (first.callback_data or "").rsplit(":", 1)[0] + ":1000000000"

    started = time.monotonic()
    await tap_data(client, weeks, crafted)
    assert time.monotonic() - started < 1.0
    assert alerts(telegram)[-1] == ru.get("error-stale-button")
    assert await bookings(session_factory) == []

    await client.send("/menu")
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")
