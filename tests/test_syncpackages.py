"""The syncpackages command."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import PackageFacts
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


def syncpackages(*args):
    out = io.StringIO()
    call_command("syncpackages", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def flask_and_fastapi(package_index):
    FrameworkFactory(slug="flask", name="Flask", pypi_name="Flask")
    FrameworkFactory(slug="fastapi", name="FastAPI", pypi_name="fastapi")
    package_index.serve("Flask")
    package_index.serve("fastapi")
    return package_index


def test_without_an_index_url_it_says_what_to_set_and_fails(settings, db):
    settings.PACKAGE_INDEX_URL = ""

    with pytest.raises(CommandError, match="Set PACKAGE_INDEX_URL to the JSON API"):
        syncpackages()


def test_an_index_url_that_is_not_a_web_address_is_refused(settings, db):
    settings.PACKAGE_INDEX_URL = "file:///etc/passwd"

    with pytest.raises(CommandError, match="not a web address"):
        syncpackages()


def test_prints_a_line_per_framework_and_a_summary(flask_and_fastapi):
    output = syncpackages()

    lines = output.splitlines()
    assert lines[0].startswith("fastapi: updated: 0.165.0 of 2026-11-18")
    assert lines[1].startswith("flask: updated: 3.1.3 of 2026-02-19, 64 releases")
    assert lines[2].startswith(
        "2 frameworks: 2 updated, 0 unchanged, 0 skipped, 0 failed; "
    )
    assert " kB downloaded in " in lines[2]


def test_refreshes_only_the_slugs_given(flask_and_fastapi):
    syncpackages("flask")

    assert flask_and_fastapi.names_asked() == ["Flask"]


def test_an_unknown_slug_is_refused_before_any_request(flask_and_fastapi):
    with pytest.raises(CommandError, match="No framework with slug: nope"):
        syncpackages("flask", "nope")

    assert flask_and_fastapi.requests == []


def test_stale_after_skips_facts_fetched_recently(flask_and_fastapi):
    syncpackages()
    PackageFacts.objects.filter(framework__slug="flask").update(
        fetched_at=timezone.now() - timedelta(days=3)
    )
    flask_and_fastapi.requests.clear()

    output = syncpackages("--stale-after", "2d")

    assert flask_and_fastapi.names_asked() == ["Flask"]
    assert "fastapi: skipped: checked at" in output


@pytest.mark.parametrize("value", ["2 days", "1.5h", "h", "1w", ""])
def test_stale_after_needs_a_number_and_a_unit(flask_and_fastapi, value):
    with pytest.raises(CommandError, match="invalid age value"):
        syncpackages("--stale-after", value)


def test_fails_after_the_others_when_a_framework_could_not_be_refreshed(
    flask_and_fastapi,
):
    flask_and_fastapi.bodies.pop("flask")
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 framework"):
        call_command("syncpackages", stdout=out)

    assert "fastapi: updated" in out.getvalue()
    assert "flask: not refreshed, it has no facts yet: the index has no project" in (
        out.getvalue()
    )
