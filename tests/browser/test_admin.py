"""The editors' admin in Chromium: layout at 1,280 and 390 px, dragging, preview."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from playwright.sync_api import expect

from catalog.editors import EDITORS_GROUP, editor_permission_codenames
from catalog.models import Advantage, Framework, Revision
from catalog.revisions import revision
from tests.browser.conftest import save_screenshot, watch_for_problems
from tests.factories import EditorFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def editor():
    # A live server's database is emptied between tests, the Editors group that
    # a migration made included; make it again.
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(codename__in=editor_permission_codenames())
    )
    return EditorFactory(username="browser-editor")


def signed_in(browser, site, size, name, javascript=True):
    """A page of a new browser context, signed in as an editor."""
    client = Client()
    client.force_login(editor())
    session_key = client.cookies["sessionid"].value
    assert SessionStore(session_key).exists(session_key)
    context = browser.new_context(viewport=size, java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": site}])
    page = watch_for_problems(context.new_page())
    page.viewport_name = name
    return page


@pytest.fixture(params=["phone", "desktop"])
def editor_page(request, browser, site):
    size = PHONE if request.param == "phone" else DESKTOP
    page = signed_in(browser, site, size, f"admin-{request.param}")
    yield page
    page.context.close()


@pytest.fixture
def desktop_editor_page(browser, site):
    page = signed_in(browser, site, DESKTOP, "admin-desktop")
    yield page
    page.context.close()


def fastapi():
    return Framework.objects.get(slug="fastapi")


def admin_pages():
    framework = fastapi()
    first = framework.revision_links.order_by("revision_id").first().revision_id
    base = f"/admin/catalog/framework/{framework.pk}"
    return {
        "index": "/admin/",
        "framework-list": "/admin/catalog/framework/",
        "framework-change": f"{base}/change/",
        "framework-history": f"{base}/history/",
        "framework-revert": f"{base}/history/{first}/",
        "usage-list": "/admin/catalog/usagestat/",
        "changes": "/changes/",
    }


PAGE_NAMES = [
    "index",
    "framework-list",
    "framework-change",
    "framework-history",
    "framework-revert",
    "usage-list",
    "changes",
]


def edit_fastapi():
    """Two revisions in FastAPI's history, for its history and revert pages."""
    framework = fastapi()
    with revision(reason="Clearer wording after the 0.115 release notes"):
        framework.description = framework.description.replace(
            "built for APIs", "made for building APIs"
        )
        framework.save()
        advantage = framework.advantages.first()
        advantage.title = "Serves ML models well"
        advantage.save()
    with revision(reason="Dropped a claim we could not source"):
        framework.advantages.last().delete()


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_admin_page_fits_the_screen_without_errors(editor_page, site, name):
    edit_fastapi()
    response = editor_page.goto(site + admin_pages()[name])

    assert response.status == 200
    save_screenshot(editor_page, name)
    overflow = editor_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
    assert editor_page.problems == []


def test_admin_index_lists_frameworks_first(desktop_editor_page, site):
    desktop_editor_page.goto(site + "/admin/")

    captions = desktop_editor_page.locator("#content-main caption").all_text_contents()
    first_models = desktop_editor_page.locator(
        "#content-main table:first-of-type th[scope=row]"
    ).all_text_contents()

    assert captions[0].strip() == "Frameworks and their figures"
    assert first_models[0].strip() == "Frameworks"


def ordered_titles(framework):
    return list(
        framework.advantages.order_by("position", "pk").values_list("title", flat=True)
    )


def save(page):
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(re.compile(r"/admin/catalog/framework/$"))


@pytest.mark.parametrize("device", ["mouse", "keyboard"])
def test_editor_reorders_advantages_by_dragging_or_with_the_keys(
    desktop_editor_page, site, device
):
    page = desktop_editor_page
    framework = fastapi()
    before = ordered_titles(framework)
    page.goto(site + f"/admin/catalog/framework/{framework.pk}/change/")
    rows = page.locator("#advantages-group tbody tr.form-row:not(.empty-form)")
    assert page.locator("#advantages-group td.field-position").first.is_hidden()

    last_handle = rows.nth(len(before) - 1).locator(".sortable-handle")
    if device == "mouse":
        last_handle.hover()  # scrolls the rows into view first
        first_box = rows.nth(0).bounding_box()
        page.mouse.down()
        page.mouse.move(first_box["x"] + 20, first_box["y"] + 5, steps=12)
        page.mouse.up()
    else:
        last_handle.focus()
        for _ in before[1:]:
            page.keyboard.press("ArrowUp")
        assert (
            "to position 1"
            in page.locator("#advantages-group .sortable-status").text_content()
        )
    save_screenshot(page, f"admin-dragged-{device}")
    save(page)

    assert ordered_titles(framework) == [before[-1], *before[:-1]]


def test_description_preview_follows_what_the_editor_types(desktop_editor_page, site):
    page = desktop_editor_page
    framework = fastapi()
    page.goto(site + f"/admin/catalog/framework/{framework.pk}/change/")
    preview = page.locator("#id_description-preview .markdown-preview-body")
    assert preview.locator("p").count() >= 1  # drawn on the server

    page.locator("#id_description").fill(
        "## Fast\n\nIt is **quick**. <script>alert(1)</script>[x](javascript:alert(1))"
    )

    # A locator, not wait_for_function: that evaluates a string, which the
    # Content-Security-Policy (no 'unsafe-eval') refuses.
    expect(preview.locator("h2")).to_have_text("Fast")
    assert preview.locator("strong").text_content() == "quick"
    assert preview.locator("script").count() == 0
    assert "javascript:" not in preview.inner_html()
    save_screenshot(page, "admin-preview")
    assert page.problems == []


def test_length_limited_boxes_show_characters_left(desktop_editor_page, site):
    page = desktop_editor_page
    page.goto(site + f"/admin/catalog/framework/{fastapi().pk}/change/")
    summary = page.locator("#id_summary")

    summary.fill("Short.")

    counter = page.locator("#id_summary-counter")
    assert counter.text_content() == "194 characters left"
    assert "id_summary-counter" in summary.get_attribute("aria-describedby")


def test_the_change_form_saves_with_javascript_off(browser, site):
    page = signed_in(browser, site, DESKTOP, "admin-nojs", javascript=False)
    framework = fastapi()
    before = ordered_titles(framework)
    page.goto(site + f"/admin/catalog/framework/{framework.pk}/change/")
    assert page.locator("#id_description-preview p").count() >= 1
    position_boxes = page.locator("#advantages-group td.field-position input")
    assert position_boxes.first.is_visible()

    page.locator("#id_summary").fill("Saved without JavaScript.")
    page.locator("#id_change_reason").fill("Checked with scripts off")
    position_boxes.nth(0).fill("99")
    save_screenshot(page, "framework-change-nojs")
    save(page)

    framework.refresh_from_db()
    assert framework.summary == "Saved without JavaScript."
    assert ordered_titles(framework) == [*before[1:], before[0]]
    assert Revision.objects.order_by("-pk").first().reason == "Checked with scripts off"
    assert Advantage.history.filter(history_change_reason="Checked with scripts off")
    page.context.close()
