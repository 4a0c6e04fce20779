from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    RU = "ru"
    EN = "en"

    @classmethod
    def pick(cls, code: str | None, default: Language) -> Language:
        """The language for a Telegram `language_code` (e.g. `en-US`), else the default."""
        if code:
            prefix = code.split("-", 1)[0].lower()
            for language in cls:
                if language.value == prefix:
                    return language
        return default


class StaffRole(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"
    SUPPORT = "support"


class Permission(StrEnum):
    MANAGE_STAFF = "manage_staff"
    MANAGE_BOOKINGS = "manage_bookings"
    MANAGE_USERS = "manage_users"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_PROMO = "manage_promo"
    ANSWER_TICKETS = "answer_tickets"
    SEND_BROADCASTS = "send_broadcasts"
    VIEW_ANALYTICS = "view_analytics"
    VIEW_AUDIT = "view_audit"


class SpaceKind(StrEnum):
    OPEN_SPACE = "open_space"
    MEETING_ROOM = "meeting_room"
    OFFICE = "office"


class TariffUnit(StrEnum):
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
