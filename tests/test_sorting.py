"""The catalog's sort control, and headings that say the order they show."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

HOME = reverse("catalog:framework-list")
API_LIST = reverse("api:framework-list")


@pytest.fixture
def three_measured():
    """Alpha is used most, Bravo rose most, Charlie has no earlier figure."""
    for name, earlier, latest in (
        ("Alpha", 40, 42),
        ("Bravo", 10, 20),
        ("Charlie", None, 30),
    ):
        framework = FrameworkFactory(name=name, slug=name.lower())
        if earlier is not None:
            UsageStatFactory(framework=framework, year=2023, share=earlier)
        UsageStatFactory(framework=framework, year=2024, share=latest)


def names(response):
    return [framework.name for framework in response.context["framework_list"]]


def h1(page):
    return page[page.index("<h1>") : page.index("</h1>")]


def test_default_order_is_a_numbered_ranking_by_use(client, three_measured):
    response = client.get(HOME)

    assert names(response) == ["Alpha", "Charlie", "Bravo"]
    assert "ranked by use" in h1(response.text)
    assert '<ol class="ranking"' in response.text
    assert response.text.count('class="ranking-rank"') == 3


def test_order_by_name_says_so_and_numbers_nothing_as_a_rank(client, three_measured):
    response = client.get(HOME, {"ordering": "name"})

    assert names(response) == ["Alpha", "Bravo", "Charlie"]
    assert "A to Z" in h1(response.text)
    assert "<title>Python frameworks A to Z" in response.text
    assert "ranked by use" not in response.text.lower()
    assert "ranking-rank" not in response.text
    assert '<ul class="ranking ranking-unnumbered"' in response.text


def test_order_by_change_puts_the_biggest_rise_first_and_unknown_change_last(
    client, three_measured
):
    response = client.get(HOME, {"ordering": "-change"})

    assert names(response) == ["Bravo", "Alpha", "Charlie"]
    assert "by their change in use" in h1(response.text)


def test_the_api_sorts_by_change_through_the_same_filter(client, three_measured):
    response = client.get(API_LIST, {"ordering": "-change"})

    assert response.status_code == HTTPStatus.OK
    assert [row["slug"] for row in response.json()["results"]] == [
        "bravo",
        "alpha",
        "charlie",
    ]


def test_sort_control_keeps_the_filters_drops_the_page_and_marks_the_current_order(
    client, three_measured
):
    page = client.get(HOME, {"ordering": "name", "learning_curve": "steep"}).text

    control = page[page.index('class="sort-control"') :]
    control = control[: control.index("</nav>")]
    assert '<a href="?learning_curve=steep">Most used</a>' in control
    assert (
        '<a href="?ordering=name&amp;learning_curve=steep" aria-current="true">Name</a>'
        in control
    )
    assert 'href="?ordering=-latest_release&amp;learning_curve=steep"' in control
    assert 'href="?ordering=-change&amp;learning_curve=steep"' in control


def test_an_order_the_control_does_not_offer_is_worded_from_its_label(client):
    FrameworkFactory(name="Old", first_release=2001)
    page = client.get(HOME, {"ordering": "first_release"}).text

    assert "sorted: oldest first" in h1(page)
    assert "ranking-rank" not in page


def test_narrowed_list_says_its_order_in_the_count(client):
    web = CategoryFactory(slug="web")
    FrameworkFactory(name="Inside", category=web)

    page = client.get(
        reverse("catalog:category-detail", args=["web"]), {"ordering": "name"}
    ).text

    assert "1 framework, A to Z." in page


# --- Filters that fold on a phone ---------------------------------------------------


def summary(page):
    start = page.index('<summary class="filters-summary">')
    return page[start : page.index("</summary>", start)]


def test_filters_fold_under_a_summary_that_counts_the_active_ones(client):
    CategoryFactory(slug="web")
    page = client.get(
        HOME, {"category": "web", "learning_curve": "steep", "ordering": "name"}
    ).text

    assert '<details class="filters-panel">' in page
    assert "Filters" in summary(page)
    assert "(2 active)" in summary(page)  # sorting is not a filter
    assert '<input type="hidden" name="ordering" value="name">' in page


def test_no_active_filter_is_counted_on_a_plain_list(client):
    page = client.get(HOME).text
    assert "active)" not in summary(page)


def test_filters_with_errors_are_shown_open(client):
    response = client.get(HOME, {"python": "2.7"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert '<details class="filters-panel" open>' in response.text


# --- Queries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, 6),
        ({"ordering": "name"}, 6),
        ({"ordering": "-change"}, 6),
        ({"ordering": "-latest_release", "learning_curve": "moderate"}, 6),
    ],
)
def test_sorted_lists_run_an_exact_number_of_queries_at_two_sizes(
    client, assert_constant_queries, query, expected
):
    count, response = assert_constant_queries(lambda: client.get(HOME, query), expected)

    assert response.status_code == HTTPStatus.OK
    assert count == expected


def test_category_page_runs_an_exact_number_of_queries_at_two_sizes(
    client, assert_constant_queries
):
    category = full_framework().category
    url = reverse("catalog:category-detail", args=[category.slug])
    count, response = assert_constant_queries(
        lambda: client.get(url, {"ordering": "name"}),
        6,
        make_framework=lambda: full_framework(category=category),
    )

    assert response.status_code == HTTPStatus.OK
    assert count == 6


def test_an_unknown_order_is_a_400_that_points_to_the_sort_control(client):
    response = client.get(HOME, {"ordering": "-popularity"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert '<a href="#sort-control">Sort by</a>: Select a valid choice.' in (
        response.text
    )
    assert 'id="sort-control"' in response.text
