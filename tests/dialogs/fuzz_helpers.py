"""Tapping a window's buttons with garbage, and telling that nothing happened.

A window offers callback data `<intent id>\\x1d<widget id>[:<item id>]`. `garbage_taps` turns
what it offers into what a crafted client could send instead; `Fuzzer` sends each through the
real dispatcher and notes every sign that something happened: an error (the apology, an owner
alert, an ERROR log), a change (a table row, the window itself), a slow or missing answer.
"""

from __future__ import annotations

import gc
import itertools
import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, Update
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.utils import CB_SEP, join_reply_callback, split_reply_callback
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.base import Base
from coworking_bot.i18n import Translator
from tests.conftest import OWNER_ID
from tests.fakes.telegram import RecordingSession, WindowRecorder

# What an item id may be replaced with: empty, not a number, out of range, far too big, a path,
# an emoji, a time, a long string, and digits `int()` does not read ("²") or reads oddly ("٣").
ITEM_GARBAGE = (
    "",
    "x",
    "-1",
    "0",
    "1e9",
    "1000000000",
    "9" * 30,
    "99999999999999999999",
    "../../etc",
    "🙂",
    "12:00",
    "abcdefghij" * 4,
    "²",
    "٣",
)
# Widget data no window of ours offers in this form.
MADE_UP_WIDGETS = (
    "nope",
    "sp:1",
    "wk:1000000000",
    "cal:99999999999999",
    "cal:-86400",
    "cal:abc",
    "pg_next",
)
# Data without an intent id goes to the dialog on top, so to the same window: a few suffice.
WITHOUT_INTENT = ("nope", "wk:1000000000", "cal:abc")
UNKNOWN_INTENT = "NoSuchIntent"  # longer than any id aiogram-dialog makes
CALLBACK_DATA_BYTES = 64  # Telegram's limit
# A tap takes about 30 ms here (the slowest about 0.3 s); the hang this guards against took 11 s.
# The margin absorbs a busy CI machine; garbage collections are not counted (one full collection
# late in the suite took 1.7 s and was put on a tap).
ANSWER_WITHIN = 2.0  # seconds
SHOW_PROBLEMS = 24  # lines of a failure; the first problems tell the story


class _Collections:
    """The seconds the interpreter has spent collecting garbage since this module was loaded."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.spent += time.perf_counter() - self._started


_collections = _Collections()

# Every table a tap could change by mistake.
TABLES = (
    "users",
    "referrals",
    "staff_members",
    "promo_codes",
    "bookings",
    "promo_redemptions",
    "payments",
    "refunds",
    "waitlist_entries",
    "audit_log",
    "outbox_messages",
    "tickets",
    "ticket_messages",
)

_update_ids = itertools.count(2_000_000)
_message_ids = itertools.count(2_000_000)

Sessions = async_sessionmaker[AsyncSession]
Snapshot = dict[str, list[tuple[Any, ...]]]


def intent_of(data: str) -> str:
    return data.split(CB_SEP, 1)[0] if CB_SEP in data else ""


def _widget_and_item(data: str) -> tuple[str, str | None]:
    widget_data = data.split(CB_SEP, 1)[-1]
    widget, sep, item = widget_data.partition(":")
    return widget, item if sep else None


def fit(data: str) -> str:
    """The data cut to Telegram's 64 bytes (a client cannot send more)."""
    while len(data.encode()) > CALLBACK_DATA_BYTES:
        data = data[:-1]
    return data


def callback_data(message: Message) -> list[str]:
    """The callback data of every inline button of a window, in order."""
    markup = message.reply_markup
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]


def press_data(press: str) -> str:
    """The callback data hidden in a reply button's text."""
    return split_reply_callback(press)[1] or ""


def reply_presses(recorder: WindowRecorder, message: Message) -> list[str]:
    """The texts a window's reply buttons send that carry callback data (aiogram-dialog hides
    it after the visible text)."""
    markup = recorder.reply_keyboards.get(message.message_id)
    if markup is None:
        return []
    return [
        button.text
        for row in markup.keyboard
        for button in row
        if split_reply_callback(button.text)[1]
    ]


def garbage_taps(offered: list[str], intent: str, old: Iterable[str] = ()) -> list[str]:
    """What to tap on a window that offers `offered`, the dialog's intent id being `intent`:

    - every button's data with its item id replaced by garbage: the whole list for the first
      button of each widget with items (a Select, the calendar, a pager) and for the first plain
      button; one value in turn for each other button;
    - made-up widget ids with the intent id, and a few without one;
    - `old` data: buttons of the dialog's other windows (an old keyboard), or any more.

    Nothing the window offers now, with or without the intent id; nothing over 64 bytes.
    """
    rotation = itertools.cycle(ITEM_GARBAGE[1:])
    widgets: set[str] = set()
    plain_seen = False
    taps: list[str] = []
    for data in offered:
        widget, item = _widget_and_item(data)
        full = widget not in widgets and (item is not None or not plain_seen)
        widgets.add(widget)
        plain_seen = plain_seen or item is None
        values = ITEM_GARBAGE if full else (next(rotation),)
        taps.extend(f"{intent}{CB_SEP}{widget}:{value}" for value in values)
    taps.extend(f"{intent}{CB_SEP}{widget_data}" for widget_data in MADE_UP_WIDGETS)
    taps.extend(WITHOUT_INTENT)
    taps.extend(old)
    return [tap for tap in dict.fromkeys(map(fit, taps)) if not offers(offered, tap)]


def offers(offered: list[str], data: str) -> bool:
    """Would the window take this tap as one of its own buttons?"""
    widget_data = data.split(CB_SEP, 1)[-1]
    return any(widget_data == known.split(CB_SEP, 1)[-1] for known in offered)


async def snapshot(session_factory: Sessions) -> Snapshot:
    """Every row of the tables that matter, as tuples, in primary key order."""
    rows: Snapshot = {}
    async with session_factory() as session:
        for name in TABLES:
            table = Base.metadata.tables[name]
            result = await session.execute(select(table).order_by(*table.primary_key.columns))
            rows[name] = [tuple(row) for row in result]
    return rows


def _look(recorder: WindowRecorder) -> tuple[str, list[str]]:
    """What the user sees of the latest window: its text and its buttons' data."""
    message = recorder.last_message()
    return message.text or "", callback_data(message)


def _text_of(call: TelegramMethod[Any]) -> str | None:
    if isinstance(call, AnswerCallbackQuery | SendMessage):
        return str(call.text) if call.text is not None else None
    return None


@dataclass
class Fuzzer:
    """Sends garbage to the windows one user reaches, and asserts that nothing happened."""

    client: BotClient
    recorder: WindowRecorder
    telegram: RecordingSession
    session_factory: Sessions
    caplog: pytest.LogCaptureFixture
    i18n: Translator
    _seen: list[str] = field(default_factory=list)  # callback data of the windows fuzzed
    _seen_presses: list[str] = field(default_factory=list)  # their reply buttons' texts
    _ids: Iterator[int] = field(default_factory=itertools.count)
    _looks: tuple[str, list[str]] | None = None  # the window as it must stay

    async def window(self, name: str, *, extra: Iterable[str] = ()) -> None:
        """Tap the latest window with garbage (see `garbage_taps`), and with `extra` widget
        data (buttons this user is not offered); each tap must change nothing, raise no error
        and get a quick answer."""
        message = self.recorder.last_message()
        offered = callback_data(message) + [press_data(p) for p in self._presses(message)]
        intent = self._intent(offered)
        old = self._old_keyboards(intent) + [f"{intent}{CB_SEP}{x}" for x in extra]
        async with self._nothing_changes(name) as problems:
            for data in garbage_taps(offered, intent, old):
                for problem in await self._tap(message, data):
                    problems.append(f"tap {data!r}: {problem}")
        self._remember(offered, self._presses(message))

    async def presses(self, name: str) -> None:
        """Reply buttons carry their callback data hidden in the text they send: press the
        latest window's reply buttons with garbage data, and the reply buttons of the dialog's
        windows seen before (a reply keyboard still on screen)."""
        message = self.recorder.last_message()
        offered = callback_data(message) + [press_data(p) for p in self._presses(message)]
        intent = self._intent(offered)
        own = [
            join_reply_callback(label or "", fit(f"{intent}{CB_SEP}{widget}:{value}"))
            for label, widget in (
                (split_reply_callback(p)[0], _widget_and_item(press_data(p))[0])
                for p in self._presses(message)
            )
            for value in ITEM_GARBAGE
        ]
        old = [
            press
            for press in self._seen_presses
            if intent_of(press_data(press)) == intent and not offers(offered, press_data(press))
        ]
        assert own or old, f"{name}: no reply button to press"
        async with self._nothing_changes(name) as problems:
            for press in own + old:
                for problem in await self._press(press):
                    problems.append(f"press {press_data(press)!r}: {problem}")
        self._remember(offered, self._presses(message))

    async def stale(self, name: str) -> None:
        """A button with an unknown intent id: the stale-button answer and a fresh menu, no
        error and no change."""
        widget_data = self._seen[-1].split(CB_SEP, 1)[-1] if self._seen else "nope"
        data = f"{UNKNOWN_INTENT}{CB_SEP}{widget_data}"
        async with self._nothing_changes(name, window_stays=False) as problems:
            for problem in await self._tap(self.recorder.last_message(), data):
                problems.append(f"tap {data!r}: {problem}")
        answers = [c.text for c in self.telegram.calls if isinstance(c, AnswerCallbackQuery)]
        assert answers[-1] == self.i18n.get("error-stale-button")

    def _presses(self, message: Message) -> list[str]:
        return reply_presses(self.recorder, message)

    def _intent(self, offered: list[str]) -> str:
        """The window's intent id; a window without buttons shares it with the dialog's window
        fuzzed before it."""
        intent = next((intent_of(data) for data in offered), None)
        if intent is None and self._seen:
            intent = intent_of(self._seen[-1])
        assert intent, "no intent id to tap with: fuzz a window of the dialog with buttons first"
        return intent

    def _old_keyboards(self, intent: str) -> list[str]:
        """Buttons of the dialog's windows fuzzed before: the first of each widget (the others
        of a widget differ only in their item id)."""
        first: dict[str, str] = {}
        for data in self._seen:
            if intent_of(data) == intent:
                first.setdefault(_widget_and_item(data)[0], data)
        return list(first.values())

    def _remember(self, offered: list[str], presses: list[str]) -> None:
        self._seen += [data for data in offered if data not in self._seen]
        self._seen_presses += [press for press in presses if press not in self._seen_presses]

    @asynccontextmanager
    async def _nothing_changes(
        self, name: str, *, window_stays: bool = True
    ) -> AsyncIterator[list[str]]:
        """Collects the problems of a window's taps; no row may change, nor (unless told) the
        window the user sees."""
        problems: list[str] = []
        before = await snapshot(self.session_factory)
        self._looks = _look(self.recorder) if window_stays else None
        yield problems
        after = await snapshot(self.session_factory)
        problems += [f"rows changed in {t}" for t in TABLES if before[t] != after[t]]
        if len(problems) > SHOW_PROBLEMS:
            problems[SHOW_PROBLEMS:] = [f"... and {len(problems) - SHOW_PROBLEMS} more"]
        assert not problems, f"{name}:\n" + "\n".join(problems)

    async def _tap(self, message: Message, data: str) -> list[str]:
        query = CallbackQuery(
            id=f"fuzz{next(self._ids)}",
            from_user=self.client.user,
            chat_instance="fuzz",
            message=message,
            data=data,
        )
        problems, calls = await self._feed(
            Update(update_id=self._update_id(), callback_query=query)
        )
        if not any(
            isinstance(call, AnswerCallbackQuery) and call.callback_query_id == query.id
            for call in calls
        ):
            problems.append("the callback query was not answered")
        return problems

    async def _press(self, text: str) -> list[str]:
        message = Message(
            message_id=next(_message_ids),
            date=datetime.now(UTC),
            chat=self.client.chat,
            from_user=self.client.user,
            text=text,
        )
        shown = len(self.recorder.sent_messages)
        problems, calls = await self._feed(Update(update_id=self._update_id(), message=message))
        redrawn = len(self.recorder.sent_messages) > shown
        if not redrawn and not any(isinstance(call, SendMessage) for call in calls):
            problems.append("no answer at all")
        return problems

    def _update_id(self) -> int:
        return next(_update_ids)

    async def _feed(self, update: Update) -> tuple[list[str], list[TelegramMethod[Any]]]:
        """Feed one update; what went wrong, and the Bot API calls it made."""
        calls, records = len(self.telegram.calls), len(self.caplog.records)
        started, collecting = time.perf_counter(), _collections.spent
        try:
            await self.client.dp.feed_update(self.client.bot, update)
        except Exception as error:  # reported with the tap that raised it
            return [f"raised {error!r}"], []
        elapsed = time.perf_counter() - started - (_collections.spent - collecting)
        new_calls = self.telegram.calls[calls:]
        texts = {_text_of(call) for call in new_calls}
        problems = []
        if elapsed >= ANSWER_WITHIN:
            problems.append(f"took {elapsed:.2f} s")
        if self.i18n.get("flood-slow-down") in texts:
            problems.append("the flood guard took it: it never reached the window")
        if self.i18n.get("error-apology") in texts:
            problems.append("the error handler ran (apology)")
        alert = self.i18n.get("error-owner-alert", kind="\x00", error="").split("\x00")[0]
        if any(
            isinstance(call, SendMessage)
            and call.chat_id == OWNER_ID
            and str(call.text).startswith(alert.rstrip("\u2068"))
            for call in new_calls
        ):
            problems.append("the owners were alerted")
        for record in self.caplog.records[records:]:
            if record.levelno >= logging.ERROR:
                problems.append(f"logged at {record.levelname}: {record.getMessage()}")
                if record.exc_info and record.exc_info[1] is not None:
                    problems.append(f"  {record.exc_info[1]!r}")
        if self._looks is not None and _look(self.recorder) != self._looks:
            problems.append(f"the window changed to {_look(self.recorder)[0][:60]!r}")
        return problems, new_calls
