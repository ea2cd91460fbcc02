"""The public list of changes: what editors changed in published frameworks, and why.

One item per framework and revision, newest first. A framework's changes are
public once it is published: changes made while it was a draft, and anything
that names a framework still in draft (a relation to it), stay private.
Editors' names are shown only with ``CHANGES_SHOW_EDITORS``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from .framework_rows import frameworks_of_record, row_kinds
from .models import Framework, RevisionFramework
from .timeline import object_changes


@dataclass
class PublicChange:
    framework: Framework
    revision: object
    objects: list = field(default_factory=list)  # timeline.ObjectChange

    @property
    def editor(self):
        user = self.revision.user
        if settings.CHANGES_SHOW_EDITORS and user is not None:
            return user.get_full_name() or user.get_username()
        return None

    @property
    def headline(self):
        """E.g. "changed summary and description; added an advantage"."""
        parts = []
        for change in self.objects:
            if change.noun == "framework" and change.action == "changed":
                names = [item.label.lower() for item in change.changes]
                parts.append("changed " + ", ".join(names))
            else:
                parts.append(f"{change.action} {change.noun} “{change.label}”")
        return "; ".join(parts) or "edited"


def published_changes():
    """(revision, framework) links a reader may see, newest first."""
    return (
        RevisionFramework.objects.filter(
            published=True, framework__status=Framework.Status.PUBLISHED
        )
        .select_related("revision__user", "framework")
        .order_by("-revision_id", "framework__name")
    )


def describe(links):
    """A ``PublicChange`` per link, in a fixed number of queries.

    A change names the fields it changed (what /changes/ and the feed show),
    without their values.
    """
    links = list(links)
    framework_ids = {link.framework_id for link in links}
    revision_ids = {link.revision_id for link in links}
    history = Framework.history.model
    sources = [(history, Q(id__in=framework_ids))] + [
        (kind.history_model, kind.belongs_to_any(framework_ids)) for kind in row_kinds()
    ]
    found = []
    for history_model, condition in sources:
        records = history_model.objects.filter(
            condition, history_revision__in=revision_ids
        )
        found += object_changes(records, values=False)
    named = set().union(*(frameworks_of_record(record) for record, _ in found))
    published = set(
        Framework.objects.published().filter(pk__in=named).values_list("pk", flat=True)
    )
    by_link = defaultdict(list)
    for record, change in found:
        frameworks = frameworks_of_record(record)
        if frameworks <= published:
            for framework_id in frameworks:
                by_link[record.history_revision_id, framework_id].append(change)
    return [
        PublicChange(
            link.framework, link.revision, by_link[link.revision_id, link.framework_id]
        )
        for link in links
    ]
