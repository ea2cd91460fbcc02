"""Concurrent API writes lose nothing: PATCH writes what it was sent; If-Match."""

import threading
from http import HTTPStatus

import pytest
from django.db import connection, connections
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory

from catalog.api.serializers.frameworks import FrameworkWriteSerializer
from catalog.models import Advantage, Framework, Revision
from tests.factories import AdvantageFactory, EditorFactory, FrameworkFactory

FRAMEWORK = "api:framework-detail"


def framework_url(slug="flask"):
    return reverse(FRAMEWORK, args=[slug])


def advantage_url(advantage):
    return reverse("api:advantage-detail", args=[advantage.pk])


# --- PATCH writes only what it was sent ---------------------------------------


@pytest.mark.django_db
def test_a_patch_does_not_write_back_fields_it_was_not_sent(editor_api_client):
    framework = FrameworkFactory(slug="flask", summary="Old summary.")
    # Request A reads the framework; request B changes another field meanwhile.
    read_by_a = Framework.objects.get(pk=framework.pk)
    editor_api_client.patch(framework_url(), {"description": "B's description."})

    request = APIRequestFactory().patch(framework_url())
    writer = FrameworkWriteSerializer(
        read_by_a,
        data={"summary": "A's summary."},
        partial=True,
        context={"request": request},
    )
    writer.is_valid(raise_exception=True)
    writer.save()

    framework.refresh_from_db()
    assert framework.summary == "A's summary."
    assert framework.description == "B's description."


@pytest.mark.django_db
def test_a_write_that_changes_nothing_records_nothing(editor_api_client):
    framework = FrameworkFactory(slug="flask", summary="Same.")
    updated = framework.updated
    before = Revision.objects.count()

    response = editor_api_client.patch(framework_url(), {"summary": "Same.  "})

    assert response.status_code == HTTPStatus.OK
    assert Revision.objects.count() == before
    framework.refresh_from_db()
    assert framework.updated == updated


@pytest.mark.django_db
def test_a_patch_changes_updated_with_the_fields_it_writes(editor_api_client):
    framework = FrameworkFactory(slug="flask")
    updated = framework.updated

    editor_api_client.patch(framework_url(), {"summary": "New."})

    framework.refresh_from_db()
    assert framework.updated > updated


# --- If-Match -----------------------------------------------------------------


def etag_of(client, url):
    return client.get(url)["ETag"]


WRITES = {
    "patch": lambda client, url, **headers: client.patch(
        url, {"summary": "Changed."}, **headers
    ),
    "put": lambda client, url, **headers: client.put(
        url,
        {
            "name": "Flask",
            "slug": "flask",
            "category": client.get(url).json()["category"]["slug"],
            "summary": "Changed.",
        },
        **headers,
    ),
    "delete": lambda client, url, **headers: client.delete(url, **headers),
}


@pytest.mark.django_db
@pytest.mark.parametrize("method", WRITES)
def test_a_write_with_a_stale_etag_is_refused_with_412(editor_api_client, method):
    FrameworkFactory(name="Flask", slug="flask", summary="First.")
    stale = etag_of(editor_api_client, framework_url())
    editor_api_client.patch(framework_url(), {"summary": "Someone else's."})

    response = WRITES[method](editor_api_client, framework_url(), HTTP_IF_MATCH=stale)

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert "has changed since" in response.json()["detail"]
    assert Framework.objects.get(slug="flask").summary == "Someone else's."


@pytest.mark.django_db
@pytest.mark.parametrize("method", WRITES)
def test_a_write_with_the_current_etag_goes_through(editor_api_client, method):
    FrameworkFactory(name="Flask", slug="flask", summary="First.")
    current = etag_of(editor_api_client, framework_url())

    response = WRITES[method](editor_api_client, framework_url(), HTTP_IF_MATCH=current)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NO_CONTENT)


@pytest.mark.django_db
def test_a_row_write_with_a_stale_etag_is_refused(editor_api_client):
    advantage = AdvantageFactory(title="Fast")
    stale = etag_of(editor_api_client, advantage_url(advantage))
    editor_api_client.patch(advantage_url(advantage), {"title": "Quick"})

    patch = editor_api_client.patch(
        advantage_url(advantage), {"detail": "Mine."}, HTTP_IF_MATCH=stale
    )
    delete = editor_api_client.delete(advantage_url(advantage), HTTP_IF_MATCH=stale)

    assert patch.status_code == delete.status_code == HTTPStatus.PRECONDITION_FAILED
    assert Advantage.objects.get(pk=advantage.pk).detail == "Why it helps."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("*", HTTPStatus.OK),
        ('"not-the-etag"', HTTPStatus.PRECONDITION_FAILED),
        ("garbage without quotes", HTTPStatus.PRECONDITION_FAILED),
    ],
)
def test_if_match_star_matches_and_anything_else_must_be_the_etag(
    editor_api_client, header, status
):
    FrameworkFactory(slug="flask")

    response = editor_api_client.patch(
        framework_url(), {"summary": "New."}, HTTP_IF_MATCH=header
    )

    assert response.status_code == status


@pytest.mark.django_db
def test_a_weak_etag_never_matches_if_match(editor_api_client):
    FrameworkFactory(slug="flask")
    weak = "W/" + etag_of(editor_api_client, framework_url())

    response = editor_api_client.patch(
        framework_url(), {"summary": "New."}, HTTP_IF_MATCH=weak
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED


@pytest.mark.django_db
def test_an_etag_from_several_names_the_current_one(editor_api_client):
    FrameworkFactory(slug="flask")
    current = etag_of(editor_api_client, framework_url())

    response = editor_api_client.patch(
        framework_url(), {"summary": "New."}, HTTP_IF_MATCH=f'"old", {current}'
    )

    assert response.status_code == HTTPStatus.OK


# --- Real concurrency (PostgreSQL) ------------------------------------------------


def run_together(*requests):
    """Run each request in its own thread (its own connection), all at once."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            responses[index] = request()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database with row locks"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_of_different_fields_both_survive():
    framework = FrameworkFactory(slug="flask")
    token = Token.objects.create(user=EditorFactory(username="concurrent")).key

    def patch(field, value):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return lambda: client.patch(framework_url(), {field: value})

    lost = []
    for round_number in range(20):
        summary, description = f"Summary {round_number}.", f"Text {round_number}."
        responses = run_together(
            patch("summary", summary), patch("description", description)
        )
        assert [r.status_code for r in responses] == [200, 200]
        framework.refresh_from_db()
        latest = framework.history.latest()
        kept = (framework.summary, framework.description) == (summary, description)
        recorded = (latest.summary, latest.description) == (summary, description)
        if not (kept and recorded):
            lost.append(round_number)

    assert lost == []
