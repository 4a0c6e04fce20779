from __future__ import annotations

from collections.abc import Mapping

from coworking_bot.domain.enums import Permission, StaffRole

ROLE_PERMISSIONS: Mapping[StaffRole, frozenset[Permission]] = {
    StaffRole.OWNER: frozenset(Permission),
    StaffRole.ADMIN: frozenset(
        {
            Permission.MANAGE_BOOKINGS,
            Permission.MANAGE_USERS,
            Permission.MANAGE_CATALOG,
            Permission.MANAGE_PROMO,
            Permission.ANSWER_TICKETS,
            Permission.SEND_BROADCASTS,
            Permission.VIEW_ANALYTICS,
        }
    ),
    StaffRole.MANAGER: frozenset(
        {Permission.MANAGE_BOOKINGS, Permission.MANAGE_USERS, Permission.ANSWER_TICKETS}
    ),
    StaffRole.SUPPORT: frozenset({Permission.ANSWER_TICKETS}),
}

# Roles an owner may hand out in the bot; owners themselves come from ADMIN_TELEGRAM_ID.
ASSIGNABLE_ROLES: tuple[StaffRole, ...] = (StaffRole.ADMIN, StaffRole.MANAGER, StaffRole.SUPPORT)


def permissions_of(role: StaffRole | None) -> frozenset[Permission]:
    if role is None:
        return frozenset()
    return ROLE_PERMISSIONS[role]
