"""Every page works under the Content-Security-Policy: the browser blocks nothing.

Reader pages, the admin (signed in as an editor, down to a change form with
its inlines) and the API docs (Swagger UI and ReDoc, which start scripts and
write styles as they render).
"""

import pytest

from tests.browser.conftest import csp_violations, save_screenshot
from tests.browser.test_pages import PAGES
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

DESKTOP = ["desktop"]
ADMIN_PAGES = {
    "admin-index": "/admin/",
    "admin-frameworks": "/admin/catalog/framework/",
    "admin-framework-change": "/admin/catalog/framework/{flask}/change/",
    "admin-framework-add": "/admin/catalog/framework/add/",
    "admin-framework-history": "/admin/catalog/framework/{flask}/history/",
    "admin-category-change": "/admin/catalog/category/1/change/",
}
DOCS_PAGES = {
    "swagger-ui": "/api/docs/",
    "redoc": "/api/redoc/",
    "browsable-api": "/api/frameworks/",
}


def assert_nothing_blocked(page):
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert [p for p in page.problems if "Content Security Policy" in p] == []


@pytest.mark.parametrize("viewport", DESKTOP, indirect=True)
@pytest.mark.parametrize("name", [*PAGES, *DOCS_PAGES])
def test_reader_pages_and_api_docs_break_no_rule_of_the_policy(page, site, name):
    path = PAGES.get(name) or DOCS_PAGES[name]

    response = page.goto(site + path)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert_nothing_blocked(page)
    if name in DOCS_PAGES:
        assert page.problems == []
        save_screenshot(page, f"csp-{name}")


@pytest.mark.parametrize("viewport", DESKTOP, indirect=True)
def test_the_admin_breaks_no_rule_of_the_policy(page, site):
    # A superuser: the live server's database has no Editors group (tests that
    # serve pages empty every table between them).
    UserFactory(username="ada", is_staff=True, is_superuser=True)
    from catalog.models import Framework

    flask = Framework.objects.get(slug="flask").pk
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")

    for name, path in ADMIN_PAGES.items():
        page.goto(site + path.format(flask=flask))
        assert_nothing_blocked(page)
        assert page.problems == [], name
        if name == "admin-framework-change":
            save_screenshot(page, "csp-admin-framework-change")
