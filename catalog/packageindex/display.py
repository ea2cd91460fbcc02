"""Package facts as readers see them: labelled rows, one cell per framework.

The framework page lists the rows of one framework, the compare page lines up
the rows of several. Facts older than ``PACKAGE_FACTS_MAX_AGE`` are never shown
as current: the cells that depend on time say which day they describe.
"""

from dataclasses import dataclass

from django.utils.formats import date_format

from .models import facts_of


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    note: str = ""  # shown after the text, in a quieter style


@dataclass(frozen=True)
class PackageRow:
    label: str
    cells: list  # one Cell per framework, in column order


LABELS = (
    "Latest version",
    "Released",
    "Releases in the last 12 months",
    "Python versions",
    "Requires Python",
    "Development status",
    "Last release",
    "Checked on",
)
EMPTY = Cell("—")


def day(date):
    return date_format(date, "j M Y")


def python_versions_text(versions):
    """["3.10", "3.11", "3.12"] -> "3.10 to 3.12"; gaps are listed in full."""
    if not versions:
        return ""
    minors = [(int(v.split(".")[0]), int(v.split(".")[1])) for v in versions]
    contiguous = all(
        major == minors[0][0] and minor == minors[0][1] + offset
        for offset, (major, minor) in enumerate(minors)
    )
    if contiguous and len(versions) > 2:
        return f"{versions[0]} to {versions[-1]}"
    return ", ".join(versions)


def framework_cells(framework):
    """One Cell per label in LABELS for ``framework``."""
    facts = facts_of(framework)
    if not framework.pypi_name:
        return [Cell("No package of its own"), *[EMPTY] * (len(LABELS) - 1)]
    if facts is None:
        return [Cell("Not checked yet"), *[EMPTY] * (len(LABELS) - 1)]
    as_of = f"as of {day(facts.checked_on)}" if facts.is_stale else ""
    newest = facts.newest_prerelease
    last_release_notes = [
        f"{newest['version']}, a pre-release" if newest else "",
        "quiet: no release for 18 months" if facts.quiet_since else "",
        as_of,
    ]
    return [
        Cell(facts.latest_version or "No final release yet", note=as_of),
        Cell(day(facts.latest_version_date)) if facts.latest_version_date else EMPTY,
        Cell(str(facts.releases_last_12_months), note=as_of),
        Cell(python_versions_text(facts.python_versions) or "Not listed"),
        Cell(facts.requires_python or "Not stated"),
        Cell(facts.development_status or "Not stated"),
        Cell(
            day(facts.last_release_date),
            note="; ".join(note for note in last_release_notes if note),
        ),
        Cell(
            day(facts.checked_on),
            url=facts.index_page,
            note="may be out of date" if facts.is_stale else "",
        ),
    ]


def package_rows(frameworks):
    """The package facts of ``frameworks`` as rows, one cell per framework."""
    columns = [framework_cells(framework) for framework in frameworks]
    return [
        PackageRow(label, [cells[index] for cells in columns])
        for index, label in enumerate(LABELS)
    ]
