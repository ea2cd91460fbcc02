"""/api/advantages/, /api/disadvantages/, /api/feature-supports/, /api/relations/.

Everything a framework's page lists row by row, read by anyone and written by
editors, with frameworks and features named by slug.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Advantage, FeatureSupport, Relation
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()["results"]


def refused(response, status=HTTPStatus.BAD_REQUEST):
    """The errors of a 400 (or ``status``), after checking its status and shape."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"].startswith("Invalid input.")
    return body["errors"]


@pytest.fixture
def get(api_client, first_ten_entries):
    def fetch(name, **params):
        return results(api_client.get(reverse(f"api:{name}-list"), params))

    return fetch


@pytest.fixture
def write(editor_api_client, first_ten_entries):
    """Send an editor's JSON body to a list (POST) or a row's detail address."""

    def send(method, name, body, pk=None):
        url = (
            reverse(f"api:{name}-detail", args=[pk])
            if pk
            else reverse(f"api:{name}-list")
        )
        return getattr(editor_api_client, method)(url, body, format="json")

    return send


# --- Reading -------------------------------------------------------------------


def test_advantages_of_a_framework_are_listed_in_page_order(get, api_client):
    advantages = get("advantage", framework="django")

    page = api_client.get(reverse("api:framework-detail", args=["django"])).json()
    assert [a["title"] for a in advantages] == [a["title"] for a in page["advantages"]]
    assert {a["framework"] for a in advantages} == {"django"}
    assert set(advantages[0]) == {
        "id",
        "url",
        "framework",
        "title",
        "detail",
        "position",
    }


def test_disadvantages_are_filtered_by_framework(get):
    disadvantages = get("disadvantage", framework="flask")

    assert disadvantages
    assert {d["framework"] for d in disadvantages} == {"flask"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"framework": "django", "feature": "orm"}, [("django", "orm", "built-in")]),
        (
            {"feature": "orm", "level": "package"},
            [
                ("aiohttp", "orm", "package"),
                ("fastapi", "orm", "package"),
                ("flask", "orm", "package"),
                ("starlette", "orm", "package"),
            ],
        ),
    ],
)
def test_feature_support_is_filtered_by_framework_feature_and_level(
    get, params, expected
):
    supports = get("feature-support", **params)

    assert [(s["framework"], s["feature"], s["level"]) for s in supports] == expected


def test_relations_are_filtered_by_either_framework_and_kind(get):
    from_fastapi = get("relation", framework="fastapi", kind="built-on")
    to_starlette = get("relation", to_framework="starlette")

    assert [(r["framework"], r["to_framework"]) for r in from_fastapi] == [
        ("fastapi", "asyncio"),
        ("fastapi", "starlette"),
    ]
    assert ("fastapi", "built-on") in {
        (r["framework"], r["kind"]) for r in to_starlette
    }
    assert {r["to_framework"] for r in to_starlette} == {"starlette"}


def test_row_detail_is_found_by_its_id(get, api_client):
    first = get("feature-support", framework="httpx")[0]

    assert api_client.get(first["url"]).json() == first


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("advantage", {"framework": "a/b"}, "A slug has 1 to 80 letters"),
        ("feature-support", {"level": "some"}, "Select a valid choice."),
        ("relation", {"kind": "enemy"}, "Select a valid choice."),
    ],
)
def test_bad_row_filter_names_the_parameter(api_client, name, params, message):
    response = api_client.get(reverse(f"api:{name}-list"), params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == list(params)
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("advantage", {"framework": "nope"}, "There is no framework with this slug."),
        ("feature-support", {"feature": "nope"}, "There is no feature with this slug."),
    ],
)
def test_row_filter_naming_nothing_is_not_found(api_client, name, params, message):
    response = api_client.get(reverse(f"api:{name}-list"), params)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    "name", ["advantage", "disadvantage", "feature-support", "relation"]
)
def test_unknown_row_id_is_not_found_with_a_pointer_to_the_list(api_client, name):
    response = api_client.get(reverse(f"api:{name}-detail", args=[999_999]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "id '999999'" in response.json()["detail"]
    assert reverse(f"api:{name}-list") in response.json()["detail"]


# --- Writing -------------------------------------------------------------------


def test_editor_adds_an_advantage_that_the_framework_detail_shows(write, api_client):
    response = write(
        "post",
        "advantage",
        {"framework": "flask", "title": "Tiny core", "position": 0},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["framework"] == "flask"
    flask = api_client.get(reverse("api:framework-detail", args=["flask"])).json()
    assert flask["advantages"][0]["title"] == "Tiny core"


def test_editor_moves_a_disadvantage_to_another_framework(write):
    created = write(
        "post", "disadvantage", {"framework": "flask", "title": "Few batteries"}
    ).json()

    response = write("patch", "disadvantage", {"framework": "django"}, created["id"])

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["framework"] == "django"


def test_editor_sets_a_frameworks_support_for_a_feature(write, api_client):
    FeatureSupport.objects.filter(
        framework__slug="httpx", feature__slug="websockets"
    ).delete()

    response = write(
        "post",
        "feature-support",
        {
            "framework": "httpx",
            "feature": "websockets",
            "level": "package",
            "partial": True,
            "note": "httpx-ws",
            "source_link": "https://pypi.org/project/httpx-ws/",
        },
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    httpx = api_client.get(reverse("api:framework-detail", args=["httpx"])).json()
    assert {
        "feature": "websockets",
        "name": "WebSockets",
        "level": "package",
        "partial": True,
        "note": "httpx-ws",
        "source_link": "https://pypi.org/project/httpx-ws/",
        "inherited_from": None,
    } in httpx["features"]


def test_editor_relates_two_frameworks(write, api_client):
    response = write(
        "post",
        "relation",
        {"framework": "flask", "to_framework": "django", "kind": "alternative"},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert Relation.objects.filter(
        from_framework__slug="flask", to_framework__slug="django"
    ).exists()


def test_second_entry_for_the_same_framework_and_feature_is_refused(write):
    response = write(
        "post",
        "feature-support",
        {"framework": "django", "feature": "orm", "level": "package"},
    )

    assert refused(response, HTTPStatus.CONFLICT) == {
        "non_field_errors": [
            "This framework already has an entry for this feature; "
            "change that entry instead."
        ]
    }


def test_moving_an_entry_onto_another_feature_that_has_one_is_refused(write):
    entry = FeatureSupport.objects.get(framework__slug="django", feature__slug="orm")

    response = write("patch", "feature-support", {"feature": "admin-panel"}, entry.pk)

    assert (
        "already has an entry for this feature"
        in refused(response, HTTPStatus.CONFLICT)["non_field_errors"][0]
    )


def test_second_relation_of_the_same_kind_is_refused(write):
    response = write(
        "post",
        "relation",
        {"framework": "fastapi", "to_framework": "starlette", "kind": "built-on"},
    )

    assert refused(response, HTTPStatus.CONFLICT) == {
        "non_field_errors": [
            "These frameworks already have a relation of this kind; "
            "change that relation instead."
        ]
    }


def test_relation_of_another_kind_between_the_same_frameworks_is_accepted(write):
    response = write(
        "post",
        "relation",
        {"framework": "fastapi", "to_framework": "starlette", "kind": "extends"},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content


SELF = "A framework cannot be related to itself; give another framework's slug."


def test_relation_to_itself_is_refused(write):
    response = write(
        "post",
        "relation",
        {"framework": "flask", "to_framework": "flask", "kind": "alternative"},
    )

    assert refused(response) == {"to_framework": [SELF]}


@pytest.mark.parametrize("field", ["framework", "to_framework"])
def test_relation_changed_to_point_at_itself_is_refused(write, field):
    relation = Relation.objects.get(
        from_framework__slug="fastapi", to_framework__slug="starlette"
    )
    other = "starlette" if field == "framework" else "fastapi"

    response = write("patch", "relation", {field: other}, relation.pk)

    assert refused(response) == {"to_framework": [SELF]}
    relation.refresh_from_db()
    assert relation.from_framework.slug == "fastapi"


@pytest.mark.parametrize(
    ("name", "body", "field", "message"),
    [
        (
            "advantage",
            {"framework": "nope", "title": "x"},
            "framework",
            "There is no framework with the slug nope.",
        ),
        (
            "advantage",
            {"framework": ["django"], "title": "x"},
            "framework",
            "Give the framework's slug as a string.",
        ),
        ("advantage", {"framework": "django"}, "title", "This field is required."),
        (
            "advantage",
            {"framework": "django", "title": "x", "position": 2**40},
            "position",
            "less than or equal to 32767",
        ),
        (
            "disadvantage",
            {"framework": "django", "title": "x" * 121},
            "title",
            "no more than 120 characters",
        ),
        (
            "feature-support",
            {"framework": "django", "feature": "a\x00b", "level": "none"},
            "feature",
            "There is no feature with the slug",
        ),
        (
            "feature-support",
            {"framework": "django", "feature": "http2", "level": "maybe"},
            "level",
            "is not a valid choice.",
        ),
        (
            "relation",
            {"framework": "django", "to_framework": "flask", "kind": "enemy"},
            "kind",
            "is not a valid choice.",
        ),
        (
            "relation",
            {"framework": "django", "kind": "alternative"},
            "to_framework",
            "This field is required.",
        ),
    ],
)
def test_bad_row_names_the_field(write, name, body, field, message):
    errors = refused(write("post", name, body))

    assert message in " ".join(errors[field])


def test_editor_deletes_an_advantage(write):
    advantage = Advantage.objects.filter(framework__slug="django").first()

    response = write("delete", "advantage", None, advantage.pk)

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not Advantage.objects.filter(pk=advantage.pk).exists()


def test_rows_of_a_new_draft_can_be_written_by_editors(write):
    FrameworkFactory(slug="secret", status="draft")

    response = write("post", "advantage", {"framework": "secret", "title": "Hidden"})

    assert response.status_code == HTTPStatus.CREATED, response.content
