"""Rate limits for anonymous API clients, counted in the default (shared) cache."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle as BaseAnonRateThrottle


class AnonRateThrottle(BaseAnonRateThrottle):
    """Read the rate from ``settings.API_ANON_RATE`` on every request.

    DRF copies its throttle rates once, at import; reading the setting at call
    time lets tests and deployments change it. ``None`` turns throttling off.
    """

    def get_rate(self):
        return settings.API_ANON_RATE
