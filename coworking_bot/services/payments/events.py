"""What a YooKassa notification says, as far as it is believed: which object it is about.

YooKassa signs nothing, so its status fields are ignored; the named payment or refund is read back
from the API before anything is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class MalformedNotification(ValueError):
    """A webhook body that is not a YooKassa notification."""


@dataclass(frozen=True, slots=True)
class Notification:
    event: str
    object_id: str

    @classmethod
    def parse(cls, body: Any) -> Notification:
        if not isinstance(body, Mapping) or body.get("type") != "notification":
            raise MalformedNotification("not a notification")
        event, obj = body.get("event"), body.get("object")
        if not isinstance(event, str) or "." not in event or not isinstance(obj, Mapping):
            raise MalformedNotification("no event or object")
        object_id = obj.get("id")
        if not isinstance(object_id, str) or not 0 < len(object_id) <= 64:
            raise MalformedNotification("no object id")
        return cls(event, object_id)
