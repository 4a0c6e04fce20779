"""What the broadcast screens keep in dialog_data (plain JSON, so it survives any FSM
storage), and reading it."""

from __future__ import annotations

from aiogram_dialog import DialogManager

BROADCAST = "broadcast"
SOURCE_CHAT = "source_chat"
SOURCE_IDS = "source_ids"
SOURCE_KIND = "source_kind"
SOURCE_ALBUM = "source_album"  # the album's media group id
EDITING = "editing"  # a step opened from the summary goes back there
PREVIEW_DUE = "preview_due"


def broadcast_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get(BROADCAST, 0))


def clear_draft(manager: DialogManager) -> None:
    for key in (BROADCAST, SOURCE_CHAT, SOURCE_IDS, SOURCE_KIND, SOURCE_ALBUM, EDITING):
        manager.dialog_data.pop(key, None)
