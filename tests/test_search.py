from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework
from catalog.search import highlight
from tests.factories import AdvantageFactory, FrameworkFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("catalog:search")


def result_names(response):
    return [result.framework.name for result in response.context["results"]]


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


def test_search_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    assert_constant_queries(lambda: client.get(SEARCH, {"q": "framework"}))


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


@pytest.mark.parametrize(("query", "expected"), [("framework", 3), ("fastpi", 2)])
def test_search_runs_an_exact_number_of_queries_at_two_sizes(
    client, assert_constant_queries, query, expected
):
    count, response = assert_constant_queries(lambda: client.get(SEARCH, {"q": query}))
    assert response.status_code == HTTPStatus.OK
    assert count == expected
