"""Property-based: generated requests to every operation match the schema.

Schemathesis reads the project's own schema through WSGI, in this process and on
the test database with the starting content, and sends each operation valid and
invalid requests: anonymous ones to every operation, and an editor's (by token)
to every write, so that generated bodies reach validation. Every response goes
through all of schemathesis' checks, not only "no server error": valid requests
are accepted, invalid ones refused, and statuses, headers and bodies are those
the schema documents.
"""

import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.checks import load_all_checks

from catalog.models import (
    Advantage,
    Disadvantage,
    FeatureSupport,
    Relation,
    UsageStat,
)
from frameworks_site.wsgi import application

pytestmark = pytest.mark.django_db

# About a minute on a small machine; raise for a deeper run, e.g.
# API_FUZZ_EXAMPLES=200 pytest tests/test_api_fuzz.py
EXAMPLES_PER_OPERATION = int(os.environ.get("API_FUZZ_EXAMPLES", 5))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
load_all_checks()
CHECKS = REGISTERED_CHECKS.get_all()


@pytest.fixture
def same_connection():
    """Keep the test's database connection open across WSGI requests.

    Django closes old connections when a request starts and finishes, which would
    end the test's transaction; its own test client does the same as this.
    """
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def first_id(model):
    return {"id": model.objects.order_by("pk").first().pk}


def known_objects():
    """Path parameters that name objects in the starting content."""
    return {
        "/api/frameworks/{slug}/": {"slug": "flask"},
        "/api/categories/{slug}/": {"slug": "data-app"},
        "/api/use-cases/{slug}/": {"slug": "learning"},
        "/api/features/{slug}/": {"slug": "retries"},
        "/api/sources/{slug}/": {"slug": "pds-2020"},
        "/api/usage/{id}/": first_id(UsageStat),
        "/api/advantages/{id}/": first_id(Advantage),
        "/api/disadvantages/{id}/": first_id(Disadvantage),
        "/api/feature-supports/{id}/": first_id(FeatureSupport),
        "/api/relations/{id}/": first_id(Relation),
    }


# Which slugs exist no schema can say: valid bodies name objects that exist,
# and that writes to ``known_objects()`` leave alone.
KNOWN_REFERENCES = {
    "framework": "django",
    "to_framework": "requests",
    "feature": "orm",
    "source": "pds-2023",
    "category": "web-framework",
    "use_cases": ["rest-apis"],
    "other_kinds": ["http-client"],
    "kinds": ["web-framework"],
    "primary_kind": "web-framework",
}


def name_known_objects(case):
    if isinstance(case.body, dict):
        for field in KNOWN_REFERENCES.keys() & case.body.keys():
            case.body[field] = KNOWN_REFERENCES[field]


def match_any_version(case):
    """Which ETag is current no schema can say either: name any version ("*").

    A stale one is refused with 412 before the body is read (RFC 9110, 13.2.1),
    valid or not; tests/test_api_concurrency.py covers that.
    """
    if case.headers and "If-Match" in case.headers:
        case.headers["If-Match"] = "*"


def fuzz(operation, mode, headers, sent, path_parameters=None):
    """Send up to ``EXAMPLES_PER_OPERATION`` generated requests; check each one."""
    strategy = operation.as_strategy(
        generation_mode=mode, path_parameters=path_parameters
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if mode is GenerationMode.POSITIVE:
            name_known_objects(case)
        match_any_version(case)
        response = case.call(headers=headers)
        sent.append((operation.label, response.status_code))
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (e.g. a free-text slug).
        assert mode is GenerationMode.NEGATIVE, operation.label


def test_generated_requests_pass_every_schemathesis_check(
    starting_content, editor_token, same_connection
):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    editor = {"Authorization": f"Token {editor_token}"}
    known = known_objects()
    sent, operations, started = [], 0, time.monotonic()

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        write = operation.method.upper() in WRITES
        for mode in MODES:
            fuzz(operation, mode, None, sent)
            if write:
                fuzz(operation, mode, editor, sent)
            if operation.path in known:
                # Generated headers, queries and bodies sent to an existing object.
                fuzz(
                    operation,
                    mode,
                    editor if write else None,
                    sent,
                    known[operation.path],
                )

    seconds = time.monotonic() - started
    codes = [code for _, code in sent]
    statuses = {code: codes.count(code) for code in sorted(set(codes))}
    per_operation = Counter(label for label, _ in sent)
    fewest = min(per_operation.items(), key=lambda item: item[1])
    print(
        f"\nfuzz: {len(sent)} requests to {operations} operations "
        f"in {seconds:.0f}s; statuses {statuses}; fewest: {fewest}"
    )
    # 10 kinds of object, each with a list, a detail and 4 writes; and compare.
    assert operations == 61
    assert len(per_operation) == operations  # every operation was reached
    assert fewest[1] >= EXAMPLES_PER_OPERATION
    assert len(sent) >= 3 * operations * EXAMPLES_PER_OPERATION
    assert all(code < 500 for code in codes)
