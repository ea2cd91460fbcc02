"""/healthz and /readyz for a load balancer, answered before any other middleware.

``/healthz`` says the process serves requests (it touches nothing else);
``/readyz`` says whether the database and the cache answer, with 503 and
Retry-After if either does not. Both skip the host check and the HTTPS redirect,
as load balancers probe by address over plain HTTP.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from .outages import OUTAGE_ERRORS


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except OUTAGE_ERRORS:
        return False


def cache_reachable():
    """Write and read back a value; a cache that fails open loses it."""
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    reachable = cache.get(key) == value
    cache.delete(key)
    return reachable


def liveness():
    return probe_response({"status": "ok"}, healthy=True)


def readiness():
    checks = {"database": database_reachable(), "cache": cache_reachable()}
    body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
    return probe_response(body, healthy=all(checks.values()))


def probe_response(body, healthy):
    response = JsonResponse(body, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


PROBES = {"/healthz": liveness, "/readyz": readiness}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info.rstrip("/"))
        return probe() if probe else self.get_response(request)
