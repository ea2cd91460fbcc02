"""The trends chart fits the page and stays legible from 360 px up."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS as SHOTS
from tests.browser.conftest import csp_violations

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
SMALLEST_TEXT_PX = 11

VISIBLE_CHART = "svg.chart:is(.chart-wide, .chart-narrow)"


def shown_chart(page):
    for selector in ("svg.chart-wide", "svg.chart-narrow"):
        chart = page.locator(selector)
        if chart.is_visible():
            return chart
    raise AssertionError("no chart is shown")


def rendered_text_sizes(chart):
    """The on-screen height in px of every text of the chart, by its font size
    times the drawing's scale."""
    return chart.evaluate(
        """svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }"""
    )


def test_trends_chart_is_legible_and_accessible(page, site):
    page.goto(site + "/trends/")
    chart = shown_chart(page)

    sizes = rendered_text_sizes(chart)
    assert sizes and min(sizes) >= SMALLEST_TEXT_PX, sizes
    width = chart.bounding_box()["width"]
    viewport = page.viewport_size["width"]
    assert width >= 0.8 * min(viewport, 1152 - 32), (width, viewport)
    assert page.locator("svg.chart:visible").count() == 1
    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS
    ]
    assert serious == []
    assert csp_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=SHOTS / f"trends-chart-{viewport}.png")
    page.screenshot(path=SHOTS / f"trends-{viewport}.png", full_page=False)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_embedded_chart_draws_with_a_link_back(page, site):
    page.set_content(
        f'<a href="{site}/trends/"><img id="c" src="{site}/trends/chart.svg" '
        'alt="Usage trends"></a>'
    )
    page.wait_for_function("document.getElementById('c').naturalWidth > 0")
    page.locator("#c").screenshot(path=SHOTS / "trends-embedded.png")
    page.goto(site + "/trends/chart.svg")
    assert page.locator("a").get_attribute("href") == f"{site}/trends/"
