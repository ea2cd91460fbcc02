import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import save_screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "framework": "/frameworks/fastapi/",
    "framework-without-package": "/frameworks/asyncio/",
    "home-by-latest-release": "/?released=last-12-months&python=3.13"
    "&ordering=-latest_release",
    "framework-inherited": "/frameworks/django-rest-framework/",
    "category": "/categories/web-framework/",
    "compare-picker": "/compare/",
    "compare": "/compare/django-vs-fastapi-vs-flask/",
    "compare-kinds": "/compare/django-vs-requests/",
    "trends": "/trends/",
    "choose": "/choose/?build=rest-apis&build=ml-model-serving&features=native-async",
    "choose-conflict": "/choose/?build=content-sites&build=real-time&features=retries"
    "&features=websockets&experience=beginner",
    "search": "/search/?q=async",
    "search-near-miss": "/search/?q=fastpi",
    "suggest": "/suggest/?name=Litestar",
    "home-by-name": "/?ordering=name&learning_curve=gentle",
    "compare-differences": "/compare/django-vs-fastapi-vs-flask/?only=differences",
    "compare-four": "/compare/django-vs-fastapi-vs-flask-vs-starlette/",
    "changes": "/changes/",
}
SERIOUS = {"serious", "critical"}


def visit(page, site, path):
    response = page.goto(site + path)
    assert response.status == 200, f"{path} answered {response.status}"
    return response


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_or_other_hosts(page, site, name):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    visit(page, site, PAGES[name])
    save_screenshot(page, name)

    assert page.problems == []
    assert [url for url in requested if not url.startswith(site)] == []


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_horizontal_scroll(page, site, name):
    visit(page, site, PAGES[name])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(page, site, name):
    visit(page, site, PAGES[name])
    results = Axe().run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert violations == []


def test_dark_theme_has_no_serious_accessibility_violations(browser, site):
    context = browser.new_context(
        color_scheme="dark", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.viewport_name = "desktop-dark"
    for name in ("home", "compare-kinds", "trends", "choose-conflict"):
        visit(page, site, PAGES[name])
        save_screenshot(page, name)
        results = Axe().run(page)
        serious = [
            v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS
        ]
        assert serious == [], name
    context.close()


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_load_nothing_from_other_hosts(page, site, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(site + path, wait_until="networkidle")
    page.wait_for_timeout(500)  # ReDoc renders its sidebar after the schema loads

    assert [url for url in requested if not url.startswith((site, "blob:"))] == []
    assert page.problems == []
