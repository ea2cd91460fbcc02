"""Whole pages for anonymous readers, from the shared cache.

A GET or HEAD from a reader without a session (no session cookie, no API
token) is answered from the default cache when the page is there for the
current content version (``catalog/content_version.py``): no view, no query.
Editors, anyone with a session, and every other method see live pages.

A page is stored only when it is the same for every anonymous reader: a 200
with no cookie set, not varying by cookie, and no per-request CSP nonce in it.
Its key holds the method, the full address (scheme, host, path and query) and,
under the API, the ``Accept`` header that picks JSON or the browsable HTML.

Each page is kept under one key with the content version it was rendered
at, so a request reads the version and the page in one round trip: the page is
served when its version is the current one. Kept for
PAGE_CACHE_LAST_GOOD_SECONDS, the same copy is the last good page served while
the database cannot be reached (``stale_response``;
``frameworks_site/outages.py``).

Stored pages carry an ETag and a Last-Modified taken from the content version,
so a reader's conditional GET is answered 304 from the version alone, before
any other work.
"""

import functools
import hashlib
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date

from catalog import content_version
from frameworks_site import site_paths

READER_METHODS = {"GET", "HEAD"}
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
CACHE_STATUS_HEADER = "X-Page-Cache"
STALE_WARNING = '110 - "Response is Stale"'
MAIN_OPENING = re.compile(rb"<main\b[^>]*>")
# The settings the middleware after the page cache makes a page's headers from:
# a change to one (a release) starts new keys, so no kept page outlives it with
# the headers it was stored with.
HEADER_SETTINGS = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "DENIED_FEATURES",
    "X_FRAME_OPTIONS",
)
# A request without these is answered in full: no validators to compare.
CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def is_reader_request(request):
    """A request the same page serves for every anonymous reader; not one the
    security middleware will send to HTTPS."""
    return (
        request.method in READER_METHODS
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path.startswith(site_paths.roots().admin)
        and not request.path.startswith(settings.STATIC_URL)  # WhiteNoise's
    )


@functools.cache
def header_settings_digest():
    values = [(name, getattr(settings, name, None)) for name in HEADER_SETTINGS]
    return hashlib.sha256(repr(values).encode()).hexdigest()


@receiver(setting_changed)
def _header_setting_changed(setting, **kwargs):
    if setting in HEADER_SETTINGS:
        header_settings_digest.cache_clear()


def page_digest(request):
    """What tells this page apart: method, full address, the API's format,
    and the settings its stored headers were made from."""
    parts = [request.method, request.build_absolute_uri(), header_settings_digest()]
    if request.path.startswith(site_paths.roots().api):
        parts.append(request.headers.get("Accept", ""))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_key(digest):
    return f"page:{digest}"


@dataclass(frozen=True)
class Validators:
    """The ETag and Last-Modified of a page at a content version.

    Pages word some things by today's date ("checked 9 days ago"), so the
    validators also move on every PAGE_CACHE_SECONDS: no reader keeps a copy
    longer than the server would. The ETag is weak for the same reason.
    """

    etag: str
    last_modified: int  # seconds since the epoch

    @classmethod
    def of(cls, version, digest):
        period = settings.PAGE_CACHE_SECONDS
        window = int(time.time() // period)
        return cls(
            etag=f'W/"{version.number}-{window}-{digest[:24]}"',
            last_modified=int(max(version.changed, window * period)),
        )

    def apply(self, response):
        if not response.has_header("ETag"):  # the API's detail sends its own
            response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        # Browsers keep it but ask again each time; the answer is a cheap 304.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])  # a session cookie gets live pages


def is_conditional(request):
    return any(header in request.META for header in CONDITIONAL_HEADERS)


def precondition_answer(request, validators):
    """The 304 (or 412) the request's preconditions give, or None to go on."""
    headers = HttpResponse()
    validators.apply(headers)
    answer = get_conditional_response(
        request,
        etag=validators.etag,
        last_modified=validators.last_modified,
        response=headers,
    )
    return None if answer is headers else answer


def is_storable(request, response):
    # Vary: Cookie is no reason to refuse: the session middleware sends it for
    # every page that asks who is signed in, and a reader has no session. A page
    # that sets a cookie (a CSRF token's, say) is refused.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Authorization")
        and not isinstance(getattr(request, "_csp_nonce", None), str)
        and not _forbids_storing(response)
    )


def _forbids_storing(response):
    control = response.get("Cache-Control", "")
    return any(word in control for word in ("private", "no-store", "no-cache"))


@dataclass
class StoredPage:
    status: int
    headers: list
    content: bytes
    stored: float  # seconds since the epoch
    version: int  # the content version it was rendered at

    @classmethod
    def of(cls, response, version):
        # Content-Length is set again for the body sent (stale copies grow).
        headers = [(k, v) for k, v in response.items() if k != "Content-Length"]
        return cls(
            response.status_code,
            headers,
            response.content,
            time.time(),
            version.number,
        )

    def is_fresh(self, version):
        age = time.time() - self.stored
        return self.version == version.number and age < settings.PAGE_CACHE_SECONDS

    def validators(self):
        headers = dict(self.headers)
        return Validators(headers["ETag"], parse_http_date(headers["Last-Modified"]))

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(self.content))
        response["Age"] = str(max(0, int(time.time() - self.stored)))
        return response


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_reader_request(request):
            return self.get_response(request)
        digest = page_digest(request)
        version, found = content_version.read(page_key(digest))
        request.content_version = version  # read once (catalog/fragments.py)
        if version is None:  # the cache is down: render live
            return self.get_response(request)
        stored = found.get(page_key(digest))
        if stored is not None and not stored.is_fresh(version):
            stored = None  # rendered before the last change, or too long ago

        if is_conditional(request):
            # The kept page's validators, or those it will have when rendered.
            validators = (
                stored.validators() if stored else Validators.of(version, digest)
            )
            answer = precondition_answer(request, validators)
            if answer is not None:
                return answer
        if stored is not None:
            response = stored.response()
            response[CACHE_STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if is_storable(request, response):
            Validators.of(version, digest).apply(response)
            self.store(response, version, digest)
            response[CACHE_STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def store(response, version, digest):
        page = StoredPage.of(response, version)
        cache.set(page_key(digest), page, timeout=settings.PAGE_CACHE_LAST_GOOD_SECONDS)


def stale_response(request):
    """The last good copy of the page, marked as possibly out of date, or None."""
    if not settings.PAGE_CACHE_SECONDS or not is_reader_request(request):
        return None
    page = cache.get(page_key(page_digest(request)))
    if page is None:
        return None
    response = page.response()
    for validator in ("ETag", "Last-Modified"):
        del response[validator]  # never revalidate against an old copy
    response["Cache-Control"] = "no-store"
    response["Warning"] = STALE_WARNING
    response[CACHE_STATUS_HEADER] = "stale"
    if response["Content-Type"].startswith("text/html"):
        response.content = with_stale_notice(response.content, page.stored)
    response["Content-Length"] = str(len(response.content))
    return response


def with_stale_notice(content, stored):
    """The page with a notice, at the top of its main content, that it may be old."""
    found = MAIN_OPENING.search(content)
    if found is None:
        return content
    notice = render_to_string(
        "includes/stale_notice.html",
        {"stored": datetime.fromtimestamp(stored, tz=UTC)},
    ).encode()
    return content[: found.end()] + notice + content[found.end() :]
