"""The owners' dashboard in a real headless Chromium (Debian's `chromium`, driven by Playwright
with that executable; nothing downloads a browser), opened from the built Mini App served by the
real HTTP server over a real database, with init data signed by the bot token and Telegram's
theme in the URL, as Telegram opens it.

The owner sees November's revenue (what clients paid minus refunds, computed by hand in
`tests/api/dashboard_helpers.py`) and the charts, switches to the month before and sees its
figures, in light and in dark; a support agent is refused; a plain browser is told to open the
dashboard from the bot. Screenshots are kept in `build/screenshots/` (or `$SCREENSHOTS_DIR`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from dishka import AsyncContainer
from playwright.async_api import Browser, Page, async_playwright, expect

from coworking_bot.config import Settings
from coworking_bot.main.web import create_app
from tests.api.dashboard_helpers import ADMIN_ID, SUPPORT_ID, World, build_world, init_data
from tests.browser.conftest import CHROMIUM_FLAGS, LiveServer, chromium_path
from tests.conftest import OWNER_ID

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or Path("build") / "screenshots")
# The browser's own clock: "this month" (from the 1st to today) is all of November 2026, as in
# the hand-computed world.
BROWSER_NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
NOVEMBER_REVENUE = "17300"  # roubles: 18,500 paid minus 1,200 refunded
OCTOBER_REVENUE = "2000"

LIGHT = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#999999",
    "link_color": "#2481cc",
    "button_color": "#2481cc",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#efeff3",
}
DARK = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "link_color": "#6ab3f3",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#232e3c",
}
CHARTS = ("chart-series", "chart-funnel", "chart-tariffs")


@pytest.fixture
async def server(
    settings: Settings, container: AsyncContainer, session_factory: Any
) -> AsyncIterator[tuple[LiveServer, World]]:
    world = await build_world(session_factory)
    async with LiveServer(create_app(settings, container)) as live:
        yield live, world


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            await browser.close()


def launch_url(base: str, telegram_id: int, theme: dict[str, str]) -> str:
    """Where Telegram opens the Mini App: its launch parameters in the fragment."""
    params = {
        "tgWebAppData": init_data(telegram_id),
        "tgWebAppVersion": "8.0",
        "tgWebAppPlatform": "tdesktop",
        "tgWebAppThemeParams": json.dumps(theme, separators=(",", ":")),
    }
    return f"{base}/app/#" + "&".join(f"{key}={quote(value)}" for key, value in params.items())


async def new_page(browser: Browser) -> Page:
    page = await browser.new_page(viewport={"width": 420, "height": 900})
    await page.clock.set_fixed_time(BROWSER_NOW)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def digits(text: str) -> str:
    return re.sub(r"\D", "", text.split(",")[0].split(".")[0])


async def kpi(page: Page, name: str) -> str:
    card = page.get_by_test_id(f"kpi-{name}")
    await expect(card).to_have_attribute("data-loading", "false", timeout=15_000)
    return await card.get_by_test_id("kpi-value").inner_text()


@pytest.fixture(autouse=True)
def _screenshots_folder() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


async def screenshot(page: Page, name: str) -> None:
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("theme", "mode"), [(LIGHT, "light"), (DARK, "dark")])
async def test_the_owner_sees_the_month_and_compares_with_the_one_before(
    server: tuple[LiveServer, World], browser: Browser, theme: dict[str, str], mode: str
) -> None:
    live, _ = server
    page = await new_page(browser)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.split("?")[0]))
    await page.goto(launch_url(live.url, OWNER_ID, theme))

    await expect(page.get_by_test_id("period-month")).to_have_attribute("aria-pressed", "true")
    assert digits(await kpi(page, "revenue")) == NOVEMBER_REVENUE
    # Opening asks for who is signed in and the figures; panels far below wait to be scrolled to.
    opened = {url.rsplit("/", 1)[-1] for url in asked if "/api/v1/" in url}
    assert {"me", "summary"} <= opened
    assert not opened & {"top-clients", "calendar", "promo-codes", "referrals"}
    assert await page.get_by_test_id("kpi-revenue").get_by_test_id("kpi-change").count() == 1
    for name in ("bookings", "occupancy", "new-users", "conversion"):
        assert (await kpi(page, name)).strip()
    for chart in CHARTS:  # a panel loads when it comes near the screen
        await page.get_by_test_id(chart).scroll_into_view_if_needed()
        canvas = page.get_by_test_id(chart).locator("canvas")
        await expect(canvas.first).to_be_visible(timeout=15_000)
    await page.get_by_test_id("chart-heatmap").scroll_into_view_if_needed()
    await expect(page.get_by_test_id("chart-heatmap")).to_be_visible()

    assert await page.evaluate("document.documentElement.dataset.theme") == mode
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
    assert f"#{red:02x}{green:02x}{blue:02x}" == theme["bg_color"]
    await screenshot(page, f"dashboard-{mode}-november")

    await page.get_by_test_id("period-last-month").scroll_into_view_if_needed()
    await page.get_by_test_id("period-last-month").click()
    await expect(page.get_by_test_id("period-last-month")).to_have_attribute("aria-pressed", "true")
    await expect(page.get_by_test_id("kpi-revenue").get_by_test_id("kpi-value")).not_to_have_text(
        re.compile(r"17\D?300"), timeout=15_000
    )
    assert digits(await kpi(page, "revenue")) == OCTOBER_REVENUE
    await screenshot(page, f"dashboard-{mode}-october")
    assert page.errors == []  # type: ignore[attr-defined]


async def test_an_admin_exports_bookings_from_the_dashboard(
    server: tuple[LiveServer, World], browser: Browser
) -> None:
    live, _ = server
    page = await new_page(browser)
    await page.goto(launch_url(live.url, ADMIN_ID, LIGHT))
    await kpi(page, "revenue")
    async with page.expect_response(re.compile(r"/api/v1/exports/bookings\.xlsx/link")) as link:
        await page.get_by_test_id("export-bookings-xlsx").click()
    answer = await link.value
    assert answer.status == 200
    signed = (await answer.json())["url"]
    assert signed.startswith(live.url)
    # The signed link itself fetches the file without any header, as Telegram's download does.
    file = await page.request.get(signed)
    assert file.status == 200
    assert (await file.body())[:2] == b"PK"  # an XLSX is a zip


async def test_a_support_agent_is_refused(
    server: tuple[LiveServer, World], browser: Browser
) -> None:
    live, _ = server
    page = await new_page(browser)
    await page.goto(launch_url(live.url, SUPPORT_ID, LIGHT))
    await expect(page.get_by_test_id("no-access")).to_be_visible(timeout=15_000)
    await screenshot(page, "dashboard-no-access")


async def test_a_plain_browser_is_told_to_open_it_from_the_bot(
    server: tuple[LiveServer, World], browser: Browser
) -> None:
    live, _ = server
    page = await new_page(browser)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    await page.goto(f"{live.url}/app/")
    await expect(page.get_by_test_id("open-from-bot")).to_be_visible(timeout=15_000)
    assert not [url for url in asked if "/api/" in url]
    await screenshot(page, "dashboard-outside-telegram")
