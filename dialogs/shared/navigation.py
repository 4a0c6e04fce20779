"""Where a user lands: the main menu, or registration where it stopped."""

from __future__ import annotations

from aiogram_dialog import DialogManager, ShowMode, StartMode

from coworking_bot.domain.users import User
from coworking_bot.services.users.registration import RegistrationStep, next_step
from dialogs.states import MainMenu, Onboarding

ONBOARDING_STATES = {
    RegistrationStep.CONSENT: Onboarding.consent,
    RegistrationStep.NAME: Onboarding.name,
    RegistrationStep.PHONE: Onboarding.phone,
    RegistrationStep.EMAIL: Onboarding.email,
}


async def open_home(
    manager: DialogManager, user: User | None, show_mode: ShowMode = ShowMode.SEND
) -> None:
    """The main menu for a registered user; otherwise registration, where it stopped."""
    if user is None or not user.is_registered:
        step = RegistrationStep.CONSENT if user is None else next_step(user)
        await manager.start(
            ONBOARDING_STATES[step], mode=StartMode.RESET_STACK, show_mode=show_mode
        )
        return
    await manager.start(MainMenu.main, mode=StartMode.RESET_STACK, show_mode=show_mode)
