"""A database outage answers 503 with Retry-After, never a 500.

Django hands every exception no view or middleware handled to ``handler500``
(``server_error`` here), wherever it was raised: in a view, while rendering, or
in a middleware reading the session. The database errors that mean "not
reachable now" become ``outage_response``: JSON in the API's error shape under
/api/, a page of its own elsewhere. Any other error is the usual 500 page.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import defaults

from catalog.context_processors import site_links
from frameworks_site.page_cache import stale_response

# Refused or lost connections, timeouts, "too many clients", a locked SQLite
# file. Errors in queries themselves (IntegrityError, ProgrammingError) are bugs.
OUTAGE_ERRORS = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


def is_outage(exception):
    return isinstance(exception, OUTAGE_ERRORS)


def outage_response(request):
    """What a request gets while the database cannot be reached: for a reader,
    the last good copy of the page if the cache has one; else a 503."""
    stale = stale_response(request)
    if stale is not None:
        return stale
    seconds = settings.OUTAGE_RETRY_AFTER
    if request.path.startswith(reverse("api:api-root")):
        response = JsonResponse(
            {
                "detail": "The catalog's database cannot be reached just now. "
                f"Nothing is lost: try again in {seconds} seconds."
            },
            status=503,
        )
    else:
        # Rendered without the request: its context processors may need the
        # database (the session, the user). The site's links need none.
        page = render_to_string(
            "503.html", {"retry_after": seconds, **site_links(request)}
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """``handler500``: a database outage is a 503; anything else a 500."""
    if is_outage(sys.exc_info()[1]):
        return outage_response(request)
    return defaults.server_error(request)
