"""Staff management (owners): list, add by id / forwarded message / shared contact, role, remove."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window

from dialogs.common import CANCEL
from dialogs.i18n import T
from dialogs.states import StaffAdmin

dialog = Dialog(
    Window(T("admin-staff-title"), CANCEL, state=StaffAdmin.list),
)
