"""Parts of a page kept rendered per content version, for any reader.

A fragment holds nothing about who asks, only catalog content, so it serves
editors and readers alike and outlives the page cache's keys (one page per
address): the catalog's filter form, say, is the same on every page of a
listing and in every order. It is kept with the content version it was rendered
at, and used only while that version is current, so a change to the catalog
makes every fragment fresh at once, as it does pages.

The version must be read before the page reads the catalog (``note_version``
at the start of the view): a fragment rendered from data read before a change
is then kept under the version before it, and never used after it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from . import content_version

UNREAD = object()


def note_version(request):
    """Read the content version for this request, once, before its queries."""
    if getattr(request, "content_version", UNREAD) is UNREAD:
        request.content_version = (
            content_version.current() if settings.FRAGMENT_CACHE_SECONDS else None
        )


def fragment_key(name, parts):
    digest = hashlib.sha256(repr((name, *parts)).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def cached(request, name, parts, render):
    """The fragment ``name`` told apart by ``parts``, from the cache when it was
    rendered at the current content version, else ``render()`` (then kept)."""
    version = getattr(request, "content_version", None)
    if version is None or not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    key = fragment_key(name, parts)
    kept = cache.get(key)
    if kept is not None and kept[0] == version.number:
        return mark_safe(kept[1])
    html = render()
    cache.set(key, (version.number, str(html)), settings.FRAGMENT_CACHE_SECONDS)
    return html
