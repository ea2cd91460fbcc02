"""Cross-origin reads of the API: another site's page may GET the data.

django-cors-headers answers for ``CORS_URLS_REGEX`` (``/api/``) with any
origin and no credentials. Its URL rule does not look at the method, so this
middleware narrows it to reads: a write's response carries no
``Access-Control-Allow-Origin``, and a preflight for a write is answered
without the write's method among those allowed, so browsers keep writes
same-origin (where the session's CSRF check applies).
"""

from corsheaders.middleware import CorsMiddleware

READS = {"GET", "HEAD", "OPTIONS"}


class ReadOnlyCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request):
        return request.method in READS and super().is_enabled(request)
