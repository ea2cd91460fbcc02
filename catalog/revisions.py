"""Revisions: the history records one save writes, with who, when and why.

django-simple-history keeps one historical record per object and save. An
editor's save touches several objects at once (a framework and the rows of its
page), so every historical record also names its ``Revision``: one entry in a
framework's timeline, with the user, the time and the reason for the change,
which is also stored as each record's simple-history change reason.

A request that writes opens a revision (``RevisionMiddleware``); the revision row
itself is created with the first record, so a request that writes nothing leaves
none behind. Records written outside a request (a shell, a command) each get a
revision of their own unless the code opens one with ``revision()``.

Built on simple-history's public API: the historical models get the
``history_revision`` field from ``bases`` and it is filled in from the
``pre_create_historical_record`` signal, as its documentation shows for extra
fields. ``bulk_history_create`` sends no signal; ``adopt_unrevisioned`` gives the
records it writes (``populate_history``) a revision afterwards.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class Revision(models.Model):
    """One save: every historical record it wrote shares it."""

    created = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(
        "reason for the change",
        max_length=100,
        blank=True,
        help_text="Why the change was made, in a few words.",
    )
    reverted_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a revert: the revision whose state was restored.",
    )

    class Meta:
        ordering = ["-pk"]

    def __str__(self):
        return f"Revision {self.pk} of {self.created:%Y-%m-%d %H:%M}"


class RevisionFramework(models.Model):
    """A framework a revision changed, itself or one of its rows."""

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="framework_links"
    )
    # No database constraint: the timeline of a deleted framework is kept.
    framework = models.ForeignKey(
        "catalog.Framework",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="revision_links",
    )
    published = models.BooleanField(
        help_text="Whether the framework was published once the revision was made."
    )

    class Meta:
        ordering = ["-revision_id", "framework_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "framework"], name="revision_framework_once"
            )
        ]

    def __str__(self):
        return f"{self.revision} of framework {self.framework_id}"


class RevisionedHistoricalModel(models.Model):
    """The base of every catalog historical model (``HistoricalRecords(bases=...)``)."""

    history_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


def history_by_revision(**kwargs):
    """``HistoricalRecords`` whose records each name their revision."""
    return HistoricalRecords(bases=[RevisionedHistoricalModel], **kwargs)


# --- Opening a revision --------------------------------------------------------


@dataclass
class PendingRevision:
    reason: str = ""
    reverted_to: Revision | None = None
    revision: Revision | None = None
    # {framework id: published}, for the frameworks linked so far
    linked: dict = field(default_factory=dict)


_current = ContextVar("catalog_revision", default=None)


@contextmanager
def revision(reason="", reverted_to=None):
    """Group the history records written inside into one revision."""
    pending = PendingRevision(reason=reason, reverted_to=reverted_to)
    token = _current.set(pending)
    try:
        yield pending
    finally:
        _current.reset(token)


def set_reason(reason):
    """Give the open revision its reason (before its first record is written)."""
    pending = _current.get()
    if pending is not None:
        pending.reason = reason


class RevisionMiddleware:
    """Every request that may write is one revision."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with revision():
            return self.get_response(request)


# --- Filling it in -------------------------------------------------------------


def is_revisioned(history_model):
    return issubclass(history_model, RevisionedHistoricalModel)


def attach_revision(sender, history_instance, history_user, **kwargs):
    """``pre_create_historical_record`` receiver: name the record's revision."""
    if not is_revisioned(sender):
        return
    pending = _current.get() or PendingRevision(
        reason=history_instance.history_change_reason or ""
    )
    if pending.revision is None:
        pending.revision = Revision.objects.create(
            user=history_user, reason=pending.reason, reverted_to=pending.reverted_to
        )
    history_instance.history_revision = pending.revision
    if pending.reason:
        history_instance.history_change_reason = pending.reason
    link_frameworks(pending, history_instance)


def link_frameworks(pending, record):
    """Link the revision to the frameworks ``record`` concerns, with their status."""
    from .framework_rows import frameworks_of_record
    from .models import Framework

    published = Framework.Status.PUBLISHED
    framework_ids = frameworks_of_record(record)
    if type(record).instance_type is Framework:
        status = {record.id: record.history_type != "-" and record.status == published}
    else:
        unknown = framework_ids - pending.linked.keys()
        status = dict.fromkeys(unknown, False)
        status.update(
            (pk, value == published)
            for pk, value in Framework.objects.filter(pk__in=unknown).values_list(
                "pk", "status"
            )
        )
    for framework_id, is_published in status.items():
        if framework_id not in pending.linked:
            RevisionFramework.objects.create(
                revision=pending.revision,
                framework_id=framework_id,
                published=is_published,
            )
        elif pending.linked[framework_id] != is_published:
            RevisionFramework.objects.filter(
                revision=pending.revision, framework_id=framework_id
            ).update(published=is_published)
        pending.linked[framework_id] = is_published


def adopt_unrevisioned(reason=""):
    """Give the historical records that have no revision the open one (or a new one).

    For records written by simple-history's ``bulk_history_create``, which sends
    no signal (``populate_history`` uses it).
    """
    pending = _current.get() or PendingRevision(reason=reason)
    for model in apps.get_app_config("catalog").get_models():
        if not is_revisioned(model):
            continue
        for record in model.objects.filter(history_revision__isnull=True):
            if pending.revision is None:
                pending.revision = Revision.objects.create(reason=pending.reason)
            record.history_revision = pending.revision
            record.history_change_reason = pending.reason or None
            record.save(update_fields=["history_revision", "history_change_reason"])
            link_frameworks(pending, record)
    return pending.revision
