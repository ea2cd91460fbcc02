from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework, Source
from catalog.trends import TRENDS_CHART_LIMIT
from tests.factories import FrameworkFactory, SourceFactory, UsageStatFactory

pytestmark = pytest.mark.django_db

TRENDS = reverse("catalog:trends")


def section(page, heading_id):
    """The HTML from a section's heading to the next section."""
    start = page.index(f'id="{heading_id}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


def with_figures(name, shares, **kwargs):
    framework = FrameworkFactory(name=name, **kwargs)
    for year, share in shares.items():
        UsageStatFactory(framework=framework, year=year, share=share)
    return framework


def test_trends_shows_the_starting_content_as_chart_table_movers_and_sources(
    client, starting_content
):
    response = client.get(TRENDS)

    assert response.status_code == HTTPStatus.OK
    page = response.text
    assert '<svg class="chart"' in page
    assert "FastAPI: 14% in 2020, 25% in 2022, 29% in 2023, 38% in 2024." in page
    assert "<table" in page
    assert "38%" in page
    risers = section(page, "movers-heading")
    assert "FastAPI</a>" in risers
    assert "+9 points" in risers
    assert "2023 → 2024" in risers
    sources = section(page, "sources-heading")
    for title in (
        "Top Python Web Frameworks in 2024: FastAPI, Django, Flask &amp; More",
        "Python Developers Survey 2023 results",
        "Python Developers Survey 2022 results",
        "Python Developers Survey 2020 results",
    ):
        assert title in sources
    assert "Quoted second-hand" in sources
    assert "do not add up to 100" in sources


def test_trends_legend_links_to_each_charted_framework(client, starting_content):
    legend = section(client.get(TRENDS).text, "chart-heading")
    assert '<a href="/frameworks/fastapi/">FastAPI</a>' in legend
    assert '<a href="/frameworks/starlette/">Starlette</a>' in legend


def test_trends_table_has_a_row_per_framework_with_figures_and_dashes_for_gaps(
    client, starting_content
):
    response = client.get(TRENDS)

    assert response.context["years"] == [2020, 2022, 2023, 2024]
    rows = {framework.name: shares for framework, shares in response.context["rows"]}
    assert list(rows) == [
        "FastAPI", "Django", "Flask", "Requests", "asyncio",
        "Django REST Framework", "Streamlit", "Starlette",
    ]  # fmt: skip
    assert rows["Requests"][:2] == [None, None]
    table = section(response.text, "table-heading")
    assert "<caption" in table
    assert "—" in table
    assert "HTTPX" not in table


def test_trends_leaves_out_drafts(client):
    with_figures("Shipped", {2024: 10})
    with_figures("Secret", {2024: 20}, status=Framework.Status.DRAFT)

    page = client.get(TRENDS).text

    assert "Shipped" in page
    assert "Secret" not in page


def test_trends_lists_fallers_with_the_years_compared(client):
    with_figures("Sinking", {2022: 30, 2024: 21})
    with_figures("Rising", {2023: 5, 2024: 8})

    response = client.get(TRENDS)

    assert [f.name for f in response.context["fallers"]] == ["Sinking"]
    assert [f.name for f in response.context["risers"]] == ["Rising"]
    movers = section(response.text, "movers-heading")
    assert "\u22129 points" in movers
    assert "2022 → 2024" in movers


def test_trends_lists_only_the_sources_of_published_figures(client):
    with_figures("Shipped", {2024: 10})
    hidden = SourceFactory(title="Secret survey", kind=Source.Kind.PRIMARY)
    draft = FrameworkFactory(status=Framework.Status.DRAFT)
    UsageStatFactory(framework=draft, source=hidden)

    sources = section(client.get(TRENDS).text, "sources-heading")

    assert "Developer survey" in sources
    assert "Secret survey" not in sources


def test_trends_chart_draws_the_most_used_and_says_so_when_it_leaves_some_out(client):
    for n in range(TRENDS_CHART_LIMIT + 2):
        with_figures(f"Framework {n:02}", {2023: n, 2024: n + 1})

    response = client.get(TRENDS)

    assert response.context["charted_count"] == TRENDS_CHART_LIMIT
    assert len(response.context["rows"]) == TRENDS_CHART_LIMIT + 2
    chart = str(response.context["chart"])
    assert "Framework 11" in chart
    assert "Framework 00" not in chart
    assert "the table below lists all 12" in response.text


def test_trends_explains_an_empty_catalog(client):
    response = client.get(TRENDS)
    assert response.status_code == HTTPStatus.OK
    assert "No survey figures have been published yet" in response.text
    assert "<svg" not in response.text


def test_trends_escapes_hostile_names_in_chart_and_table(client):
    with_figures("<script>alert(1)</script>", {2023: 5, 2024: 9})

    page = client.get(TRENDS).text

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_trends_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    count, response = assert_constant_queries(lambda: client.get(TRENDS))

    assert response.status_code == HTTPStatus.OK
    assert count <= 4


@pytest.mark.parametrize(
    "query",
    ["?x=%00", "?year=abc", "?page=-1", "?q=" + "a" * 5000, "?%ff=%ff", "?sort=<x>"],
)
def test_trends_ignores_odd_query_strings(client, starting_content, query):
    assert client.get(TRENDS + query).status_code == HTTPStatus.OK
