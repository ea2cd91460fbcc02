import re

import pytest

pytestmark = pytest.mark.browser


def tab_until(page, predicate, limit=80):
    """Press Tab until the focused element satisfies ``predicate`` (a JS function)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return True
    return False


@pytest.mark.parametrize(
    "viewport", [("desktop", {"width": 1280, "height": 900})], indirect=True
)
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "viewport", [("desktop", {"width": 1280, "height": 900})], indirect=True
)
def test_keyboard_reaches_and_applies_the_filters(page, site):
    page.goto(site + "/")
    assert tab_until(page, "el => el.id === 'id_category'")
    page.keyboard.press("ArrowDown")  # moves the select to the first category
    page.keyboard.press("Tab")
    assert tab_until(
        page, "el => el.type === 'submit' && el.textContent === 'Apply filters'"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"category=web-framework"))
    kinds = page.locator(".ranking-item .ranking-meta a").all_inner_texts()
    assert kinds and set(kinds) == {"Web framework"}


@pytest.mark.parametrize(
    "viewport", [("desktop", {"width": 1280, "height": 900})], indirect=True
)
def test_keyboard_picks_two_frameworks_to_compare(page, site):
    page.goto(site + "/")
    assert tab_until(page, "el => el.id === 'compare-fastapi'")
    page.keyboard.press("Space")
    assert tab_until(page, "el => el.id === 'compare-django'")
    page.keyboard.press("Space")
    assert tab_until(page, "el => el.textContent === 'Compare selected'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/django-vs-fastapi/$"))


@pytest.mark.parametrize(
    "viewport", [("desktop", {"width": 1280, "height": 900})], indirect=True
)
def test_keyboard_adds_a_framework_with_the_compare_picker(page, site):
    page.goto(site + "/compare/django-vs-flask/")
    assert tab_until(page, "el => el.id === 'add-framework'")
    assert page.locator("#add-framework").input_value() == ""  # nothing preselected
    page.keyboard.press("ArrowDown")  # the first tool of the same kind
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/[a-z-]+-vs-[a-z-]+-vs-[a-z-]+/$"))
    names = page.locator(".compare-table").first.locator("thead th a")
    assert names.count() == 3
    assert "FastAPI" in names.all_text_contents()  # the most used web framework


@pytest.mark.parametrize(
    "viewport", [("phone", {"width": 360, "height": 800})], indirect=True
)
def test_guide_recommends_fastapi_for_async_model_serving_with_docs(page, site):
    page.goto(site + "/choose/")
    page.get_by_label("ML model serving").check()
    page.get_by_label("Native async").check()
    page.get_by_label("Automatic OpenAPI docs").check()
    page.get_by_role(
        "button", name=re.compile("recommend|show|choose|find", re.I)
    ).click()
    page.wait_for_url(re.compile(r"build=ml-model-serving"))
    first = page.locator(".choose-list > li").first
    assert "FastAPI" in first.locator("h4").first.text_content()
    assert first.get_by_text(re.compile("ML model serving")).count() >= 1
