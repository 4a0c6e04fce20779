"""Where a user lands: the main menu, or registration where it stopped."""

from __future__ import annotations

from aiogram_dialog import DialogManager, ShowMode, StartMode

from coworking_bot.domain.users import User
from coworking_bot.services.users.registration import RegistrationStep, next_step
from dialogs.states import MainMenuSG, OnboardingSG

ONBOARDING_STATES = {
    RegistrationStep.CONSENT: OnboardingSG.consent,
    RegistrationStep.NAME: OnboardingSG.name,
    RegistrationStep.PHONE: OnboardingSG.phone,
    RegistrationStep.EMAIL: OnboardingSG.email,
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
    await manager.start(MainMenuSG.main, mode=StartMode.RESET_STACK, show_mode=show_mode)
