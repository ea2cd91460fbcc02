"""The API docs follow the reader's dark mode; the browsable API is the site's."""

import pytest

from tests.browser.conftest import SCREENSHOTS as SHOTS
from tests.browser.conftest import csp_violations

pytestmark = pytest.mark.browser


def luminance(css_colour):
    """Relative luminance (0 black to 1 white) of an rgb()/rgba() colour."""
    parts = css_colour[css_colour.index("(") + 1 : -1].split(",")
    red, green, blue = (int(float(part)) / 255 for part in parts[:3])

    def linear(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def background(page, selector):
    return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def colour(page, selector):
    return page.eval_on_selector(selector, "e => getComputedStyle(e).color")


@pytest.fixture
def dark_page(browser):
    context = browser.new_context(
        color_scheme="dark", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    from tests.browser.conftest import watch_for_problems

    yield watch_for_problems(page)
    context.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def test_swagger_ui_is_dark_in_dark_mode(dark_page, site):
    dark_page.goto(site + "/api/docs/")
    dark_page.wait_for_selector(".swagger-ui .opblock-tag")

    assert luminance(background(dark_page, "body")) < 0.05
    assert luminance(colour(dark_page, ".swagger-ui .opblock-tag")) > 0.6
    assert csp_violations(dark_page) == []
    shot(dark_page, "swagger-ui-dark")


def test_swagger_ui_stays_light_in_light_mode(page, site):
    page.goto(site + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-tag")

    assert luminance(background(page, "body")) > 0.9


def test_redoc_is_dark_in_dark_mode(dark_page, site):
    dark_page.goto(site + "/api/redoc/")
    dark_page.wait_for_selector(".menu-content")

    assert luminance(background(dark_page, "body")) < 0.05
    assert luminance(background(dark_page, ".menu-content")) < 0.05
    assert csp_violations(dark_page) == []
    shot(dark_page, "redoc-dark")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_browsable_api_is_branded(page, site):
    page.goto(site + "/api/frameworks/")

    assert page.locator(".navbar-brand").inner_text() == "PyFrameworks"
    assert page.get_by_role("link", name="Log in").is_visible()
    assert csp_violations(page) == []
    shot(page, "browsable-api")
