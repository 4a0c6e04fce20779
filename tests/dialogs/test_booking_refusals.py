"""Every refusal of the booking dialog says why and books nothing: promo codes, a past day, a
closed day, a day past the horizon, a slot taken meanwhile, a second trial, stale buttons."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer
from sqlalchemy import update

from coworking_bot.db.models import SpaceRow, TariffRow, UserRow
from coworking_bot.i18n import Translator
from coworking_bot.services.booking.policy import BookingRequest
from tests.conftest import FakeClock
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    add_promo,
    alerts,
    book_directly,
    bookings,
    click_day,
    click_prefix,
    msk,
    tariff_id,
)
from tests.dialogs.helpers import button_texts, click, last_text
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.unit.booking_helpers import booking_service


async def open_calendar(
    client: BotClient, recorder: WindowRecorder, space: str, tariff: str
) -> None:
    await client.send("/book")
    await click(client, recorder, space)
    await click_prefix(client, recorder, tariff)


async def to_promo(client: BotClient, recorder: WindowRecorder, i18n: Translator) -> None:
    await open_calendar(client, recorder, "Переговорная «Малая»", "Почасовая аренда")
    await click(client, recorder, "2")
    await click(client, recorder, "12:00")
    await click(client, recorder, i18n.get("book-units", unit="hour", units=1))
    assert last_text(recorder) == i18n.get("book-promo-ask")


@pytest.mark.usefixtures("registered")
async def test_every_promo_refusal_says_why(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    desk = await tariff_id(session_factory, "Hourly desk")
    await add_promo(session_factory, "OLD10", valid_until=datetime(2026, 11, 30, tzinfo=UTC))
    await add_promo(session_factory, "SOON10", valid_from=datetime(2026, 12, 10, tzinfo=UTC))
    await add_promo(session_factory, "GONE10", max_uses=1, uses=1)
    await add_promo(session_factory, "DESK10", tariff_ids=[desk])
    await add_promo(session_factory, "FIRST10", first_booking_only=True)
    await add_promo(session_factory, "OFF10", is_active=False)
    # A booking made before: first-booking codes no longer apply.
    await book_directly(container, 1, desk, msk(date(2026, 12, 4), 10))

    await to_promo(client, message_manager, ru)
    cases = {
        "NOPE": "error-promo-unknown",
        "no such code!": "error-promo-unknown",
        "OFF10": "error-promo-unknown",
        "old10": "error-promo-expired",
        "SOON10": "error-promo-not-started",
        "GONE10": "error-promo-used-up",
        "DESK10": "error-promo-not-for-tariff",
        "FIRST10": "error-promo-first-booking",
    }
    for code, key in cases.items():
        await client.send(code)
        assert telegram.sent_texts(1)[-1] == ru.get(key), code
        assert last_text(message_manager) == ru.get("book-promo-ask")
    assert len(await bookings(session_factory)) == 1


@pytest.mark.usefixtures("registered")
async def test_stale_calendar_day_after_the_clock_moved_past_it(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    clock: FakeClock,
    session_factory: Sessions,
) -> None:
    await open_calendar(client, message_manager, "Переговорная «Малая»", "Почасовая аренда")
    calendar = message_manager.last_message()
    # Days before today are not offered at all.
    assert not any(
        b.callback_data
        and b.callback_data.endswith(
            f"cal:{int((date(2026, 11, 30) - date(1970, 1, 1)).total_seconds())}"
        )
        for row in calendar.reply_markup.inline_keyboard  # type: ignore[union-attr]
        for b in row
    )
    clock.current += timedelta(days=2)
    await click_day(client, calendar, DEC_2)
    assert alerts(telegram)[-1] == ru.get("error-booking-past")
    assert await bookings(session_factory) == []


@pytest.mark.usefixtures("registered")
async def test_closed_day_is_marked_and_refused(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    hours = {str(day): ["08:00", "22:00"] for day in range(6)}  # closed on Sundays
    async with session_factory() as session:
        await session.execute(
            update(SpaceRow).where(SpaceRow.name_en == "Open space").values(opening_hours=hours)
        )
        await session.commit()
    await open_calendar(client, message_manager, "Открытое пространство", "Дневной абонемент")
    texts = button_texts(message_manager.last_message())
    assert "6" not in texts
    assert "5" in texts
    assert "7" in texts
    await click_day(client, message_manager.last_message(), date(2026, 12, 6))
    assert alerts(telegram)[-1] == ru.get("error-booking-closed")
    assert ru.get("book-pick-day", tariff="x").split("\n")[1] in last_text(message_manager)


@pytest.mark.usefixtures("registered")
async def test_day_past_the_horizon_is_refused_even_from_an_old_keyboard(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await open_calendar(client, message_manager, "Переговорная «Малая»", "Почасовая аренда")
    calendar = message_manager.last_message()
    async with session_factory() as session:
        await session.execute(
            update(SpaceRow)
            .where(SpaceRow.name_en == "Meeting room Small")
            .values(booking_horizon_days=3)
        )
        await session.commit()
    await click_day(client, calendar, date(2026, 12, 10))
    assert alerts(telegram)[-1] == ru.get("error-booking-too-far", days=3)
    # The new calendar no longer offers that day.
    assert "10" not in button_texts(message_manager.last_message())


@pytest.mark.usefixtures("registered")
async def test_slot_taken_meanwhile_is_refused(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    await open_calendar(client, message_manager, "Переговорная «Малая»", "Почасовая аренда")
    await click(client, message_manager, "2")
    starts = message_manager.last_message()
    await add_client(session_factory, 2)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 2, room, msk(DEC_2, 12), 2)

    await click(client, message_manager, "12:00")
    assert alerts(telegram)[-1] == ru.get("error-booking-taken")
    # The times shown again leave out 12:00 and what its buffer blocks.
    texts = button_texts(message_manager.last_message())
    assert "12:00" not in texts
    assert "14:00" not in texts
    assert "14:30" in texts
    assert starts.message_id is not None
    assert [b.user_id for b in await bookings(session_factory)] != []


@pytest.mark.usefixtures("registered")
async def test_slot_taken_between_summary_and_confirm(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    await to_promo(client, message_manager, ru)
    await click(client, message_manager, ru.get("btn-no-promo"))
    await add_client(session_factory, 2)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 2, room, msk(DEC_2, 12), 1)
    await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    assert alerts(telegram)[-1] == ru.get("error-booking-taken")
    assert len(await bookings(session_factory)) == 1


@pytest.mark.usefixtures("registered")
async def test_trial_day_only_once(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    for day in ("2", "3"):
        await open_calendar(client, message_manager, "Открытое пространство", "Пробный день")
        await click(client, message_manager, day)
        await click(client, message_manager, ru.get("btn-no-promo"))
        await click(client, message_manager, ru.get("btn-booking-confirm-client"))
    assert alerts(telegram)[-1] == ru.get("error-booking-trial-used")
    assert len(await bookings(session_factory)) == 1


@pytest.mark.usefixtures("registered")
async def test_a_tariff_switched_off_under_an_open_calendar_is_said_not_crashed(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
) -> None:
    await open_calendar(client, message_manager, "Переговорная «Малая»", "Почасовая аренда")
    async with session_factory() as session:
        await session.execute(update(TariffRow).values(is_active=False))
        await session.commit()
    await click(client, message_manager, "3")
    assert alerts(telegram)[-1] == ru.get("error-tariff-unavailable")
    assert ru.get("error-apology") not in alerts(telegram)
    assert last_text(message_manager) == ru.get("menu-title", name="Anna Petrova")
    assert await bookings(session_factory) == []


@pytest.mark.usefixtures("registered")
async def test_a_client_banned_in_the_middle_of_a_dialog_is_told_once(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    await book_directly(container, 1, room, msk(DEC_2, 12))
    await client.send("/mybookings")
    async with session_factory() as session:  # as another process would
        await session.execute(update(UserRow).values(is_banned=True))
        await session.commit()
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    assert alerts(telegram)[-1] == ru.get("error-user-banned")
    assert ru.get("error-apology") not in alerts(telegram)


@pytest.mark.usefixtures("registered")
async def test_a_promo_code_used_up_before_confirm_is_said_and_nothing_is_booked(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    """The window's own check before the tap must not quietly drop the code and book at the full
    price: the client hears why and decides."""
    await add_promo(session_factory, "LASTONE", value=50, max_uses=1)
    await to_promo(client, message_manager, ru)
    await client.send("LASTONE")
    assert "LASTONE" in last_text(message_manager)
    await add_client(session_factory, 2)
    room = await tariff_id(session_factory, "Hourly", "Meeting room Large")
    async with booking_service(container) as service:  # someone takes the last use
        await service.create(2, BookingRequest(room, msk(DEC_2, 12), 1, promo_code="LASTONE"))

    await click(client, message_manager, ru.get("btn-booking-confirm-client"))

    assert alerts(telegram)[-1] == ru.get("error-promo-used-up")
    assert [row.user_id for row in await bookings(session_factory)] == [2]
