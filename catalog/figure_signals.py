"""Receivers that keep the latest figures stored on frameworks up to date."""

from contextlib import contextmanager
from contextvars import ContextVar

from .models import Framework

_deferred_ids = ContextVar("deferred_latest_figure_ids", default=None)


def _refresh(*framework_ids):
    ids = {pk for pk in framework_ids if pk is not None}
    deferred = _deferred_ids.get()
    if deferred is not None:
        deferred.update(ids)
    elif ids:
        Framework.objects.filter(pk__in=ids).refresh_latest_figures()


@contextmanager
def refreshes_deferred():
    """Refresh each touched framework's latest figures once, when the block ends,
    instead of once per saved row: a fixture of 50 figures is one refresh."""
    ids = set()
    token = _deferred_ids.set(ids)
    try:
        yield
    finally:
        _deferred_ids.reset(token)
    _refresh(*ids)


def usage_saved(sender, instance, **kwargs):
    # A figure moved to another framework changes the one it left too.
    _refresh(instance.framework_id, getattr(instance, "loaded_framework_id", None))
    instance.loaded_framework_id = instance.framework_id


def usage_deleted(sender, instance, **kwargs):
    _refresh(instance.framework_id)


def source_saved(sender, instance, created, **kwargs):
    # A source's kind decides which figure of a year is preferred.
    if not created:
        Framework.objects.filter(usage_stats__source=instance).refresh_latest_figures()


def framework_loaded(sender, instance, raw, **kwargs):
    # loaddata writes the figures a fixture holds (or none): derive them afresh.
    if raw:
        _refresh(instance.pk)
