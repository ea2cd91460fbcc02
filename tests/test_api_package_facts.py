"""Package facts in the API: on framework list and detail, filters and ordering."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    FrameworkFactory,
    PackageFactsFactory,
    full_framework,
    release,
)

pytestmark = pytest.mark.django_db


LIST = reverse("api:framework-list")


def detail(api_client, slug):
    response = api_client.get(reverse("api:framework-detail", args=[slug]))
    assert response.status_code == HTTPStatus.OK
    return response.json()


def slugs(response):
    assert response.status_code == HTTPStatus.OK, response.content[:300]
    return [entry["slug"] for entry in response.json()["results"]]


def test_framework_detail_holds_its_package_facts_and_release_history(
    api_client, first_ten_entries
):
    package = detail(api_client, "django")["package"]

    assert package["project"] == "Django"
    assert package["latest_version"] == "6.1.3"
    assert package["latest_version_date"] == "2026-11-03"
    assert package["first_release_date"] == "2010-05-17"
    assert package["python_versions"] == ["3.12", "3.13", "3.14"]
    assert package["requires_python"] == ">=3.12"
    assert package["development_status"] == "Production/Stable"
    assert package["license"] == "BSD-3-Clause"
    assert package["project_urls"]["Source"] == "https://github.com/django/django"
    assert package["index_page"] == "https://pypi.org/project/Django/"
    assert isinstance(package["releases_last_12_months"], int)
    assert package["fetched_at"].startswith("2026-11-25T")
    assert package["releases"][0] == {
        "version": "1.2",
        "date": "2010-05-17",
        "pre": False,
    }
    assert len(package["releases"]) == 439


def test_framework_list_holds_the_facts_without_the_release_history(
    api_client, first_ten_entries
):
    entries = {e["slug"]: e for e in api_client.get(LIST).json()["results"]}

    assert entries["flask"]["package"]["latest_version"] == "3.1.3"
    assert "releases" not in entries["flask"]["package"]
    assert entries["asyncio"]["package"] is None


def test_package_is_null_for_a_framework_without_facts(api_client):
    FrameworkFactory(slug="new", pypi_name="new")

    assert detail(api_client, "new")["package"] is None


def test_quiet_and_stale_are_stated(api_client, settings):
    settings.PACKAGE_FACTS_MAX_AGE = timedelta(days=7)
    facts = PackageFactsFactory(
        releases=[release("1.0", 900), release("1.1", 600)],
        fetched_at=timezone.now() - timedelta(days=8),
    )

    package = detail(api_client, facts.framework.slug)["package"]

    assert package["quiet_since"] == facts.last_release_date.isoformat()
    assert package["stale"] is True


def test_list_filters_to_a_release_in_the_last_12_months(api_client):
    PackageFactsFactory(framework__slug="fresh", releases=[release("1.0", 100)])
    PackageFactsFactory(framework__slug="old", releases=[release("1.0", 500)])
    FrameworkFactory(slug="no-package")

    assert slugs(api_client.get(LIST, {"released": "last-12-months"})) == ["fresh"]


def test_list_filters_to_a_python_version(api_client, first_ten_entries):
    assert slugs(api_client.get(LIST, {"python": "3.9"})) == ["flask", "httpx"]


def test_list_orders_by_latest_release_both_ways(api_client, first_ten_entries):
    newest = slugs(api_client.get(LIST, {"ordering": "-latest_release"}))
    oldest = slugs(api_client.get(LIST, {"ordering": "latest_release"}))

    assert newest[:2] == ["fastapi", "streamlit"]
    assert oldest[:2] == ["flask", "requests"]
    # Without a package, asyncio comes last both ways.
    assert newest[-1] == oldest[-1] == "asyncio"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"python": "three"}, "python"),
        ({"python": "3.x"}, "python"),
        ({"released": "true"}, "released"),
        ({"ordering": "release"}, "ordering"),
    ],
)
def test_bad_package_filters_answer_400_naming_the_parameter(api_client, params, field):
    response = api_client.get(LIST, params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # read apart, for representations not kept (catalog/api/kept.py)
        ("api:framework-list", 3),
        ("api:framework-detail", 12),
        ("api:compare", 13),
    ],
)
def test_endpoints_with_facts_run_a_fixed_number_of_queries(
    api_client, assert_constant_queries, url, expected
):
    target = full_framework(slug="target")
    full_framework(slug="other")
    address = {
        "api:framework-list": f"{LIST}?python=3.12&ordering=-latest_release",
        "api:framework-detail": reverse("api:framework-detail", args=["target"]),
        "api:compare": f"{reverse('api:compare')}?frameworks=other,target",
    }[url]

    def related_framework():
        target.relations.create(to_framework=full_framework(), kind="alternative")

    _, response = assert_constant_queries(
        lambda: api_client.get(address, HTTP_ACCEPT="application/json"),
        expected,
        make_framework=related_framework,
    )

    assert response.status_code == HTTPStatus.OK
    assert "latest_version" in response.content.decode()
