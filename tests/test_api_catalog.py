"""Categories, use cases, features, sources, usage figures and the comparison."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def get(api_client, starting_content):
    def fetch(url, **params):
        response = api_client.get(url, params)
        assert response.status_code == HTTPStatus.OK, response.content
        return response.json()

    return fetch


def test_root_lists_every_endpoint(get):
    root = get(reverse("api:api-root"))

    assert set(root) == {
        "frameworks",
        "categories",
        "use-cases",
        "features",
        "sources",
        "usage",
        "advantages",
        "disadvantages",
        "feature-supports",
        "relations",
        "compare",
        "schema",
        "docs",
        "redoc",
    }
    assert root["docs"] == "http://testserver/api/docs/"


def test_categories_are_listed_in_position_order(get):
    categories = get(reverse("api:category-list"))["results"]

    assert [c["slug"] for c in categories] == [
        "web-framework",
        "api-toolkit",
        "http-client",
        "async-library",
        "data-app",
    ]


def test_category_detail_links_to_its_page(get):
    category = get(reverse("api:category-detail", args=["http-client"]))

    assert category["name"] == "HTTP client"
    assert category["page_url"] == "http://testserver/categories/http-client/"


def test_use_cases_are_listed(get):
    use_cases = get(reverse("api:usecase-list"))

    assert use_cases["count"] == 12
    assert use_cases["results"][0]["slug"] == "rest-apis"


def test_use_case_detail_links_to_its_page(get):
    use_case = get(reverse("api:usecase-detail", args=["rest-apis"]))

    assert use_case["page_url"] == "http://testserver/use-cases/rest-apis/"


def test_features_are_listed_in_matrix_order(get):
    features = get(reverse("api:feature-list"), page_size=3)["results"]

    assert [f["slug"] for f in features] == ["orm", "admin-panel", "authentication"]


def test_feature_detail(get):
    feature = get(reverse("api:feature-detail", args=["native-async"]))

    assert feature["name"] == "Native async"


def test_sources_are_listed_newest_first(get):
    sources = get(reverse("api:source-list"))["results"]

    assert [s["slug"] for s in sources] == [
        "seed-2024",
        "pds-2023",
        "pds-2022",
        "pds-2020",
    ]


def test_source_detail_keeps_its_web_address_apart_from_its_api_url(get):
    source = get(reverse("api:source-detail", args=["pds-2020"]))

    assert source["url"] == "http://testserver/api/sources/pds-2020/"
    assert source["link"] == "https://sleuth.io/post/2020-python-survey-insights"
    assert source["survey_link"] == (
        "https://www.jetbrains.com/lp/python-developers-survey-2020/"
    )
    assert source["kind"] == "second-hand"
    assert source["respondents"] == "more than 28,000"
    assert source["fieldwork"] == "October 2020"
    assert source["question"] == ""


def test_usage_lists_every_figure_with_slugs_and_numeric_shares(get):
    usage = get(reverse("api:usagestat-list"), page_size=100)

    assert usage["count"] == 24
    fields = {"framework", "source", "year", "share", "provenance", "basis"}
    assert fields <= set(usage["results"][0])
    shares = [u["share"] for u in usage["results"] if u["rank_best"] is None]
    assert len(shares) == 20
    assert all(isinstance(share, float) for share in shares)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"framework": "fastapi"},
            [
                ("fastapi", 2020),
                ("fastapi", 2022),
                ("fastapi", 2023),
                ("fastapi", 2024),
            ],
        ),
        (
            {"source": "pds-2022"},
            [("django", 2022), ("fastapi", 2022), ("flask", 2022)],
        ),
        ({"year": "2020", "framework": "flask"}, [("flask", 2020)]),
        (
            {"source": "pds-2023", "year": "2023"},
            [("starlette", 2023), ("streamlit", 2023)],
        ),
    ],
)
def test_usage_filters(get, params, expected):
    usage = get(reverse("api:usagestat-list"), **params)["results"]

    assert [(u["framework"], u["year"]) for u in usage] == expected


def test_usage_figure_detail_by_id(get):
    first = get(reverse("api:usagestat-list"), framework="fastapi")["results"][0]

    figure = get(first["url"])

    assert figure == first
    assert figure["share"] == 14.0


def test_compare_puts_frameworks_in_slug_order_with_the_page_link(get):
    comparison = get(reverse("api:compare"), frameworks="flask,django")

    assert comparison["slugs"] == ["django", "flask"]
    assert [f["slug"] for f in comparison["frameworks"]] == ["django", "flask"]
    assert comparison["page_url"] == "http://testserver/compare/django-vs-flask/"


def test_compare_lines_up_each_feature_per_framework(get):
    comparison = get(reverse("api:compare"), frameworks="django,flask,fastapi")

    orm = next(
        row for row in comparison["feature_rows"] if row["feature"]["slug"] == "orm"
    )
    assert [(cell["framework"], cell["level"]) for cell in orm["supports"]] == [
        ("django", "built-in"),
        ("fastapi", "package"),
        ("flask", "package"),
    ]
    assert orm["differs"] is True
    assert [cell["mark"] for cell in orm["supports"]] == ["full", "some", "some"]


def test_compare_holds_every_feature_row_that_applies_to_its_kinds(get):
    comparison = get(reverse("api:compare"), frameworks="httpx,requests")

    assert [row["feature"]["slug"] for row in comparison["feature_rows"]] == [
        "native-async",
        "websockets",
        "http2",
        "retries",
        "client-authentication",
    ]
    assert comparison["kinds_differ"] is False


def test_compare_accepts_spaces_after_commas(get):
    comparison = get(reverse("api:compare"), frameworks="httpx, requests")

    assert comparison["slugs"] == ["httpx", "requests"]
