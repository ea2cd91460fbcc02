"""Who is asking: django-axes tells clients apart as the API's throttles do."""

from rest_framework.throttling import BaseThrottle


def client_address(request):
    """REMOTE_ADDR or, behind the proxy (REST_FRAMEWORK["NUM_PROXIES"]), the
    address it saw; never an address a client wrote into X-Forwarded-For."""
    return BaseThrottle().get_ident(request)
