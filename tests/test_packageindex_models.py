"""Package facts on the model: what they say as time passes, and the filters."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Framework
from catalog.packageindex.dates import months_before
from catalog.packageindex.models import facts_of
from tests.factories import FrameworkFactory, PackageFactsFactory, days_ago, release

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.date(2026, 11, 25), 12, datetime.date(2025, 11, 25)),
        (datetime.date(2026, 5, 31), 3, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2023, 2, 28)),
        (datetime.date(2026, 1, 15), 18, datetime.date(2024, 7, 15)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_releases_in_the_last_12_months_count_up_to_the_check():
    facts = PackageFactsFactory(
        releases=[release("1.0", 700), release("1.1", 500), release("2.0b1", 300, True)]
    )
    assert facts.releases_last_12_months == 1

    # Checked 200 days ago: the 12 months before that check held two releases.
    facts.fetched_at = timezone.now() - timedelta(days=200)
    assert facts.releases_last_12_months == 2


def test_a_project_without_a_release_for_18_months_is_quiet_since_its_last():
    quiet = PackageFactsFactory(releases=[release("1.0", 900), release("1.1", 560)])
    active = PackageFactsFactory(releases=[release("1.0", 900), release("1.1", 500)])

    assert quiet.quiet_since == days_ago(560)
    assert active.quiet_since is None


def test_facts_older_than_the_maximum_age_are_stale(settings):
    settings.PACKAGE_FACTS_MAX_AGE = timedelta(days=7)
    facts = PackageFactsFactory(fetched_at=timezone.now() - timedelta(days=6))
    assert not facts.is_stale

    facts.fetched_at = timezone.now() - timedelta(days=8)
    assert facts.is_stale


def test_the_newest_pre_release_is_named_when_newer_than_the_latest_version():
    facts = PackageFactsFactory(
        releases=[release("1.0", 100), release("2.0rc1", 5, pre=True)],
        latest_version="1.0",
    )

    assert facts.newest_prerelease == {"version": "2.0rc1", "date": days_ago(5)}

    facts.releases = [release("2.0rc1", 50, pre=True), release("1.0.1", 5)]
    assert facts.newest_prerelease is None


def test_releases_per_year_run_to_the_year_of_the_check_with_empty_years():
    today = timezone.localdate()
    facts = PackageFactsFactory(
        releases=[
            release("1.0", (today - datetime.date(today.year - 3, 3, 1)).days),
            release("1.1", (today - datetime.date(today.year - 3, 6, 1)).days),
            release("2.0", (today - datetime.date(today.year - 1, 6, 1)).days),
        ]
    )

    assert facts.releases_per_year == [
        (today.year - 3, 2),
        (today.year - 2, 0),
        (today.year - 1, 1),
        (today.year, 0),
    ]


def test_licence_is_the_expression_else_the_classifier():
    facts = PackageFactsFactory(license_expression="", license_classifier="MIT License")
    assert facts.license == "MIT License"

    facts.license_expression = "MIT"
    assert facts.license == "MIT"


def test_facts_are_not_shown_for_a_framework_without_a_package_name():
    facts = PackageFactsFactory()
    framework = facts.framework
    assert facts_of(framework) == facts

    framework.pypi_name = ""
    assert facts_of(framework) is None
    assert facts_of(FrameworkFactory(pypi_name="later")) is None


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


def test_released_recently_means_a_release_in_the_last_12_months():
    PackageFactsFactory(framework__slug="fresh", releases=[release("1.0", 300)])
    PackageFactsFactory(framework__slug="stale", releases=[release("1.0", 400)])
    FrameworkFactory(slug="no-facts")

    assert slugs(Framework.objects.released_recently()) == ["fresh"]


@pytest.mark.parametrize(
    ("minor", "expected"),
    [
        (9, ["open-ended"]),
        (10, ["bounded", "open-ended"]),
        (13, ["bounded", "open-ended"]),
        (14, ["open-ended"]),
    ],
)
def test_supporting_python_reads_the_stored_range(minor, expected):
    PackageFactsFactory(framework__slug="bounded", python_lowest=10, python_highest=13)
    PackageFactsFactory(
        framework__slug="open-ended", python_lowest=9, python_highest=None
    )
    PackageFactsFactory(
        framework__slug="unknown", python_lowest=None, python_highest=None
    )

    assert slugs(Framework.objects.supporting_python(minor)) == expected
