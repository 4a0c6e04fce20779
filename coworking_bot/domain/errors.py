"""Domain errors. Each carries a locale key, so the edges can tell the user what went wrong."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    key = "error-generic"

    def __init__(self, **params: Any) -> None:
        super().__init__(self.key, params)
        self.params = params


class InvalidName(DomainError):
    key = "error-name-invalid"


class InvalidPhone(DomainError):
    key = "error-phone-invalid"


class InvalidEmail(DomainError):
    key = "error-email-invalid"


class InvalidTelegramId(DomainError):
    key = "error-telegram-id-invalid"


class UserNotFound(DomainError):
    key = "error-user-not-found"


class UserBanned(DomainError):
    key = "error-user-banned"


class NotRegistered(DomainError):
    key = "error-not-registered"


class PermissionDenied(DomainError):
    key = "error-permission-denied"


class StaffNotFound(DomainError):
    key = "error-staff-not-found"


class CannotChangeOwner(DomainError):
    key = "error-staff-owner-fixed"


class CannotChangeSelf(DomainError):
    key = "error-staff-self"


class InvalidRole(DomainError):
    key = "error-staff-role-invalid"


class InvalidSearch(DomainError):
    key = "error-client-search-invalid"


class InvalidStaffText(DomainError):
    key = "error-staff-text-invalid"


class CannotBanStaff(DomainError):
    key = "error-cannot-ban-staff"
