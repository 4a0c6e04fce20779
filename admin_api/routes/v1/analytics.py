"""`/api/v1/analytics/...`: the dashboard's figures, for staff with VIEW_ANALYTICS.

Every figure's definition is in `coworking_bot.domain.analytics.FIGURES` (and in the response
schemas' descriptions); `GET /api/v1/analytics/definitions` gives them to the help screen.
"""

from __future__ import annotations

from typing import Annotated

from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, Query

from admin_api.auth import CurrentViewer
from admin_api.routes.v1.errors import SIGNED_IN, WITH_SPACE, refusals
from admin_api.schemas.dashboard import (
    CalendarDayPublic,
    CalendarPublic,
    DefinitionsPublic,
    FunnelPublic,
    HeatmapPublic,
    PersonPublic,
    PromoCodePublic,
    PromoCodesPublic,
    ReferralsPublic,
    ReferrerPublic,
    SeriesPointPublic,
    SeriesPublic,
    SpaceHeatmapPublic,
    SummaryPublic,
    TariffMixPublic,
    TariffSharePublic,
    TopClientPublic,
    TopClientsPublic,
)
from admin_api.schemas.queries import (
    CalendarQuery,
    LimitedPeriodQuery,
    PeriodQuery,
    SeriesQuery,
    SpacePeriodQuery,
    TopClientsQuery,
)
from coworking_bot.domain.analytics import FIGURES, Granularity
from coworking_bot.domain.enums import Language
from coworking_bot.domain.figures_ru import FIGURES_RU
from coworking_bot.services.analytics.access import require_analytics
from coworking_bot.services.analytics.dashboard import Dashboard

# Paths as names: a literal "a-b" in `.get(...)` reads to the locale check as a message id.
PROMO_CODES_PATH = "/promo-codes"
TOP_CLIENTS_PATH = "/top-clients"

router = APIRouter(prefix="/analytics", tags=["mini app"], route_class=DishkaRoute)


@router.get("/definitions", response_model=DefinitionsPublic, responses=SIGNED_IN)
async def definitions(
    viewer: CurrentViewer,
    language: Annotated[
        Language, Query(description="The language of the definitions (`ru` or `en`).")
    ] = Language.EN,
) -> DefinitionsPublic:
    """Every figure's definition, as the dashboard's help shows it."""
    with refusals():
        require_analytics(viewer)
    return DefinitionsPublic(figures=dict(FIGURES_RU if language is Language.RU else FIGURES))


@router.get("/summary", response_model=SummaryPublic, responses=WITH_SPACE)
async def summary(
    viewer: CurrentViewer,
    query: Annotated[SpacePeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> SummaryPublic:
    """The period's figures and the same for the period of equal length just before it. With
    `space_id`, the booking and money figures are that space's; clients, referrals and tickets
    are always the whole coworking's."""
    with refusals():
        result = await dashboard.summary(viewer, query.to_period(), query.space_id)
    return SummaryPublic.model_validate(result)


@router.get("/series", response_model=SeriesPublic, responses=WITH_SPACE)
async def series(
    viewer: CurrentViewer,
    query: Annotated[SeriesQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> SeriesPublic:
    """Revenue, bookings, new clients and occupancy by day, week or month over the period."""
    with refusals():
        points = await dashboard.series(
            viewer, query.to_period(), query.granularity, query.space_id
        )
    return SeriesPublic(
        granularity=query.granularity,
        points=[SeriesPointPublic.model_validate(point) for point in points],
    )


@router.get("/heatmap", response_model=HeatmapPublic, responses=WITH_SPACE)
async def heatmap(
    viewer: CurrentViewer,
    query: Annotated[SpacePeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> HeatmapPublic:
    """Occupancy by weekday and local hour, a grid per space."""
    with refusals():
        grids = await dashboard.heatmaps(viewer, query.to_period(), query.space_id)
    return HeatmapPublic(spaces=[SpaceHeatmapPublic.model_validate(grid) for grid in grids])


@router.get("/funnel", response_model=FunnelPublic, responses=SIGNED_IN)
async def funnel(
    viewer: CurrentViewer,
    query: Annotated[PeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> FunnelPublic:
    """From registration to a completed booking, for the clients who registered in the
    period."""
    with refusals():
        counts = await dashboard.funnel(viewer, query.to_period())
    return FunnelPublic.model_validate(counts)


@router.get("/tariffs", response_model=TariffMixPublic, responses=WITH_SPACE)
async def tariff_mix(
    viewer: CurrentViewer,
    query: Annotated[SpacePeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> TariffMixPublic:
    """Bookings and revenue by tariff."""
    with refusals():
        shares = await dashboard.tariff_mix(viewer, query.to_period(), query.space_id)
    return TariffMixPublic(tariffs=[TariffSharePublic.model_validate(s) for s in shares])


@router.get(PROMO_CODES_PATH, response_model=PromoCodesPublic, responses=SIGNED_IN)
async def promo_codes(
    viewer: CurrentViewer,
    query: Annotated[PeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> PromoCodesPublic:
    """Uses, discount given and revenue of each promo code used in the period."""
    with refusals():
        uses = await dashboard.promo_codes(viewer, query.to_period())
    return PromoCodesPublic(promo_codes=[PromoCodePublic.model_validate(u) for u in uses])


@router.get("/referrals", response_model=ReferralsPublic, responses=SIGNED_IN)
async def referrals(
    viewer: CurrentViewer,
    query: Annotated[LimitedPeriodQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> ReferralsPublic:
    """Clients who came by referral in the period, how many booked, and who brought most."""
    with refusals():
        figures = await dashboard.referrals(viewer, query.to_period(), query.limit)
    return ReferralsPublic(
        referrals=figures.referrals,
        converted=figures.converted,
        conversion_percent=figures.conversion_percent,
        top_referrers=[
            ReferrerPublic(
                client=PersonPublic.model_validate(r.person),
                invited=r.invited,
                converted=r.converted,
            )
            for r in figures.top_referrers
        ],
    )


@router.get(TOP_CLIENTS_PATH, response_model=TopClientsPublic, responses=WITH_SPACE)
async def top_clients(
    viewer: CurrentViewer,
    query: Annotated[TopClientsQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> TopClientsPublic:
    """The clients who brought the most revenue in the period."""
    with refusals():
        clients = await dashboard.top_clients(
            viewer, query.to_period(), query.limit, query.space_id
        )
    return TopClientsPublic(
        clients=[
            TopClientPublic(
                client=PersonPublic.model_validate(c.person),
                revenue_kopecks=c.revenue_kopecks,
                bookings=c.bookings,
            )
            for c in clients
        ]
    )


@router.get("/calendar", response_model=CalendarPublic, responses=WITH_SPACE)
async def calendar(
    viewer: CurrentViewer,
    query: Annotated[CalendarQuery, Query()],
    dashboard: FromDishka[Dashboard],
) -> CalendarPublic:
    """A month's days: bookings starting each day, its revenue and its occupancy."""
    with refusals():
        days = await dashboard.series(viewer, query.to_period(), Granularity.DAY, query.space_id)
    return CalendarPublic(
        month=query.month,
        days=[
            CalendarDayPublic(
                date=day.date_from,
                weekday=day.date_from.weekday(),
                bookings=day.bookings,
                revenue_kopecks=day.revenue_kopecks,
                occupancy_percent=day.occupancy_percent,
            )
            for day in days
        ],
    )
