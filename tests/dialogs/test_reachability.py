"""A user the outbox found unreachable (they had blocked the bot) is reachable again once they
write to the bot."""

from aiogram_dialog.test_tools import BotClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import UserRow
from coworking_bot.domain.enums import Language
from coworking_bot.i18n import Translations
from tests.dialogs.helpers import register
from tests.fakes.telegram import WindowRecorder


async def test_writing_to_the_bot_again_clears_bot_blocked(
    client: BotClient,
    message_manager: WindowRecorder,
    translations: Translations,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await register(client, message_manager, translations(Language.RU))
    async with session_factory() as session:
        await session.execute(update(UserRow).values(bot_blocked=True))
        await session.commit()

    await client.send("/menu")

    async with session_factory() as session:
        assert await session.scalar(select(UserRow.bot_blocked)) is False
