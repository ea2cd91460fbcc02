"""What a reader meets on a phone and on paper: folded filters, a compare table
whose first column stays put, one search box, a suggestion form, print pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot

pytestmark = pytest.mark.browser

COMPARE = "/compare/django-vs-fastapi-vs-flask/"
SERIOUS = {"serious", "critical"}


def open_page(browser, site, path, size, media="screen"):
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.emulate_media(media=media)
    response = page.goto(site + path)
    assert response.status == 200, f"{path} answered {response.status}"
    return context, page


def serious_violations(page):
    return [
        f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_filters_fold_on_a_phone_so_the_first_result_shows_early(browser, site):
    context, page = open_page(
        browser, site, "/?learning_curve=gentle&category=web-framework", PHONE
    )

    panel = page.locator("details.filters-panel")
    assert panel.get_attribute("open") is None
    summary = page.locator("summary.filters-summary").text_content()
    assert " ".join(summary.split()) == "Filters (2 active)"
    assert not page.locator("form.filters").is_visible()
    first = page.locator(".ranking-item").first.bounding_box()
    assert first["y"] < 800, f"the first result starts {first['y']}px down"

    page.locator("summary.filters-summary").click()
    assert page.locator("form.filters").is_visible()
    context.close()


def test_filters_start_open_on_a_wide_screen(browser, site):
    context, page = open_page(browser, site, "/", DESKTOP)
    assert page.locator("form.filters").is_visible()
    assert page.locator(".sort-control a[aria-current]").inner_text() == "Most used"
    context.close()


def test_sorting_by_name_drops_the_rank_numbers(browser, site):
    context, page = open_page(browser, site, "/", PHONE)

    page.locator(".sort-control a", has_text="Name").click()

    assert page.url.endswith("?ordering=name")
    assert "A to Z" in page.locator("h1").inner_text()
    assert page.locator(".ranking-rank").count() == 0
    context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_compare_table_scrolls_inside_its_wrapper_with_the_first_column_fixed(
    browser, site, size
):
    context, page = open_page(browser, site, COMPARE, size)
    wrapper = page.locator(".compare-scroll").nth(1)  # the feature table
    first_cell = wrapper.locator("tbody tr:not(.matrix-section) th").first
    second_cell = wrapper.locator("tbody tr:not(.matrix-section) td").first

    overflow = wrapper.evaluate("el => el.scrollWidth - el.clientWidth")
    if size == PHONE:
        assert overflow > 100, "the table should scroll sideways on a phone"
    wrapper.evaluate("el => { el.scrollLeft = 200; }")
    wrapper_box = wrapper.bounding_box()
    first_box = first_cell.bounding_box()

    assert abs(first_box["x"] - wrapper_box["x"]) < 2
    if size == PHONE:
        assert second_cell.bounding_box()["x"] < first_box["x"] + first_box["width"]
    page_overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page_overflow <= 0
    assert serious_violations(page) == []
    context.close()


def test_compare_leads_with_the_tables_on_a_phone(browser, site):
    context, page = open_page(browser, site, COMPARE, PHONE)
    facts = page.locator("#key-facts").bounding_box()
    assert facts["y"] < 500, f"key facts start {facts['y']}px down"
    context.close()


def test_only_differences_link_works_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + COMPARE)
    every = page.locator(".matrix tbody tr:not(.matrix-section)").count()

    page.locator("a", has_text="Show only the differences").click()

    assert page.url.endswith("?only=differences")
    shown = page.locator(".matrix tbody tr:not(.matrix-section)").count()
    assert 0 < shown < every
    assert page.locator(".matrix tr.alike").count() == 0
    context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_results_page_has_one_search_box(browser, site, size):
    context, page = open_page(browser, site, "/search/?q=fastpi", size)

    assert page.locator("input[type=search]:visible").count() == 1
    assert page.locator(".did-you-mean a").inner_text() == "FastAPI"
    assert serious_violations(page) == []
    context.close()


def test_a_reader_suggests_a_missing_framework(browser, site, empty_cache):
    context, page = open_page(browser, site, "/search/?q=robyn", PHONE)

    page.locator("a", has_text="Tell the editors about it").click()
    assert page.locator("#id_name").input_value() == "robyn"
    honeypot = page.locator("#id_website").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # off-screen: people never see it
    page.locator("#id_url").fill("https://robyn.tech/")
    page.locator("button", has_text="Send to the editors").click()

    assert "the editors will look at robyn" in page.locator(".messages").inner_text()
    context.close()


@pytest.mark.parametrize(
    "path",
    [COMPARE, "/frameworks/fastapi/", "/trends/"],
    ids=["compare", "framework", "trends"],
)
def test_print_shows_the_content_without_navigation_forms_or_buttons(
    browser, site, path
):
    context, page = open_page(browser, site, path, DESKTOP, media="print")

    for selector in (".site-header", "nav", ".skip-link", "form", "button"):
        # offsetParent is null for an element not rendered, or inside one.
        hidden = page.locator(selector).evaluate_all(
            "els => els.every(el => el.offsetParent === null)"
        )
        assert hidden, f"{selector} shows in print on {path}"
    assert page.locator("h1").is_visible()
    widths = page.locator(".table-scroll").evaluate_all(
        "els => els.map(el => el.scrollWidth - el.clientWidth)"
    )
    # Sub-pixel widths round to at most 1px.
    assert all(width <= 1 for width in widths), f"a table is cut: {widths}"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    context.close()


def test_print_is_light_in_a_dark_scheme(browser, site):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(site + COMPARE)
    page.viewport_name = "print-dark"
    save_screenshot(page, "compare-print")

    colour = page.evaluate("getComputedStyle(document.body).color")
    assert colour == "rgb(0, 0, 0)"
    context.close()
