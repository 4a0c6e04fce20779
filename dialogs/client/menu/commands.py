"""Slash commands. They work from anywhere, even in the middle of a dialog."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from dishka.integrations.aiogram import FromDishka, inject

from coworking_bot.config import Settings
from coworking_bot.domain.users import User
from coworking_bot.i18n import Translations, Translator
from coworking_bot.services.staff.service import StaffService
from coworking_bot.services.users.registration import RegistrationService, TelegramProfile
from dialogs.client.booking.common import open_payment
from dialogs.client.payment.dialog import paid_booking_id
from dialogs.commands import set_staff_menus
from dialogs.shared.filters import private_chat, slash_command
from dialogs.shared.navigation import open_home
from dialogs.states import BookingSG, HelpSG, MyBookingsSG, ProfileSG, SupportSG


@inject
async def on_start(
    message: Message,
    command: CommandObject,
    dialog_manager: DialogManager,
    registration: FromDishka[RegistrationService],
    staff: FromDishka[StaffService],
    settings: FromDishka[Settings],
    translations: FromDishka[Translations],
    bot: Bot,
    user: User | None,
) -> None:
    if message.from_user is None:
        return
    if user is None:  # the first message ever: a member added by id gets the staff menus now
        actor = await staff.actor(message.from_user.id)
        if actor.is_staff:
            await set_staff_menus(
                bot, translations, actor.telegram_id, actor.role, settings.dashboard_url
            )
    # Back from YooKassa's page: not a referral code, but the booking just paid for.
    paid_for = paid_booking_id(command.args)
    arrived = await registration.arrive(
        TelegramProfile(
            telegram_id=message.from_user.id,
            username=message.from_user.username,
            language_code=message.from_user.language_code,
        ),
        payload=command.args if paid_for is None else None,
        known=user,
    )
    if paid_for is not None and arrived.is_registered:
        await open_payment(dialog_manager, paid_for, StartMode.RESET_STACK)
        return
    await open_home(dialog_manager, arrived)


async def on_menu(message: Message, dialog_manager: DialogManager, user: User | None) -> None:
    await open_home(dialog_manager, user)


async def on_profile(message: Message, dialog_manager: DialogManager, user: User | None) -> None:
    if user is None or not user.is_registered:
        await open_home(dialog_manager, user)
        return
    await dialog_manager.start(ProfileSG.main, mode=StartMode.RESET_STACK)


async def on_book(message: Message, dialog_manager: DialogManager, user: User | None) -> None:
    if user is None or not user.is_registered:
        await open_home(dialog_manager, user)
        return
    await dialog_manager.start(BookingSG.space, mode=StartMode.RESET_STACK)


async def on_my_bookings(
    message: Message, dialog_manager: DialogManager, user: User | None
) -> None:
    if user is None or not user.is_registered:
        await open_home(dialog_manager, user)
        return
    await dialog_manager.start(MyBookingsSG.list, mode=StartMode.RESET_STACK)


async def on_support(message: Message, dialog_manager: DialogManager, user: User | None) -> None:
    if user is None or not user.is_registered:
        await open_home(dialog_manager, user)
        return
    await dialog_manager.start(SupportSG.list, mode=StartMode.RESET_STACK)


async def on_help(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(HelpSG.main, mode=StartMode.RESET_STACK)


async def on_cancel(
    message: Message, dialog_manager: DialogManager, user: User | None, i18n: Translator
) -> None:
    if user is None or not user.is_registered:
        await dialog_manager.reset_stack()
        await message.answer(i18n.get("registration-paused"))
        return
    await message.answer(i18n.get("cancelled"))
    await open_home(dialog_manager, user)


async def answer_unknown_command(message: Message, i18n: Translator) -> None:
    await message.answer(i18n.get("unknown-command"))


async def on_unknown_command(message: Message, i18n: Translator) -> None:
    await answer_unknown_command(message, i18n)


async def on_anything_else(
    message: Message, dialog_manager: DialogManager, user: User | None, i18n: Translator
) -> None:
    await message.answer(i18n.get("use-the-menu"))
    await open_home(dialog_manager, user)


def create_router() -> Router:
    """The client commands; they work from anywhere, even in the middle of a dialog."""
    router = Router(name=__name__)
    router.message.filter(private_chat)
    router.message.register(on_start, CommandStart())
    router.message.register(on_menu, Command("menu"))
    router.message.register(on_profile, Command("profile"))
    router.message.register(on_book, Command("book"))
    router.message.register(on_my_bookings, Command("mybookings"))
    router.message.register(on_support, Command("support"))
    router.message.register(on_help, Command("help"))
    router.message.register(on_cancel, Command("cancel"))
    return router


def create_unknown_command_router() -> Router:
    """After every real command (client and staff), before the dialogs take the text."""
    router = Router(name=__name__ + ".unknown")
    router.message.filter(private_chat)
    router.message.register(on_unknown_command, slash_command)
    return router


def create_fallback_router() -> Router:
    """Last: a message no dialog wanted, outside any dialog."""
    router = Router(name=__name__ + ".fallback")
    router.message.filter(private_chat)
    router.message.register(on_anything_else)
    return router
