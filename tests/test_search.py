import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse

from catalog.models import Framework
from catalog.search import PAGE_SIZE, highlight
from tests.factories import (
    AdvantageFactory,
    FrameworkFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("catalog:search")


def result_names(response):
    """The results' names, as the page lists them."""
    return re.findall(r"<h2><a href=\"[^\"]+\">([^<]+)</a></h2>", response.text)


def test_search_finds_async_frameworks_best_match_first(client, starting_content):
    names = result_names(client.get(SEARCH, {"q": "async"}))
    assert {"FastAPI", "asyncio", "HTTPX", "AIOHTTP"} <= set(names)
    assert names[0] == "asyncio"  # in the name itself


def test_search_looks_into_advantages_and_disadvantages(client):
    framework = FrameworkFactory(name="Plain", summary="Nothing here")
    AdvantageFactory(framework=framework, title="Zebra-grade speed")
    response = client.get(SEARCH, {"q": "zebra"})
    assert result_names(response) == ["Plain"]
    assert "<mark>Zebra</mark>-grade speed" in response.text


def test_search_needs_every_word(client):
    FrameworkFactory(name="Both", summary="quick and typed")
    FrameworkFactory(name="One", summary="quick only")
    assert result_names(client.get(SEARCH, {"q": "typed quick"})) == ["Both"]


def test_search_leaves_out_drafts(client):
    FrameworkFactory(name="Visible gizmo")
    FrameworkFactory(name="Hidden gizmo", status=Framework.Status.DRAFT)
    assert result_names(client.get(SEARCH, {"q": "gizmo"})) == ["Visible gizmo"]


def test_search_without_a_query_shows_the_form(client):
    response = client.get(SEARCH)
    assert response.status_code == HTTPStatus.OK
    assert 'name="q"' in response.text


@pytest.mark.parametrize("query", ["", "x" * 10_000, "nul\x00byte", "   "])
def test_bad_queries_answer_400_with_a_message(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text


def test_search_escapes_what_it_highlights():
    assert highlight("<b>async</b> code", ["async"]) == (
        "&lt;b&gt;<mark>async</mark>&lt;/b&gt; code"
    )


def test_search_runs_the_same_queries_and_size_for_10_and_30_frameworks(
    client, assert_constant_queries
):
    def fetch():
        return client.get(SEARCH, {"q": "framework"})

    count, response = assert_constant_queries(fetch, 3, sizes=(10, 30))
    # one page of the matches, which says how many there are; their advantages
    # and disadvantages
    assert count == 3
    at_30 = len(response.content)
    for _ in range(30):
        full_framework()
    assert abs(len(fetch().content) - at_30) < 50


@pytest.mark.parametrize("page", ["0", "-1", "x", "2.5", "99", "9" * 30])
def test_an_odd_search_page_number_shows_a_page_with_the_count(client, page):
    for number in range(PAGE_SIZE + 3):
        FrameworkFactory(name=f"Gizmo {number:02}")

    response = client.get(SEARCH, {"q": "gizmo", "page": page})

    assert response.status_code == HTTPStatus.OK
    assert f"{PAGE_SIZE + 3} results" in response.text
    assert result_names(response)


def test_search_results_come_a_page_at_a_time(client):
    for number in range(PAGE_SIZE + 3):
        FrameworkFactory(name=f"Gizmo {number:02}")

    first = client.get(SEARCH, {"q": "gizmo"})
    second = client.get(SEARCH, {"q": "gizmo", "page": "2"})

    assert len(result_names(first)) == PAGE_SIZE
    assert f"{PAGE_SIZE + 3} results" in first.text
    assert 'rel="next">More results</a>' in first.text
    assert len(result_names(second)) == 3
    assert '<ol class="search-results" start="11">' in second.text


def test_a_page_of_results_is_described_by_how_many_match_in_all(client):
    for number in range(PAGE_SIZE + 3):
        FrameworkFactory(name=f"Gizmo {number:02}")

    second = client.get(SEARCH, {"q": "gizmo", "page": "2"})

    description = re.search(r'<meta name="description" content="([^"]*)"', second.text)
    assert description[1].startswith(f"{PAGE_SIZE + 3} Python frameworks")


def test_a_name_match_outranks_a_more_used_framework_that_only_mentions_it(client):
    popular = FrameworkFactory(name="Popular", summary="Works well with Widget.")
    UsageStatFactory(framework=popular, share=50)
    FrameworkFactory(name="Widget", summary="A small tool.")
    assert result_names(client.get(SEARCH, {"q": "widget"})) == ["Widget", "Popular"]


def test_the_catalog_filter_and_the_api_search_alike(client, api_client):
    FrameworkFactory(name="Plain", slug="plain", summary="Nothing here")
    AdvantageFactory(framework=Framework.objects.get(), title="Zebra-grade speed")
    home = client.get(reverse("catalog:framework-list"), {"q": "zebra"})
    api = api_client.get(reverse("api:framework-list"), {"search": "zebra"}).json()
    assert [f.slug for f in home.context["page_obj"]] == ["plain"]
    assert [f["slug"] for f in api["results"]] == ["plain"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)
def test_postgresql_search_uses_the_gin_indexes():
    FrameworkFactory(name="Plain", summary="Nothing here")
    words = Framework.objects.search("zebra")
    with connection.cursor() as cursor:  # the test's transaction keeps it
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = words.explain()
    assert "framework_search" in plan
    assert "advantage_search" in plan


def test_description_matches_are_shown_without_markdown_syntax(client):
    FrameworkFactory(name="Marked", description="Write `async def` handlers **fast**.")
    page = client.get(SEARCH, {"q": "handlers"}).text
    assert "Write async def <mark>handlers</mark> fast." in page


def test_the_results_page_has_one_search_box(client):
    page = client.get(SEARCH, {"q": "anything"}).text

    assert page.count('type="search"') == 1
    assert 'id="search-q"' in page
    assert 'class="site-search"' not in page


def test_other_pages_keep_the_header_search_box(client):
    page = client.get(reverse("catalog:framework-list")).text
    assert page.count('class="site-search"') == 1


def test_a_near_miss_with_no_result_asks_did_you_mean(client):
    FrameworkFactory(name="FastAPI", slug="fastapi", summary="typed APIs")

    response = client.get(SEARCH, {"q": "fastpi"})

    assert result_names(response) == []
    assert (
        '<p class="did-you-mean">Did you mean '
        '<a href="/frameworks/fastapi/">FastAPI</a>?</p>'
    ) in response.text


def test_results_page_offers_to_tell_the_editors_what_is_missing(client):
    page = client.get(SEARCH, {"q": "litestar & co"}).text
    assert 'href="/suggest/?name=litestar%20%26%20co"' in page


def test_a_near_miss_runs_a_fixed_number_of_queries_at_two_sizes(
    client, assert_constant_queries
):
    # the first page of matches (none), then the published names for "did you
    # mean"
    _, response = assert_constant_queries(
        lambda: client.get(SEARCH, {"q": "fastpi"}), 2
    )
    assert response.status_code == HTTPStatus.OK


def test_search_finds_every_starting_entry_by_name_and_by_its_summary(
    client, starting_content
):
    """Readers typing "tornado", "litestar" or "django ninja" find them."""
    missed = []
    for framework in Framework.objects.published():
        by_name = result_names(client.get(SEARCH, {"q": framework.name.lower()}))
        if not by_name or by_name[0] != framework.name:
            missed.append(f"{framework.name} by name: {by_name[:3]}")
        word = max(re.findall(r"[A-Za-z]{4,}", framework.summary), key=len)
        # Every match, not only the first page ("framework" finds many).
        if not Framework.objects.published().search(word).filter(pk=framework.pk):
            missed.append(f"{framework.name} by {word!r} from its summary")
    assert missed == []
