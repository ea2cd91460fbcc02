"""What the package index says about a framework's package, as last fetched."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .dates import months_before

RECENT_MONTHS = 12  # "releases in the last 12 months"
QUIET_MONTHS = 18  # a project with no release for this long is marked quiet


def _today():
    return timezone.localdate()


class PackageFactsQuerySetMixin:
    """Framework QuerySet methods that read the package facts."""

    def with_package_facts(self):
        return self.select_related("package_facts")

    def released_recently(self):
        """Frameworks whose package had a release in the last 12 months."""
        since = months_before(_today(), RECENT_MONTHS)
        return self.filter(package_facts__last_release_date__gte=since)

    def supporting_python(self, minor):
        """Frameworks whose package supports Python 3.<minor>.

        See ``PackageFacts.python_lowest`` for how support is read from the
        classifiers and ``requires_python``.
        """
        facts = "package_facts__"
        return self.filter(
            Q(**{f"{facts}python_lowest__lte": minor})
            & (
                Q(**{f"{facts}python_highest__isnull": True})
                | Q(**{f"{facts}python_highest__gte": minor})
            )
        )


class PackageFacts(models.Model):
    """One framework's package as the index described it when last fetched.

    Written only by the importer (``syncpackages``, the admin's refresh action and
    its add-from-index page); each fetch replaces the row in one transaction.
    """

    framework = models.OneToOneField(
        "catalog.Framework", on_delete=models.CASCADE, related_name="package_facts"
    )
    project = models.CharField(
        max_length=100, help_text="The project's name as the index spells it."
    )
    index_page = models.URLField(
        blank=True, help_text="The project's page on the index, for readers."
    )
    latest_version = models.CharField(
        max_length=100,
        blank=True,
        help_text="The highest final (not pre-release) version; blank if none.",
    )
    latest_version_date = models.DateField(
        null=True, blank=True, help_text="When the latest version was uploaded."
    )
    first_release_date = models.DateField(help_text="The earliest upload.")
    last_release_date = models.DateField(
        help_text="The newest upload of any release, pre-releases included."
    )
    releases = models.JSONField(
        default=list,
        blank=True,
        help_text='Every release, oldest first: {"version", "date", "pre"}. Yanked '
        "releases and versions that are not PEP 440 are left out.",
    )
    requires_python = models.CharField(max_length=200, blank=True)
    python_versions = models.JSONField(
        default=list,
        blank=True,
        help_text='The Python versions its classifiers list, e.g. ["3.12", "3.13"].',
    )
    # Specifiers cannot be evaluated in SQL, so the importer reads them into a
    # range of Python 3 minor versions that the catalog's filter can compare.
    python_lowest = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Lowest supported Python 3 minor version: the lowest classifier "
        "version that requires_python admits, or without classifiers the lowest "
        "version requires_python admits. Blank when unknown.",
    )
    python_highest = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Highest supported Python 3 minor version, as above; blank when "
        "requires_python sets no upper bound and no classifier lists a version.",
    )
    development_status = models.CharField(
        max_length=40, blank=True, help_text="E.g. Production/Stable."
    )
    license_expression = models.CharField(
        max_length=200, blank=True, help_text="The SPDX licence expression, if given."
    )
    license_classifier = models.CharField(
        max_length=200, blank=True, help_text="The licence classifier, if any."
    )
    project_urls = models.JSONField(
        default=dict, blank=True, help_text="Labelled links, e.g. Source, Changelog."
    )
    fetched_at = models.DateTimeField(
        help_text="When the index last confirmed these facts."
    )
    etag = models.CharField(
        max_length=200,
        blank=True,
        help_text="The answer's ETag, sent back as If-None-Match next time.",
    )

    class Meta:
        ordering = ["framework"]
        verbose_name = "package facts"
        verbose_name_plural = "package facts"

    def __str__(self):
        return f"{self.project} {self.latest_version}".strip()

    @property
    def license(self):
        """The SPDX expression where the project gives one, else its classifier."""
        return self.license_expression or self.license_classifier

    @property
    def is_stale(self):
        """Fetched longer ago than ``PACKAGE_FACTS_MAX_AGE``: not to be shown as
        current."""
        return self.fetched_at < timezone.now() - settings.PACKAGE_FACTS_MAX_AGE

    @property
    def checked_on(self):
        return timezone.localdate(self.fetched_at)

    @property
    def releases_last_12_months(self):
        """Releases in the 12 months up to the check (the facts know no later)."""
        since = months_before(self.checked_on, RECENT_MONTHS).isoformat()
        return sum(1 for release in self.releases if release["date"] >= since)

    @property
    def quiet_since(self):
        """The last release's date when it is 18 months old or more, else None."""
        if self.last_release_date <= months_before(_today(), QUIET_MONTHS):
            return self.last_release_date
        return None

    @property
    def newest_prerelease(self):
        """The newest release when it is a pre-release newer than the latest
        version (``{"version", "date"}``), else None."""
        if not self.releases:
            return None
        newest = self.releases[-1]
        if not newest["pre"] or newest["version"] == self.latest_version:
            return None
        return {
            "version": newest["version"],
            "date": datetime.date.fromisoformat(newest["date"]),
        }

    @property
    def releases_per_year(self):
        """``[(year, count), ...]`` from the first release's year to the year of
        the last check, with the years without a release as 0."""
        counts = {}
        for release in self.releases:
            year = int(release["date"][:4])
            counts[year] = counts.get(year, 0) + 1
        first = self.first_release_date.year
        last = max(self.checked_on.year, self.last_release_date.year)
        return [(year, counts.get(year, 0)) for year in range(first, last + 1)]


def facts_of(framework):
    """The framework's package facts, or None when it has none to show.

    A framework without a PyPI name has no package of its own; facts left from
    an earlier name are not shown.
    """
    if not framework.pypi_name:
        return None
    try:
        return framework.package_facts
    except PackageFacts.DoesNotExist:
        return None
