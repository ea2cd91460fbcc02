"""Rate limits, counted in the default (shared) cache, by client address.

DRF copies its throttle rates once, at import; these read their setting at call
time so tests and deployments can change it. ``None`` turns a limit off. When
the cache is down they let requests through (see frameworks_site/caches.py).
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle as BaseAnonRateThrottle
from rest_framework.throttling import SimpleRateThrottle


class RateFromSettings:
    """The rate is ``settings.<rate_setting>``, read on every request."""

    rate_setting = None

    def get_rate(self):
        return getattr(settings, self.rate_setting)


class AnonRateThrottle(RateFromSettings, BaseAnonRateThrottle):
    """Anonymous requests per client: ``settings.API_ANON_RATE``."""

    rate_setting = "API_ANON_RATE"


class AddressRateThrottle(RateFromSettings, SimpleRateThrottle):
    """Counted per client address, whoever is signed in."""

    def get_cache_key(self, request, view):
        ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenFailureThrottle(AddressRateThrottle):
    """Failed token attempts per client: ``settings.API_TOKEN_FAILURE_RATE``.

    Checked before a token is looked up, so a blocked client learns nothing
    from its guesses; only failures count.
    """

    scope = "token-failures"
    rate_setting = "API_TOKEN_FAILURE_RATE"

    def __init__(self, request):
        super().__init__()
        self.key = self.get_cache_key(request, view=None)

    def blocked(self):
        if self.rate is None:
            return False
        self.now = self.timer()
        self.history = [
            moment
            for moment in self.cache.get(self.key, [])
            if moment > self.now - self.duration
        ]
        return len(self.history) >= self.num_requests

    def record_failure(self):
        if self.rate is None:
            return
        self.cache.set(self.key, [self.now, *self.history], self.duration)
