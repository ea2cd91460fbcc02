"""Every API list and detail runs as many queries with 60 frameworks as with 10."""

from http import HTTPStatus

import pytest
from django.urls import reverse

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
            "api:use-case-detail", args=[UseCaseFactory(slug="subject").slug]
        ),
        "features": reverse(
            "api:feature-detail", args=[FeatureFactory(slug="subject").slug]
        ),
        "sources": reverse(
            "api:source-detail", args=[SourceFactory(slug="subject").slug]
        ),
        "usage": reverse("api:usage-detail", args=[figure.pk]),
        "advantages": reverse(
            "api:advantage-detail", args=[subject.advantages.first().pk]
        ),
        "disadvantages": reverse(
            "api:disadvantage-detail", args=[subject.disadvantages.first().pk]
        ),
        "feature-supports": reverse(
            "api:feature-support-detail", args=[subject.feature_supports.first().pk]
        ),
        "relations": reverse(
            "api:relation-detail",
            args=[RelationFactory(from_framework=subject, kind="extends").pk],
        ),
    }


LISTS = {
    "frameworks": "api:framework-list",
    "categories": "api:category-list",
    "use-cases": "api:use-case-list",
    "features": "api:feature-list",
    "sources": "api:source-list",
    "usage": "api:usage-list",
    "advantages": "api:advantage-list",
    "disadvantages": "api:disadvantage-list",
    "feature-supports": "api:feature-support-list",
    "relations": "api:relation-list",
}

CLIENTS = {"anonymous": "api_client", "editor": "editor_session_api_client"}


def counts(json_anonymous, json_editor, html_anonymous, html_editor):
    """Exact queries by (media, role); an editor's session and permissions cost
    more, and so does the browsable API's HTML for editors (its forms)."""
    return {
        ("json", "anonymous"): json_anonymous,
        ("json", "editor"): json_editor,
        ("html", "anonymous"): html_anonymous,
        ("html", "editor"): html_editor,
    }


# Exact queries of each list, at any catalog size.
LIST_QUERIES = {
    # + the rows' package facts, read only for rows not kept (catalog/api/kept.py)
    "frameworks": counts(3, 7, 3, 7),
    "categories": counts(2, 4, 2, 6),
    "use-cases": counts(3, 5, 3, 7),
    "features": counts(3, 5, 3, 7),
    "sources": counts(2, 4, 2, 6),
    "usage": counts(2, 6, 2, 6),
    "advantages": counts(2, 6, 2, 6),
    "disadvantages": counts(2, 6, 2, 6),
    "feature-supports": counts(2, 6, 2, 6),
    "relations": counts(2, 6, 2, 6),
}
# Exact queries of each detail, at any catalog size.
DETAIL_QUERIES = {
    # + its package facts, read apart only when its representation is not kept
    "frameworks": counts(12, 16, 12, 16),
    "categories": counts(1, 3, 1, 5),
    "use-cases": counts(2, 4, 2, 6),
    "features": counts(2, 4, 2, 6),
    "sources": counts(1, 3, 1, 5),
    "usage": counts(1, 5, 1, 5),
    "advantages": counts(1, 5, 1, 5),
    "disadvantages": counts(1, 5, 1, 5),
    "feature-supports": counts(1, 5, 1, 5),
    "relations": counts(1, 5, 1, 5),
}


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

    assert_constant_queries(
        fetcher(client, reverse(LISTS[endpoint]), FORMATS[media]),
        LIST_QUERIES[endpoint][media, role],
        make_framework=related_framework(subject),
    )


@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
@pytest.mark.parametrize("endpoint", LISTS)
def test_detail_queries_do_not_grow(
    request, assert_constant_queries, subject, endpoint, media, role
):
    client = request.getfixturevalue(CLIENTS[role])
    url = detail_urls(subject)[endpoint]

    assert_constant_queries(
        fetcher(client, url, FORMATS[media]),
        DETAIL_QUERIES[endpoint][media, role],
        make_framework=related_framework(subject),
    )


def test_framework_detail_lists_every_related_framework(
    api_client, assert_constant_queries, subject
):
    _, response = assert_constant_queries(
        fetcher(api_client, reverse("api:framework-detail", args=["subject"]), "*/*"),
        12,
        make_framework=related_framework(subject),
    )

    assert len(response.json()["related"]) == 5


@pytest.mark.parametrize(
    ("params", "json_queries", "html_queries"),
    [
        ({"search": "framework useful", "ordering": "-share"}, 3, 3),
        (
            {"category": "category-3", "use_case": "rest-apis", "feature": "orm"},
            4,
            7,
        ),
        (
            {"min_share": "5", "year": "2024", "learning_curve": "moderate"},
            3,
            3,
        ),
    ],
)
@pytest.mark.parametrize("media", FORMATS)
def test_filtered_framework_list_queries_do_not_grow(
    api_client,
    assert_constant_queries,
    subject,
    params,
    media,
    json_queries,
    html_queries,
):
    CategoryFactory(slug="category-3")

    assert_constant_queries(
        fetcher(api_client, reverse("api:framework-list"), FORMATS[media], params),
        json_queries if media == "json" else html_queries,
        make_framework=related_framework(subject),
    )


@pytest.mark.parametrize(
    ("endpoint", "params", "queries"),
    [
        ("advantages", {"framework": "subject"}, counts(3, 7, 4, 8)),
        ("disadvantages", {"framework": "subject"}, counts(3, 7, 4, 8)),
        (
            "feature-supports",
            {"framework": "subject", "feature": "orm"},
            counts(4, 8, 6, 10),
        ),
        ("feature-supports", {"level": "built-in"}, counts(2, 6, 2, 6)),
        (
            "relations",
            {"framework": "subject", "kind": "alternative"},
            counts(3, 7, 4, 8),
        ),
        ("relations", {"to_framework": "subject"}, counts(2, 6, 3, 7)),
    ],
)
@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
def test_filtered_row_list_queries_do_not_grow(
    request, assert_constant_queries, subject, endpoint, params, queries, media, role
):
    client = request.getfixturevalue(CLIENTS[role])

    assert_constant_queries(
        fetcher(client, reverse(LISTS[endpoint]), FORMATS[media], params),
        queries[media, role],
        make_framework=related_framework(subject),
    )


@pytest.mark.parametrize("role", CLIENTS)
@pytest.mark.parametrize("media", FORMATS)
def test_compare_queries_do_not_grow(
    request, assert_constant_queries, subject, media, role
):
    client = request.getfixturevalue(CLIENTS[role])
    full_framework(slug="other")
    params = {"frameworks": "subject,other"}

    assert_constant_queries(
        fetcher(client, reverse("api:compare"), FORMATS[media], params),
        counts(13, 17, 13, 17)[media, role],
        make_framework=related_framework(subject),
    )


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
