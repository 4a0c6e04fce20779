"""The rollup's store: the facts kept per closed day and the marks the triggers of migration 0016
write (`services.analytics.rollup`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coworking_bot.db.models import AnalyticsDayRow, AnalyticsMarkRow, BookingRow, PaymentRow
from coworking_bot.domain.payments import PaymentState
from coworking_bot.services.analytics.ports import AlreadySettled, Kept, Mark

_T = TypeVar("_T")
# Rows a statement names at once (SQLite allows 32,766 parameters).
_CHUNK = 5_000


class SqlRollup:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def marks(self, limit: int) -> AsyncIterator[Mark]:
        rows = await self._session.stream(
            select(AnalyticsMarkRow.id, AnalyticsMarkRow.starts_at, AnalyticsMarkRow.ends_at)
            .order_by(AnalyticsMarkRow.id)
            .limit(limit)
            .execution_options(yield_per=_CHUNK)
        )
        async for id, starts, ends in rows:
            yield Mark(id, starts, ends)

    async def first_moment(self) -> datetime | None:
        moments = [
            await self._session.scalar(select(func.min(BookingRow.starts_at))),
            await self._session.scalar(
                select(func.min(PaymentRow.paid_at)).where(
                    PaymentRow.state == PaymentState.SUCCEEDED
                )
            ),
        ]
        known = [moment for moment in moments if moment is not None]
        return min(known) if known else None

    async def kept(self) -> Mapping[date, Kept]:
        rows = await self._session.execute(
            select(AnalyticsDayRow.day, AnalyticsDayRow.fingerprint, AnalyticsDayRow.revision)
        )
        return {day: Kept(fingerprint, revision) for day, fingerprint, revision in rows}

    async def keep(
        self,
        facts: Mapping[date, str],
        fingerprint: str,
        settled: Sequence[int],
        seen: Mapping[date, Kept],
    ) -> None:
        # Ids read one after another go as ranges: a range holds no id not read.
        for low, high in _ranges(settled):
            deleted = await self._session.execute(
                delete(AnalyticsMarkRow).where(AnalyticsMarkRow.id.between(low, high))
            )
            if deleted.rowcount != high - low + 1:  # type: ignore[attr-defined]
                raise AlreadySettled()
        now = datetime.now(UTC)
        for day in sorted(day for day in facts if day in seen):
            rewritten = await self._session.execute(
                update(AnalyticsDayRow)
                .where(
                    AnalyticsDayRow.day == day,
                    AnalyticsDayRow.revision == seen[day].revision,
                )
                .values(
                    fingerprint=fingerprint,
                    facts=facts[day],
                    revision=seen[day].revision + 1,
                    computed_at=now,
                )
            )
            if rewritten.rowcount != 1:  # type: ignore[attr-defined]
                raise AlreadySettled()
        new = sorted(day for day in facts if day not in seen)
        try:
            for days in _chunks(new):
                await self._session.execute(
                    insert(AnalyticsDayRow),
                    [
                        {
                            "day": day,
                            "fingerprint": fingerprint,
                            "facts": facts[day],
                            "revision": 0,
                            "computed_at": now,
                        }
                        for day in days
                    ],
                )
        except IntegrityError as error:  # kept meanwhile by another refresh
            raise AlreadySettled() from error


def _ranges(ids: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending ids as (first, last) runs of consecutive ones."""
    ranges: list[tuple[int, int]] = []
    for id in ids:
        if ranges and ranges[-1][1] + 1 == id:
            ranges[-1] = (ranges[-1][0], id)
        else:
            ranges.append((id, id))
    return ranges


def _chunks(items: Sequence[_T]) -> list[Sequence[_T]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
