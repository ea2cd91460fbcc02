"""Record the index's answers for the tests, trimmed to what the importer reads.

    PACKAGE_INDEX_URL=<index> .venv/bin/python tests/recordings/record.py NAME...

Writes ``tests/recordings/<name>.json`` for each project. Only the fields that
``catalog.packageindex.parse`` reads are kept; each release keeps one file: its
earliest one that is not yanked (or one yanked file when all are yanked), which
is all the importer reads from it. Addresses on the index's own host are
rewritten to https://index.example/ so no test depends on a real host.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx

HERE = Path(__file__).resolve().parent
INFO_FIELDS = (
    "name",
    "summary",
    "requires_python",
    "classifiers",
    "license_expression",
    "project_urls",
    "home_page",
    "docs_url",
    "project_url",
)
FAKE_INDEX = "https://index.example/"


def trim(answer, index_origin):
    def rehost(value):
        if isinstance(value, str) and value.startswith(index_origin):
            return FAKE_INDEX + value.removeprefix(index_origin)
        if isinstance(value, dict):
            return {key: rehost(item) for key, item in value.items()}
        return value

    info = {name: rehost(answer["info"].get(name)) for name in INFO_FIELDS}
    return {
        "info": info,
        "releases": {
            version: trim_files(files) for version, files in answer["releases"].items()
        },
    }


def trim_files(files):
    kept = [f for f in files if not f.get("yanked")] or files[:1]
    if not kept:
        return []
    first = min(kept, key=lambda f: f["upload_time_iso_8601"])
    return [
        {
            "upload_time_iso_8601": first["upload_time_iso_8601"],
            "yanked": first["yanked"],
        }
    ]


def dump(recording):
    """JSON with the info indented and one line per release."""
    releases = ",\n".join(
        f"  {json.dumps(version)}: {json.dumps(files)}"
        for version, files in recording["releases"].items()
    )
    info = json.dumps(recording["info"], indent=2).replace("\n", "\n ")
    return f'{{\n "info": {info},\n "releases": {{\n{releases}\n }}\n}}\n'


def main(names):
    base = os.environ["PACKAGE_INDEX_URL"].rstrip("/")
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    with httpx.Client(timeout=30, follow_redirects=True) as client:
        for name in names:
            response = client.get(f"{base}/{name}/json")
            response.raise_for_status()
            path = HERE / f"{name.lower()}.json"
            path.write_text(dump(trim(response.json(), origin)))
            print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
