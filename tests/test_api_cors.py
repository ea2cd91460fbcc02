"""Read-only CORS: another site's page may GET the API, never write through it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://elsewhere.example"


def test_get_is_open_to_other_origins(api_client):
    FrameworkFactory(slug="alpha")

    response = api_client.get(reverse("api:framework-list"), HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_allows_reads_only(api_client):
    response = api_client.options(
        reverse("api:framework-list"),
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert response.status_code == HTTPStatus.OK
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_writes_carry_no_cors_headers(editor_api_client, method):
    FrameworkFactory(slug="alpha")
    url = (
        reverse("api:framework-list")
        if method == "post"
        else reverse("api:framework-detail", args=["alpha"])
    )

    response = getattr(editor_api_client, method)(
        url, {}, format="json", HTTP_ORIGIN=ORIGIN
    )

    assert "Access-Control-Allow-Origin" not in response


def test_pages_outside_the_api_carry_no_cors_headers(client):
    response = client.get(reverse("catalog:trends"), HTTP_ORIGIN=ORIGIN)

    assert "Access-Control-Allow-Origin" not in response
