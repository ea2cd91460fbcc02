"""The package facts shipped with the starting content (package_facts.json)."""

import io

import pytest
from django.core.management import call_command
from packaging.utils import canonicalize_name
from packaging.version import Version

from catalog.models import Framework, PackageFacts

pytestmark = pytest.mark.django_db


def test_every_packaged_framework_has_facts_of_its_own_package(starting_content):
    for framework in Framework.objects.exclude(pypi_name=""):
        facts = framework.package_facts
        assert canonicalize_name(facts.project) == canonicalize_name(
            framework.pypi_name
        )
        assert facts.index_page.endswith(f"/project/{facts.project}/")
    assert PackageFacts.objects.count() == 25


def test_asyncio_has_no_package_and_no_facts(starting_content):
    asyncio = Framework.objects.get(slug="asyncio")

    assert asyncio.pypi_name == ""
    assert not PackageFacts.objects.filter(framework=asyncio).exists()


def test_recorded_facts_hold_together(starting_content):
    for facts in PackageFacts.objects.all():
        dates = [release["date"] for release in facts.releases]
        assert dates == sorted(dates), facts.project
        assert dates[0] == facts.first_release_date.isoformat()
        assert dates[-1] == facts.last_release_date.isoformat()
        finals = [r["version"] for r in facts.releases if not r["pre"]]
        assert facts.latest_version == str(max(finals, key=Version)), facts.project


def test_loadstartingcontent_loads_the_package_facts_too(db):
    call_command("loadstartingcontent", stdout=io.StringIO())

    assert PackageFacts.objects.count() == 25
    assert Framework.objects.get(slug="django").package_facts.project == "Django"
