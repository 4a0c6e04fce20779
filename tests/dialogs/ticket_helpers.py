"""Shared steps for the ticket dialog tests: photos and files as a client sends them, and reading
tickets and their threads back from the database."""

from __future__ import annotations

from typing import Any

from aiogram.types import Document, PhotoSize
from aiogram_dialog.test_tools import BotClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import TicketMessageRow, TicketRow
from tests.dialogs.helpers import feed_message

Factory = async_sessionmaker[AsyncSession]


async def send_photo(
    client: BotClient, file_id: str, caption: str | None = None, group: str | None = None
) -> Any:
    """A photo as Telegram delivers it: its sizes, the largest last."""
    sizes = [
        PhotoSize(file_id=f"{file_id}-small", file_unique_id=f"{file_id}-s", width=90, height=90),
        PhotoSize(file_id=file_id, file_unique_id=f"{file_id}-u", width=1280, height=960),
    ]
    return await feed_message(client, photo=sizes, caption=caption, media_group_id=group)


async def send_document(client: BotClient, file_id: str) -> Any:
    document = Document(file_id=file_id, file_unique_id=f"{file_id}-u", file_name="scan.pdf")
    return await feed_message(client, document=document)


async def tickets(factory: Factory) -> list[TicketRow]:
    async with factory() as session:
        return list(await session.scalars(select(TicketRow).order_by(TicketRow.id)))


async def thread(factory: Factory, ticket_id: int) -> list[TicketMessageRow]:
    async with factory() as session:
        return list(
            await session.scalars(
                select(TicketMessageRow)
                .where(TicketMessageRow.ticket_id == ticket_id)
                .order_by(TicketMessageRow.id)
            )
        )
