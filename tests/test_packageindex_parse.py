"""Reading a project's facts from a recorded answer of the index."""

import datetime

import pytest

from catalog.packageindex.parse import (
    MalformedAnswer,
    parse_project,
    pick_links,
    python_range,
)
from tests.recorded_index import recording


def file(uploaded, yanked=False):
    return {"upload_time_iso_8601": uploaded, "yanked": yanked}


def answer(releases, **info):
    return {"info": {"name": "demo", **info}, "releases": releases}


def test_latest_version_is_the_highest_final_release_with_its_upload_date():
    facts = parse_project(recording("django"))

    assert facts.project == "Django"
    assert facts.latest.version == "6.1.3"
    assert facts.latest.date == datetime.date(2026, 11, 3)


def test_a_pre_release_as_newest_upload_is_not_the_latest_version():
    facts = parse_project(recording("httpx"))

    assert facts.last_release.version == "1.0.dev6"
    assert facts.last_release.pre
    assert facts.latest.version == "0.28.1"
    assert facts.latest.date == datetime.date(2024, 12, 6)


def test_latest_version_goes_by_version_not_by_upload_date():
    facts = parse_project(
        answer(
            {
                "5.0": [file("2026-01-01T00:00:00Z")],
                "4.2.9": [file("2026-03-01T00:00:00Z")],  # a later backport
            }
        )
    )

    assert facts.latest.version == "5.0"
    assert facts.last_release.version == "4.2.9"


def test_a_project_with_only_pre_releases_has_no_latest_version():
    facts = parse_project(answer({"1.0b1": [file("2026-01-01T00:00:00Z")]}))

    assert facts.latest is None
    assert [r.version for r in facts.releases] == ["1.0b1"]


def test_yanked_releases_are_ignored():
    facts = parse_project(recording("django"))
    versions = {release.version for release in facts.releases}

    # Both were pulled from the index; every one of their files is yanked.
    assert recording("django")["releases"]["4.2.12"][0]["yanked"]
    assert "4.2.12" not in versions
    assert "5.0.5" not in versions
    assert "4.2.13" in versions


def test_a_yanked_newest_release_is_not_the_latest_version():
    facts = parse_project(
        answer(
            {
                "1.0": [file("2026-01-01T00:00:00Z")],
                "1.1": [file("2026-02-01T00:00:00Z", yanked=True)],
            }
        )
    )

    assert facts.latest.version == "1.0"
    assert facts.last_release.version == "1.0"


def test_release_date_is_its_earliest_upload_that_is_not_yanked():
    facts = parse_project(
        answer(
            {
                "1.0": [
                    file("2026-01-05T10:00:00Z"),
                    file("2025-12-30T10:00:00Z", yanked=True),
                    file("2026-01-03T23:30:00-02:00"),  # 4 January in UTC
                ]
            }
        )
    )

    assert facts.releases[0].date == datetime.date(2026, 1, 4)


def test_releases_without_files_are_left_out():
    facts = parse_project(recording("requests"))

    assert "0.0.1" in recording("requests")["releases"]
    assert "0.0.1" not in {release.version for release in facts.releases}
    assert facts.first_release.date == datetime.date(2011, 2, 14)


def test_release_history_runs_oldest_first():
    facts = parse_project(recording("flask"))
    dates = [release.date for release in facts.releases]

    assert dates == sorted(dates)
    assert len(facts.releases) == 64
    assert facts.releases[0].as_json() == {
        "version": "0.1",
        "date": "2010-04-16",
        "pre": False,
    }


def test_a_version_that_is_not_pep_440_is_left_out_and_named():
    broken = recording("flask")
    broken["releases"]["3.2-not/a.version"] = [file("2026-06-01T00:00:00Z")]
    broken["releases"]["x" * 101] = [file("2026-06-01T00:00:00Z")]

    facts = parse_project(broken)

    assert facts.skipped == ("3.2-not/a.version", "x" * 101)
    assert facts.latest.version == "3.1.3"
    assert len(facts.releases) == 64


@pytest.mark.parametrize(
    "files",
    [
        [{"yanked": False}],
        [file(None)],
        [file("last Tuesday")],
        [file("2026-01-01T00:00:00Z"), {"yanked": False}],
    ],
)
def test_a_file_without_a_readable_upload_time_refuses_the_whole_answer(files):
    broken = recording("flask")
    broken["releases"]["3.1.3"] = files

    with pytest.raises(MalformedAnswer, match="3.1.3 has a file without"):
        parse_project(broken)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a JSON object"),
        ({"releases": {}}, "no 'info'"),
        ({"info": {}, "releases": []}, "no 'releases'"),
        ({"info": {}, "releases": {"1.0": "files"}}, "no list of files"),
        ({"info": {}, "releases": {"1.0": ["file"]}}, "not a dict"),
        ({"info": {}, "releases": {}}, "no release"),
        ({"info": {}, "releases": {"1.0": []}}, "no release"),
    ],
)
def test_an_answer_without_the_expected_structure_is_refused(data, message):
    with pytest.raises(MalformedAnswer, match=message):
        parse_project(data)


def test_python_versions_come_from_the_classifiers():
    facts = parse_project(recording("django"))

    assert facts.requires_python == ">=3.12"
    assert facts.python_versions == ("3.12", "3.13", "3.14")
    assert (facts.python_lowest, facts.python_highest) == (12, 14)


def test_without_version_classifiers_requires_python_sets_an_open_range():
    facts = parse_project(recording("flask"))

    assert facts.python_versions == ()
    assert facts.requires_python == ">=3.9"
    assert (facts.python_lowest, facts.python_highest) == (9, None)


@pytest.mark.parametrize(
    ("classified", "requires", "expected"),
    [
        ([(3, 8), (3, 9), (3, 10)], ">=3.9", (9, 10)),  # a stale classifier
        ([(2, 7), (3, 11)], "", (11, 11)),
        ([], ">=3.8.1", (8, None)),  # 3.8 from its second patch release
        ([], ">=3.8,<3.11", (8, 10)),
        ([], ">=3.8,!=3.9.*", (8, None)),
        ([], "", (None, None)),
        ([(3, 8)], ">=3.10", (None, None)),
    ],
)
def test_python_range(classified, requires, expected):
    assert python_range(classified, requires) == expected


def test_a_requires_python_that_is_not_a_specifier_is_dropped():
    facts = parse_project(
        answer({"1.0": [file("2026-01-01T00:00:00Z")]}, requires_python="3 or newer")
    )

    assert facts.requires_python == ""
    assert (facts.python_lowest, facts.python_highest) == (None, None)


def test_licence_is_the_spdx_expression_where_given():
    facts = parse_project(recording("aiohttp"))

    assert facts.license_expression == "Apache-2.0 AND MIT"
    assert facts.license == "Apache-2.0 AND MIT"


def test_licence_falls_back_to_the_classifier():
    facts = parse_project(recording("requests"))

    assert facts.license_expression == ""
    assert facts.license == "Apache Software License"


def test_development_status_is_the_classifiers_label():
    assert parse_project(recording("fastapi")).development_status == "Beta"
    assert parse_project(recording("django")).development_status == (
        "Production/Stable"
    )


def test_project_urls_keep_web_links_only_and_add_the_older_fields():
    facts = parse_project(
        answer(
            {"1.0": [file("2026-01-01T00:00:00Z")]},
            project_urls={
                "Source": "https://example.com/src",
                "Bad": "javascript:alert(1)",
                "Also bad": 42,
            },
            home_page="https://example.com/",
            docs_url="ftp://example.com/docs",
            project_url="https://index.example/project/demo/",
        )
    )

    assert facts.project_urls == {
        "Source": "https://example.com/src",
        "Homepage": "https://example.com/",
    }
    assert facts.index_page == "https://index.example/project/demo/"


def test_pick_links_reads_the_usual_labels():
    facts = parse_project(recording("aiohttp"))

    assert pick_links(facts.project_urls) == {
        "homepage": "https://github.com/aio-libs/aiohttp",
        "documentation": "https://docs.aiohttp.org",
        "repository": "https://github.com/aio-libs/aiohttp",
    }


def test_the_index_page_of_a_recording_is_on_the_stand_in_host():
    assert parse_project(recording("django")).index_page == (
        "https://index.example/project/Django/"
    )
