"""The content version: one number that every change to the catalog moves on.

Cached pages are stored under the version they were rendered at
(``frameworks_site/page_cache.py``), so moving it on makes every page fresh at
once. It lives in the default cache beside the pages, with the time of the
change, which responses send as ``Last-Modified``.

Every change calls ``content_changed()``; the version moves on once, when the
transaction commits, so no reader can cache a page rendered from data that is
rolled back, or from data read before the change committed. The signals below
call it for every save, delete and many-to-many change of a catalog model
(loaddata's raw saves included), for a change to a user (pages name editors;
a sign-in, which saves only ``last_login``, is not one) and after migrations;
code that writes with ``QuerySet.update()``, ``bulk_create()`` or raw SQL calls
it itself.
"""

import time
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

VERSION_KEY = "content-version"
CHANGED_KEY = "content-changed"
CATALOG_APPS = {"catalog"}


@dataclass(frozen=True)
class ContentVersion:
    number: int
    changed: float  # seconds since the epoch


def fresh_start(now):
    """A first number (first use, or the key was lost): the time in microseconds,
    past any number counted up one change at a time from an earlier start."""
    return int(now * 1_000_000)


def current():
    """The content version, or None while the cache cannot be reached."""
    return read()[0]


def read(*keys):
    """The content version (or None) and the values of ``keys`` found in the
    cache, in one round trip: a cached page costs one."""
    wanted = [VERSION_KEY, CHANGED_KEY, *keys]
    found = cache.get_many(wanted)
    if VERSION_KEY not in found or CHANGED_KEY not in found:
        now = time.time()
        cache.add(VERSION_KEY, fresh_start(now), timeout=None)
        cache.add(CHANGED_KEY, now, timeout=None)
        found = cache.get_many(wanted)
    if VERSION_KEY not in found or CHANGED_KEY not in found:
        return None, found
    version = ContentVersion(found.pop(VERSION_KEY), found.pop(CHANGED_KEY))
    return version, found


def bump():
    """Move the version on now (``content_changed`` calls it on commit)."""
    now = time.time()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there: start again, past every earlier number
        cache.set(VERSION_KEY, fresh_start(now), timeout=None)
    cache.set(CHANGED_KEY, now, timeout=None)


def content_changed(using=None):
    """The catalog changed: move the version on when the transaction commits.

    Outside a transaction that is now. Inside one, the version moves once
    however many changes it holds.
    """
    connection = transaction.get_connection(using)
    # The callbacks on_commit() has queued: (savepoint ids, callable, robust) in
    # Django 4.2 to 5.2. A savepoint rolled back drops its own, so a change in
    # a later savepoint queues the bump again.
    pending = (func for _sids, func, _robust in connection.run_on_commit)
    if connection.in_atomic_block and bump in pending:
        return
    transaction.on_commit(bump, using=using, robust=True)


def _saved_or_deleted(sender, using, **kwargs):
    content_changed(using)


def _many_changed(sender, action, using, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in CATALOG_APPS:
        content_changed(using)


def _user_saved(sender, using, update_fields=None, **kwargs):
    # Pages name editors (the public changes); a sign-in saves last_login only.
    if update_fields is None or set(update_fields) - {"last_login"}:
        content_changed(using)


def _migrated(sender, using, **kwargs):
    if sender.label in CATALOG_APPS:  # sent once per app, with its AppConfig
        content_changed(using)


def connect_signals():
    """Every model of the catalog's apps, including history and package facts."""
    # By sender: a delete signal with any receiver stops Django's fast deletes
    # of that model, which other apps' models keep.
    for label in CATALOG_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"content-version-{model._meta.label}"
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
    user = get_user_model()
    post_save.connect(_user_saved, sender=user, dispatch_uid="content-version-user")
    post_delete.connect(
        _saved_or_deleted, sender=user, dispatch_uid="content-version-user"
    )
    m2m_changed.connect(_many_changed, dispatch_uid="content-version-m2m")
    post_migrate.connect(_migrated, dispatch_uid="content-version-migrate")
