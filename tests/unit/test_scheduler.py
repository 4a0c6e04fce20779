"""The scheduler only ticks: each job is one service call in its own request scope."""

from __future__ import annotations

import logging

import pytest
from apscheduler.triggers.interval import IntervalTrigger
from dishka import AsyncContainer

from coworking_bot.scheduler import JOBS, TimedJob, create_scheduler, run_job
from coworking_bot.services.common.ports import Clock
from tests.conftest import FakeClock


async def test_every_job_is_registered_to_skip_overlaps_and_merge_missed_ticks(
    container: AsyncContainer,
) -> None:
    scheduler = create_scheduler(container)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {job.name for job in JOBS} >= {"expire-holds"}
    for job in jobs.values():
        assert job.max_instances == 1
        assert job.coalesce is True
        assert isinstance(job.trigger, IntervalTrigger)
    assert jobs["expire-holds"].trigger.interval.total_seconds() == 30


async def test_a_job_runs_in_a_request_scope_of_the_container(
    container: AsyncContainer, clock: FakeClock
) -> None:
    seen: list[object] = []

    async def work(request: AsyncContainer) -> object:
        seen.append(await request.get(Clock))
        return None

    await run_job(container, TimedJob("probe", 1, work))
    assert seen == [clock]


async def test_a_failing_job_is_logged_and_does_not_stop_the_scheduler(
    container: AsyncContainer, caplog: pytest.LogCaptureFixture
) -> None:
    async def work(request: AsyncContainer) -> object:
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="coworking_bot.scheduler"):
        await run_job(container, TimedJob("broken", 1, work))
    assert "job broken failed" in caplog.text


async def test_the_hold_expiry_job_runs_against_the_real_container(
    container: AsyncContainer, caplog: pytest.LogCaptureFixture
) -> None:
    [expire] = [job for job in JOBS if job.name == "expire-holds"]
    with caplog.at_level(logging.ERROR, logger="coworking_bot.scheduler"):
        await run_job(container, expire)
    assert caplog.text == ""
