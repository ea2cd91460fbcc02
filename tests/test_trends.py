from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework, Source, UsageStat
from catalog.trends import TABLE_PAGE_SIZE, TRENDS_CHART_LIMIT
from tests.factories import (
    FrameworkFactory,
    SourceFactory,
    UsageStatFactory,
)

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


def test_trends_shows_chart_table_movers_and_sources(client):
    survey = SourceFactory(
        title="Survey 2020",
        kind=Source.Kind.SECOND_HAND,
        survey_url="https://example.com/survey-2020",
        respondents="more than 28,000",
    )
    fast = FrameworkFactory(name="Fast")
    UsageStatFactory(framework=fast, source=survey, year=2020, share=14)
    UsageStatFactory(framework=fast, year=2023, share=29)
    UsageStatFactory(framework=fast, year=2024, share=38)

    response = client.get(TRENDS)

    assert response.status_code == HTTPStatus.OK
    page = response.text
    assert '<svg class="chart chart-wide"' in page
    assert "Fast: 14% in 2020, 29% in 2023, 38% in 2024." in page
    assert "<table" in page
    assert "38%" in page
    risers = section(page, "movers-heading")
    assert "Fast</a>" in risers
    assert "+9 points" in risers
    assert "29% in 2023 → 38% in 2024" in risers
    assert "+24 points" in risers
    sources = section(page, "sources-heading")
    assert "Survey 2020" in sources
    assert "Quoted second-hand" in sources
    assert "more than 28,000" in sources
    assert "https://example.com/survey-2020" in sources
    assert "not stated" in sources  # the question and fieldwork are blank
    assert "do not add up to 100" in sources


def test_trends_legend_links_to_each_charted_framework(client):
    with_figures("Fast", {2023: 29, 2024: 38}, slug="fast")
    with_figures("Star", {2023: 6}, slug="star")

    legend = section(client.get(TRENDS).text, "chart-heading")

    assert '<a href="/frameworks/fast/">Fast</a>' in legend
    assert '<a href="/frameworks/star/">Star</a>' in legend


def test_trends_table_has_a_row_per_framework_with_figures_and_dashes_for_gaps(
    client,
):
    with_figures("Fast", {2020: 14, 2023: 29, 2024: 38})
    with_figures("Client", {2023: 30, 2024: 33})

    response = client.get(TRENDS)

    assert response.context["years"] == [2020, 2023, 2024]
    rows = {framework.name: cells for framework, cells in response.context["rows"]}
    assert list(rows) == ["Fast", "Client"]
    assert rows["Client"][0] is None
    table = section(response.text, "table-heading")
    assert "<caption" in table
    assert "—" in table


def test_trends_table_has_a_column_for_each_year_its_page_has_a_figure_for(client):
    for number in range(TABLE_PAGE_SIZE):
        with_figures(f"Tool {number:02}", {2023: 50 - number, 2024: 50 - number})
    with_figures("Old", {2019: 1, 2024: 1})  # on the second page

    first = client.get(TRENDS)
    second = client.get(TRENDS, {"page": 2})

    assert first.context["years"] == [2023, 2024]
    assert second.context["years"] == [2019, 2024]


def test_trends_table_shows_a_rank_band_where_a_source_gives_no_share(client):
    with_figures("Fast", {2023: 29, 2024: 38})
    ranked = FrameworkFactory(name="Ranked only")
    UsageStatFactory(framework=ranked, share=None, rank_best=7, rank_worst=10)

    response = client.get(TRENDS)

    rows = {framework.name: cells for framework, cells in response.context["rows"]}
    assert rows["Ranked only"][-1].rank_band == "ranked 7 to 10"
    table = section(response.text, "table-heading")
    assert "7–10" in table
    assert "(ranked 7 to 10)" in table
    assert "Ranked only" not in str(response.context["chart"])


def test_trends_marks_derived_figures_and_says_how_they_were_worked_out(client):
    fast = FrameworkFactory(name="Fast")
    UsageStatFactory(framework=fast, year=2024, share=38)
    UsageStatFactory(
        framework=fast,
        year=2023,
        share=29,
        provenance=UsageStat.Provenance.DERIVED,
        basis="The 2024 share minus the stated rise.",
    )

    table = section(client.get(TRENDS).text, "table-heading")

    assert "29%" in table
    assert "(derived)" in table
    assert "Fast, 2023: 29%. The 2024 share minus the stated rise." in table


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

    risers, fallers = response.context["recent"]
    assert [m.framework.name for m in fallers.moves] == ["Sinking"]
    assert [m.framework.name for m in risers.moves] == ["Rising"]
    movers = section(response.text, "movers-heading")
    assert "\u22129 points" in movers
    assert "30% in 2022 → 21% in 2024" in movers


def test_trends_counts_a_fall_since_the_first_figure_as_a_fall(client):
    # Django's pattern: 43% in 2020, 33% in 2023, 35% in 2024.
    with_figures("Elder", {2020: 43, 2023: 33, 2024: 35})

    response = client.get(TRENDS)

    recent_risers, _ = response.context["recent"]
    assert [m.framework.name for m in recent_risers.moves] == ["Elder"]
    _, overall_fallers = response.context["overall"]
    assert [(m.framework.name, m.change) for m in overall_fallers.moves] == [
        ("Elder", -8)
    ]
    movers = section(response.text, "movers-heading")
    assert "\u22128 points" in movers
    assert "43% in 2020 → 35% in 2024" in movers
    assert "+2 points" in movers


def test_trends_says_one_point_in_the_singular(client):
    with_figures("Creeping", {2023: 33, 2024: 34})

    movers = section(client.get(TRENDS).text, "movers-heading")

    assert "+1 point<" in movers


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


def test_trends_runs_the_same_queries_and_size_for_10_and_30_frameworks(
    client, assert_constant_queries
):
    count, response = assert_constant_queries(
        lambda: client.get(TRENDS),
        11,
        make_framework=measured_framework,
        sizes=(10, 30),
    )

    assert response.status_code == HTTPStatus.OK
    # How many rows, and how many with a share: 1; chart: frameworks, their
    # figures; table: page, then (kept apart outside tests) its rows read again
    # with their figures; risers and fallers two ways: 4; sources.
    assert count == 11
    at_30 = len(response.content)
    for _ in range(30):
        measured_framework()
    assert abs(len(client.get(TRENDS).content) - at_30) < 100


def measured_framework():
    """A framework with figures from the same two surveys as every other."""
    framework = FrameworkFactory()
    for year, share in ((2022, 3), (2023, 5), (2024, 4)):
        UsageStatFactory(
            framework=framework,
            year=year,
            share=share,
            source=SourceFactory(slug=f"shared-{year}", year=year),
        )
    return framework


def test_trends_table_comes_a_page_at_a_time(client):
    for number in range(TABLE_PAGE_SIZE + 2):
        with_figures(f"Tool {number:02}", {2024: number})

    first = client.get(TRENDS).text
    second = client.get(TRENDS, {"page": 2}).text

    assert first.count('<th scope="row">') == TABLE_PAGE_SIZE
    assert 'rel="next">More frameworks</a>' in first
    assert second.count('<th scope="row">') == 2
    assert "Tool 00" in second and "Tool 01" in second  # the least used last


@pytest.mark.parametrize(
    "query",
    ["?x=%00", "?year=abc", "?page=-1", "?q=" + "a" * 5000, "?%ff=%ff", "?sort=<x>"],
)
def test_trends_ignores_odd_query_strings(client, query):
    with_figures("Fast", {2023: 29, 2024: 38})
    assert client.get(TRENDS + query).status_code == HTTPStatus.OK
