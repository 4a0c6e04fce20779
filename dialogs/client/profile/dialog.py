"""The user's profile: every field editable, language switch, the referral link."""

from __future__ import annotations

import html
from typing import Any

from aiogram import Bot
from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Group, RequestContact, SwitchTo
from aiogram_dialog.widgets.markup.reply_keyboard import ReplyKeyboardFactory
from dishka import FromDishka
from dishka.integrations.aiogram_dialog import inject

from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import DomainError
from coworking_bot.domain.users import REFERRAL_PREFIX, User
from coworking_bot.i18n import Translations
from coworking_bot.services.users.profile import ProfileService
from dialogs.middlewares import USER_KEY
from dialogs.shared.contact import own_contact_phone
from dialogs.shared.errors import show_error
from dialogs.shared.i18n import I18N_KEY, T, translator
from dialogs.shared.widgets import TO_MENU
from dialogs.shared.window import Screen
from dialogs.states import ProfileSG

LANGUAGE_BUTTON_PREFIX = "lang_"


@inject
async def profile_getter(
    dialog_manager: DialogManager, profiles: FromDishka[ProfileService], **_: Any
) -> dict[str, Any]:
    current: User = dialog_manager.middleware_data[USER_KEY]
    profile = await profiles.profile(current.telegram_id)
    bot: Bot = dialog_manager.middleware_data["bot"]
    me = await bot.me()
    i18n = translator(dialog_manager)
    user = profile.user
    return {
        "name": html.escape(user.full_name or ""),
        "phone": html.escape(user.phone or ""),
        "email": html.escape(user.email) if user.email else i18n.get("profile-email-none"),
        "language": i18n.get(f"language-{user.language.value}"),
        "referral_link": f"https://t.me/{me.username}?start={REFERRAL_PREFIX}{user.referral_code}",
        "referrals": profile.referrals,
        "news": "on" if user.news_enabled else "off",
    }


@inject
async def on_news(
    callback: CallbackQuery, _: Button, manager: DialogManager, profiles: FromDishka[ProfileService]
) -> None:
    """News (broadcasts) off, or on again; messages about one's bookings always come."""
    current: User = manager.middleware_data[USER_KEY]
    profile = await profiles.profile(current.telegram_id)
    user = await profiles.switch_news(current.telegram_id, not profile.user.news_enabled)
    key = "profile-news-on" if user.news_enabled else "profile-news-off"
    await callback.answer(translator(manager).get(key))


async def on_not_text(message: Message, _: MessageInput, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("error-text-expected"))


async def _saved(message: Message, manager: DialogManager) -> None:
    await message.answer(translator(manager).get("profile-saved"))
    await manager.switch_to(ProfileSG.main, show_mode=ShowMode.SEND)


@inject
async def on_name(
    message: Message, _: MessageInput, manager: DialogManager, profiles: FromDishka[ProfileService]
) -> None:
    try:
        await profiles.change_name(message.chat.id, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _saved(message, manager)


@inject
async def on_phone(
    message: Message, _: MessageInput, manager: DialogManager, profiles: FromDishka[ProfileService]
) -> None:
    raw = message.text
    if message.contact is not None:
        raw = own_contact_phone(message)
        if raw is None:
            await message.answer(translator(manager).get("error-contact-not-yours"))
            return
    try:
        await profiles.change_phone(message.chat.id, raw)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _saved(message, manager)


@inject
async def on_email(
    message: Message, _: MessageInput, manager: DialogManager, profiles: FromDishka[ProfileService]
) -> None:
    try:
        await profiles.change_email(message.chat.id, message.text)
    except DomainError as error:
        await show_error(message, manager, error)
        return
    await _saved(message, manager)


@inject
async def on_remove_email(
    callback: CallbackQuery,
    _: Button,
    manager: DialogManager,
    profiles: FromDishka[ProfileService],
) -> None:
    await profiles.change_email(callback.from_user.id, None)
    await manager.switch_to(ProfileSG.main)


@inject
async def on_language(
    callback: CallbackQuery,
    button: Button,
    manager: DialogManager,
    profiles: FromDishka[ProfileService],
    translations: FromDishka[Translations],
) -> None:
    language = Language(str(button.widget_id).removeprefix(LANGUAGE_BUTTON_PREFIX))
    user = await profiles.change_language(callback.from_user.id, language)
    # The rest of this update already speaks the new language.
    manager.middleware_data[I18N_KEY] = translations(user.language)
    manager.middleware_data[USER_KEY] = user
    await callback.answer(translations(user.language).get("profile-language-changed"))
    await manager.switch_to(ProfileSG.main)


def _language_buttons() -> list[Button]:
    return [
        Button(
            T(f"language-{language.value}"),
            id=f"{LANGUAGE_BUTTON_PREFIX}{language.value}",
            on_click=on_language,
        )
        for language in Language
    ]


def create_dialog() -> Dialog:
    """A new instance: aiogram lets a router belong to one dispatcher only."""
    return Dialog(
        Screen(
            T("profile-card"),
            Group(
                SwitchTo(T("btn-edit-name"), id="edit_name", state=ProfileSG.edit_name),
                SwitchTo(T("btn-edit-phone"), id="edit_phone", state=ProfileSG.edit_phone),
                SwitchTo(T("btn-edit-email"), id="edit_email", state=ProfileSG.edit_email),
                SwitchTo(T("btn-language"), id="language", state=ProfileSG.language),
                width=2,
            ),
            Button(T("btn-profile-news"), id="news", on_click=on_news),
            TO_MENU,
            getter=profile_getter,
            state=ProfileSG.main,
        ),
        Screen(
            T("profile-ask-name"),
            SwitchTo(T("btn-back"), id="back_name", state=ProfileSG.main),
            MessageInput(on_name, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            state=ProfileSG.edit_name,
        ),
        Screen(
            T("profile-ask-phone"),
            RequestContact(T("btn-share-phone")),
            # A reply keyboard cannot hold inline buttons, so "back" is a reply button here too.
            SwitchTo(T("btn-back"), id="back_phone", state=ProfileSG.main),
            MessageInput(on_phone, content_types=[ContentType.TEXT, ContentType.CONTACT]),
            MessageInput(on_not_text),
            markup_factory=ReplyKeyboardFactory(resize_keyboard=True, one_time_keyboard=True),
            state=ProfileSG.edit_phone,
        ),
        Screen(
            T("profile-ask-email"),
            Button(T("btn-remove-email"), id="remove_email", on_click=on_remove_email),
            SwitchTo(T("btn-back"), id="back_email", state=ProfileSG.main),
            MessageInput(on_email, content_types=ContentType.TEXT),
            MessageInput(on_not_text),
            state=ProfileSG.edit_email,
        ),
        Screen(
            T("profile-ask-language"),
            Group(*_language_buttons(), width=2),
            SwitchTo(T("btn-back"), id="back_language", state=ProfileSG.main),
            state=ProfileSG.language,
        ),
    )
