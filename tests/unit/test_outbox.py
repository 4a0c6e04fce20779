"""The outbox: notices written in a use case's transaction, delivered by `OutboxSender` over the
real database (SQLite, or PostgreSQL with TEST_DATABASE_URL) to the recording Telegram border."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    CopyMessage,
    EditMessageText,
    Response,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup
from dishka import AsyncContainer
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.engine import begin_write
from coworking_bot.db.models import OutboxMessageRow, UserRow
from coworking_bot.db.repositories.outbox import SqlOutbox
from coworking_bot.db.uow import SqlUnitOfWork
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations
from coworking_bot.outbox.claims import backoff
from coworking_bot.outbox.rate_limit import RateLimiter
from coworking_bot.outbox.render import NoticeRenderer
from coworking_bot.outbox.sender import EDIT_WAIT, LEASE, MAX_ATTEMPTS, OutboxSender
from coworking_bot.scheduler import JOBS
from coworking_bot.services.common.housekeeping import Housekeeping
from coworking_bot.services.common.notices import (
    Album,
    Button,
    Copy,
    Media,
    NoticeAction,
    TextFile,
)
from dialogs.callbacks import notice_button_data
from tests.conftest import FakeClock, VirtualTime, build_outbox
from tests.fakes.telegram import RecordingSession

Sessions = async_sessionmaker[AsyncSession]
KEY = "referral-joined"  # "... { $name } ...": a notice with one param


def joined(translations: Translations, name: str, language: Language = Language.RU) -> str:
    return translations(language).get(KEY, name=name)


async def queue(
    sessions: Sessions,
    clock: FakeClock,
    chat_id: int,
    name: str,
    *,
    language: Language = Language.RU,
    buttons: Sequence[Sequence[Button]] = (),
    document: TextFile | None = None,
    due_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> None:
    """One use case that writes one notice and commits."""
    async with sessions() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).notify(
            chat_id,
            language,
            KEY,
            {"name": name},
            buttons=buttons,
            attachment=document,
            due_at=due_at,
            dedupe_key=dedupe_key,
        )


async def rows(sessions: Sessions) -> list[OutboxMessageRow]:
    async with sessions() as session:
        return list(await session.scalars(select(OutboxMessageRow).order_by(OutboxMessageRow.id)))


def retry_after(seconds: int) -> TelegramRetryAfter:
    method = SendMessage(chat_id=1, text="x")
    return TelegramRetryAfter(method, "Too Many Requests: retry later", seconds)


# --- writing ---------------------------------------------------------------------------------


async def test_a_notice_exists_only_if_its_transaction_commits(
    session_factory: Sessions, clock: FakeClock
) -> None:
    async with session_factory() as session:
        await begin_write(session)
        await SqlOutbox(session, clock).notify(1, Language.RU, KEY, {"name": "Anna"})
        await session.rollback()
    assert await rows(session_factory) == []

    await queue(session_factory, clock, 1, "Anna")
    [row] = await rows(session_factory)
    assert (row.chat_id, row.key, row.params, row.due_at) == (1, KEY, {"name": "Anna"}, clock.now())


async def test_params_must_survive_json(session_factory: Sessions, clock: FakeClock) -> None:
    async with session_factory() as session:
        notices = SqlOutbox(session, clock)
        with pytest.raises(TypeError, match="when"):
            await notices.notify(1, Language.RU, KEY, {"when": datetime.now(UTC)})  # type: ignore[dict-item]
        with pytest.raises(TypeError, match="flag"):
            await notices.notify(1, Language.RU, KEY, {"flag": True})
        with pytest.raises(ValueError, match="btn-back"):
            Button("btn-back")


async def test_a_dedupe_key_makes_a_notice_idempotent(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    await queue(session_factory, clock, 1, "Anna", dedupe_key="reminder:7:24h")
    await queue(session_factory, clock, 1, "Anna", dedupe_key="reminder:7:24h")
    async with session_factory() as session:  # twice in one transaction, too
        await begin_write(session)
        for _ in range(2):
            await SqlOutbox(session, clock).notify(
                1, Language.RU, KEY, {"name": "Boris"}, dedupe_key="reminder:7:1h"
            )
        await session.commit()
    await queue(session_factory, clock, 1, "Vera")  # no key: never deduplicated
    await queue(session_factory, clock, 1, "Vera")

    assert len(await rows(session_factory)) == 4
    clock.current += timedelta(seconds=10)
    while await outbox.deliver_due():
        pass
    assert telegram.sent_texts(1) == [
        joined(translations, "Anna"),
        joined(translations, "Boris"),
        joined(translations, "Vera"),
        joined(translations, "Vera"),
    ]


# --- delivering ------------------------------------------------------------------------------


async def test_due_notices_are_sent_once_and_future_ones_wait(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    await queue(session_factory, clock, 1, "<Anna & Co>")
    await queue(session_factory, clock, 2, "Later", due_at=clock.now() + timedelta(hours=1))

    assert await outbox.deliver_due() == 1
    assert await outbox.deliver_due() == 0
    # Params are plain text: escaped for the HTML the bot sends.
    assert telegram.sent_texts(1) == [joined(translations, "&lt;Anna &amp; Co&gt;")]
    first, later = await rows(session_factory)
    assert first.sent_at == clock.now()
    assert first.claimed_until is None
    assert later.sent_at is None

    clock.current += timedelta(hours=1)
    assert await outbox.deliver_due() == 1
    assert telegram.sent_texts(2) == [joined(translations, "Later")]


async def test_two_senders_racing_send_every_notice_exactly_once(
    session_factory: Sessions,
    clock: FakeClock,
    bot: Bot,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    for n in range(40):
        await queue(session_factory, clock, 100 + n % 8, f"#{n}")
    first = build_outbox(session_factory, bot, translations, clock)
    second = build_outbox(session_factory, bot, translations, clock)

    total = 0
    while True:
        sent = await asyncio.gather(first.deliver_due(limit=10), second.deliver_due(limit=10))
        total += sum(sent)
        if not any(sent):
            break
    texts = telegram.sent_texts()
    assert total == 40
    assert sorted(texts) == sorted(joined(translations, f"#{n}") for n in range(40))
    assert all(row.sent_at is not None for row in await rows(session_factory))


async def test_a_sender_that_dies_after_claiming_is_replaced_when_the_lease_ends(
    session_factory: Sessions,
    clock: FakeClock,
    bot: Bot,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    await queue(session_factory, clock, 1, "Anna")
    dead = build_outbox(session_factory, bot, translations, clock)
    assert len(await dead.claim(10)) == 1  # ... and the process is killed before sending

    restarted = build_outbox(session_factory, bot, translations, clock)
    assert await restarted.deliver_due() == 0, "still leased to the dead sender"
    clock.current += LEASE + timedelta(seconds=1)
    assert await restarted.deliver_due() == 1
    assert await restarted.deliver_due() == 0
    assert telegram.sent_texts(1) == [joined(translations, "Anna")]


async def test_buttons_and_a_document_are_rendered_in_the_recipients_language(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    en = translations(Language.EN)
    await queue(
        session_factory,
        clock,
        7,
        "Bob",
        language=Language.EN,
        buttons=[
            [Button("btn-consent", NoticeAction.CONFIRM_BOOKING, (5, 2))],
            [Button("btn-back", url="https://example.com/b/5")],
        ],
        document=TextFile("booking.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    )
    assert await outbox.deliver_due() == 1

    message, document = telegram.calls[-2:]
    assert isinstance(message, SendMessage)
    assert message.text == joined(translations, "Bob", Language.EN)
    markup = message.reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    assert [[(b.text, b.callback_data, b.url) for b in row] for row in markup.inline_keyboard] == [
        [(en.get("btn-consent"), "bkd:1:5:2", None)],
        [(en.get("btn-back"), None, "https://example.com/b/5")],
    ]
    assert isinstance(document, SendDocument)
    assert document.chat_id == 7
    assert isinstance(document.document, BufferedInputFile)
    assert document.document.filename == "booking.ics"
    assert document.document.data == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


async def test_a_failed_document_is_retried_without_repeating_the_text(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    document = TextFile("booking.ics", "BEGIN:VCALENDAR")
    await queue(session_factory, clock, 7, "Bob", document=document)
    telegram.fail_next(
        SendDocument, TelegramNetworkError(SendDocument(chat_id=7, document=""), "timeout")
    )
    assert await outbox.deliver_due() == 0
    [row] = await rows(session_factory)
    assert (row.attempts, row.due_at) == (1, clock.now() + backoff(1))
    assert row.last_error == "TelegramNetworkError: HTTP Client says - timeout"

    clock.current += backoff(1)
    assert await outbox.deliver_due() == 1
    kinds = [type(call).__name__ for call in telegram.calls]
    assert kinds == ["SendMessage", "SendDocument", "SendDocument"]


# --- Telegram says no ------------------------------------------------------------------------


async def test_retry_after_reschedules_and_pauses_the_whole_sender(
    session_factory: Sessions,
    clock: FakeClock,
    bot: Bot,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    time = VirtualTime()
    sender = build_outbox(session_factory, bot, translations, clock, time)
    await queue(session_factory, clock, 1, "Anna")
    await queue(session_factory, clock, 2, "Boris")
    telegram.fail_next(SendMessage, retry_after(5))

    assert await sender.deliver_due() == 0
    anna, boris = await rows(session_factory)
    assert (anna.attempts, anna.due_at, anna.claimed_until) == (
        0,
        clock.now() + timedelta(seconds=5),
        None,
    )
    assert "retry" in (anna.last_error or "").lower()
    # Boris was next in line: given back untried, due when the pause ends.
    assert (boris.attempts, boris.due_at, boris.claimed_until) == (0, anna.due_at, None)
    assert len(telegram.calls) == 1

    clock.current += timedelta(seconds=5)
    assert await sender.deliver_due() == 0, "paused: nothing goes out"
    assert len(telegram.calls) == 1
    time.now += 5
    assert await sender.deliver_due() == 2
    # The border records the refused call too.
    assert telegram.sent_texts(1) == [joined(translations, "Anna")] * 2
    assert telegram.sent_texts(2) == [joined(translations, "Boris")]


async def test_forbidden_marks_the_user_as_having_blocked_the_bot(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    async with session_factory() as session:
        session.add(UserRow(telegram_id=5, language=Language.RU, referral_code="five"))
        session.add(UserRow(telegram_id=6, language=Language.RU, referral_code="six"))
        await session.commit()
    await queue(session_factory, clock, 5, "Anna")
    method = SendMessage(chat_id=5, text="x")
    telegram.fail_next(
        SendMessage, TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
    )

    assert await outbox.deliver_due() == 0
    [row] = await rows(session_factory)
    assert row.failed_at == clock.now()
    assert "blocked" in (row.last_error or "")
    async with session_factory() as session:
        blocked = dict(
            (await session.execute(select(UserRow.telegram_id, UserRow.bot_blocked))).all()
        )
    assert blocked == {5: True, 6: False}
    clock.current += timedelta(days=1)
    assert await outbox.deliver_due() == 0, "a failed row is never tried again"


async def test_bad_request_fails_at_once_and_network_errors_retry_with_backoff(
    session_factory: Sessions,
    clock: FakeClock,
    bot: Bot,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic, sleep=time.sleep)
    renderer = NoticeRenderer(translations, ZoneInfo("Europe/Moscow"), notice_button_data)
    sender = OutboxSender(session_factory, bot, renderer, clock, limiter=limiter, max_attempts=3)
    await queue(session_factory, clock, 1, "Anna")
    telegram.fail_next(
        SendMessage, TelegramBadRequest(SendMessage(chat_id=1, text="x"), "chat not found")
    )
    assert await sender.deliver_due() == 0
    [bad] = await rows(session_factory)
    assert (bad.failed_at, bad.attempts) == (clock.now(), 1)

    await queue(session_factory, clock, 2, "Boris")
    for attempt in (1, 2, 3):
        telegram.fail_next(
            SendMessage, TelegramNetworkError(SendMessage(chat_id=2, text="x"), "down")
        )
        assert await sender.deliver_due() == 0
        flaky = (await rows(session_factory))[1]
        assert flaky.attempts == attempt
        if attempt < 3:
            assert flaky.due_at == clock.now() + backoff(attempt)
            assert flaky.failed_at is None
            clock.current = flaky.due_at
    assert flaky.failed_at == clock.now(), "given up after max_attempts"


async def test_a_notice_whose_text_is_missing_fails_without_reaching_telegram(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    async with session_factory() as session:
        await begin_write(session)
        await SqlOutbox(session, clock).notify(1, Language.RU, "no-such-text")
        await session.commit()
    assert await outbox.deliver_due() == 0
    [row] = await rows(session_factory)
    assert row.failed_at is not None
    assert telegram.calls == []


# --- the limits ------------------------------------------------------------------------------


class SendTimes(BaseRequestMiddleware):
    """Notes the virtual time of every send, by chat."""

    def __init__(self, time: VirtualTime) -> None:
        self.time = time
        self.stamps: list[tuple[int, float]] = []

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        chat_id: Any = getattr(method, "chat_id", None)
        self.stamps.append((int(chat_id), self.time.now))
        return await make_request(bot, method)


async def test_one_message_a_second_per_chat_and_at_most_25_a_second_overall(
    session_factory: Sessions,
    clock: FakeClock,
    bot: Bot,
    translations: Translations,
) -> None:
    time = VirtualTime()
    sender = build_outbox(session_factory, bot, translations, clock, time)
    times = SendTimes(time)
    bot.session.middleware(times)
    for n in range(3):
        await queue(session_factory, clock, 1, f"one #{n}")
    for chat in range(2, 42):
        await queue(session_factory, clock, chat, "many")

    while await sender.deliver_due():
        pass

    assert len(times.stamps) == 43
    chat_one = [at for chat, at in times.stamps if chat == 1]
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(chat_one))
    moments = sorted(at for _, at in times.stamps)
    assert all(b - a >= 1 / 25 - 1e-9 for a, b in itertools.pairwise(moments))


async def test_the_limiter_spaces_sends() -> None:
    time = VirtualTime()
    limiter = RateLimiter(
        per_second=10, chat_interval=1.0, monotonic=time.monotonic, sleep=time.sleep
    )
    stamps = []
    for chat in (1, 2, 1, 1):
        assert await limiter.acquire(chat)
        stamps.append((chat, round(time.now, 3)))
    assert stamps == [(1, 0.0), (2, 0.1), (1, 1.0), (1, 2.0)]

    limiter.pause(30)
    assert limiter.paused_for() == 30
    assert not await limiter.acquire(3), "paused: no waiting, the caller gives the row back"
    time.now += 30
    assert await limiter.acquire(3)


async def test_run_delivers_until_stopped(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
) -> None:
    await queue(session_factory, clock, 1, "Anna")
    stop = asyncio.Event()
    runner = asyncio.create_task(outbox.run(stop))
    for _ in range(100):
        if telegram.sent_texts(1):
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(runner, 1)
    assert len(telegram.sent_texts(1)) == 1


# --- retention -------------------------------------------------------------------------------


async def test_rows_done_with_are_purged_after_the_retention_period(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    container: AsyncContainer,
    telegram: RecordingSession,
) -> None:
    await queue(session_factory, clock, 1, "Anna")  # will be sent
    await queue(session_factory, clock, 2, "Boris")  # will fail for good
    telegram.fail_next(
        SendMessage, TelegramBadRequest(SendMessage(chat_id=2, text="x"), "chat not found")
    )
    await notify(session_factory, clock, 4, topic="booking:7:request")  # a staff alert
    await outbox.deliver_due()
    await queue(session_factory, clock, 3, "Vera", due_at=clock.now() + timedelta(days=400))
    assert "purge-outbox" in {job.name for job in JOBS}

    clock.current += timedelta(days=29)
    async with container() as request:
        assert await (await request.get(Housekeeping)).purge_outbox() == 0
    clock.current += timedelta(days=1, seconds=1)  # 30 days is the default retention
    async with container() as request:
        assert await (await request.get(Housekeeping)).purge_outbox() == 2
    # A row not sent yet is kept, however old; an alert of a topic is kept a year, so a booking
    # made far ahead still has its alerts edited when it changes.
    assert sorted(row.chat_id for row in await rows(session_factory)) == [3, 4]
    clock.current += timedelta(days=335)
    async with container() as request:
        assert await (await request.get(Housekeeping)).purge_outbox() == 1
    assert [row.chat_id for row in await rows(session_factory)] == [3]


# --- media, copies and edits -------------------------------------------------------------------


async def notify(sessions: Sessions, clock: FakeClock, chat_id: int, **kwargs: Any) -> None:
    """One notice of `referral-joined` with these extras, in its own committed transaction."""
    async with sessions() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).notify(
            chat_id, Language.RU, KEY, {"name": "Anna"}, **kwargs
        )


async def test_a_photo_goes_by_file_id_with_the_text_as_caption_and_its_buttons(
    session_factory: Sessions, clock: FakeClock, outbox: OutboxSender, telegram: RecordingSession
) -> None:
    button = Button("btn-back", url="https://example.com")
    await notify(
        session_factory, clock, 5, attachment=Media("photo", "AgADphoto"), buttons=[[button]]
    )
    assert await outbox.deliver_due() == 1
    [photo] = [call for call in telegram.calls if isinstance(call, SendPhoto)]
    assert (photo.chat_id, photo.photo) == (5, "AgADphoto")
    assert "Anna" in str(photo.caption)
    assert isinstance(photo.reply_markup, InlineKeyboardMarkup)
    [row] = await rows(session_factory)
    assert (row.parts_sent, row.message_id) == (1, 10_000)


async def test_an_album_counts_each_item_and_puts_buttons_under_a_text_after_it(
    session_factory: Sessions, clock: FakeClock, outbox: OutboxSender, telegram: RecordingSession
) -> None:
    album = Album((Media("photo", "p1"), Media("video", "v1"), Media("photo", "p2")))
    await notify(session_factory, clock, 6, attachment=album)
    await notify(
        session_factory,
        clock,
        7,
        attachment=album,
        buttons=[[Button("btn-back", url="https://example.com")]],
    )
    assert await outbox.deliver_due() == 2
    groups = [call for call in telegram.calls if isinstance(call, SendMediaGroup)]
    assert [(group.chat_id, len(group.media)) for group in groups] == [(6, 3), (7, 3)]
    assert "Anna" in str(groups[0].media[0].caption)  # no buttons: the text is the caption
    assert groups[1].media[0].caption is None  # buttons need a message of their own
    [after] = [call for call in telegram.calls if isinstance(call, SendMessage)]
    assert after.chat_id == 7
    assert isinstance(after.reply_markup, InlineKeyboardMarkup)


async def test_a_text_too_long_for_a_caption_follows_the_photo(
    session_factory: Sessions, clock: FakeClock, outbox: OutboxSender, telegram: RecordingSession
) -> None:
    async with session_factory() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).notify(
            8, Language.RU, KEY, {"name": "A" * 1100}, attachment=Media("photo", "p")
        )
    assert await outbox.deliver_due() == 1
    kinds = [type(call).__name__ for call in telegram.calls]
    assert kinds == ["SendPhoto", "SendMessage"]


async def test_a_copy_of_a_message_someone_wrote(
    session_factory: Sessions, clock: FakeClock, outbox: OutboxSender, telegram: RecordingSession
) -> None:
    async with session_factory() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).copy(9, Language.EN, Copy(from_chat_id=77, message_id=12))
    assert await outbox.deliver_due() == 1
    [copied] = [call for call in telegram.calls if isinstance(call, CopyMessage)]
    assert (copied.chat_id, copied.from_chat_id, copied.message_id) == (9, 77, 12)


async def test_amending_a_topic_edits_what_was_sent_and_rewrites_what_was_not(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    topic = "booking:1:request"
    button = [[Button("btn-booking-confirm", NoticeAction.CONFIRM_BOOKING, (1, 0))]]
    for chat_id in (1, 2, 3):
        await notify(session_factory, clock, chat_id, topic=topic, buttons=button)
    assert await outbox.deliver_due() == 3
    await notify(session_factory, clock, 4, topic=topic, buttons=button)  # not sent yet

    async with session_factory() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).amend(topic, KEY, {"name": "Boris"}, skip_chat=1)

    clock.current += timedelta(seconds=1)
    assert await outbox.deliver_due() == 3
    edits = [call for call in telegram.calls if isinstance(call, EditMessageText)]
    assert sorted(int(call.chat_id or 0) for call in edits) == [2, 3]
    assert {call.text for call in edits} == {joined(translations, "Boris")}
    assert all(call.reply_markup is None for call in edits)
    # Chat 4 never gets the old text: its message goes out as the topic reads now, one message.
    [fourth] = [
        call for call in telegram.calls if isinstance(call, SendMessage) and call.chat_id == 4
    ]
    assert (fourth.text, fourth.reply_markup) == (joined(translations, "Boris"), None)


async def test_an_edit_waits_for_its_message_however_long_that_takes(
    session_factory: Sessions,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    translations: Translations,
) -> None:
    """The message to edit is being sent by another instance (claimed) when the topic is
    amended: the edit waits for it, and waiting is not a failed try."""
    await notify(session_factory, clock, 1, topic="t")
    async with session_factory() as session, SqlUnitOfWork(session).write():
        await session.execute(
            update(OutboxMessageRow).values(claimed_until=clock.now() + timedelta(hours=1))
        )
    async with session_factory() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).amend("t", KEY, {"name": "Boris"})
    for _ in range(3 * MAX_ATTEMPTS):  # the other sender is slow
        clock.current += EDIT_WAIT
        await outbox.deliver_due()
    assert all(row.failed_at is None for row in await rows(session_factory))
    assert not [call for call in telegram.calls if isinstance(call, EditMessageText)]

    clock.current += timedelta(hours=1)  # its claim ran out: this sender sends it, then edits it
    for _ in range(3):
        clock.current += EDIT_WAIT
        await outbox.deliver_due()
    [edit] = [call for call in telegram.calls if isinstance(call, EditMessageText)]
    assert edit.text == joined(translations, "Boris")


async def test_an_edit_not_modified_counts_as_done(
    session_factory: Sessions, clock: FakeClock, outbox: OutboxSender, telegram: RecordingSession
) -> None:
    await notify(session_factory, clock, 1, topic="t")
    await outbox.deliver_due()
    async with session_factory() as session, SqlUnitOfWork(session).write():
        await SqlOutbox(session, clock).amend("t", KEY, {"name": "Anna"})
    telegram.fail_next(
        EditMessageText,
        TelegramBadRequest(
            EditMessageText(text="x"), "Bad Request: message is not modified: same content"
        ),
    )
    assert await outbox.deliver_due() == 1
    assert all(row.failed_at is None for row in await rows(session_factory))
