"""The Mini App API's query parameters. Anything that does not make a period, a month or an id
we could store is refused here with FastAPI's 422, before a service is asked."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator, model_validator

from coworking_bot.domain.analytics import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_PERIOD_DAYS,
    Granularity,
    Period,
    month_period,
    requested_period,
)
from coworking_bot.services.analytics.exports import MAX_EXPORT_DAYS, check_export_period

ID_MAX = 2**31 - 1  # the id columns are 32-bit integers
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")

SpaceId = Annotated[
    int | None,
    Field(ge=1, le=ID_MAX, description="Only this space's bookings and money (else all spaces)."),
]
Limit = Annotated[int, Field(ge=1, le=100, description="How many to list.")]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("use an ISO date, YYYY-MM-DD")
    return value


class PeriodQuery(BaseModel):
    date_from: date = Field(
        description=f"The period's first day (local, included), {EARLIEST_DATE} or later."
    )
    date_to: date = Field(
        description=f"The period's last day (local, included), {LATEST_DATE} or earlier; at most "
        f"{MAX_PERIOD_DAYS} days after date_from."
    )

    _dates = field_validator("date_from", "date_to", mode="before")(_iso_date)

    @model_validator(mode="after")
    def _makes_a_period(self) -> PeriodQuery:
        self.to_period()  # InvalidPeriod is a ValueError: a 422 that says why
        return self

    def to_period(self) -> Period:
        return requested_period(self.date_from, self.date_to)


class SpacePeriodQuery(PeriodQuery):
    space_id: SpaceId = None


class SeriesQuery(SpacePeriodQuery):
    granularity: Granularity = Field(
        default=Granularity.DAY, description="Days, weeks (Monday to Sunday) or calendar months."
    )


class LimitedPeriodQuery(PeriodQuery):
    limit: Limit = 10


class TopClientsQuery(SpacePeriodQuery):
    limit: Limit = 10


class CalendarQuery(BaseModel):
    month: str = Field(
        pattern=r"^\d{4}-\d{2}$", description="The month, `YYYY-MM`.", examples=["2026-12"]
    )
    space_id: SpaceId = None

    @model_validator(mode="after")
    def _makes_a_month(self) -> CalendarQuery:
        self.to_period()
        return self

    def to_period(self) -> Period:
        found = _ISO_MONTH.fullmatch(self.month)
        if found is None:
            raise ValueError("use a month, YYYY-MM")
        return month_period(int(found.group(1)), int(found.group(2)))


class ExportQuery(PeriodQuery):
    date_to: date = Field(
        description=f"The period's last day (local, included); at most {MAX_EXPORT_DAYS} days "
        "after date_from."
    )

    @model_validator(mode="after")
    def _short_enough(self) -> ExportQuery:
        check_export_period(self.to_period())
        return self


class DownloadQuery(ExportQuery):
    token: str | None = Field(
        default=None,
        max_length=128,
        description="A download link's token (from `POST .../link`), instead of the "
        "Authorization header.",
    )
