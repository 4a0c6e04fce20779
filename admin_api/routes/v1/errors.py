"""What the Mini App API answers besides 200, and the refusals of the services as HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import HTTPException, status

from admin_api.schemas import ErrorPublic
from coworking_bot.domain.errors import PermissionDenied
from coworking_bot.services.analytics.dashboard import SpaceNotFound

SIGNED_IN: dict[int | str, dict[str, Any]] = {
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorPublic,
        "description": "No `Authorization: tma <initData>`, or init data that is forged, "
        "signed for another bot, or older than WEBAPP_AUTH_MAX_AGE_SECONDS.",
    },
    status.HTTP_403_FORBIDDEN: {
        "model": ErrorPublic,
        "description": "Not staff, banned, or (figures and exports) without VIEW_ANALYTICS.",
    },
}
WITH_SPACE: dict[int | str, dict[str, Any]] = {
    **SIGNED_IN,
    status.HTTP_404_NOT_FOUND: {"model": ErrorPublic, "description": "No such space."},
}


@contextmanager
def refusals() -> Iterator[None]:
    """A service's refusal as the HTTP answer the documentation promises."""
    try:
        yield
    except PermissionDenied:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "your role may not view analytics") from None
    except SpaceNotFound:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such space") from None
