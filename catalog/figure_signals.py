"""Receivers that keep the latest figures stored on frameworks up to date."""

from .models import Framework


def _refresh(*framework_ids):
    ids = {pk for pk in framework_ids if pk is not None}
    if ids:
        Framework.objects.filter(pk__in=ids).refresh_latest_figures()


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
