"""Parts of a page kept rendered per content version, for any reader.

A fragment holds nothing about who asks, only catalog content, so it serves
editors and readers alike and outlives the page cache's keys (one page per
address): the catalog's filter form, say, is the same on every page of a
listing and in every order, and a framework's row in the ranking the same on
every listing that shows it. It is kept with the content version it was rendered
at, and used only while that version is current, so a change to the catalog
makes every fragment fresh at once, as it does pages.

Kept values are pickled, so a release must not read those an older release kept:
``migrate``, which every release runs, moves the version on.

The version must be read before the page reads the catalog (``note_version``
at the start of the view): a fragment rendered from data read before a change
is then kept under the version before it, and never used after it.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
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
    return mark_safe(kept(request, name, render, parts))


def kept(request, name, make, parts=()):
    """The value ``make()`` gives, kept per content version under ``name`` and
    ``parts``."""
    [value] = kept_or_made(request, [fragment_key(name, parts)], lambda keys: [make()])
    return value


def cached_each(request, name, objects, render, prepare=None):
    """``render(item)`` for each object, as ``kept_each`` keeps them; nothing
    for an object gone."""
    made = kept_each(request, name, objects, render, prepare)
    return [mark_safe("" if html is None else html) for html in made]


def kept_each(request, name, objects, make, prepare=None, parts=()):
    """``make(item)`` for each object, kept per content version under the
    name, the ``parts`` and the object's primary key; all read in one round
    trip.

    ``prepare(objects)`` turns the objects not kept into the items ``make``
    takes, in order (reading what they show, for them alone); None for an
    object gone since it was listed, which is made as None.
    """
    by_key = {fragment_key(name, [*parts, obj.pk]): obj for obj in objects}

    def make_missing(keys):
        missing = [by_key[key] for key in keys]
        items = prepare(missing) if prepare else missing
        return [None if item is None else make(item) for item in items]

    return kept_or_made(request, list(by_key), make_missing)


def preparer(function, *args):
    """``function`` (with any leading ``args``) as a fragment's ``prepare``,
    passed through a template's context without the template calling it."""
    prepare = functools.partial(function, *args)
    prepare.do_not_call_in_templates = True
    return prepare


def prefetched(lookups, objects):
    """A ``prepare``: the objects, with ``lookups`` prefetched onto them."""
    prefetch_related_objects(objects, *lookups)
    return objects


def kept_or_made(request, keys, make_missing):
    """The value for each key, in order: kept at the current content version,
    else made (``make_missing(keys)`` for all those not kept) and kept."""
    version = getattr(request, "content_version", None)
    if version is None or not settings.FRAGMENT_CACHE_SECONDS:
        return make_missing(keys)
    found = cache.get_many(keys)
    kept = {
        key: value for key, (number, value) in found.items() if number == version.number
    }
    missing = [key for key in keys if key not in kept]
    if missing:
        made = dict(zip(missing, make_missing(missing), strict=True))
        cache.set_many(
            {key: (version.number, value) for key, value in made.items()},
            settings.FRAGMENT_CACHE_SECONDS,
        )
        kept.update(made)
    return [kept[key] for key in keys]
