"""A refused action ends its transaction before anything talks to Telegram: a slow answer to
one user never holds back another user's booking."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram.methods import AnswerCallbackQuery
from aiogram_dialog.test_tools import BotClient
from dishka import AsyncContainer

from coworking_bot.domain.booking import BookingStatus
from coworking_bot.i18n import Translator
from tests.dialogs.booking_helpers import (
    DEC_2,
    Sessions,
    add_client,
    alerts,
    book_directly,
    bookings,
    cancel_directly,
    click_prefix,
    msk,
    tariff_id,
)
from tests.dialogs.helpers import click
from tests.fakes.telegram import RecordingSession, WindowRecorder


@pytest.mark.usefixtures("registered")
async def test_a_stale_cancel_refused_while_telegram_is_slow_blocks_no_other_writer(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    mine = await book_directly(container, 1, room, msk(DEC_2, 12))
    await add_client(session_factory, 2)

    await client.send("/mybookings")
    await click_prefix(client, message_manager, "02.12, Ср 12:00")
    await click(client, message_manager, ru.get("btn-cancel-booking"))
    # Cancelled meanwhile from another device: the "Yes, cancel" on screen is stale now.
    await cancel_directly(container, 1, mine.id)

    telegram.slow_down(AnswerCallbackQuery, 3.0)
    tap = asyncio.create_task(click(client, message_manager, ru.get("btn-cancel-confirm")))
    await asyncio.wait_for(telegram.delayed.wait(), 5)  # the refusal is on its way to Telegram
    started = time.monotonic()
    other = await asyncio.wait_for(book_directly(container, 2, room, msk(DEC_2, 15)), 10)
    waited = time.monotonic() - started
    await tap

    assert waited < 1.0, f"another client's booking waited {waited:.1f} s for a refusal"
    assert other.status is BookingStatus.HELD
    assert ru.get("error-booking-not-found") in alerts(telegram)
    assert [row.status for row in await bookings(session_factory)] == [
        BookingStatus.CANCELLED,
        BookingStatus.HELD,
    ]
