"""Exports of bookings, payments and clients for a period, as CSV or XLSX.

- bookings: every booking that starts in the period, whatever its status;
- payments: the payments that succeeded in the period and the refunds that succeeded in it (as
  negative amounts), so the amounts add up to the dashboard's revenue for the period;
- users: the clients who registered in the period.

Times are the coworking's local time (`TIMEZONE`), money integer kopecks. A text cell that a
spreadsheet would take for a formula (a name typed as `=HYPERLINK(...)`) is written as text.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from coworking_bot.domain.analytics import InvalidPeriod, Period
from coworking_bot.services.analytics.access import Viewer, require_analytics
from coworking_bot.services.analytics.links import ExportLinks, SignedLink
from coworking_bot.services.analytics.ports import ExportReader
from coworking_bot.services.common.ports import Clock, UnitOfWork

MAX_EXPORT_DAYS = 366
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportKind(StrEnum):
    BOOKINGS = "bookings"
    PAYMENTS = "payments"
    USERS = "users"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

HEADERS: dict[ExportKind, tuple[str, ...]] = {
    ExportKind.BOOKINGS: (
        "booking_id",
        "created_at",
        "starts_at",
        "ends_at",
        "status",
        "space",
        "tariff",
        "units",
        "subtotal_kopecks",
        "volume_discount_kopecks",
        "promo_discount_kopecks",
        "total_kopecks",
        "promo_code",
        "client_telegram_id",
        "client_name",
        "client_phone",
        "checked_in_at",
        "cancel_reason",
    ),
    ExportKind.PAYMENTS: (
        "kind",
        "id",
        "succeeded_at",
        "booking_id",
        "client_telegram_id",
        "client_name",
        "method",
        "amount_kopecks",
        "provider_id",
        "refund_reason",
    ),
    ExportKind.USERS: (
        "user_id",
        "telegram_id",
        "username",
        "name",
        "phone",
        "email",
        "language",
        "registered_at",
        "referrer_telegram_id",
        "banned",
        "bookings",
    ),
}


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    media_type: str
    content: bytes


def export_name(kind: ExportKind, fmt: ExportFormat) -> str:
    return f"{kind.value}.{fmt.value}"


def check_export_period(period: Period) -> Period:
    if period.days > MAX_EXPORT_DAYS:
        raise InvalidPeriod(f"an export covers at most {MAX_EXPORT_DAYS} days")
    return period


class Exports:
    def __init__(
        self,
        reader: ExportReader,
        uow: UnitOfWork,
        tz: ZoneInfo,
        links: ExportLinks,
        clock: Clock,
    ) -> None:
        self._reader = reader
        self._uow = uow
        self._tz = tz
        self._links = links
        self._clock = clock

    def link(
        self, viewer: Viewer, kind: ExportKind, fmt: ExportFormat, period: Period
    ) -> SignedLink:
        """A token for downloading this export without headers, valid for a few minutes."""
        require_analytics(viewer)
        check_export_period(period)
        return self._links.issue(
            viewer.telegram_id, export_name(kind, fmt), period, self._clock.now()
        )

    def link_owner(self, token: str, kind: ExportKind, fmt: ExportFormat, period: Period) -> int:
        """Who a download link was issued to (`InvalidLink` for a bad or expired one)."""
        return self._links.check(token, export_name(kind, fmt), period, self._clock.now())

    async def file(
        self, viewer: Viewer, kind: ExportKind, fmt: ExportFormat, period: Period
    ) -> ExportFile:
        require_analytics(viewer)
        check_export_period(period)
        bounds = period.bounds(self._tz)
        rows: list[tuple[Any, ...]] = []
        async with self._uow.read():
            async for row in self._reader.export_rows(kind.value, bounds.start, bounds.end):
                rows.append(tuple(self._plain(value) for value in row))
        headers = HEADERS[kind]
        render = _csv if fmt is ExportFormat.CSV else _xlsx
        content = await asyncio.to_thread(render, headers, rows, kind.value)
        filename = f"{kind.value}_{period.date_from}_{period.date_to}.{fmt.value}"
        return ExportFile(filename, MEDIA_TYPES[fmt], content)

    def _plain(self, value: Any) -> Any:
        """A cell value: local naive times, enum values, yes/no."""
        if isinstance(value, datetime):
            return value.astimezone(self._tz).replace(tzinfo=None, microsecond=0)
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return value


def _csv(headers: Sequence[str], rows: Sequence[Sequence[Any]], _title: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    # The byte-order mark lets spreadsheet programs read the file as UTF-8 (Cyrillic names).
    return "\ufeff".encode() + buffer.getvalue().encode()


def _xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cells.append(cell)
            elif isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
