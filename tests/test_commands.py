import io
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalog.editors import EDITORS_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "quiet-lantern-harbour-42"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def create_editor(*args):
    out = io.StringIO()
    call_command("createeditor", *args, stdout=out)
    return out.getvalue()


def test_createeditor_makes_a_staff_editor_who_can_use_the_admin(client, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", GOOD_PASSWORD)

    output = create_editor("ada", "--email", "ada@example.com")

    user = get_user_model().objects.get(username="ada")
    assert user.is_staff
    assert not user.is_superuser
    assert user.email == "ada@example.com"
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert "/admin/" in output
    signed_in = client.post(
        reverse("admin:login"), {"username": "ada", "password": GOOD_PASSWORD}
    )
    assert signed_in.status_code == HTTPStatus.FOUND
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    changelist = client.get(reverse("admin:catalog_framework_changelist"))
    assert changelist.status_code == HTTPStatus.OK


def test_createeditor_refuses_an_existing_username(monkeypatch):
    UserFactory(username="ada")
    monkeypatch.setenv("EDITOR_PASSWORD", GOOD_PASSWORD)

    with pytest.raises(CommandError, match="already exists"):
        create_editor("ada")


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("sh0rt!", "too short"),
        ("password123", "too common"),
        ("12345678901234", "entirely numeric"),
    ],
)
def test_createeditor_refuses_a_weak_password(monkeypatch, weak, reason):
    monkeypatch.setenv("EDITOR_PASSWORD", weak)

    with pytest.raises(CommandError, match=reason):
        create_editor("ada")

    assert not get_user_model().objects.filter(username="ada").exists()


def test_createeditor_prompts_twice_without_the_environment_variable(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return GOOD_PASSWORD

    monkeypatch.setattr("getpass.getpass", fake_getpass)

    create_editor("ada")

    assert len(prompts) == 2
    assert get_user_model().objects.get(username="ada").check_password(GOOD_PASSWORD)


def test_createeditor_refuses_passwords_that_differ(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    with pytest.raises(CommandError, match="differ"):
        create_editor("ada")

    assert not get_user_model().objects.filter(username="ada").exists()


def test_createeditor_needs_a_terminal_or_the_environment_variable(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())

    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        create_editor("ada")
