"""Read one project's facts from a Warehouse-style JSON answer; no I/O here.

Only these parts of the answer are read: ``info`` (``name``, ``summary``,
``requires_python``, ``classifiers``, ``license_expression``, ``project_urls``,
``home_page``, ``docs_url``, ``project_url``) and, for each version in
``releases``, each file's ``upload_time_iso_8601`` and ``yanked``.

A release counts when its version is PEP 440 and it has a file that is not
yanked; it was released at its earliest such upload. A version that is not PEP 440 is
left out and named in ``skipped``; an answer that lacks the structure above, or a
file without an upload time, is refused whole with ``MalformedAnswer``, so that
the facts fetched before stay as they were.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

MAX_VERSION_LENGTH = 100  # PackageFacts.latest_version
MAX_URL_LENGTH = 200  # Django's URLField
MAX_LABEL_LENGTH = 100
PYTHON_CLASSIFIER = re.compile(r"Programming Language :: Python :: (\d+)\.(\d+)")
STATUS_PREFIX = "Development Status :: "
LICENSE_PREFIX = "License :: "
# Python 3 minor versions tried against a requires_python without classifiers.
PYTHON_3_MINORS = range(100)

validate_web_url = URLValidator(schemes=["http", "https"])


class MalformedAnswer(ValueError):
    """The index's answer cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class Release:
    version: str
    uploaded: datetime.datetime  # in UTC
    pre: bool

    @property
    def date(self):
        return self.uploaded.date()

    def as_json(self):
        return {"version": self.version, "date": self.date.isoformat(), "pre": self.pre}


@dataclass(frozen=True)
class ProjectFacts:
    project: str
    summary: str
    index_page: str
    releases: tuple  # of Release, oldest first
    latest: Release | None  # the highest final version
    requires_python: str
    python_versions: tuple  # "3.12", ... as the classifiers list them
    python_lowest: int | None
    python_highest: int | None
    development_status: str
    license_expression: str
    license_classifier: str
    project_urls: dict
    skipped: tuple  # version strings left out because they are not PEP 440

    @property
    def first_release(self):
        return self.releases[0]

    @property
    def last_release(self):
        return self.releases[-1]

    @property
    def license(self):
        return self.license_expression or self.license_classifier


def parse_project(answer):
    """``ProjectFacts`` from a decoded JSON answer; ``MalformedAnswer`` if unusable."""
    if not isinstance(answer, dict):
        raise MalformedAnswer("the answer is not a JSON object")
    info, releases = answer.get("info"), answer.get("releases")
    if not isinstance(info, dict):
        raise MalformedAnswer("the answer has no 'info' object")
    if not isinstance(releases, dict):
        raise MalformedAnswer("the answer has no 'releases' object")
    found, skipped = read_releases(releases)
    if not found:
        raise MalformedAnswer("no release has a file that is not yanked")
    finals = [(version, release) for version, release in found if not release.pre]
    latest = max(finals, key=lambda pair: pair[0])[1] if finals else None
    classifiers = [text for text in _list(info.get("classifiers")) if _is_text(text)]
    python_versions = read_python_versions(classifiers)
    requires_python = read_requires_python(info.get("requires_python"))
    lowest, highest = python_range(python_versions, requires_python)
    # "5 - Production/Stable" is shown as "Production/Stable".
    status = _classifier_tail(classifiers, STATUS_PREFIX).split(" - ")[-1]
    return ProjectFacts(
        project=_text(info.get("name"), 100),
        summary=" ".join(_text(info.get("summary"), 2000).split()),
        index_page=_web_url(info.get("project_url")),
        releases=tuple(sorted((r for _, r in found), key=_release_order)),
        latest=latest,
        requires_python=requires_python,
        python_versions=tuple(f"{major}.{minor}" for major, minor in python_versions),
        python_lowest=lowest,
        python_highest=highest,
        development_status=status[:40],
        license_expression=_text(info.get("license_expression"), 200),
        license_classifier=_classifier_tail(classifiers, LICENSE_PREFIX),
        project_urls=read_project_urls(info),
        skipped=tuple(skipped),
    )


def read_releases(releases):
    """``([(Version, Release), ...], [skipped version strings])``."""
    found, skipped = [], []
    for text, files in releases.items():
        version = read_version(text)
        if version is None:
            skipped.append(text)
            continue
        if not isinstance(files, list):
            raise MalformedAnswer(f"release {text} has no list of files")
        uploaded = release_upload_time(text, files)
        if uploaded is not None:
            found.append((version, Release(text, uploaded, version.is_prerelease)))
    return found, skipped


def read_version(text):
    """The PEP 440 version ``text`` names, or None."""
    if len(text) > MAX_VERSION_LENGTH:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        return None


def release_upload_time(version, files):
    """The earliest upload time of the files that are not yanked, or None."""
    dates = []
    for file in files:
        if not isinstance(file, dict):
            raise MalformedAnswer(f"release {version} lists a file that is not a dict")
        if file.get("yanked") is True:
            continue
        uploaded = file.get("upload_time_iso_8601")
        try:
            uploaded = datetime.datetime.fromisoformat(uploaded)
        except (TypeError, ValueError):
            raise MalformedAnswer(
                f"release {version} has a file without a readable upload time"
            ) from None
        # Warehouse writes UTC with a Z; read a time without a zone as UTC too.
        if uploaded.tzinfo is None:
            uploaded = uploaded.replace(tzinfo=datetime.UTC)
        dates.append(uploaded.astimezone(datetime.UTC))
    if not dates:
        return None
    return min(dates)


def read_python_versions(classifiers):
    """``[(major, minor), ...]`` the classifiers list, in order, each once."""
    versions = set()
    for text in classifiers:
        match = PYTHON_CLASSIFIER.fullmatch(text)
        if match:
            versions.add((int(match[1]), int(match[2])))
    return sorted(versions)


def read_requires_python(value):
    """The ``requires_python`` specifier as given, or "" when it is not one."""
    text = _text(value, 200)
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return ""
    return text


def python_range(python_versions, requires_python):
    """The lowest and highest supported Python 3 minor versions.

    With classifiers: the lowest and highest Python 3 versions they list that
    ``requires_python`` admits. Without: the lowest version it admits, and its
    highest only when it sets an upper bound. ``(None, None)`` when unknown.
    """
    specifier = SpecifierSet(requires_python)
    listed = [minor for major, minor in python_versions if major == 3]
    if listed:
        candidates = listed
    elif requires_python:
        candidates = PYTHON_3_MINORS
    else:
        return None, None
    admitted = [minor for minor in candidates if _admits(specifier, minor)]
    if not admitted:
        return None, None
    highest = admitted[-1]
    if not listed and highest == PYTHON_3_MINORS[-1]:
        highest = None  # no upper bound
    return admitted[0], highest


def _admits(specifier, minor):
    # ">=3.8.1" admits 3.8 through its later patch releases; "!=3.9.*" none of 3.9.
    return specifier.contains(f"3.{minor}.0") or specifier.contains(f"3.{minor}.999")


def read_project_urls(info):
    """The labelled web links, with the older ``home_page`` and ``docs_url``."""
    links = {}
    for label, url in _dict(info.get("project_urls")).items():
        url = _web_url(url)
        if _is_text(label) and url and len(label) <= MAX_LABEL_LENGTH:
            links[label.strip()] = url
    labels = {_label_key(label) for label in links}
    for field, label in (("home_page", "Homepage"), ("docs_url", "Documentation")):
        url = _web_url(info.get(field))
        if url and _label_key(label) not in labels:
            links[label] = url
    return links


# Labels projects give their links, compared without case or punctuation.
LINK_LABELS = {
    "homepage": {"homepage", "home", "website"},
    "documentation": {"documentation", "docs", "docsrtd", "readthedocs"},
    "repository": {
        "source",
        "sourcecode",
        "repository",
        "code",
        "github",
        "githubrepo",
        "gitlab",
    },
}


def pick_links(project_urls):
    """``{"homepage": url, "documentation": url, "repository": url}`` (as found)."""
    picked = {}
    for label, url in project_urls.items():
        key = _label_key(label)
        for field, labels in LINK_LABELS.items():
            if key in labels:
                picked.setdefault(field, url)
    return picked


def _label_key(label):
    return "".join(char for char in label.lower() if char.isalnum())


def _release_order(release):
    return (release.uploaded, release.version)


def _classifier_tail(classifiers, prefix):
    """The last part of the first classifier under ``prefix`` that has one."""
    for text in classifiers:
        if text.startswith(prefix) and text != f"{prefix}OSI Approved":
            return _text(text.rsplit(" :: ", 1)[-1], 200)
    return ""


def _web_url(value):
    if not _is_text(value) or len(value) > MAX_URL_LENGTH:
        return ""
    try:
        validate_web_url(value)
    except ValidationError:
        return ""
    return value


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _text(value, max_length):
    """``value`` stripped; "" when it is not text or longer than ``max_length``."""
    if not isinstance(value, str) or len(value.strip()) > max_length:
        return ""
    return value.strip()


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}
