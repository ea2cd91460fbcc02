"""manage.py backup and restore: every row, history included, on any database."""

import json
from contextlib import contextmanager
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from catalog.editors import EDITORS_GROUP
from catalog.models import Framework, StartingEntry
from tests.factories import full_framework
from tests.servers import postgres_server, run_django

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog_with_history(editor, editor_token):
    """Frameworks created, edited and deleted; an editor in two groups, a token."""
    alpha = full_framework(slug="alpha", name="Alpha")
    beta = full_framework(slug="beta", name="Beta")
    alpha.summary = "Edited by an editor"
    alpha._history_user = editor
    alpha.save()
    beta.delete()
    StartingEntry.objects.create(model="catalog.framework", key="beta")
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(Permission.objects.get(codename="view_logentry"))
    editor.groups.add(reviewers)
    return editor


def backup(path):
    call_command("backup", str(path), stdout=StringIO())
    return path


def read(path):
    return json.loads(path.read_text())


def test_backup_then_restore_round_trips_every_row_with_history(
    tmp_path, catalog_with_history, api_client
):
    first = backup(tmp_path / "first.json")
    versions = list(Framework.history.values_list("history_id", "history_type"))
    out = StringIO()

    call_command("restore", str(first), "--replace", stdout=out)

    assert read(backup(tmp_path / "second.json")) == read(first)
    assert list(Framework.history.values_list("history_id", "history_type")) == (
        versions
    )
    assert "Restored" in out.getvalue()
    # Editors sign in with their password and token, with their groups' rights.
    editor = catalog_with_history.__class__.objects.get(username="editor")
    assert editor.check_password("correct horse battery staple")
    assert set(editor.groups.values_list("name", flat=True)) == {
        EDITORS_GROUP,
        "Reviewers",
    }
    assert editor.has_perm("catalog.change_framework")
    token = Token.objects.get(user=editor).key
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.patch(
        reverse("api:framework-detail", args=["alpha"]), {"summary": "Again"}
    )
    assert response.status_code == 200


def test_backup_covers_every_model_with_rows(tmp_path, catalog_with_history):
    labels = {row["model"] for row in read(backup(tmp_path / "backup.json"))}

    assert {
        "auth.user",
        "auth.group",
        "authtoken.token",
        "catalog.framework",
        "catalog.historicalframework",
        "catalog.historicalframework_use_cases",
        "catalog.usagestat",
        "catalog.historicalusagestat",
        "catalog.startingentry",
    } <= labels
    assert not labels & {"contenttypes.contenttype", "auth.permission"}


def test_restore_refuses_a_database_with_content(tmp_path, catalog_with_history):
    path = backup(tmp_path / "backup.json")

    with pytest.raises(CommandError, match="already has content.*--replace"):
        call_command("restore", str(path), stdout=StringIO())

    assert Framework.objects.get(slug="alpha").summary == "Edited by an editor"


def test_a_compressed_backup_restores(tmp_path, catalog_with_history):
    path = backup(tmp_path / "backup.json.gz")
    rows = Framework.history.count()

    call_command("restore", str(path), "--replace", stdout=StringIO())

    assert Framework.history.count() == rows


@contextmanager
def fresh_sqlite(tmp_path):
    yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"


@pytest.mark.parametrize("fresh_database", [fresh_sqlite, postgres_server])
def test_a_backup_restores_into_a_fresh_database_of_either_kind(
    tmp_path, catalog_with_history, fresh_database
):
    path = backup(tmp_path / "backup.json")
    arguments = (tmp_path,) if fresh_database is fresh_sqlite else ()

    with fresh_database(*arguments) as url:
        for command in (
            ["migrate", "--noinput"],
            ["restore", str(path)],
            ["backup", str(tmp_path / "again.json")],
        ):
            result = run_django(*command, DATABASE_URL=url)
            assert result.returncode == 0, result.stderr

    assert read(tmp_path / "again.json") == read(path)
