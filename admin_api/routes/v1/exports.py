"""`/api/v1/exports/{bookings,payments,users}.{csv,xlsx}`: a period's rows as a file.

Three ways to get one: a plain GET with the Authorization header; a GET with the `token` of a
signed link (`POST .../link`), because a Mini App cannot set headers on a download; or
`POST .../send`, which has the bot send the file to the staff member's chat.

The file goes to the chat straight from the request, not through the outbox: an outbox row
carries text documents (an .ics) in a JSON column and nothing binary, and an export can be
megabytes of XLSX that has no business in a table of pending messages. The staff member is
waiting for it anyway, so a failure is said to them at once (409 or 502) instead of retried.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote, urlencode

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import BufferedInputFile
from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, HTTPException, Query, Request, Response, Security, status

from admin_api.auth import CurrentViewer, signed_in_user, tma_header, viewer_of
from admin_api.routes.v1.errors import SIGNED_IN, refusals
from admin_api.schemas import ErrorPublic
from admin_api.schemas.dashboard import ExportLinkPublic, ExportSentPublic
from admin_api.schemas.queries import DownloadQuery, ExportQuery
from coworking_bot.config import Settings
from coworking_bot.services.analytics.exports import (
    MEDIA_TYPES,
    ExportFormat,
    ExportKind,
    Exports,
)
from coworking_bot.services.analytics.links import InvalidLink

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/exports", tags=["mini app"], route_class=DishkaRoute)

# The most a bot may upload to a chat.
TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024

_FILE_RESPONSES = {
    status.HTTP_200_OK: {
        "description": "The file (CSV: UTF-8 with a byte-order mark).",
        "content": {media: {} for media in MEDIA_TYPES.values()},
    },
    **SIGNED_IN,
}
_SEND_RESPONSES = {
    **SIGNED_IN,
    status.HTTP_409_CONFLICT: {
        "model": ErrorPublic,
        "description": "The bot may not write to this staff member (they never started it, or "
        "blocked it).",
    },
    status.HTTP_413_CONTENT_TOO_LARGE: {
        "model": ErrorPublic,
        "description": "Larger than Telegram lets a bot send (50 MB): take a shorter period.",
    },
    status.HTTP_502_BAD_GATEWAY: {"model": ErrorPublic, "description": "Telegram did not take it."},
}


@router.get(
    "/{kind}.{fmt}", response_class=Response, response_model=None, responses=_FILE_RESPONSES
)
async def download(
    request: Request,
    kind: ExportKind,
    fmt: ExportFormat,
    query: Annotated[DownloadQuery, Query()],
    exports: FromDishka[Exports],
    authorization: Annotated[str | None, Security(tma_header)] = None,
) -> Response:
    """The export as a file: with the Authorization header, or with the `token` of a signed
    link instead (checked against this very export and period, and not expired; the staff
    member is then checked again as of now). Bookings: all that start in the period, whatever
    their status; payments: the payments and (negative) refunds that succeeded in it, adding up
    to the period's revenue; users: the clients who registered in it."""
    period = query.to_period()
    if authorization is None and query.token is not None:
        try:
            telegram_id = exports.link_owner(query.token, kind, fmt, period)
        except InvalidLink:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "the download link is not valid or has expired",
                headers={"WWW-Authenticate": "tma"},
            ) from None
        viewer = await viewer_of(request, telegram_id, None)
    else:
        user = await signed_in_user(request, authorization)
        viewer = await viewer_of(request, user.id, user.full_name)
    with refusals():
        file = await exports.file(viewer, kind, fmt, period)
    return Response(
        file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(file.filename)}"},
    )


@router.post("/{kind}.{fmt}/link", response_model=ExportLinkPublic, responses=SIGNED_IN)
async def link(
    request: Request,
    kind: ExportKind,
    fmt: ExportFormat,
    viewer: CurrentViewer,
    query: Annotated[ExportQuery, Query()],
    exports: FromDishka[Exports],
    settings: FromDishka[Settings],
) -> ExportLinkPublic:
    """A link that downloads this export without headers for the next few minutes (for the
    Mini App's `downloadFile`). It names who asked; set PUBLIC_BASE_URL behind a proxy, or the
    link points at the address this request came to."""
    period = query.to_period()
    with refusals():
        signed = exports.link(viewer, kind, fmt, period)
    base = settings.public_base_url or str(request.base_url).rstrip("/")
    path = request.url_for("download", kind=kind.value, fmt=fmt.value).path
    params = urlencode(
        {"date_from": period.date_from, "date_to": period.date_to, "token": signed.token}
    )
    return ExportLinkPublic(url=f"{base}{path}?{params}", expires_at=signed.expires_at)


@router.post("/{kind}.{fmt}/send", response_model=ExportSentPublic, responses=_SEND_RESPONSES)
async def send(
    kind: ExportKind,
    fmt: ExportFormat,
    viewer: CurrentViewer,
    query: Annotated[ExportQuery, Query()],
    exports: FromDishka[Exports],
    bot: FromDishka[Bot],
) -> ExportSentPublic:
    """The bot sends the export to the staff member's own chat with it."""
    with refusals():
        file = await exports.file(viewer, kind, fmt, query.to_period())
    if len(file.content) > TELEGRAM_UPLOAD_LIMIT:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            "the file is too large to send: take a shorter period",
        )
    try:
        await bot.send_document(
            viewer.telegram_id, BufferedInputFile(file.content, filename=file.filename)
        )
    except (TelegramForbiddenError, TelegramBadRequest) as error:
        logger.info("export not sent to %s: %s", viewer.telegram_id, error)
        raise HTTPException(
            status.HTTP_409_CONFLICT, "the bot cannot write to you: open the bot and press Start"
        ) from None
    except (TelegramAPIError, OSError, TimeoutError) as error:
        logger.warning("export not sent to %s: %s", viewer.telegram_id, error)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "Telegram did not take the file") from None
    return ExportSentPublic(filename=file.filename, size_bytes=len(file.content))
