import re
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
        if framework.name not in result_names(client.get(SEARCH, {"q": word})):
            missed.append(f"{framework.name} by {word!r} from its summary")
    assert missed == []
