"""Shared steps for the broadcast tests (no tests here): clients with their flags and bookings,
a broadcast made through the real service, the recipient rows, and a Telegram border that
copies messages the way the Bot API does (with 429s, blocked chats and deleted sources)."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.methods import CopyMessage, CopyMessages, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from dishka import AsyncContainer
from sqlalchemy import select, update

from coworking_bot.db.models import BookingRow, BroadcastRecipientRow, TariffRow, UserRow
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.broadcasts import (
    Audience,
    Broadcast,
    ContentKind,
    RecipientStatus,
    Source,
)
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.users import Actor
from coworking_bot.services.broadcasts.service import BroadcastService
from coworking_bot.services.broadcasts.timers import BroadcastTimers
from tests.conftest import OWNER_ID
from tests.fakes.telegram import TEST_TOKEN, RecordingSession
from tests.unit.payment_helpers import Factory

OWNER = Actor(OWNER_ID, StaffRole.OWNER)
AUTHOR_CHAT = OWNER_ID
PHOTO = Source(AUTHOR_CHAT, (501,), ContentKind.PHOTO)
ALBUM = Source(AUTHOR_CHAT, (601, 602, 603), ContentKind.ALBUM)


class CopyingSession(RecordingSession):
    """Copies as the Bot API does, recording who got what; `too_many_every` answers every nth
    send with 429 and `retry_after`, `blocked` chats answer 403, deleted sources 400 (a copy)
    or nothing copied (an album)."""

    def __init__(self, monotonic: Callable[[], float] = lambda: 0.0) -> None:
        super().__init__()
        self.monotonic = monotonic
        self.stamps: list[tuple[str, int, float]] = []  # ("sent" or "429", chat, when)
        self.errors: list[BaseException] = []  # raised by the next copy calls, in turn
        self.received: Counter[int] = Counter()  # chat -> copies of the broadcast
        self.items: Counter[int] = Counter()  # chat -> messages (an album's every item)
        self.blocked: set[int] = set()
        self.deleted: set[int] = set()  # source message ids
        self.too_many_every: int | None = None
        self.retry_after = 1
        self.too_many = 0
        self._sends = itertools.count(1)
        self._message_ids = itertools.count(70_000)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        if not isinstance(method, CopyMessage | CopyMessages) and not (
            isinstance(method, SendMessage) and int(method.chat_id) in self.received
        ):
            return await super().make_request(bot, method, timeout)
        self.calls.append(method)
        chat = int(method.chat_id)
        if self.errors:
            raise self.errors.pop(0)
        if self.too_many_every and next(self._sends) % self.too_many_every == 0:
            self.too_many += 1
            self.stamps.append(("429", chat, self.monotonic()))
            raise TelegramRetryAfter(
                method=method,
                message=f"Too Many Requests: retry after {self.retry_after}",
                retry_after=self.retry_after,
            )
        if chat in self.blocked:
            raise TelegramForbiddenError(method=method, message="Forbidden: bot was blocked")
        result: Any
        if isinstance(method, CopyMessage):
            if method.message_id in self.deleted:
                raise TelegramBadRequest(
                    method=method, message="Bad Request: message to copy not found"
                )
            self.received[chat] += 1
            self.items[chat] += 1
            result = {"message_id": next(self._message_ids)}
        elif isinstance(method, CopyMessages):
            kept = [i for i in method.message_ids if i not in self.deleted]
            if kept:
                self.received[chat] += 1
                self.items[chat] += len(kept)
            result = [{"message_id": next(self._message_ids)} for _ in kept]
        else:  # the link button's message under an album
            self.items[chat] += 1
            result = {
                "message_id": next(self._message_ids),
                "date": int(datetime.now(UTC).timestamp()),
                "chat": {"id": chat, "type": "private"},
                "text": method.text,
            }
        self.stamps.append(("sent", chat, self.monotonic()))
        content = json.dumps({"ok": True, "result": result})
        return self.check_response(bot, method, 200, content).result  # type: ignore[return-value]


def copying_bot(monotonic: Callable[[], float] = lambda: 0.0) -> tuple[Bot, CopyingSession]:
    session = CopyingSession(monotonic)
    return Bot(token=TEST_TOKEN, session=session), session


async def add_booking(
    factory: Factory,
    user_id: int,
    tariff_id: int,
    status: BookingStatus,
    starts_at: datetime,
    *,
    created_at: datetime | None = None,
) -> None:
    async with factory() as session:
        space_id = await session.scalar(select(TariffRow.space_id).where(TariffRow.id == tariff_id))
        session.add(
            BookingRow(
                user_id=user_id,
                space_id=space_id,
                tariff_id=tariff_id,
                status=status,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                units=1,
                unit_price=100,
                subtotal=100,
                total=100,
                created_at=created_at or datetime(2026, 10, 1, tzinfo=UTC),
            )
        )
        await session.commit()


async def set_user(factory: Factory, telegram_id: int, **values: Any) -> None:
    async with factory() as session:
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == telegram_id).values(**values)
        )
        await session.commit()


async def recipients(factory: Factory, broadcast_id: int) -> dict[int, RecipientStatus]:
    """Each recipient's chat and the state of their copy."""
    async with factory() as session:
        rows = await session.execute(
            select(BroadcastRecipientRow.chat_id, BroadcastRecipientRow.status).where(
                BroadcastRecipientRow.broadcast_id == broadcast_id
            )
        )
        return {chat: RecipientStatus(status) for chat, status in rows}


async def make_broadcast(
    container: AsyncContainer,
    source: Source = PHOTO,
    audience: Audience | None = None,
    *,
    button: str | None = None,
    start: bool = True,
) -> Broadcast:
    async with container() as request:
        service = await request.get(BroadcastService)
        broadcast = await service.create(OWNER, source)
        if button is not None:
            broadcast = await service.set_button(OWNER, broadcast.id, button)
        if audience is not None:
            broadcast = await service.set_audience(OWNER, broadcast.id, audience)
        if start:
            broadcast = await service.start(OWNER, broadcast.id)
    return broadcast


async def service_call(container: AsyncContainer, name: str, *args: Any, **kwargs: Any) -> Any:
    """One use case of `BroadcastService`, in a request scope of its own (as an update has)."""
    async with container() as request:
        service = await request.get(BroadcastService)
        return await getattr(service, name)(*args, **kwargs)


async def tick(container: AsyncContainer) -> Any:
    async with container() as request:
        return await (await request.get(BroadcastTimers)).tick()
