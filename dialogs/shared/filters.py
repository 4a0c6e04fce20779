"""Router filters as coroutines.

aiogram runs a plain function or a magic filter (`F.chat.type == ...`) given as a filter in a
worker thread (`asyncio.to_thread`), a thread hop for every update that reaches the router; a
coroutine function is awaited in place. Every router-level filter of ours is one of these.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message


async def private_chat(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


async def slash_command(message: Message) -> bool:
    return (message.text or "").startswith("/")


def data_starts_with(*prefixes: str) -> Callable[[CallbackQuery], Awaitable[bool]]:
    """A callback whose data starts with one of `prefixes`."""

    async def check(callback: CallbackQuery) -> bool:
        return (callback.data or "").startswith(prefixes)

    return check
