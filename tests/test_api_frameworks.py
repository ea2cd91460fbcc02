"""/api/frameworks/: the list with its filters, search, ordering and pages; details."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework
from tests.expected import ADDED_IN_ISSUE_13, RANKED_SLUGS
from tests.factories import FrameworkFactory

FIRST_TEN_RANKED = [s for s in RANKED_SLUGS if s not in ADDED_IN_ISSUE_13]

pytestmark = pytest.mark.django_db


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def frameworks(api_client, first_ten_entries):
    """GET the framework list with the given query parameters."""

    def get(**params):
        response = api_client.get(reverse("api:framework-list"), params)
        assert response.status_code == HTTPStatus.OK, response.content
        return response

    return get


@pytest.fixture
def framework(api_client, first_ten_entries):
    """GET one framework's detail as JSON."""

    def get(slug):
        response = api_client.get(reverse("api:framework-detail", args=[slug]))
        assert response.status_code == HTTPStatus.OK, response.content
        return response.json()

    return get


def test_list_is_ranked_by_latest_share_with_unranked_frameworks_last(frameworks):
    assert slugs(frameworks()) == FIRST_TEN_RANKED


def test_list_entry_links_to_api_and_page_and_gives_share_as_number(frameworks):
    fastapi = frameworks().json()["results"][0]

    assert fastapi["url"] == "http://testserver/api/frameworks/fastapi/"
    assert fastapi["page_url"] == "http://testserver/frameworks/fastapi/"
    assert fastapi["category"]["slug"] == "web-framework"
    assert (fastapi["latest_share"], fastapi["latest_year"]) == (38.0, 2024)
    assert isinstance(fastapi["latest_share"], float)
    assert fastapi["share_change"] == 9.0


def test_shares_are_json_numbers_in_the_raw_body(frameworks):
    assert b'"latest_share":38.0' in frameworks().content


def test_framework_without_figures_has_null_share(frameworks):
    httpx = frameworks().json()["results"][-1]

    assert httpx["slug"] == "httpx"
    assert httpx["latest_share"] is None
    assert httpx["share_change"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # AIOHTTP's category is web framework; it is an HTTP client too.
        ({"category": "http-client"}, {"requests", "httpx", "aiohttp"}),
        (
            {"use_case": "rest-apis"},
            {"fastapi", "flask", "django-rest-framework", "starlette"},
        ),
        # Its own package only: DRF's ORM comes with Django; HTTPX's HTTP/2 is an
        # optional extra of its own package.
        ({"feature": "orm"}, {"django"}),
        ({"feature": "http2"}, {"httpx"}),
        ({"learning_curve": "gentle"}, {"flask", "requests", "httpx", "streamlit"}),
        ({"min_share": "30"}, {"fastapi", "django", "flask", "requests"}),
        ({"min_share": "33.5"}, {"fastapi", "django", "flask"}),
        ({"year": "2022"}, {"fastapi", "django", "flask"}),
        ({"year": "2020"}, {"fastapi", "django", "flask"}),
        # Flask's advantage names Streamlit: search reads advantages in full,
        # on the API as on the search page.
        ({"search": "streamlit"}, {"streamlit", "flask"}),
    ],
)
def test_each_filter_alone(frameworks, params, expected):
    assert set(slugs(frameworks(**params))) == expected


def test_search_async_finds_fastapi_and_asyncio(frameworks):
    found = slugs(frameworks(search="async"))

    assert {"fastapi", "asyncio"} <= set(found)
    assert "streamlit" not in found


def test_search_needs_every_word(frameworks):
    # HTTPX says "async" but never "loop"; FastAPI says both (a disadvantage
    # warns about blocking the event loop); asyncio has one in its name.
    found = slugs(frameworks(search="async loop"))
    assert found[0] == "asyncio"
    assert "httpx" in slugs(frameworks(search="async"))
    assert "httpx" not in found


def test_search_through_advantages_lists_each_framework_once(frameworks):
    # Two of FastAPI's advantages have "async" in their titles.
    found = slugs(frameworks(search="async"))

    assert found.count("fastapi") == 1


def test_search_puts_best_matches_first_without_an_ordering(frameworks):
    assert slugs(frameworks(search="async"))[0] == "asyncio"  # in its name


def test_search_keeps_the_share_ordering(frameworks):
    assert slugs(frameworks(search="async", ordering="-share"))[0] == "fastapi"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"category": "web-framework", "feature": "native-async"},
            ["fastapi", "django", "flask", "starlette", "aiohttp"],
        ),
        ({"learning_curve": "gentle", "min_share": "30"}, ["flask", "requests"]),
        (
            {"search": "async", "category": "http-client", "ordering": "-share"},
            ["requests", "aiohttp", "httpx"],
        ),
        ({"use_case": "rest-apis", "year": "2020"}, ["fastapi", "flask"]),
        (
            {"feature": "native-async", "min_share": "20", "ordering": "share"},
            ["asyncio", "flask", "django", "fastapi"],
        ),
        (
            {"use_case": "rest-apis", "search": "django", "ordering": "-first_release"},
            ["fastapi", "django-rest-framework"],
        ),
    ],
)
def test_filters_combined(frameworks, params, expected):
    assert slugs(frameworks(**params)) == expected


def test_ordering_by_descending_share_starts_with_fastapi(frameworks):
    assert slugs(frameworks(ordering="-share"))[0] == "fastapi"


def test_ordering_by_ascending_share_puts_frameworks_without_figures_last(frameworks):
    found = slugs(frameworks(ordering="share"))

    assert found[0] == "starlette"
    assert found[-2:] == ["aiohttp", "httpx"]


@pytest.mark.parametrize("field", ["first_release", "updated"])
def test_ordering_ascending(frameworks, field):
    values = [item[field] for item in frameworks(ordering=field).json()["results"]]

    assert values == sorted(values)


@pytest.mark.parametrize("field", ["first_release", "updated"])
def test_ordering_descending(frameworks, field):
    values = [
        item[field] for item in frameworks(ordering=f"-{field}").json()["results"]
    ]

    assert values == sorted(values, reverse=True)


def test_ordering_by_name_descending_reverses_ascending(frameworks):
    assert (
        slugs(frameworks(ordering="-name")) == slugs(frameworks(ordering="name"))[::-1]
    )


def test_ordering_by_name_ignores_case_on_every_database(frameworks):
    assert slugs(frameworks(ordering="name")) == [
        "aiohttp", "asyncio", "django", "django-rest-framework", "fastapi",
        "flask", "httpx", "requests", "starlette", "streamlit",
    ]  # fmt: skip


def test_first_release_ordering_starts_with_the_oldest(frameworks):
    assert slugs(frameworks(ordering="first_release"))[0] == "django"


def test_page_size_splits_the_list_into_pages(frameworks):
    first = frameworks(page_size=4).json()
    third = frameworks(page_size=4, page=3).json()

    assert first["count"] == 10
    assert len(first["results"]) == 4
    assert "page=2" in first["next"]
    assert [item["slug"] for item in third["results"]] == ["aiohttp", "httpx"]
    assert third["next"] is None


def test_page_size_goes_up_to_100(api_client):
    FrameworkFactory.create_batch(101)

    response = api_client.get(reverse("api:framework-list"), {"page_size": 100})

    assert len(response.json()["results"]) == 100


def test_default_page_holds_20(api_client):
    FrameworkFactory.create_batch(21)

    response = api_client.get(reverse("api:framework-list"))

    assert len(response.json()["results"]) == 20


def test_detail_holds_advantages_and_disadvantages(framework):
    django = framework("django")

    assert django["advantages"][0]["title"] == "Everything in one box"
    assert {"title", "detail"} == set(django["disadvantages"][0])


def test_detail_holds_usage_by_year_with_source_and_change(framework):
    usage = framework("fastapi")["usage"]

    assert [(u["year"], u["share"], u["change"]) for u in usage] == [
        (2020, 14.0, None),
        (2022, 25.0, 11.0),
        (2023, 29.0, 4.0),
        (2024, 38.0, 9.0),
    ]
    assert usage[0]["source"]["slug"] == "pds-2020"
    assert usage[0]["source"]["link"].startswith("https://")


def test_detail_holds_use_cases_and_features_with_level(framework):
    fastapi = framework("fastapi")

    assert "rest-apis" in [use_case["slug"] for use_case in fastapi["use_cases"]]
    openapi = next(f for f in fastapi["features"] if f["feature"] == "openapi-docs")
    assert openapi["level"] == "built-in"


def test_detail_holds_related_frameworks_both_ways(framework):
    related = {
        (item["framework"]["slug"], item["kind"], item["direction"])
        for item in framework("django")["related"]
    }

    assert related == {("django-rest-framework", "extends", "incoming")}


def test_detail_lists_an_alternative_stored_both_ways_once(framework):
    related = [
        (item["framework"]["slug"], item["kind"])
        for item in framework("fastapi")["related"]
    ]

    assert sorted(related) == [
        ("aiohttp", "alternative"),
        ("asyncio", "built-on"),
        ("flask", "alternative"),
        ("starlette", "built-on"),
    ]


def test_detail_links_to_its_page_and_itself(framework):
    flask = framework("flask")

    assert flask["page_url"] == "http://testserver/frameworks/flask/"
    assert flask["url"] == "http://testserver/api/frameworks/flask/"


def test_detail_sends_an_etag(api_client, first_ten_entries):
    response = api_client.get(reverse("api:framework-detail", args=["flask"]))

    assert response["ETag"].startswith('"')


def test_detail_answers_304_to_its_own_etag(api_client, first_ten_entries):
    url = reverse("api:framework-detail", args=["flask"])
    etag = api_client.get(url)["ETag"]

    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""
    assert response["ETag"] == etag


def test_detail_etag_changes_with_the_framework(api_client, first_ten_entries):
    url = reverse("api:framework-detail", args=["flask"])
    etag = api_client.get(url)["ETag"]
    Framework.objects.filter(slug="flask").update(summary="A smaller summary.")

    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != etag
