"""Refreshing package facts from the (recorded) index."""

import asyncio
import datetime
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from catalog.models import Framework, PackageFacts
from catalog.packageindex import client
from catalog.packageindex.client import PackageIndex
from catalog.packageindex.sync import Outcome, sync_packages
from tests.factories import FrameworkFactory, PackageFactsFactory
from tests.recorded_index import INDEX_URL, recording, without_release

pytestmark = pytest.mark.django_db

PACKAGED = {
    "fastapi": "fastapi",
    "django": "Django",
    "flask": "Flask",
    "requests": "requests",
    "django-rest-framework": "djangorestframework",
    "httpx": "httpx",
    "aiohttp": "aiohttp",
    "streamlit": "streamlit",
    "starlette": "starlette",
}


def sync(*slugs, **kwargs):
    frameworks = Framework.objects.all()
    if slugs:
        frameworks = frameworks.filter(slug__in=slugs)
    return sync_packages(frameworks, PackageIndex(INDEX_URL), **kwargs)


def results(report):
    return {result.slug: result for result in report.results}


def framework(slug, pypi_name=None):
    return FrameworkFactory(slug=slug, name=slug.title(), pypi_name=pypi_name or slug)


@pytest.fixture
def catalog(package_index):
    """The nine packaged frameworks, each served by its recording, and asyncio."""
    for slug, name in PACKAGED.items():
        framework(slug, name)
        package_index.serve(name)
    FrameworkFactory(slug="asyncio", name="asyncio", pypi_name="")
    package_index.serve("asyncio", {"info": {}, "releases": {}})  # the old project
    return package_index


def test_first_import_fills_every_packaged_framework(catalog):
    report = sync()

    assert {slug for slug, r in results(report).items() if r.outcome == "updated"} == (
        set(PACKAGED)
    )
    facts = PackageFacts.objects.get(framework__slug="django")
    assert facts.project == "Django"
    assert facts.latest_version == "6.1.3"
    assert facts.latest_version_date == datetime.date(2026, 11, 3)
    assert facts.first_release_date == datetime.date(2010, 5, 17)
    assert facts.python_versions == ["3.12", "3.13", "3.14"]
    assert facts.license == "BSD-3-Clause"
    assert facts.development_status == "Production/Stable"
    assert facts.project_urls["Source"] == "https://github.com/django/django"
    # Three releases on 3 November; 5.2.19 was uploaded last, a minute after.
    assert facts.releases[-3:] == [
        {"version": version, "date": "2026-11-03", "pre": False}
        for version in ("6.1.3", "6.0.10", "5.2.19")
    ]
    assert facts.etag.startswith('"')
    assert timezone.now() - facts.fetched_at < timedelta(minutes=1)
    assert str(results(report)["django"]) == (
        "django: updated: 6.1.3 of 2026-11-03, 439 releases"
    )
    assert report.downloaded > 100_000


def test_a_framework_without_a_package_is_skipped_and_never_asked_for(catalog):
    report = sync()

    assert str(results(report)["asyncio"]) == (
        "asyncio: skipped: no package of its own (its PyPI name is blank)"
    )
    assert "asyncio" not in catalog.names_asked()
    assert not PackageFacts.objects.filter(framework__slug="asyncio").exists()


def test_facts_left_from_a_package_name_since_cleared_are_removed(package_index):
    facts = PackageFactsFactory(framework=framework("asyncio", "asyncio"))
    Framework.objects.filter(pk=facts.framework_id).update(pypi_name="")

    report = sync()

    assert "removed the facts of asyncio" in str(results(report)["asyncio"])
    assert not PackageFacts.objects.exists()
    assert package_index.requests == []


def test_an_unchanged_project_is_answered_304_and_downloads_nothing(catalog):
    sync("django")
    PackageFacts.objects.update(fetched_at=timezone.now() - timedelta(days=3))
    first = PackageFacts.objects.get()

    report = sync("django")

    request = catalog.requests[-1]
    assert request.headers["If-None-Match"] == first.etag
    assert str(results(report)["django"]) == (
        "django: unchanged since the last check (304, nothing downloaded)"
    )
    assert report.downloaded == 0
    facts = PackageFacts.objects.get()
    assert facts.fetched_at > first.fetched_at
    assert facts.releases == first.releases


def test_a_full_answer_with_the_same_facts_is_reported_unchanged(catalog):
    sync("flask")
    PackageFacts.objects.update(etag="")  # e.g. a mirror that sends no ETag

    report = sync("flask")

    assert results(report)["flask"].outcome == Outcome.UNCHANGED
    assert report.downloaded > 0
    assert PackageFacts.objects.get().etag != ""


def test_an_answer_differing_only_in_line_breaks_is_reported_unchanged(catalog):
    # Text is stored normalised (catalog.text); the answer must compare alike.
    answer = recording("flask")
    answer["info"]["license_expression"] = "BSD-3-Clause\r\nOR MIT"
    catalog.serve("Flask", answer)
    sync("flask")
    PackageFacts.objects.update(etag="")

    report = sync("flask")

    assert results(report)["flask"].outcome == Outcome.UNCHANGED


def test_a_new_release_replaces_the_facts(catalog):
    catalog.serve("Django", without_release(recording("django"), "6.1.3"))
    sync("django")
    assert PackageFacts.objects.get().latest_version == "6.1.2"

    catalog.serve("Django")
    report = sync("django")

    assert str(results(report)["django"]).startswith("django: updated: 6.1.3 of")
    facts = PackageFacts.objects.get()
    assert facts.latest_version == "6.1.3"
    assert "6.1.3" in {release["version"] for release in facts.releases}


def test_a_404_keeps_the_last_good_facts_and_the_others_are_updated(catalog):
    sync("flask")
    before = PackageFacts.objects.get(framework__slug="flask")
    catalog.bodies.pop("flask")

    report = sync("flask", "fastapi")

    line = str(results(report)["flask"])
    assert line.startswith("flask: not refreshed, kept the facts checked on ")
    assert "no project 'Flask' (404)" in line
    assert results(report)["fastapi"].outcome == Outcome.UPDATED
    after = PackageFacts.objects.get(framework__slug="flask")
    assert (after.fetched_at, after.releases) == (before.fetched_at, before.releases)
    assert report.failed == [results(report)["flask"]]


def test_a_404_for_a_framework_without_facts_says_so(package_index):
    framework("ghost")

    report = sync()

    assert str(results(report)["ghost"]).startswith(
        "ghost: not refreshed, it has no facts yet: the index has no project 'ghost'"
    )


def test_a_timeout_is_retried_after_a_pause(catalog):
    catalog.queue("Flask", httpx.ReadTimeout("slow"))

    report = sync("flask")

    assert results(report)["flask"].outcome == Outcome.UPDATED
    assert catalog.names_asked() == ["Flask", "Flask"]
    assert catalog.sleeps == [client.BACKOFF_SECONDS]


def test_connection_errors_and_server_errors_back_off_then_give_up(catalog):
    catalog.queue(
        "Flask",
        httpx.ConnectError("refused"),
        httpx.Response(502),
        httpx.Response(503),
    )

    report = sync("flask")

    assert str(results(report)["flask"]) == (
        "flask: not refreshed, it has no facts yet: the index answered 503, 3 times"
    )
    assert catalog.sleeps == [0.5, 1.0]
    assert len(catalog.requests) == client.ATTEMPTS


def test_timeouts_every_time_are_reported(catalog):
    catalog.queue("Flask", *[httpx.ConnectTimeout("slow")] * 3)

    report = sync("flask")

    assert "no answer within 10 s, 3 times" in str(results(report)["flask"])


def test_too_many_requests_waits_as_long_as_the_index_asks(catalog):
    catalog.queue(
        "Flask",
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(429, headers={"Retry-After": "3600"}),
    )

    report = sync("flask")

    assert results(report)["flask"].outcome == Outcome.UPDATED
    assert catalog.sleeps == [7.0, client.MAX_RETRY_AFTER_SECONDS]


def test_other_client_errors_are_not_retried(catalog):
    catalog.queue("Flask", httpx.Response(403))

    report = sync("flask")

    assert "the index answered 403" in str(results(report)["flask"])
    assert len(catalog.requests) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"info": {"name": "Flask"}, "releases": {"0.1": [{"upl', "not valid JSON"),
        (b"<html>Service Unavailable</html>", "not valid JSON"),
        (b'{"info": {"name": "Flask"}}', "no 'releases' object"),
    ],
)
def test_a_malformed_answer_keeps_the_last_good_facts(catalog, body, message):
    sync("flask")
    before = PackageFacts.objects.get()
    catalog.serve("Flask", body)

    report = sync("flask")

    assert message in str(results(report)["flask"])
    assert PackageFacts.objects.get().fetched_at == before.fetched_at


def test_a_release_without_an_upload_date_keeps_the_last_good_facts(catalog):
    sync("flask")
    broken = recording("flask")
    broken["releases"]["9.0"] = [{"yanked": False}]
    catalog.serve("Flask", broken)

    report = sync("flask")

    assert "release 9.0 has a file without a readable upload time" in str(
        results(report)["flask"]
    )
    assert PackageFacts.objects.get().latest_version == "3.1.3"


def test_versions_that_are_not_pep_440_are_left_out_and_reported(catalog):
    answer = recording("flask")
    for bad in ("0.11-dev/1", "latest", "v 2", "nightly build", "1.0+", "??", "x"):
        answer["releases"][bad] = [{"upload_time_iso_8601": "2026-06-01T00:00:00Z"}]
    catalog.serve("Flask", answer)

    report = sync("flask")

    assert str(results(report)["flask"]) == (
        "flask: updated: 3.1.3 of 2026-02-19, 64 releases; left out 7 version(s) "
        "that are not PEP 440: '0.11-dev/1', 'latest', 'v 2', 'nightly build', "
        "'1.0+' and 2 more"
    )


def test_recently_fetched_facts_are_skipped_with_stale_after(catalog):
    sync("flask", "fastapi")
    PackageFacts.objects.filter(framework__slug="fastapi").update(
        fetched_at=timezone.now() - timedelta(hours=7)
    )
    catalog.requests.clear()

    report = sync("flask", "fastapi", stale_after=timedelta(hours=6))

    assert results(report)["flask"].outcome == Outcome.SKIPPED
    assert "recently" in str(results(report)["flask"])
    assert catalog.names_asked() == ["fastapi"]


def test_a_renamed_package_is_fetched_without_the_old_etag(catalog):
    sync("django-rest-framework")
    Framework.objects.filter(slug="django-rest-framework").update(
        pypi_name="Django-REST-Framework"
    )
    catalog.serve("Django-REST-Framework", recording("djangorestframework"))

    sync("django-rest-framework", stale_after=timedelta(hours=1))

    assert catalog.names_asked()[-1] == "Django-REST-Framework"
    assert "If-None-Match" not in catalog.requests[-1].headers


def test_requests_go_to_the_configured_index_by_project_name(catalog):
    sync("django-rest-framework")

    assert str(catalog.requests[0].url) == (
        "https://index.example/pypi/djangorestframework/json"
    )
    assert catalog.requests[0].headers["Accept"] == "application/json"


def test_at_most_four_requests_are_in_flight(catalog, monkeypatch):
    in_flight, most = 0, []

    async def slow_handler(request):
        nonlocal in_flight
        in_flight += 1
        most.append(in_flight)
        await asyncio.sleep(0)  # let the other tasks run
        in_flight -= 1
        return catalog.handler(request)

    monkeypatch.setattr(PackageIndex, "transport", httpx.MockTransport(slow_handler))

    sync()

    assert len(most) == 9
    assert max(most) == client.CONCURRENCY


def test_fetching_works_from_a_thread_whose_event_loop_is_running():
    """As under Playwright's sync API in the browser tests, where asyncio.run
    refuses to start: the fetching gets a thread and a loop of its own."""

    async def answer():
        return 42

    async def caller_driven_by_a_loop():
        return client.run(answer())

    assert asyncio.run(caller_driven_by_a_loop()) == 42
    assert client.run(answer()) == 42
