"""Outages of the cache or the database are answered clearly, never with a 500.

The servers that fail are the tests' own (tests/servers.py), stopped by pid.
"""

import logging
from contextlib import contextmanager
from http import HTTPStatus

import environ
import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from catalog import content_version
from frameworks_site.caches import fail_open
from tests.factories import full_framework
from tests.servers import free_port, redis_server

API_LIST = reverse("api:framework-list")


@pytest.fixture
def redis(settings):
    """The default cache on a Redis server of the test's own, configured as
    the settings configure CACHE_URL=redis://..."""
    with redis_server() as server:
        config = environ.Env.cache_url_config(server.url)
        settings.CACHES = {"default": fail_open(config, timeout=0.5)}
        yield server


def statuses(client, count, path=API_LIST):
    return [client.get(path).status_code for _ in range(count)]


def test_the_anonymous_throttle_fails_open_while_redis_is_down(
    api_client, redis, settings, caplog, db
):
    settings.API_ANON_RATE = "3/minute"
    assert statuses(api_client, 4) == [200, 200, 200, 429]

    redis.stop()
    with caplog.at_level(logging.ERROR, logger="frameworks_site.caches"):
        during = statuses(api_client, 5) + statuses(api_client, 2, path="/")

    assert during == [200] * 7
    assert "Connection refused" in caplog.text

    redis.start()  # back on the same port: counting starts again
    assert statuses(api_client, 4) == [200, 200, 200, 429]


# --- Database ------------------------------------------------------------------


@pytest.fixture
def unreachable_database(django_db_blocker):
    """The default database moved to an address where nothing answers."""
    with database_moved_away(django_db_blocker):
        yield


@contextmanager
def database_moved_away(django_db_blocker):
    working = connections["default"]
    settings_dict = dict(working.settings_dict)
    if working.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    broken = type(working)(settings_dict, alias="default")
    connections["default"] = broken
    with django_db_blocker.unblock():
        yield
    broken.close()
    connections["default"] = working


@pytest.fixture
def client():
    """Answers as a browser gets them, not with the view's exception raised."""
    return Client(raise_request_exception=False)


def assert_outage(response):
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/frameworks/flask/", "/compare/a-vs-b/"])
def test_pages_answer_503_with_a_page_of_their_own(client, unreachable_database, path):
    response = client.get(path)

    assert_outage(response)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "out of reach for a moment" in response.text
    assert "Error 503" in response.text
    assert '<a class="brand" href="/">' in response.text  # the site's links work
    assert 'action="/search/"' in response.text


@pytest.mark.parametrize(
    "path",
    ["/api/frameworks/", "/api/frameworks/flask/", "/api/compare/?frameworks=a,b"],
)
def test_the_api_answers_503_in_its_error_shape(client, unreachable_database, path):
    response = client.get(path)

    assert_outage(response)
    assert response["Content-Type"] == "application/json"
    assert "cannot be reached just now" in response.json()["detail"]


def test_a_signed_in_editor_gets_503_not_500(client, unreachable_database):
    client.cookies["sessionid"] = "a-session-kept-in-the-database"
    assert_outage(client.get("/admin/"))
    assert_outage(client.post("/admin/login/", {"username": "a", "password": "b"}))


def test_liveness_holds_while_readiness_reports_the_database(
    client, unreachable_database
):
    assert client.get("/healthz").status_code == HTTPStatus.OK

    response = client.get("/readyz")

    assert_outage(response)
    assert response.json() == {"database": "unreachable", "cache": "ok"}


def test_other_errors_still_answer_500(client, monkeypatch, db):
    def fail(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("catalog.views.TrendsView.get_context_data", fail)

    response = client.get("/trends/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in response.text


def test_readiness_reports_the_cache(client, redis, db):
    assert client.get("/readyz").json() == {"database": "ok", "cache": "ok"}

    redis.stop()
    response = client.get("/readyz")

    assert_outage(response)
    assert response.json() == {"database": "ok", "cache": "unreachable"}


def test_probes_answer_any_host_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["frameworks.example.com"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok"}


# --- The last good copy --------------------------------------------------------


@pytest.fixture
def page_cache(settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def flask(db):
    return full_framework(slug="flask", name="Flask", summary="A small core.")


def test_pages_come_from_the_cache_while_redis_is_down_and_back(
    client, redis, page_cache, flask
):
    assert client.get("/trends/")["X-Page-Cache"] == "miss"
    assert client.get("/trends/")["X-Page-Cache"] == "hit"

    redis.stop()
    response = client.get("/trends/")

    assert response.status_code == HTTPStatus.OK
    assert "X-Page-Cache" not in response  # rendered live


@pytest.mark.parametrize("path", ["/", "/frameworks/flask/", "/trends/"])
def test_readers_get_the_last_good_copy_marked_while_the_database_is_down(
    client, page_cache, flask, django_db_blocker, path
):
    kept = client.get(path)
    content_version.bump()  # a change since: the kept copy is not current

    with database_moved_away(django_db_blocker):
        response = client.get(path)

    assert response.status_code == HTTPStatus.OK
    assert response["X-Page-Cache"] == "stale"
    assert response["Warning"] == '110 - "Response is Stale"'
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    assert int(response["Content-Length"]) == len(response.content)
    notice = "cannot be reached just now, so this is a copy of the page"
    assert notice in response.text
    assert notice not in kept.text
    # At the top of the main content, in the page's own markup.
    main = response.text.index('<main id="main"')
    assert main < response.text.index(notice) < response.text.index("</main>")
    assert response.text.replace(notice, "") != kept.text


def test_the_api_gets_its_last_good_copy_with_a_warning_header(
    client, page_cache, flask, django_db_blocker
):
    kept = client.get("/api/frameworks/flask/")
    content_version.bump()

    with database_moved_away(django_db_blocker):
        response = client.get("/api/frameworks/flask/")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == kept.json()
    assert response["Warning"] == '110 - "Response is Stale"'
    assert int(response["Age"]) >= 0


def test_the_current_copy_is_served_as_usual_while_the_database_is_down(
    client, page_cache, flask, django_db_blocker
):
    kept = client.get("/frameworks/flask/")

    with database_moved_away(django_db_blocker):
        response = client.get("/frameworks/flask/")

    assert response["X-Page-Cache"] == "hit"
    assert response.content == kept.content


def test_a_page_never_kept_is_a_503(client, page_cache, flask, django_db_blocker):
    with database_moved_away(django_db_blocker):
        assert_outage(client.get("/frameworks/flask/"))


def test_an_editor_gets_the_503_not_a_copy(
    client, page_cache, flask, django_db_blocker
):
    client.get("/frameworks/flask/")
    content_version.bump()
    client.cookies["sessionid"] = "a-session-kept-in-the-database"

    with database_moved_away(django_db_blocker):
        assert_outage(client.get("/frameworks/flask/"))
