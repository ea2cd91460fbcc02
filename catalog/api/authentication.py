from rest_framework import authentication, exceptions

from .throttling import TokenFailureThrottle


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token scheme, with failed attempts throttled per client address."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        throttle = TokenFailureThrottle(request)
        if throttle.blocked():
            raise exceptions.Throttled(
                throttle.wait(),
                detail="Too many wrong tokens were sent from your address.",
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.record_failure()
            raise
