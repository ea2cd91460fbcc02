"""The browsable API carries the site's name, leads back to it, and signs in."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page(client, url="/api/frameworks/"):
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_browsable_api_is_branded_with_the_site(client):
    html = page(client)

    assert "<title>Framework List · PyFrameworks API</title>" in html
    assert f'class="navbar-brand" href="{reverse("catalog:framework-list")}"' in html
    assert "Django REST framework</a>" not in html


def test_readers_are_offered_a_sign_in_that_comes_back(client):
    html = page(client)

    login = reverse("admin:login")
    assert f'<a href="{login}?next=/api/frameworks/">Log in</a>' in html


def test_signed_in_editors_can_sign_out(editor_client, editor):
    html = page(editor_client)

    assert f"Signed in as {editor.get_username()}" in html
    assert f'action="{reverse("admin:logout")}?next=/api/frameworks/"' in html
    assert "Log out</button>" in html


def test_signing_in_from_the_link_returns_to_the_api(client, editor):
    editor.set_password("correct horse battery")
    editor.save()

    response = client.post(
        f"{reverse('admin:login')}?next=/api/frameworks/",
        {
            "username": editor.get_username(),
            "password": "correct horse battery",
            "next": "/api/frameworks/",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/api/frameworks/"
