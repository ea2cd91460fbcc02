"""Browser policies on every response: CSP, Permissions-Policy, HSTS preload."""

import json
import logging
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.servers import run_django

pytestmark = pytest.mark.django_db

READER_PAGES = ["/", "/trends/", "/choose/", "/compare/", "/search/?q=a", "/nope/"]
OTHER_PAGES = [
    "/admin/login/",
    "/api/",
    "/api/frameworks/",
    "/api/docs/",
    "/api/redoc/",
]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


@pytest.mark.parametrize("path", READER_PAGES + OTHER_PAGES)
def test_every_page_sends_a_strict_policy(client, path):
    directives = policy(client.get(path))

    assert directives["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["report-uri"] == [reverse("csp-report")]


@pytest.mark.parametrize("path", READER_PAGES)
def test_reader_pages_allow_no_inline_style_at_all(client, path):
    assert policy(client.get(path))["style-src"] == ["'self'"]


def test_the_admin_signed_in_sends_the_policy(editor_client):
    response = editor_client.get(reverse("admin:catalog_framework_add"))
    assert policy(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_api_docs_styles_carry_the_nonce_of_the_policy(client, name):
    response = client.get(reverse(name))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'nonce="{nonce}"' in response.text


def test_templates_hold_no_inline_script_or_style():
    """Scripts and styles live in static/; JSON data blocks are not scripts."""
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"\sstyle\s*=", text), template
        assert "<style" not in text, template
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "application/json" in tag, (template, tag)


def test_every_response_denies_unused_browser_features(client):
    header = client.get("/")["Permissions-Policy"]
    assert "camera=()" in header
    assert "geolocation=()" in header
    assert "microphone=()" in header


# --- Reports --------------------------------------------------------------------

REPORT = {
    "csp-report": {
        "document-uri": "https://frameworks.example.com/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 12,
        "original-policy": "script-src 'self'",
    }
}


@pytest.fixture
def report_rate(settings, empty_cache):
    settings.CSP_REPORT_RATE = "3/minute"


def logged_reports(caplog):
    return [r for r in caplog.records if r.name == "frameworks_site.csp_reports"]


def send(client, body, content_type="application/csp-report", **extra):
    return client.post(reverse("csp-report"), body, content_type=content_type, **extra)


def test_a_report_is_logged_in_one_line(client, report_rate, caplog):
    with caplog.at_level(logging.WARNING, logger="frameworks_site.csp_reports"):
        response = send(client, json.dumps(REPORT))

    assert response.status_code == HTTPStatus.NO_CONTENT
    (record,) = logged_reports(caplog)
    logged = json.loads(record.getMessage().split(": ", 1)[1])
    assert logged["violated-directive"] == "script-src-elem"
    assert logged["line-number"] == "12"
    assert "original-policy" not in logged


def test_oversized_reports_are_refused_unread(client, report_rate, caplog):
    body = json.dumps({"csp-report": {"blocked-uri": "x" * 9000}})

    response = send(client, body)

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert logged_reports(caplog) == []


def test_each_address_may_send_a_few_reports_a_minute(client, report_rate, caplog):
    statuses = [send(client, json.dumps(REPORT)).status_code for _ in range(4)]
    other = send(client, json.dumps(REPORT), REMOTE_ADDR="198.51.100.9")

    assert statuses == [HTTPStatus.NO_CONTENT] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert other.status_code == HTTPStatus.NO_CONTENT
    assert len(logged_reports(caplog)) == 4


@pytest.mark.parametrize("body", ["not json", "[]", '{"csp-report": 3}', "{}"])
def test_what_is_not_a_report_is_refused(client, report_rate, body):
    assert send(client, body).status_code == HTTPStatus.BAD_REQUEST


def test_reports_are_only_posted(client):
    response = client.get(reverse("csp-report"))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


# --- HSTS ---------------------------------------------------------------------

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7T2qZ9v" * 8,
    "DJANGO_ALLOWED_HOSTS": "frameworks.example.com",
}
PRINT_HSTS = (
    "from django.conf import settings; "
    "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_PRELOAD)"
)


def test_hsts_preload_is_off_unless_the_owner_opts_in():
    default = run_django("shell", "-c", PRINT_HSTS, **PRODUCTION)
    opted_in = run_django(
        "shell", "-c", PRINT_HSTS, DJANGO_HSTS_PRELOAD="true", **PRODUCTION
    )

    assert default.stdout.split()[-2:] == ["31536000", "False"]
    assert opted_in.stdout.split()[-2:] == ["31536000", "True"]


def test_production_with_preload_passes_the_deployment_checklist():
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_HSTS_PRELOAD="true",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
