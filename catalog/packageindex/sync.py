"""Refresh frameworks' package facts from the index, one line of report each.

Used by ``manage.py syncpackages`` and the admin's "Refresh package facts".
Every framework is fetched (a few at a time) before anything is written; then
each framework's facts are written as one row, in a transaction of its own. An
answer that cannot be used leaves that framework's facts as they were and never
stops the others.
"""

import time
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone
from packaging.utils import canonicalize_name

from ..content_version import content_changed
from ..text import normalise_instance
from .client import FetchError, run
from .models import PackageFacts
from .parse import MalformedAnswer, parse_project

MAX_NAMED_SKIPS = 5  # versions named in a report line; the rest are counted


class Outcome(StrEnum):
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Result:
    slug: str
    outcome: Outcome
    message: str

    def __str__(self):
        return f"{self.slug}: {self.message}"


@dataclass
class Report:
    results: list = field(default_factory=list)
    downloaded: int = 0  # bytes of answers received
    seconds: float = 0.0

    @property
    def failed(self):
        return [r for r in self.results if r.outcome == Outcome.FAILED]

    def summary(self):
        counts = ", ".join(
            f"{sum(r.outcome == outcome for r in self.results)} {outcome}"
            for outcome in Outcome
        )
        return (
            f"{len(self.results)} frameworks: {counts}; "
            f"{human_bytes(self.downloaded)} downloaded in {self.seconds:.1f} s."
        )


@dataclass(frozen=True)
class Answer:
    """A project fetched and read: ``facts`` is None when it is unchanged."""

    facts: object
    etag: str
    downloaded: int


def sync_packages(frameworks, index, *, stale_after=None):
    """Refresh the package facts of ``frameworks`` (a Framework QuerySet).

    ``stale_after`` (a timedelta) skips frameworks whose facts were fetched more
    recently than that.
    """
    started = time.monotonic()
    report, jobs = Report(), []
    for framework in frameworks.select_related("package_facts").order_by("slug"):
        facts = _existing_facts(framework)
        skip = _reason_to_skip(framework, facts, stale_after)
        if skip:
            report.results.append(Result(framework.slug, Outcome.SKIPPED, skip))
        else:
            jobs.append((framework, facts))

    async def fetch_and_read(client, name, etag):
        fetched = await index.fetch(client, name, etag)
        try:
            facts = None if fetched.data is None else parse_project(fetched.data)
        except MalformedAnswer as error:
            raise FetchError(str(error), downloaded=fetched.downloaded) from None
        return Answer(facts, fetched.etag, fetched.downloaded)

    requests = [(f.pypi_name, _etag_to_send(f, facts)) for f, facts in jobs]
    answers = run(index.fetch_many(requests, fetch_and_read))
    for (framework, facts), answer in zip(jobs, answers, strict=True):
        if not isinstance(answer, Answer | FetchError):
            raise answer  # a defect, not a bad answer: let it be seen
        report.downloaded += answer.downloaded
        report.results.append(_store(framework, facts, answer))
    report.results.sort(key=lambda result: result.slug)
    report.seconds = time.monotonic() - started
    return report


def _existing_facts(framework):
    try:
        return framework.package_facts
    except PackageFacts.DoesNotExist:
        return None


def _same_project(framework, facts):
    return facts is not None and canonicalize_name(facts.project) == canonicalize_name(
        framework.pypi_name
    )


def _reason_to_skip(framework, facts, stale_after):
    if not framework.pypi_name:
        if facts is not None:
            facts.delete()
            return (
                "skipped: no package of its own (its PyPI name is blank); "
                f"removed the facts of {facts.project}"
            )
        return "skipped: no package of its own (its PyPI name is blank)"
    if (
        stale_after is not None
        and _same_project(framework, facts)
        and facts.fetched_at > timezone.now() - stale_after
    ):
        return f"skipped: checked at {facts.fetched_at:%Y-%m-%d %H:%M} UTC, recently"
    return ""


def _etag_to_send(framework, facts):
    # An ETag answers for the project it came from, not for a renamed one.
    return facts.etag if _same_project(framework, facts) else ""


def _store(framework, facts, answer):
    if isinstance(answer, FetchError):
        kept = (
            f"kept the facts checked on {facts.fetched_at:%Y-%m-%d}"
            if facts is not None
            else "it has no facts yet"
        )
        return Result(
            framework.slug, Outcome.FAILED, f"not refreshed, {kept}: {answer}"
        )
    if answer.facts is None:
        PackageFacts.objects.filter(pk=facts.pk).update(fetched_at=timezone.now())
        content_changed()  # "checked on" shows on pages
        return Result(
            framework.slug,
            Outcome.UNCHANGED,
            "unchanged since the last check (304, nothing downloaded)",
        )
    fields = facts_fields(framework, answer.facts)
    if facts is not None and _stored_alike(facts, fields):
        PackageFacts.objects.filter(pk=facts.pk).update(
            fetched_at=timezone.now(), etag=answer.etag
        )
        content_changed()
        return Result(
            framework.slug, Outcome.UNCHANGED, "unchanged since the last check"
        )
    save_facts(framework, answer.facts, answer.etag)
    return Result(framework.slug, Outcome.UPDATED, describe_update(answer.facts))


def _stored_alike(facts, fields):
    """Whether saving ``fields`` would store what ``facts`` holds already.

    Text is normalised on save (``catalog.text``), so an answer with trailing
    spaces or CRLF line endings is compared in the form it would be stored in.
    """
    fresh = PackageFacts(**fields)
    normalise_instance(fresh)
    return all(getattr(facts, name) == getattr(fresh, name) for name in fields)


def facts_fields(framework, facts):
    """The PackageFacts fields read from ``facts`` (a parsed ``ProjectFacts``)."""
    latest = facts.latest
    return {
        "project": facts.project or framework.pypi_name,
        "index_page": facts.index_page,
        "latest_version": latest.version if latest else "",
        "latest_version_date": latest.date if latest else None,
        "first_release_date": facts.first_release.date,
        "last_release_date": facts.last_release.date,
        "releases": [release.as_json() for release in facts.releases],
        "requires_python": facts.requires_python,
        "python_versions": list(facts.python_versions),
        "python_lowest": facts.python_lowest,
        "python_highest": facts.python_highest,
        "development_status": facts.development_status,
        "license_expression": facts.license_expression,
        "license_classifier": facts.license_classifier,
        "project_urls": facts.project_urls,
    }


def save_facts(framework, facts, etag=""):
    """Store ``facts`` as the framework's package facts, replacing any before.

    update_or_create writes the row in a transaction of its own.
    """
    PackageFacts.objects.update_or_create(
        framework=framework,
        defaults={
            **facts_fields(framework, facts),
            "fetched_at": timezone.now(),
            "etag": etag,
        },
    )


def describe_update(facts):
    latest = facts.latest
    text = (
        f"updated: {latest.version} of {latest.date:%Y-%m-%d}"
        if latest
        else "updated: no final release yet"
    )
    text += f", {len(facts.releases)} releases"
    if facts.skipped:
        named = ", ".join(repr(v) for v in facts.skipped[:MAX_NAMED_SKIPS])
        more = len(facts.skipped) - MAX_NAMED_SKIPS
        named += f" and {more} more" if more > 0 else ""
        text += (
            f"; left out {len(facts.skipped)} version(s) that are not PEP 440: {named}"
        )
    return text


def human_bytes(count):
    if count < 1000:
        return f"{count} bytes"
    if count < 1_000_000:
        return f"{count / 1000:.1f} kB"
    return f"{count / 1_000_000:.1f} MB"
