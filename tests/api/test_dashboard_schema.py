"""Schemathesis against the OpenAPI of `/api/v1`: generated requests, valid and not, signed in
as the owner, as a support agent and not at all, over the real app and database. No 5xx, and
every answer is one the schema documents, in the documented shape.

Hypothesis runs in a worker thread and hands each request to the test's event loop, where the
app and its database connections live."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.dashboard_helpers import SUPPORT_ID, World, build_world, tma
from tests.api.webhook_helpers import Sessions
from tests.conftest import OWNER_ID

EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await build_world(session_factory)


@pytest.mark.parametrize(
    ("who", "mode"),
    [
        ("owner", GenerationMode.POSITIVE),
        ("owner", GenerationMode.NEGATIVE),
        ("support", GenerationMode.POSITIVE),
        ("nobody", GenerationMode.POSITIVE),
    ],
)
async def test_no_server_error_anywhere_in_api_v1(
    api: httpx.AsyncClient, world: World, who: str, mode: GenerationMode
) -> None:
    openapi = (await api.get("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(openapi).include(path_regex=r"^/api/v1/")
    headers = {"owner": tma(OWNER_ID), "support": tma(SUPPORT_ID), "nobody": {}}[who]
    loop = asyncio.get_running_loop()
    seen: list[int] = []

    def send(case: Any) -> httpx.Response:
        kwargs = case.as_transport_kwargs(base_url="http://test", headers=headers)
        request = api.request(
            kwargs["method"], kwargs["url"], params=kwargs.get("params"), headers=kwargs["headers"]
        )
        return asyncio.run_coroutine_threadsafe(request, loop).result(timeout=60)

    def explore() -> int:
        operations = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Any) -> None:
                response = send(case)
                seen.append(response.status_code)
                assert response.status_code < 500, case.as_curl_command()
                case.validate_response(response, checks=CHECKS)

            check()
        return operations

    operations = await asyncio.to_thread(explore)
    assert operations >= 13
    assert seen
    assert max(seen) < 500
    if who == "owner" and mode is GenerationMode.POSITIVE:
        assert 200 in seen
