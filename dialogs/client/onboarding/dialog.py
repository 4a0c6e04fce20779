"""Registration: consent, full name, phone (contact button or typed), optional e-mail."""

from __future__ import annotations

import html
from typing import Any

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, RequestContact, Url
from aiogram_dialog.widgets.markup.reply_keyboard import ReplyKeyboardFactory
from aiogram_dialog.widgets.text import Format
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.config import Settings
from coworking_bot.domain.errors import DomainError
from coworking_bot.services.users.registration import RegistrationService
from dialogs.client.menu.dialog import JUST_REGISTERED
from dialogs.shared.contact import own_contact_phone
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import T, translator
from dialogs.shared.window import Screen
from dialogs.states import MainMenuSG, OnboardingSG

CONSENT_ID = "consent_ok"
SKIP_EMAIL_ID = "skip_email"


@inject
async def consent_getter(settings: FromDishka[Settings], **_: Any) -> dict[str, Any]:
    return {
        "coworking": html.escape(settings.coworking_name),
        "payments": "yes" if settings.payments_enabled else "no",
        "rules_url": settings.rules_url or "",
        "privacy_url": settings.privacy_policy_url or "",
        "has_rules": bool(settings.rules_url),
        "has_privacy": bool(settings.privacy_policy_url),
    }


@inject
async def on_consent(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    await registration.accept_consent(callback.from_user.id)
    await manager.switch_to(OnboardingSG.name)


async def on_not_text(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("error-text-expected"))


@inject
async def on_name(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    try:
        await registration.set_name(message.chat.id, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await manager.switch_to(OnboardingSG.phone)


@inject
async def on_phone_text(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    try:
        await registration.set_phone(message.chat.id, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await manager.switch_to(OnboardingSG.email)


@inject
async def on_contact(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    phone = own_contact_phone(message)
    if phone is None:
        await message.answer(translator(manager).get("error-contact-not-yours"))
        return
    try:
        await registration.set_phone(message.chat.id, phone)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await manager.switch_to(OnboardingSG.email)


async def _finish(
    event: Message | CallbackQuery,
    manager: DialogManager,
    registration: RegistrationService,
    email: str | None,
) -> None:
    try:
        await registration.finish(event.from_user.id if event.from_user else 0, email)
    except DomainError as error:
        await show_error(event, manager, error)
        return
    await manager.start(
        MainMenuSG.main,
        data={JUST_REGISTERED: True},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


@inject
async def on_email(
    message: Message,
    _: MessageInput,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    await _finish(message, manager, registration, message.text or "")


@inject
async def on_skip_email(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    registration: FromDishka[RegistrationService],
) -> None:
    await _finish(callback, manager, registration, None)


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("onboarding-welcome"),
            T("onboarding-consent"),
            Url(T("btn-rules"), Format("{rules_url}"), id="rules", when="has_rules"),
            Url(T("btn-privacy"), Format("{privacy_url}"), id="privacy", when="has_privacy"),
            Button(T("btn-consent"), id=CONSENT_ID, on_click=on_consent),
            getter=consent_getter,
            state=OnboardingSG.consent,
        ),
        Screen(
            T("onboarding-name"),
            MessageInput(on_name, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            state=OnboardingSG.name,
        ),
        Screen(
            T("onboarding-phone"),
            RequestContact(T("btn-share-phone")),
            MessageInput(on_contact, content_types=ContentType.CONTACT),
            MessageInput(on_phone_text, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            markup_factory=ReplyKeyboardFactory(resize_keyboard=True, one_time_keyboard=True),
            state=OnboardingSG.phone,
        ),
        Screen(
            T("onboarding-email"),
            Button(T("btn-skip"), id=SKIP_EMAIL_ID, on_click=on_skip_email),
            MessageInput(on_email, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            state=OnboardingSG.email,
        ),
    )
