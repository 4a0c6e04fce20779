from aiogram_dialog.test_tools import BotClient, MockMessageManager


async def test_start_shows_consent(client: BotClient, message_manager: MockMessageManager) -> None:
    await client.send("/start")
    message = message_manager.one_message()
    assert "Test Hub" in (message.text or "")
