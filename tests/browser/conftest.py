"""Browser tests: Playwright drives the system Chromium against a live server.

Outside CI they skip when Chromium or Playwright is missing; under CI=true they
fail instead, so a broken set-up can never pass as green.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# load test data happen before any page is driven, so they are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("the playwright package is not installed")
    if not CHROMIUM:
        _unavailable("no chromium on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, serving the starting content."""
    call_command("loaddata", "fixtures/catalog.json", verbosity=0)
    call_command("loaddata", "fixtures/package_facts.json", verbosity=0)
    return live_server.url


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return request.param, PHONE if request.param == "phone" else DESKTOP


@pytest.fixture
def page(browser, viewport):
    """A fresh page that records console errors and failed requests."""
    name, size = viewport
    context = browser.new_context(viewport=size)
    page = watch_for_problems(context.new_page())
    page.viewport_name = name
    yield page
    context.close()


def watch_for_problems(page):
    """Record console errors, page errors and failed requests in ``page.problems``."""
    page.problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error" and page.problems.append(f"console: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on(
        "requestfailed",
        lambda request: page.problems.append(f"request failed: {request.url}"),
    )
    # What the Content-Security-Policy blocks, as the page itself hears of it.
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', event =>"
        " window.cspViolations.push("
        "`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`"
        " + ` at ${event.sourceFile}:${event.lineNumber}`));"
    )
    return page


def csp_violations(page):
    return page.evaluate("window.cspViolations")


def save_screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_name}.png"
    page.screenshot(path=path, full_page=True)
    return path
