"""Every API list and detail runs as many queries with 60 frameworks as with 10."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import RELATED_LIMIT
from tests.factories import (
    CategoryFactory,
    FeatureFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
    UseCaseFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

FORMATS = {"json": "application/json", "html": "text/html"}


@pytest.fixture
def subject(db):
    """A framework whose related frameworks grow with the catalog."""
    return full_framework(slug="subject", name="Subject")


def related_framework(subject):
    def make():
        RelationFactory(from_framework=subject, to_framework=full_framework())

    return make


def detail_urls(subject):
    figure = UsageStatFactory(framework=subject, year=2020)
    return {
        "frameworks": reverse("api:framework-detail", args=[subject.slug]),
        "categories": reverse("api:category-detail", args=[subject.category.slug]),
        "use-cases": reverse(
            "api:usecase-detail", args=[UseCaseFactory(slug="subject").slug]
        ),
        "features": reverse(
            "api:feature-detail", args=[FeatureFactory(slug="subject").slug]
        ),
        "sources": reverse(
            "api:source-detail", args=[SourceFactory(slug="subject").slug]
        ),
        "usage": reverse("api:usagestat-detail", args=[figure.pk]),
        "advantages": reverse(
            "api:advantage-detail", args=[subject.advantages.first().pk]
        ),
        "disadvantages": reverse(
            "api:disadvantage-detail", args=[subject.disadvantages.first().pk]
        ),
        "feature-supports": reverse(
            "api:featuresupport-detail", args=[subject.feature_supports.first().pk]
        ),
        "relations": reverse(
            "api:relation-detail",
            args=[RelationFactory(from_framework=subject, kind="extends").pk],
        ),
    }


LISTS = {
    "frameworks": "api:framework-list",
    "categories": "api:category-list",
    "use-cases": "api:usecase-list",
    "features": "api:feature-list",
    "sources": "api:source-list",
    "usage": "api:usagestat-list",
    "advantages": "api:advantage-list",
    "disadvantages": "api:disadvantage-list",
    "feature-supports": "api:featuresupport-list",
    "relations": "api:relation-list",
}

CLIENTS = {"anonymous": "api_client", "editor": "editor_session_api_client"}


@pytest.fixture
def editor_session_api_client(api_client, editor):
    api_client.force_login(editor)
    return api_client


def fetcher(client, url, media_type, params=None):
    def fetch():
        response = client.get(url, params or {}, HTTP_ACCEPT=media_type)
        assert response.status_code == HTTPStatus.OK, response.content[:500]
        return response

    return fetch


@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
@pytest.mark.parametrize("endpoint", LISTS)
def test_list_queries_do_not_grow(
    request, assert_constant_queries, subject, endpoint, media, role
):
    client = request.getfixturevalue(CLIENTS[role])

    count, _ = assert_constant_queries(
        fetcher(client, reverse(LISTS[endpoint]), FORMATS[media]),
        make_framework=related_framework(subject),
    )

    print(f"QUERIES list {endpoint} {media} {role}: {count}")


@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
@pytest.mark.parametrize("endpoint", LISTS)
def test_detail_queries_do_not_grow(
    request, assert_constant_queries, subject, endpoint, media, role
):
    client = request.getfixturevalue(CLIENTS[role])
    url = detail_urls(subject)[endpoint]

    count, _ = assert_constant_queries(
        fetcher(client, url, FORMATS[media]),
        make_framework=related_framework(subject),
    )

    print(f"QUERIES detail {endpoint} {media} {role}: {count}")


def test_framework_detail_lists_the_closest_related_frameworks_and_the_rest_apart(
    api_client, assert_constant_queries, subject
):
    # A framework that many others relate to: its detail stays bounded (issue
    # 10), the list filtered by related_to has every one.
    _, response = assert_constant_queries(
        fetcher(api_client, reverse("api:framework-detail", args=["subject"]), "*/*"),
        make_framework=related_framework(subject),
    )
    listed = api_client.get(
        reverse("api:framework-list"), {"related_to": "subject", "page_size": 1}
    )

    assert len(response.json()["related"]) == RELATED_LIMIT
    assert listed.json()["count"] == 60


@pytest.mark.parametrize(
    "params",
    [
        {"search": "framework useful", "ordering": "-share"},
        {"category": "category-3", "use_case": "rest-apis", "feature": "orm"},
        {"min_share": "5", "year": "2024", "learning_curve": "moderate"},
    ],
)
@pytest.mark.parametrize("media", FORMATS)
def test_filtered_framework_list_queries_do_not_grow(
    api_client, assert_constant_queries, subject, params, media
):
    CategoryFactory(slug="category-3")

    count, _ = assert_constant_queries(
        fetcher(api_client, reverse("api:framework-list"), FORMATS[media], params),
        make_framework=related_framework(subject),
    )

    print(f"QUERIES filtered frameworks {media} {sorted(params)}: {count}")


@pytest.mark.parametrize(
    ("endpoint", "params"),
    [
        ("advantages", {"framework": "subject"}),
        ("disadvantages", {"framework": "subject"}),
        ("feature-supports", {"framework": "subject", "feature": "orm"}),
        ("feature-supports", {"level": "built-in"}),
        ("relations", {"framework": "subject", "kind": "alternative"}),
        ("relations", {"to_framework": "subject"}),
    ],
)
@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
def test_filtered_row_list_queries_do_not_grow(
    request, assert_constant_queries, subject, endpoint, params, media, role
):
    client = request.getfixturevalue(CLIENTS[role])

    count, _ = assert_constant_queries(
        fetcher(client, reverse(LISTS[endpoint]), FORMATS[media], params),
        make_framework=related_framework(subject),
    )

    print(f"QUERIES filtered {endpoint} {media} {role} {sorted(params)}: {count}")


@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
def test_compare_queries_do_not_grow(
    request, assert_constant_queries, subject, media, role
):
    client = request.getfixturevalue(CLIENTS[role])
    full_framework(slug="other")
    params = {"frameworks": "subject,other"}

    count, _ = assert_constant_queries(
        fetcher(client, reverse("api:compare"), FORMATS[media], params),
        make_framework=related_framework(subject),
    )

    print(f"QUERIES compare {media} {role}: {count}")


@pytest.mark.parametrize(
    ("endpoint", "make_row"),
    [
        (
            "use-cases",
            lambda kinds: UseCaseFactory(kinds=kinds, primary_kind=kinds[0]),
        ),
        ("features", lambda kinds: FeatureFactory(kinds=kinds)),
    ],
)
def test_kinds_of_use_cases_and_features_are_listed_in_fixed_queries(
    api_client, django_assert_num_queries, endpoint, make_row
):
    kinds = CategoryFactory.create_batch(2)
    url = reverse(LISTS[endpoint])
    for size in (3, 12):
        while len(api_client.get(url).json()["results"]) < size:
            make_row(kinds)
        # the page's rows with their kinds (2); the count for pagination (1)
        with django_assert_num_queries(3):
            api_client.get(url, HTTP_ACCEPT="application/json")
