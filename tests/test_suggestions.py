"""Readers tell the editors about a missing framework, without an account."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from catalog.suggestions import FrameworkSuggestion
from tests.factories import FrameworkFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

SUGGEST = reverse("catalog:suggest")
VALID = {
    "name": "Litestar",
    "url": "https://litestar.dev/",
    "note": "An ASGI framework with typed handlers.",
    "searched_for": "litestar",
    "website": "",
}


def test_an_anonymous_reader_sends_a_suggestion_that_lands_for_the_editors(client):
    response = client.post(SUGGEST, VALID, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert "Thank you: the editors will look at Litestar." in response.text
    suggestion = FrameworkSuggestion.objects.get()
    assert (suggestion.name, suggestion.url, suggestion.searched_for) == (
        "Litestar",
        "https://litestar.dev/",
        "litestar",
    )
    assert suggestion.status == FrameworkSuggestion.Status.NEW


def test_the_form_is_prefilled_from_the_search_and_is_never_cached(client):
    response = client.get(SUGGEST, {"name": "litestar"})

    assert response.status_code == HTTPStatus.OK
    assert 'name="name" value="litestar"' in response.text
    assert 'name="searched_for" value="litestar"' in response.text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**VALID, "name": ""}, "Give the framework&#x27;s name."),
        ({**VALID, "name": "x" * 81}, "at most 80 characters"),
        ({**VALID, "url": "javascript:alert(1)"}, "Give a web address"),
        ({**VALID, "url": "ftp://example.org/"}, "Give a web address"),
        ({**VALID, "note": "n" * 1001}, "at most 1000 characters"),
        ({**VALID, "name": "nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_400_that_says_what_to_fix(client, data, message):
    response = client.post(SUGGEST, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text
    assert 'role="alert"' in response.text
    assert not FrameworkSuggestion.objects.exists()


def test_a_framework_in_the_catalog_already_is_pointed_to(client):
    FrameworkFactory(name="Django", slug="django")

    response = client.post(SUGGEST, {**VALID, "name": "django"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Django is in the catalog already, at /frameworks/django/." in response.text


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client):
    response = client.post(SUGGEST, {**VALID, "website": "http://spam.example/"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "leave the last field empty" in response.text
    assert not FrameworkSuggestion.objects.exists()


def test_each_address_may_send_only_a_few(client, settings):
    settings.SUGGESTION_RATE = "2/hour"
    for number in range(2):
        sent = client.post(SUGGEST, {**VALID, "name": f"Tool {number}"})
        assert sent.status_code == HTTPStatus.FOUND

    refused = client.post(SUGGEST, {**VALID, "name": "Tool 3"})
    other_address = client.post(
        SUGGEST, {**VALID, "name": "Tool 4"}, REMOTE_ADDR="192.0.2.9"
    )

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(refused["Retry-After"]) > 0
    assert "please send more in a while" in refused.text
    assert other_address.status_code == HTTPStatus.FOUND
    assert FrameworkSuggestion.objects.count() == 3


def test_a_post_without_the_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post(SUGGEST, VALID)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not FrameworkSuggestion.objects.exists()


def test_editors_list_suggestions_with_their_status_and_mark_them(editor_client):
    suggestion = FrameworkSuggestion.objects.create(name="Litestar")
    changelist = reverse("admin:catalog_frameworksuggestion_changelist")

    page = editor_client.get(changelist)
    marked = editor_client.post(
        changelist,
        {"action": "mark_added", "_selected_action": [suggestion.pk], "index": "0"},
    )

    assert page.status_code == HTTPStatus.OK
    assert "Litestar" in page.text and "New" in page.text
    assert marked.status_code == HTTPStatus.FOUND
    suggestion.refresh_from_db()
    assert suggestion.status == FrameworkSuggestion.Status.ADDED


def test_editors_cannot_make_up_suggestions(editor_client):
    response = editor_client.get(reverse("admin:catalog_frameworksuggestion_add"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_nul_byte_in_the_admin_list_is_a_bad_request(editor_client):
    url = reverse("admin:catalog_frameworksuggestion_changelist")
    assert editor_client.get(url, {"q": "x\x00"}).status_code == 400


def test_the_suggestion_page_runs_an_exact_number_of_queries_at_two_sizes(
    client, assert_constant_queries
):
    count, response = assert_constant_queries(lambda: client.get(SUGGEST), 0)
    assert response.status_code == HTTPStatus.OK
    assert count == 0
