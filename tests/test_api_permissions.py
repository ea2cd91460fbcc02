"""Who may read and write what: anonymous, signed-in non-editor, editor; drafts."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.models import (
    Advantage,
    Category,
    Disadvantage,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
    UseCase,
)
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
    UseCaseFactory,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    """A writable endpoint, with what it takes to exercise each method."""

    basename: str
    model: type
    make: object  # () -> an existing object
    payload: object  # () -> a valid body for POST and PUT
    change: dict = field(default_factory=dict)  # a PATCH body
    lookup: str = "slug"

    def list_url(self):
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, obj):
        return reverse(f"api:{self.basename}-detail", args=[getattr(obj, self.lookup)])


def framework_payload():
    return {
        "name": "Litestar",
        "slug": "litestar",
        "category": CategoryFactory(slug="web-framework").slug,
        "summary": "A typed ASGI framework.",
        "use_cases": [UseCaseFactory(slug="rest-apis").slug],
        "status": "published",
    }


def usage_payload():
    return {
        "framework": FrameworkFactory(slug="litestar").slug,
        "source": SourceFactory(slug="pds-2023").slug,
        "year": 2023,
        "share": 2.5,
    }


def point_payload():
    return {"framework": FrameworkFactory(slug="litestar").slug, "title": "Typed"}


def feature_support_payload():
    return {
        "framework": FrameworkFactory(slug="litestar").slug,
        "feature": FeatureFactory(slug="graphql").slug,
        "level": "package",
    }


def relation_payload():
    return {
        "framework": FrameworkFactory(slug="litestar").slug,
        "to_framework": FrameworkFactory(slug="starlette").slug,
        "kind": "built-on",
    }


ENDPOINTS = {
    "frameworks": Endpoint(
        "framework", Framework, FrameworkFactory, framework_payload, {"summary": "New."}
    ),
    "categories": Endpoint(
        "category",
        Category,
        CategoryFactory,
        lambda: {"name": "Task queue", "slug": "task-queue"},
        {"description": "New."},
    ),
    "use-cases": Endpoint(
        "use-case",
        UseCase,
        UseCaseFactory,
        lambda: {"name": "Scraping", "slug": "scraping"},
        {"description": "New."},
    ),
    "features": Endpoint(
        "feature",
        Feature,
        FeatureFactory,
        lambda: {"name": "GraphQL", "slug": "graphql"},
        {"description": "New."},
    ),
    "sources": Endpoint(
        "source",
        Source,
        SourceFactory,
        lambda: {
            "slug": "so-2024",
            "title": "Developer Survey 2024",
            "publisher": "Stack Overflow",
            "year": 2024,
        },
        {"note": "New."},
    ),
    "usage": Endpoint(
        "usage", UsageStat, UsageStatFactory, usage_payload, {"share": 11}, "pk"
    ),
    "advantages": Endpoint(
        "advantage", Advantage, AdvantageFactory, point_payload, {"title": "New."}, "pk"
    ),
    "disadvantages": Endpoint(
        "disadvantage",
        Disadvantage,
        DisadvantageFactory,
        point_payload,
        {"title": "New."},
        "pk",
    ),
    "feature-supports": Endpoint(
        "feature-support",
        FeatureSupport,
        FeatureSupportFactory,
        feature_support_payload,
        {"note": "New."},
        "pk",
    ),
    "relations": Endpoint(
        "relation", Relation, RelationFactory, relation_payload, {"note": "New."}, "pk"
    ),
}

DENIED = {"anonymous": HTTPStatus.UNAUTHORIZED, "reader": HTTPStatus.FORBIDDEN}


@pytest.fixture(params=ENDPOINTS.values(), ids=ENDPOINTS.keys())
def endpoint(request):
    return request.param


@pytest.fixture
def editor_session_api_client(api_client, editor):
    """An editor in the browsable API, signed in with a session."""
    api_client.force_login(editor)
    return api_client


CLIENTS = {
    "anonymous": "api_client",
    "reader": "reader_api_client",
    "editor": "editor_api_client",
    "editor by session": "editor_session_api_client",
}


@pytest.fixture
def client_as(request):
    def client(role):
        return request.getfixturevalue(CLIENTS[role])

    return client


def send(client, method, url, body=None):
    return getattr(client, method)(url, body, format="json")


# --- Reading -------------------------------------------------------------------


@pytest.mark.parametrize("role", CLIENTS)
def test_everyone_reads_lists(client_as, endpoint, role):
    endpoint.make()

    response = client_as(role).get(endpoint.list_url())

    assert response.status_code == HTTPStatus.OK
    assert response.json()["count"] == 1


@pytest.mark.parametrize("role", CLIENTS)
def test_everyone_reads_details(client_as, endpoint, role):
    obj = endpoint.make()

    response = client_as(role).get(endpoint.detail_url(obj))

    assert response.status_code == HTTPStatus.OK


# --- Writing -------------------------------------------------------------------


@pytest.mark.parametrize("role", DENIED)
def test_non_editor_cannot_create(client_as, endpoint, role):
    payload = endpoint.payload()
    before = endpoint.model.objects.count()

    response = send(client_as(role), "post", endpoint.list_url(), payload)

    assert response.status_code == DENIED[role]
    assert endpoint.model.objects.count() == before


@pytest.mark.parametrize("role", DENIED)
def test_non_editor_cannot_replace(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(
        client_as(role), "put", endpoint.detail_url(obj), endpoint.payload()
    )

    assert response.status_code == DENIED[role]


@pytest.mark.parametrize("role", DENIED)
def test_non_editor_cannot_change(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(client_as(role), "patch", endpoint.detail_url(obj), endpoint.change)

    assert response.status_code == DENIED[role]
    field_name, value = next(iter(endpoint.change.items()))
    obj.refresh_from_db()
    assert getattr(obj, field_name) != value


@pytest.mark.parametrize("role", DENIED)
def test_non_editor_cannot_delete(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(client_as(role), "delete", endpoint.detail_url(obj))

    assert response.status_code == DENIED[role]
    assert endpoint.model.objects.filter(pk=obj.pk).exists()


def test_anonymous_write_is_told_which_scheme_to_use(api_client):
    response = api_client.post(reverse("api:category-list"), {}, format="json")

    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Authentication credentials were not provided."


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_editor_creates(client_as, endpoint, role):
    payload = endpoint.payload()
    before = endpoint.model.objects.count()

    response = send(client_as(role), "post", endpoint.list_url(), payload)

    assert response.status_code == HTTPStatus.CREATED, response.json()
    assert endpoint.model.objects.count() == before + 1


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_editor_replaces(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(
        client_as(role), "put", endpoint.detail_url(obj), endpoint.payload()
    )

    assert response.status_code == HTTPStatus.OK, response.json()


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_editor_changes(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(client_as(role), "patch", endpoint.detail_url(obj), endpoint.change)

    assert response.status_code == HTTPStatus.OK, response.json()
    field_name, value = next(iter(endpoint.change.items()))
    obj.refresh_from_db()
    assert getattr(obj, field_name) == value


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_editor_deletes(client_as, endpoint, role):
    obj = endpoint.make()

    response = send(client_as(role), "delete", endpoint.detail_url(obj))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not endpoint.model.objects.filter(pk=obj.pk).exists()


def test_session_write_needs_the_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        reverse("api:category-list"), {"name": "X", "slug": "x"}, format="json"
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "CSRF" in response.json()["detail"]


def test_bad_token_is_refused_even_for_reading(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")

    response = api_client.get(reverse("api:framework-list"))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == {"detail": "Invalid token."}


def test_editor_created_framework_is_returned_in_full(editor_api_client):
    response = editor_api_client.post(
        reverse("api:framework-list"), framework_payload(), format="json"
    )

    created = response.json()
    assert created["category"]["slug"] == "web-framework"
    assert [u["slug"] for u in created["use_cases"]] == ["rest-apis"]
    assert created["latest_share"] is None
    assert created["url"] == "http://testserver/api/frameworks/litestar/"


def test_framework_changed_without_use_cases_keeps_them(editor_api_client):
    framework = FrameworkFactory(use_cases=[UseCaseFactory(slug="rest-apis")])

    editor_api_client.patch(
        reverse("api:framework-detail", args=[framework.slug]),
        {"summary": "New."},
        format="json",
    )

    assert list(framework.use_cases.values_list("slug", flat=True)) == ["rest-apis"]


def test_framework_form_post_leaves_use_cases_alone(editor_session_api_client):
    framework = FrameworkFactory(use_cases=[UseCaseFactory(slug="rest-apis")])
    form = {
        "name": framework.name,
        "slug": framework.slug,
        "category": framework.category.slug,
        "summary": "Sent from the browsable API's HTML form.",
        "learning_curve": "gentle",
        "status": "published",
    }

    response = editor_session_api_client.put(
        reverse("api:framework-detail", args=[framework.slug]), form, format="multipart"
    )

    assert response.status_code == HTTPStatus.OK, response.json()
    assert list(framework.use_cases.values_list("slug", flat=True)) == ["rest-apis"]


def test_token_write_is_recorded_in_history_as_the_editor(editor_api_client, editor):
    category = CategoryFactory()

    editor_api_client.patch(
        reverse("api:category-detail", args=[category.slug]),
        {"description": "New."},
        format="json",
    )

    assert category.history.latest().history_user == editor


# --- Drafts ----------------------------------------------------------------------


@pytest.fixture
def draft(db):
    return FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)


@pytest.mark.parametrize("role", DENIED)
def test_draft_is_not_listed_for_non_editors(client_as, draft, role):
    FrameworkFactory(slug="public")

    response = client_as(role).get(reverse("api:framework-list"))

    assert [f["slug"] for f in response.json()["results"]] == ["public"]


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_draft_is_listed_for_editors(client_as, draft, role):
    response = client_as(role).get(reverse("api:framework-list"))

    assert [(f["slug"], f["status"]) for f in response.json()["results"]] == [
        ("secret", "draft")
    ]


@pytest.mark.parametrize("role", DENIED)
def test_draft_detail_is_not_found_for_non_editors(client_as, draft, role):
    response = client_as(role).get(reverse("api:framework-detail", args=["secret"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_draft_detail_is_shown_to_editors(editor_api_client, draft):
    response = editor_api_client.get(reverse("api:framework-detail", args=["secret"]))

    assert response.status_code == HTTPStatus.OK


DRAFT_ROWS = {
    "usage": ("usage", lambda draft: UsageStatFactory(framework=draft)),
    "advantages": ("advantage", lambda draft: AdvantageFactory(framework=draft)),
    "disadvantages": (
        "disadvantage",
        lambda draft: DisadvantageFactory(framework=draft),
    ),
    "feature-supports": (
        "feature-support",
        lambda draft: FeatureSupportFactory(framework=draft),
    ),
    "relations from a draft": (
        "relation",
        lambda draft: RelationFactory(from_framework=draft),
    ),
    "relations to a draft": (
        "relation",
        lambda draft: RelationFactory(to_framework=draft),
    ),
}


@pytest.fixture(params=DRAFT_ROWS.values(), ids=DRAFT_ROWS.keys())
def draft_row(request, draft):
    """(basename, a row about the draft framework), for each kind of row."""
    basename, make = request.param
    return basename, make(draft)


@pytest.mark.parametrize("role", DENIED)
def test_draft_rows_are_not_listed_for_non_editors(client_as, draft_row, role):
    basename, _ = draft_row

    response = client_as(role).get(reverse(f"api:{basename}-list"))

    assert response.json()["count"] == 0


@pytest.mark.parametrize("role", ["editor", "editor by session"])
def test_draft_rows_are_listed_for_editors(client_as, draft_row, role):
    basename, _ = draft_row

    response = client_as(role).get(reverse(f"api:{basename}-list"))

    assert response.json()["count"] == 1


@pytest.mark.parametrize("role", DENIED)
def test_draft_row_detail_is_not_found_for_non_editors(client_as, draft_row, role):
    basename, row = draft_row

    response = client_as(role).get(reverse(f"api:{basename}-detail", args=[row.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_draft_row_detail_is_shown_to_editors(editor_api_client, draft_row):
    basename, row = draft_row

    response = editor_api_client.get(reverse(f"api:{basename}-detail", args=[row.pk]))

    assert response.status_code == HTTPStatus.OK


FRAMEWORK_FILTERS = [
    ("usage", "framework"),
    ("advantage", "framework"),
    ("disadvantage", "framework"),
    ("feature-support", "framework"),
    ("relation", "framework"),
    ("relation", "to_framework"),
]


@pytest.mark.parametrize(("basename", "name"), FRAMEWORK_FILTERS)
def test_draft_slug_is_unknown_to_row_filters_for_readers(
    reader_api_client, draft, basename, name
):
    response = reader_api_client.get(reverse(f"api:{basename}-list"), {name: "secret"})

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(("basename", "name"), FRAMEWORK_FILTERS)
def test_draft_slug_filters_rows_for_editors(editor_api_client, draft, basename, name):
    response = editor_api_client.get(reverse(f"api:{basename}-list"), {name: "secret"})

    assert response.status_code == HTTPStatus.OK


def test_draft_slug_filters_usage_for_editors(editor_api_client, draft):
    UsageStatFactory(framework=draft)

    response = editor_api_client.get(reverse("api:usage-list"), {"framework": "secret"})

    assert response.json()["count"] == 1


def test_draft_is_not_among_a_published_frameworks_related(api_client, draft):
    public = FrameworkFactory(slug="public")
    RelationFactory(from_framework=public, to_framework=draft)
    RelationFactory(from_framework=draft, to_framework=public, kind="built-on")

    response = api_client.get(reverse("api:framework-detail", args=["public"]))

    assert response.json()["related"] == []


@pytest.mark.parametrize("role", DENIED)
def test_draft_cannot_be_compared_by_non_editors(client_as, draft, role):
    FrameworkFactory(slug="public")

    response = client_as(role).get(
        reverse("api:compare"), {"frameworks": "public,secret"}
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "secret" in response.json()["detail"]


def test_draft_can_be_compared_by_editors(editor_api_client, draft):
    FrameworkFactory(slug="public")

    response = editor_api_client.get(
        reverse("api:compare"), {"frameworks": "public,secret"}
    )

    assert response.status_code == HTTPStatus.OK


# --- Throttling ---------------------------------------------------------------


@pytest.fixture
def two_a_minute(settings, empty_cache):
    settings.API_ANON_RATE = "2/minute"


def test_anonymous_requests_are_throttled(api_client, two_a_minute):
    url = reverse("api:category-list")
    api_client.get(url)
    api_client.get(url)

    response = api_client.get(url)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]


def test_signed_in_requests_are_not_throttled(editor_api_client, two_a_minute):
    url = reverse("api:category-list")
    responses = [editor_api_client.get(url) for _ in range(3)]

    assert [r.status_code for r in responses] == [HTTPStatus.OK] * 3


def test_forged_forwarded_addresses_do_not_escape_the_throttle(
    api_client, two_a_minute
):
    url = reverse("api:category-list")

    statuses = [
        api_client.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]


@pytest.fixture
def behind_one_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_behind_a_proxy_the_address_it_saw_is_throttled(
    api_client, two_a_minute, behind_one_proxy
):
    url = reverse("api:category-list")

    # The client forges the first address; the proxy appends the one it saw.
    statuses = [
        api_client.get(
            url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7"
        ).status_code
        for n in range(3)
    ]
    other = api_client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.8")

    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    assert other.status_code == HTTPStatus.OK


def num_proxies(behind_tls_proxy):
    """REST_FRAMEWORK["NUM_PROXIES"] in a fresh process with the given setting."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DJANGO_ENV_FILE"] = ""  # ignore a developer's .env
    environment["DJANGO_BEHIND_TLS_PROXY"] = behind_tls_proxy
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; "
            "print(settings.REST_FRAMEWORK['NUM_PROXIES'])",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(result.stdout.split()[-1])


def test_forwarded_addresses_are_trusted_only_behind_a_tls_proxy():
    assert (num_proxies("false"), num_proxies("true")) == (0, 1)
