"""Whole pages for anonymous readers come from the cache, fresh after any change.

The content version moves on when a transaction commits, so these tests commit
(``transaction=True``).
"""

import io
import time
from http import HTTPStatus

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse, set_script_prefix
from django.utils.http import http_date

from catalog import content_version
from catalog.models import Framework, Revision
from frameworks_site import page_cache
from frameworks_site.content_security import CSPMiddleware
from tests.conftest import count_queries
from tests.factories import CategoryFactory, EditorFactory, full_framework
from tests.test_admin_editing import change_url, open_form
from tests.test_admin_history import confirm_revert

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def catalog():
    """Two published frameworks in one category, with every kind of row."""
    category = CategoryFactory(slug="web-framework")
    return [
        full_framework(slug="alpha", name="Alpha", category=category),
        full_framework(slug="beta", name="Beta", category=category),
    ]


READER_PAGES = [
    "/",
    "/?learning_curve=gentle",
    "/frameworks/alpha/",
    "/compare/alpha-vs-beta/",
    "/compare/",
    "/trends/",
    "/choose/",
    "/search/?q=alpha",
    "/categories/web-framework/",
    "/use-cases/rest-apis/",
    "/changes/",
    "/changes/feed/",
    "/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/",
    "/api/frameworks/",
    "/api/frameworks/alpha/",
    "/api/compare/?frameworks=alpha,beta",
    "/api/categories/",
    "/api/usage/",
]


@pytest.mark.parametrize("path", READER_PAGES)
def test_an_anonymous_reader_gets_the_page_again_with_no_queries(client, catalog, path):
    first = client.get(path)
    assert first.status_code == HTTPStatus.OK
    assert first["X-Page-Cache"] == "miss"

    queries, again = count_queries(lambda: client.get(path))

    assert queries == 0
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


def test_the_api_keeps_json_and_browsable_html_apart(client, catalog):
    as_json = client.get("/api/frameworks/", HTTP_ACCEPT="application/json")
    assert as_json["X-Page-Cache"] == "miss"

    as_html = client.get("/api/frameworks/", HTTP_ACCEPT="text/html")

    assert as_html["Content-Type"].startswith("text/html")
    # The browsable API carries a CSRF token for its forms: never kept.
    assert "X-Page-Cache" not in as_html
    assert "X-Page-Cache" not in client.get("/api/frameworks/?format=api")
    again = client.get("/api/frameworks/", HTTP_ACCEPT="application/json")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Type"] == "application/json"


def test_get_and_head_are_kept_apart(client, catalog):
    client.get("/trends/")

    assert client.head("/trends/")["X-Page-Cache"] == "miss"
    assert client.head("/trends/")["X-Page-Cache"] == "hit"


def test_a_signed_in_editor_sees_live_pages(editor_client, catalog):
    editor_client.get("/frameworks/alpha/")

    queries, response = count_queries(lambda: editor_client.get("/frameworks/alpha/"))

    assert queries > 0
    assert "X-Page-Cache" not in response


def test_any_session_cookie_sees_live_pages(client, catalog):
    client.get("/trends/")
    client.cookies["sessionid"] = "not-a-session"

    assert "X-Page-Cache" not in client.get("/trends/")


def test_an_api_token_sees_live_answers(client, catalog):
    client.get("/api/frameworks/")

    response = client.get("/api/frameworks/", HTTP_AUTHORIZATION="Token wrong")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_errors_and_pages_that_set_cookies_are_not_kept(client, catalog):
    client.get("/frameworks/nothing-here/")
    assert client.get("/frameworks/nothing-here/").status_code == 404
    assert "X-Page-Cache" not in client.get("/frameworks/nothing-here/")
    # The sign-in page sets the CSRF cookie; it is not a reader page either.
    assert "X-Page-Cache" not in client.get(reverse("admin:login"))


def test_pages_with_a_csp_nonce_are_not_kept(client, catalog):
    """Swagger UI's styles carry a nonce made for one response."""
    first = client.get(reverse("api:docs"))
    second = client.get(reverse("api:docs"))

    assert "X-Page-Cache" not in second
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


# --- Fresh after every change ---------------------------------------------------


def rename_in_the_database(slug, summary):
    framework = Framework.objects.get(slug=slug)
    framework.summary = summary
    framework.save()


def test_a_save_makes_the_next_anonymous_page_fresh(client, catalog):
    assert "A new summary" not in client.get("/frameworks/alpha/").text

    rename_in_the_database("alpha", "A new summary")

    response = client.get("/frameworks/alpha/")
    assert response["X-Page-Cache"] == "miss"
    assert "A new summary" in response.text
    assert "A new summary" in client.get("/").text


def test_an_admin_edit_shows_on_the_next_anonymous_request(editor_client, catalog):
    reader = Client()
    reader.get("/frameworks/alpha/")
    framework = Framework.objects.get(slug="alpha")
    data = open_form(editor_client, framework)
    data["summary"] = "Edited in the admin"

    saved = editor_client.post(change_url(framework), data)

    assert saved.status_code == HTTPStatus.FOUND
    assert "Edited in the admin" in reader.get("/frameworks/alpha/").text


def test_an_api_patch_shows_on_the_next_anonymous_request(
    client, editor_api_client, catalog
):
    client.get("/api/frameworks/alpha/")

    patched = editor_api_client.patch(
        "/api/frameworks/alpha/", {"summary": "Patched through the API"}, format="json"
    )

    assert patched.status_code == HTTPStatus.OK
    assert client.get("/api/frameworks/alpha/").json()["summary"] == (
        "Patched through the API"
    )


def test_a_revert_in_the_admin_makes_pages_fresh(editor_client, catalog):
    reader = Client()
    rename_in_the_database("alpha", "Before the mistake")
    before = Revision.objects.values_list("pk", flat=True).first()
    rename_in_the_database("alpha", "The mistake")
    assert "The mistake" in reader.get("/frameworks/alpha/").text

    _, reverted = confirm_revert(
        editor_client, Framework.objects.get(slug="alpha"), before
    )

    assert reverted.status_code == HTTPStatus.FOUND
    assert "Before the mistake" in reader.get("/frameworks/alpha/").text


def test_checking_package_facts_again_makes_pages_fresh(client, catalog, package_index):
    """An unchanged project only moves its "checked" time on, by update()."""
    Framework.objects.filter(slug="alpha").update(pypi_name="Flask")
    package_index.serve("Flask")
    call_command("syncpackages", "alpha", stdout=io.StringIO())
    checked = Framework.objects.get(slug="alpha").package_facts.fetched_at
    client.get("/api/frameworks/alpha/")
    version = content_version.current()

    call_command("syncpackages", "alpha", stdout=io.StringIO())

    assert content_version.current().number > version.number
    facts = Framework.objects.get(slug="alpha").package_facts
    assert facts.fetched_at > checked


def test_a_many_to_many_change_makes_pages_fresh(client, catalog):
    client.get("/use-cases/rest-apis/")

    Framework.objects.get(slug="alpha").use_cases.clear()

    assert "Alpha" not in client.get("/use-cases/rest-apis/").text


def test_loaddata_makes_pages_fresh(client, catalog, tmp_path):
    client.get("/frameworks/alpha/")
    fixture = tmp_path / "change.json"
    call_command("dumpdata", "catalog.framework", "-o", str(fixture), verbosity=0)
    fixture.write_text(fixture.read_text().replace('"Alpha"', '"Alpha Loaded"'))

    call_command("loaddata", str(fixture), verbosity=0)

    assert "Alpha Loaded" in client.get("/frameworks/alpha/").text


def test_a_queryset_update_through_content_changed_makes_pages_fresh(client, catalog):
    """Code that writes without signals calls ``content_changed`` itself."""
    client.get("/frameworks/alpha/")

    Framework.objects.filter(slug="alpha").update(summary="Updated in bulk")
    content_version.content_changed()

    assert "Updated in bulk" in client.get("/frameworks/alpha/").text


def test_renaming_an_editor_makes_pages_fresh_but_signing_in_does_not(catalog):
    editor = EditorFactory(first_name="Ada")
    before = content_version.current().number

    update_last_login(None, editor)  # what a sign-in saves
    assert content_version.current().number == before

    editor.first_name = "Grace"  # the public changes name editors
    editor.save()
    assert content_version.current().number == before + 1


def test_a_rolled_back_change_keeps_the_version(catalog):
    from django.db import transaction

    before = content_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        rename_in_the_database("alpha", "Never committed")
        raise RuntimeError

    assert content_version.current() == before


def test_many_changes_in_one_transaction_move_the_version_once(catalog):
    from django.db import transaction

    before = content_version.current().number
    with transaction.atomic():
        for summary in ("one", "two", "three"):
            rename_in_the_database("alpha", summary)

    assert content_version.current().number == before + 1


def test_a_lost_version_starts_again_past_every_earlier_one(catalog):
    before = content_version.current().number
    cache.delete(content_version.VERSION_KEY)

    assert content_version.current().number > before


# --- Conditional GETs -----------------------------------------------------------


def test_a_matching_if_none_match_is_answered_304_with_no_queries(client, catalog):
    etag = client.get("/trends/")["ETag"]

    queries, response = count_queries(
        lambda: client.get("/trends/", HTTP_IF_NONE_MATCH=etag)
    )

    assert queries == 0
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == etag


def drop_kept_pages():
    for key in list(cache._cache):  # locmem's keys: drop the pages, keep the version
        version, name = key.split(":", 2)[1:]
        if name.startswith("page:"):
            cache.delete(name, version=int(version))


def test_the_version_alone_answers_304_when_the_page_is_not_kept(client, catalog):
    etag = client.get("/trends/")["ETag"]
    drop_kept_pages()

    queries, response = count_queries(
        lambda: client.get("/trends/", HTTP_IF_NONE_MATCH=etag)
    )

    assert queries == 0
    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_no_copy_is_answered_304_for_longer_than_pages_are_kept(
    client, catalog, settings, monkeypatch
):
    """Pages word some dates relative to today, so validators move on too."""
    first = client.get("/trends/")
    drop_kept_pages()
    later = time.time() + settings.PAGE_CACHE_SECONDS
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    response = client.get(
        "/trends/",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != first["ETag"]


def test_if_modified_since_is_answered_304_until_the_next_change(client, catalog):
    last_modified = client.get("/")["Last-Modified"]
    assert last_modified == http_date(content_version.current().changed)

    queries, response = count_queries(
        lambda: client.get("/", HTTP_IF_MODIFIED_SINCE=last_modified)
    )
    assert queries == 0
    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_an_old_etag_gets_the_fresh_page(client, catalog):
    etag = client.get("/frameworks/alpha/")["ETag"]

    rename_in_the_database("alpha", "Changed since")

    response = client.get("/frameworks/alpha/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == HTTPStatus.OK
    assert "Changed since" in response.text
    assert response["ETag"] != etag


def test_a_kept_page_costs_one_cache_read(client, catalog, monkeypatch):
    client.get("/trends/")
    reads = CountedReads(monkeypatch)

    response = client.get("/trends/")

    assert response["X-Page-Cache"] == "hit"
    assert reads.count == 1


def test_a_kept_page_is_answered_before_the_security_middleware(
    client, catalog, monkeypatch
):
    """It is stored with the headers the middleware gave it, built once."""
    first = client.get("/frameworks/alpha/")
    built = []
    monkeypatch.setattr(
        CSPMiddleware,
        "process_response",
        lambda self, request, response: built.append(request.path) or response,
    )

    again = client.get("/frameworks/alpha/")

    assert again["X-Page-Cache"] == "hit"
    assert built == []
    for header in SECURITY_HEADERS:
        assert again[header] == first[header]


def test_a_plain_http_request_goes_to_https_before_the_cache_answers(
    client, catalog, settings
):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/frameworks/alpha/", secure=True)["X-Page-Cache"] == "miss"

    for conditional in ({}, {"HTTP_IF_NONE_MATCH": "*"}):
        response = client.get("/frameworks/alpha/", **conditional)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == "https://testserver/frameworks/alpha/"


def test_a_change_to_the_security_headers_settings_starts_new_pages(catalog, settings):
    """Pages are stored with their headers: none outlives a release that
    changes them."""
    assert Client().get("/frameworks/alpha/")["X-Page-Cache"] == "miss"
    settings.SECURE_REFERRER_POLICY = "no-referrer"

    response = Client().get("/frameworks/alpha/")

    assert response["X-Page-Cache"] == "miss"
    assert response["Referrer-Policy"] == "no-referrer"


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]


def test_static_files_cost_no_cache_read(client, settings, monkeypatch):
    reads = CountedReads(monkeypatch)

    client.get(f"{settings.STATIC_URL}css/site.css")

    assert reads.count == 0


class CountedReads:
    """Counts the cache's get and get_many calls, except those one makes of the
    other (the local-memory cache's get_many calls its get)."""

    def __init__(self, monkeypatch):
        self.count = 0
        self.depth = 0
        for method in ("get", "get_many"):
            monkeypatch.setattr(cache, method, self.counted(getattr(cache, method)))

    def counted(self, read):
        def wrapper(*args, **kwargs):
            self.count += self.depth == 0
            self.depth += 1
            try:
                return read(*args, **kwargs)
            finally:
                self.depth -= 1

        return wrapper


def test_a_kept_page_is_rendered_again_after_page_cache_seconds(
    client, catalog, settings, monkeypatch
):
    """Pages word some dates relative to today: no copy outlives the setting."""
    assert client.get("/trends/")["X-Page-Cache"] == "miss"
    later = time.time() + settings.PAGE_CACHE_SECONDS
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    assert client.get("/trends/")["X-Page-Cache"] == "miss"


def test_an_admin_page_under_a_script_prefix_is_never_stored(rf, settings):
    settings.PAGE_CACHE_SECONDS = 600
    set_script_prefix("/sub/")
    try:
        admin = rf.get("/sub/admin/", SCRIPT_NAME="/sub")
        admin.path = "/sub/admin/"
        assert not page_cache.is_reader_request(admin)
    finally:
        set_script_prefix("/")
