"""Package facts on the reader pages: framework page, catalog and compare."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    FrameworkFactory,
    PackageFactsFactory,
    days_ago,
    full_framework,
    release,
)

pytestmark = pytest.mark.django_db


HOME = reverse("catalog:framework-list")


def detail(client, slug):
    response = client.get(reverse("catalog:framework-detail", args=[slug]))
    assert response.status_code == HTTPStatus.OK
    return response.text


def package_section(page):
    return page[
        page.index('id="package"') : page.index(
            "</section>", page.index('id="package"')
        )
    ]


def listed(response):
    return [framework.slug for framework in response.context["framework_list"]]


# --- Framework page -----------------------------------------------------------


def test_framework_page_shows_the_facts_of_its_package(client, first_ten_entries):
    section = package_section(detail(client, "django"))

    for expected in [
        "Releases and Python support",
        "<dt>Latest version</dt><dd>6.1.3",
        "<dt>Released</dt><dd>3 Nov 2026",
        "<dt>Python versions</dt><dd>3.12 to 3.14",
        "<dt>Requires Python</dt><dd>&gt;=3.12",
        "<dt>Development status</dt><dd>Production/Stable",
        "<dt>Releases in the last 12 months</dt>",
        'href="https://pypi.org/project/Django/"',
        "checked on <time",
        "Django: releases per year",
    ]:
        assert expected in section, expected


def test_framework_page_counts_releases_of_the_last_12_months(client):
    facts = PackageFactsFactory(
        releases=[release("1.0", 500), release("1.1", 100), release("1.2", 20)]
    )

    section = package_section(detail(client, facts.framework.slug))

    assert "<dt>Releases in the last 12 months</dt><dd>2" in section


def test_a_framework_without_a_package_says_so(client, first_ten_entries):
    section = package_section(detail(client, "asyncio"))

    assert "asyncio has no package of its own" in section
    assert "<dl" not in section


def test_a_packaged_framework_not_yet_checked_says_so(client):
    FrameworkFactory(slug="new", name="New", pypi_name="new")

    section = package_section(detail(client, "new"))

    assert "has not read New's package from the Python Package Index yet" in section


def test_a_quiet_project_is_marked_with_the_date_of_its_last_release(client):
    facts = PackageFactsFactory(releases=[release("1.0", 900), release("1.1", 600)])

    section = package_section(detail(client, facts.framework.slug))

    last = days_ago(600)
    assert f"Quiet: no release since {last:%-d %B %Y}" in section
    assert "quiet: no release for 18 months" in section


def test_an_active_project_is_not_marked_quiet(client):
    facts = PackageFactsFactory()

    assert "Quiet" not in package_section(detail(client, facts.framework.slug))


def test_old_facts_are_shown_as_such_never_as_current(client, settings):
    settings.PACKAGE_FACTS_MAX_AGE = timedelta(days=7)
    checked = timezone.now() - timedelta(days=30)
    facts = PackageFactsFactory(fetched_at=checked)

    section = package_section(detail(client, facts.framework.slug))

    day = timezone.localdate(checked)
    assert f"last checked on {day:%-d %B %Y} and may be out of date" in section
    assert f'2.0 <span class="note">(as of {day:%-d %b %Y})</span>' in section
    assert "(may be out of date)" in section


def test_fresh_facts_carry_no_warning(client):
    facts = PackageFactsFactory()

    section = package_section(detail(client, facts.framework.slug))

    assert "may be out of date" not in section
    assert "as of" not in section


def test_a_newer_pre_release_is_named_beside_the_latest_version(
    client, first_ten_entries
):
    section = package_section(detail(client, "httpx"))

    assert "<dt>Latest version</dt><dd>0.28.1" in section
    assert "1.0.dev6, a pre-release" in section


def test_facts_text_from_the_index_is_escaped(client):
    facts = PackageFactsFactory(
        development_status="<b>Beta</b>",
        index_page="https://index.example/project/x/",
        project="<script>alert(1)</script>",
    )

    section = package_section(detail(client, facts.framework.slug))

    assert "<script>alert(1)" not in section
    assert "&lt;b&gt;Beta&lt;/b&gt;" in section


# --- Catalog -------------------------------------------------------------------


def test_catalog_rows_show_latest_version_releases_and_python(
    client, first_ten_entries
):
    page = client.get(HOME).text

    assert '<p class="ranking-package">Latest 6.1.3, 3 Nov 2026 · ' in page
    assert "Python 3.12 to 3.14" in page
    assert "Python &gt;=3.9" in page  # Flask lists no versions, only requires


def test_catalog_marks_quiet_projects(client):
    PackageFactsFactory(releases=[release("1.0", 900), release("1.1", 600)])

    page = client.get(HOME).text

    assert f"<strong>Quiet:</strong> no release since {days_ago(600):%-d %b %Y}" in page


def test_catalog_filters_to_a_release_in_the_last_12_months(client):
    PackageFactsFactory(framework__slug="fresh", releases=[release("1.0", 100)])
    PackageFactsFactory(framework__slug="old", releases=[release("1.0", 500)])
    FrameworkFactory(slug="no-package")

    response = client.get(HOME, {"released": "last-12-months"})

    assert listed(response) == ["fresh"]


def test_catalog_filters_to_a_python_version(client, first_ten_entries):
    assert listed(client.get(HOME, {"python": "3.9"})) == ["flask", "httpx"]
    on_3_15 = listed(client.get(HOME, {"python": "3.15"}))
    assert on_3_15 == [
        "flask",
        "requests",
        "django-rest-framework",
        "streamlit",
        "starlette",
    ]


def test_catalog_sorts_by_latest_release_newest_first(client, first_ten_entries):
    response = client.get(HOME, {"ordering": "-latest_release"})

    assert listed(response)[:3] == ["fastapi", "streamlit", "django"]
    assert listed(response)[-1] == "asyncio"  # no package: last


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"python": "2.7"}, "Give a Python 3 version such as 3.13."),
        ({"python": "3.13.1"}, "at most 5 characters"),
        ({"python": "3.٣"}, "Give a Python 3 version"),
        ({"released": "yesterday"}, "Select a valid choice"),
        ({"ordering": "latest"}, "Select a valid choice"),
    ],
)
def test_bad_package_filters_answer_400_with_a_message(client, params, message):
    response = client.get(HOME, params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text


def test_filter_form_offers_the_new_filters_and_the_sort(client):
    page = client.get(HOME).text

    assert '<option value="last-12-months">In the last 12 months</option>' in page
    assert 'name="python"' in page
    assert 'href="?ordering=-latest_release">Newest release</a>' in page


# --- Compare -----------------------------------------------------------------


def test_compare_page_lines_up_the_facts_as_rows(client, first_ten_entries):
    page = client.get(
        reverse("catalog:compare", args=["asyncio-vs-django-vs-httpx"])
    ).text
    section = page[page.index('id="package-rows"') :]
    rows = dict(
        re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', section, re.S)
    )

    assert re.findall(r"<td>(.*?)</td>", rows["Latest version"]) == [
        "No package of its own",
        "6.1.3",
        "0.28.1",
    ]
    assert re.findall(r"<td>(.*?)</td>", rows["Python versions"]) == [
        "—",
        "3.12 to 3.14",
        "3.8 to 3.12",
    ]
    assert "Development status" in rows
    assert 'href="https://pypi.org/project/httpx/"' in rows["Checked on"]


# --- Query counts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected", "shown"),
    [
        # + its releases, read only when the article is rendered
        ("detail", 12, "Releases and Python support"),
        ("home", 6, 'class="ranking-package"'),
        ("home-filtered", 6, 'class="ranking-package"'),
        # + the add list (2) and kinds, the package facts read apart
        ("compare", 17, "Releases and Python support"),
    ],
)
def test_pages_with_facts_run_a_fixed_number_of_queries(
    client, assert_constant_queries, page, expected, shown
):
    target = full_framework(slug="target")
    other = full_framework(slug="other")
    urls = {
        "detail": reverse("catalog:framework-detail", args=["target"]),
        "home": HOME,
        "home-filtered": f"{HOME}?released=last-12-months&python=3.12"
        "&ordering=-latest_release",
        "compare": reverse("catalog:compare", args=["other-vs-target"]),
    }

    def related_framework():
        framework = full_framework()
        target.relations.create(to_framework=framework, kind="alternative")
        other.relations.create(to_framework=framework, kind="built-on")

    _, response = assert_constant_queries(
        lambda: client.get(urls[page]), expected, make_framework=related_framework
    )

    assert response.status_code == HTTPStatus.OK
    assert shown in response.text
