"""Outages of the cache or the database are answered clearly, never with a 500.

The servers that fail are the tests' own (tests/servers.py), stopped by pid.
"""

import logging

import environ
import pytest
from django.urls import reverse

from frameworks_site.caches import fail_open
from tests.servers import redis_server

pytestmark = pytest.mark.django_db

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
    api_client, redis, settings, caplog
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
