"""The Mini App API, `/api/v1`: every request signs in with `Authorization: tma <initData>`
(see `admin_api.auth`); money in kopecks, dates ISO in the coworking's time zone."""

from __future__ import annotations

from fastapi import APIRouter

from admin_api.routes.v1 import analytics, exports, me

PREFIX = "/api/v1"


def create_v1_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    router.include_router(me.router)
    router.include_router(analytics.router)
    router.include_router(exports.router)
    return router
