"""ETags per object: 304 for a reader's copy, 412 for an editor's stale one.

An object's ETag is a hash of its representation as a GET returns it, so it
changes whenever anything the client sees changes. A write (PUT, PATCH, DELETE)
sent with ``If-Match`` goes through only if the object still has one of the
ETags given; otherwise it is refused with 412 and nothing changes. A write
without ``If-Match`` still works, as before.
"""

import hashlib
import json

from django.utils.http import parse_etags, quote_etag
from rest_framework.exceptions import APIException
from rest_framework.utils.encoders import JSONEncoder


class PreconditionFailed(APIException):
    status_code = 412
    default_code = "precondition_failed"


def etag_for(request, data):
    """The ETag of ``data`` as sent in the response's media type."""
    body = json.dumps(
        [request.accepted_media_type, data], cls=JSONEncoder, sort_keys=True
    )
    return quote_etag(hashlib.sha256(body.encode()).hexdigest()[:40])


def check_if_match(request, current, noun):
    """Refuse the write unless its ``If-Match`` is ``*`` or names ``current``.

    If-Match uses the strong comparison: a weak ETag (``W/"..."``) never matches.
    """
    etags = parse_etags(request.headers["If-Match"])
    if "*" in etags or current in etags:
        return
    raise PreconditionFailed(
        f"This {noun} has changed since the version your If-Match header names, "
        "so nothing was written. GET it again, re-apply your change to what it "
        "holds now, and send that with its new ETag."
    )
