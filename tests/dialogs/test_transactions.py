"""A refused action ends its transaction before anything talks to Telegram: a slow answer to
one user never holds back another user's booking (the SQLite write queue, PostgreSQL's row lock on
the space)."""

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
    msk,
    tariff_id,
)
from tests.dialogs.helpers import click
from tests.dialogs.test_booking_refusals import to_promo
from tests.fakes.telegram import RecordingSession, WindowRecorder


@pytest.mark.usefixtures("registered")
@pytest.mark.usefixtures("without_collections")  # measures how long another writer waits
async def test_a_refusal_answered_while_telegram_is_slow_blocks_no_other_writer(
    client: BotClient,
    message_manager: WindowRecorder,
    ru: Translator,
    telegram: RecordingSession,
    session_factory: Sessions,
    container: AsyncContainer,
) -> None:
    await to_promo(client, message_manager, ru)  # the small room on 2 December at 12:00
    await click(client, message_manager, ru.get("btn-no-promo"))
    room = await tariff_id(session_factory, "Hourly", "Meeting room Small")
    for other in (2, 3):
        await add_client(session_factory, other)
    # Someone else takes the time while the summary is on screen.
    await book_directly(container, 2, room, msk(DEC_2, 12))

    # The refusal is found under the space's lock, then told through a slow network.
    telegram.slow_down(AnswerCallbackQuery, 3.0)
    tap = asyncio.create_task(click(client, message_manager, ru.get("btn-booking-confirm-client")))
    await asyncio.wait_for(telegram.delayed.wait(), 5)
    started = time.monotonic()
    other = await asyncio.wait_for(book_directly(container, 3, room, msk(DEC_2, 16)), 10)
    waited = time.monotonic() - started
    await tap

    assert waited < 1.0, f"another client's booking waited {waited:.1f} s for a refusal"
    assert other.status is BookingStatus.HELD
    assert ru.get("error-booking-taken") in alerts(telegram)
    assert sorted(row.user_id for row in await bookings(session_factory)) == [2, 3]
