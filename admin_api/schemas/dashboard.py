"""The Mini App API's bodies (`/api/v1`). Money is integer kopecks in fields ending `_kopecks`;
dates are ISO `YYYY-MM-DD` in the coworking's time zone. Each figure's description is its
definition from `domain.analytics.FIGURES`, the same words the dashboard's help shows."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from coworking_bot.domain.analytics import FIGURES, Granularity
from coworking_bot.domain.enums import Permission, StaffRole, TariffUnit


def _figure(name: str) -> str:
    return FIGURES[name]


class _FromService(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MePublic(BaseModel):
    telegram_id: int
    name: str = Field(description="The name in the bot, else the one Telegram gave the Mini App.")
    role: StaffRole
    permissions: list[Permission] = Field(
        description="What the role allows; the dashboard needs `view_analytics`."
    )


class SpaceFiguresPublic(_FromService):
    space_id: int
    name: str
    capacity: int
    occupancy_percent: float = Field(description=_figure("occupancy_percent"))
    utilisation_percent: float = Field(description=_figure("utilisation_percent"))


class FiguresPublic(_FromService):
    """The figures of one period."""

    date_from: date
    date_to: date
    revenue_kopecks: int = Field(description=_figure("revenue_kopecks"))
    payments: int = Field(description=_figure("payments"))
    average_check_kopecks: int = Field(description=_figure("average_check_kopecks"))
    bookings: int = Field(description=_figure("bookings"))
    new_users: int = Field(description=_figure("new_users"))
    referrals: int = Field(description=_figure("referrals"))
    conversion_percent: float = Field(description=_figure("conversion_percent"))
    occupancy_percent: float = Field(description=_figure("occupancy_percent"))
    utilisation_percent: float = Field(description=_figure("utilisation_percent"))
    no_show_rate_percent: float = Field(description=_figure("no_show_rate_percent"))
    mrr_kopecks: int = Field(description=_figure("mrr_kopecks"))
    active_members: int = Field(description=_figure("active_members"))
    open_tickets: int = Field(description=_figure("open_tickets"))
    median_first_response_minutes: float | None = Field(
        description=_figure("median_first_response_minutes")
    )
    spaces: list[SpaceFiguresPublic] = Field(
        description="Occupancy and utilisation of each space (the one asked for, or every "
        "active space and any other with bookings in the period)."
    )


class SummaryPublic(_FromService):
    current: FiguresPublic
    previous: FiguresPublic = Field(
        description="The same figures for the period of equal length that ends the day before "
        "`date_from`."
    )


class SeriesPointPublic(_FromService):
    date_from: date = Field(description="The bucket's first day (its label).")
    date_to: date = Field(
        description="The bucket's last day (weeks and months are cut to the period)."
    )
    revenue_kopecks: int = Field(description=_figure("revenue_kopecks"))
    bookings: int = Field(description=_figure("bookings"))
    new_users: int = Field(description=_figure("new_users"))
    occupancy_percent: float = Field(description=_figure("occupancy_percent"))


class SeriesPublic(BaseModel):
    granularity: Granularity
    points: list[SeriesPointPublic]


class SpaceHeatmapPublic(_FromService):
    space_id: int
    name: str
    cells: list[list[float | None]] = Field(
        description="Seven rows, Monday first, of 24 local hours each: " + _figure("heatmap")
    )


class HeatmapPublic(BaseModel):
    spaces: list[SpaceHeatmapPublic]


class FunnelPublic(_FromService):
    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"description": FIGURES["funnel"]}
    )

    registered: int
    started: int
    held: int
    paid: int
    completed: int


class TariffSharePublic(_FromService):
    tariff_id: int
    name: str
    space_id: int
    unit: TariffUnit
    bookings: int
    share_percent: float
    revenue_kopecks: int


class TariffMixPublic(BaseModel):
    tariffs: list[TariffSharePublic] = Field(description=_figure("tariff_mix"))


class PromoCodePublic(_FromService):
    promo_code_id: int
    code: str
    uses: int
    discount_kopecks: int
    revenue_kopecks: int


class PromoCodesPublic(BaseModel):
    promo_codes: list[PromoCodePublic] = Field(description=_figure("promo_codes"))


class PersonPublic(_FromService):
    user_id: int
    telegram_id: int
    name: str | None
    username: str | None


class ReferrerPublic(BaseModel):
    client: PersonPublic
    invited: int = Field(description="Clients they brought who registered in the period.")
    converted: int = Field(description="Of those, how many have made a booking that counts.")


class ReferralsPublic(BaseModel):
    referrals: int = Field(description=_figure("referrals"))
    converted: int = Field(
        description="Of those clients, how many have made a booking that counts."
    )
    conversion_percent: float
    top_referrers: list[ReferrerPublic]


class TopClientPublic(BaseModel):
    client: PersonPublic
    revenue_kopecks: int
    bookings: int


class TopClientsPublic(BaseModel):
    clients: list[TopClientPublic] = Field(description=_figure("top_clients"))


class CalendarDayPublic(BaseModel):
    date: date
    weekday: int = Field(description="0 is Monday.")
    bookings: int
    revenue_kopecks: int
    occupancy_percent: float


class CalendarPublic(BaseModel):
    month: str = Field(description="`YYYY-MM`.")
    days: list[CalendarDayPublic] = Field(description=_figure("calendar"))


class DefinitionsPublic(BaseModel):
    figures: dict[str, str] = Field(description="Each figure's definition, for the help screen.")


class ExportLinkPublic(BaseModel):
    url: str = Field(description="Downloads the file without headers until `expires_at`.")
    expires_at: datetime


class ExportSentPublic(BaseModel):
    filename: str
    size_bytes: int
