"""`GET /api/v1/me`: who signed in."""

from __future__ import annotations

from fastapi import APIRouter

from admin_api.auth import CurrentViewer
from admin_api.routes.v1.errors import SIGNED_IN
from admin_api.schemas.dashboard import MePublic

router = APIRouter(tags=["mini app"])


@router.get("/me", response_model=MePublic, responses=SIGNED_IN)
async def me(viewer: CurrentViewer) -> MePublic:
    """The staff member the init data belongs to, with their role and what it allows (read
    from the database now: a role changed a moment ago shows). Any staff role gets an answer,
    so the Mini App can tell a member without `view_analytics` why it shows nothing."""
    assert viewer.actor.role is not None  # `current_viewer` lets staff only through
    return MePublic(
        telegram_id=viewer.telegram_id,
        name=viewer.name or str(viewer.telegram_id),
        role=viewer.actor.role,
        permissions=sorted(viewer.permissions),
    )
