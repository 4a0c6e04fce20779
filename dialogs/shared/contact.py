"""A phone number from a contact the user shared of themselves."""

from __future__ import annotations

from aiogram.types import Message


def own_contact_phone(message: Message) -> str | None:
    """The number from a contact the user shared of themselves; None for anyone else's card."""
    contact = message.contact
    if contact is None or message.from_user is None or contact.user_id != message.from_user.id:
        return None
    number = contact.phone_number.strip()
    # Telegram gives a contact's number in international form, usually without the leading +.
    return number if number.startswith("+") else f"+{number}"
