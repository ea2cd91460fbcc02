"""Every reader page answers hostile or odd input with a page or a 4xx, never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, full_framework

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/frameworks/fastapi/",
    "/categories/web-framework/",
    "/use-cases/rest-apis/",
    "/compare/",
    "/compare/django-vs-flask/",
    "/trends/",
    "/choose/",
    "/search/",
    "/feed/",
    "/changes/",
    "/changes/feed/",
    "/sitemap.xml",
    "/robots.txt",
]
BAD_QUERIES = [
    {"q": "x" * 10_000},
    {"q": "nul\x00byte"},
    {"category": "\x00"},
    {"use_case": "../../etc/passwd"},
    {"feature": "x" * 10_000},
    {"learning_curve": "vertical"},
    {"page": "99999"},
    {"page": "abc"},
    {"page": "-1"},
    {"q": "web", "page": "99999999999999999999"},
    {"ordering": "-password"},
    {"min_share": "1e309"},
    {"year": "99999999999999999999"},
    {"build": ["rest-apis", "rest-apis", "\x00"]},
    {"features": "<script>alert(1)</script>"},
    "experience=%ED%A0%80&q=%FF%FE",  # invalid UTF-8, sent as raw bytes
    {"frameworks": ["a"] * 50},
    {"frameworks": ["django\x00", "flask"]},
    {"named": "nul\x00byte, flask"},
    {"named": "x" * 10_000},
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda q: next(iter(q)))
def test_bad_query_strings_never_cause_a_server_error(
    client, starting_content, path, query
):
    if isinstance(query, str):
        response = client.get(f"{path}?{query}")
    else:
        response = client.get(path, query)
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR


QUERIES = {
    # + the rendered rows' package facts (tests/test_page_budgets.py)
    "catalog:category-detail": 6,
    "catalog:use-case-detail": 6,
    "catalog:compare-picker": 1,
    "catalog:robots": 0,
}


@pytest.mark.parametrize(
    "path",
    [
        "/frameworks/%00/",
        "/frameworks/x%FFy/",
        "/compare/" + "-vs-".join(["django"] * 500) + "/",
        "/compare/%E2%80%AE-vs-flask/",
        "/categories/" + "a" * 5000 + "/",
        "/use-cases/%00/",
    ],
)
def test_odd_paths_never_cause_a_server_error(client, starting_content, path):
    assert client.get(path).status_code < HTTPStatus.INTERNAL_SERVER_ERROR


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("catalog:category-detail", ["web"]),
        ("catalog:use-case-detail", ["rest-apis"]),
        ("catalog:compare-picker", []),
        ("catalog:robots", []),
    ],
)
def test_other_pages_run_a_fixed_number_of_queries(
    client, assert_constant_queries, name, args
):
    web = CategoryFactory(slug="web")

    def fetch():
        response = client.get(reverse(name, args=args))
        assert response.status_code == HTTPStatus.OK
        return response

    assert_constant_queries(
        fetch, QUERIES[name], make_framework=lambda: full_framework(category=web)
    )
