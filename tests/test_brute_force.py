"""Guessing is stopped: admin sign-ins lock out, wrong API tokens are throttled."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import EditorFactory
from tests.servers import run_django

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")


@pytest.fixture
def ada():
    return EditorFactory(username="ada")


def sign_in(client, password, username="ada", address="192.0.2.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": ADMIN},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_account_for_that_address(client, ada):
    wrong = [sign_in(client, "guess").status_code for _ in range(5)]

    sixth = sign_in(client, PASSWORD)

    assert wrong == [HTTPStatus.OK] * 4 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert sixth.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Sign-in paused for this account" in sixth.text
    assert "After 5 wrong passwords for “ada”" in sixth.text
    assert "paused for 15 minutes" in sixth.text
    assert sixth["Retry-After"] == "900"
    assert client.get(ADMIN).status_code == HTTPStatus.FOUND  # not signed in


def test_a_lockout_holds_for_that_account_and_address_only(client, ada):
    EditorFactory(username="bea")
    for _ in range(5):
        sign_in(client, "guess")

    from_elsewhere = sign_in(client, PASSWORD, address="198.51.100.9")
    client.logout()
    other_account = sign_in(client, PASSWORD, username="bea")

    assert from_elsewhere.status_code == HTTPStatus.FOUND
    assert other_account.status_code == HTTPStatus.FOUND


def test_a_lockout_ends_after_the_cool_off(client, ada):
    for _ in range(5):
        sign_in(client, "guess")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert sign_in(client, PASSWORD).status_code == HTTPStatus.FOUND


def test_signing_in_clears_earlier_failures(client, ada):
    for _ in range(4):
        sign_in(client, "guess")
    sign_in(client, PASSWORD)
    client.logout()

    statuses = [sign_in(client, "guess").status_code for _ in range(4)]

    assert statuses == [HTTPStatus.OK] * 4


def test_lockout_limit_and_cool_off_come_from_the_environment():
    result = run_django(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)",
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_MINUTES="2.5",
    )
    assert result.stdout.split()[-2:] == ["3", "0:02:30"]


# --- API tokens ----------------------------------------------------------------


@pytest.fixture
def three_wrong_tokens_a_minute(settings, empty_cache):
    settings.API_TOKEN_FAILURE_RATE = "3/minute"


def with_token(api_client, token, address="192.0.2.1"):
    return api_client.get(
        reverse("api:category-list"),
        HTTP_AUTHORIZATION=f"Token {token}",
        REMOTE_ADDR=address,
    )


def test_wrong_tokens_are_throttled_per_address(
    api_client, editor_token, three_wrong_tokens_a_minute
):
    wrong = [with_token(api_client, f"guess{n}").status_code for n in range(3)]

    blocked = with_token(api_client, editor_token)

    assert wrong == [HTTPStatus.UNAUTHORIZED] * 3
    assert blocked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many wrong tokens" in blocked.json()["detail"]
    assert 0 < int(blocked["Retry-After"]) <= 60
    other = with_token(api_client, editor_token, address="198.51.100.9")
    assert other.status_code == HTTPStatus.OK
    anonymous = api_client.get(reverse("api:category-list"), REMOTE_ADDR="192.0.2.1")
    assert anonymous.status_code == HTTPStatus.OK


def test_right_tokens_do_not_count_against_the_address(
    api_client, editor_token, three_wrong_tokens_a_minute
):
    statuses = [with_token(api_client, editor_token).status_code for _ in range(5)]
    assert statuses == [HTTPStatus.OK] * 5
