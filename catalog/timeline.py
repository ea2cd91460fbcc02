"""An object's timeline: its revisions, newest first, each with what it changed.

A framework's timeline covers the framework and every row of its page (see
``framework_rows``); any other object's covers the object itself. Reading a page
of entries takes a fixed number of queries however long the history is: one for
the page of revisions, then two per kind of historical record (the records and
the versions before them) and one per many-to-many field.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.utils.text import capfirst
from simple_history.models import DeletedObject
from simple_history.utils import (
    get_history_model_for_model,
    get_m2m_reverse_field_name,
)

from .diffs import field_change, field_named
from .framework_rows import row_kinds
from .models import Framework, Revision

ACTIONS = {"+": "added", "~": "changed", "-": "removed"}


@dataclass
class ObjectChange:
    noun: str  # the model's verbose name, e.g. "advantage"
    label: str
    action: str  # added, changed or removed
    changes: list = field(default_factory=list)  # diffs.FieldChange


@dataclass
class Entry:
    revision: Revision
    objects: list = field(default_factory=list)  # ObjectChange


class Subject:
    """An object whose history is shown: itself and, for a framework, its rows."""

    def __init__(self, model, pk):
        self.model = model
        self.pk = pk
        self.history_model = get_history_model_for_model(model)
        self.pk_name = model._meta.pk.attname

    @property
    def has_rows(self):
        return self.model is Framework

    def sources(self):
        """(historical model, filter) for each kind of record in the timeline."""
        sources = [(self.history_model, Q(**{self.pk_name: self.pk}))]
        if self.has_rows:
            sources += [
                (kind.history_model, kind.belongs_to(self.pk)) for kind in row_kinds()
            ]
        return sources

    def revisions(self):
        if self.has_rows:
            revisions = Revision.objects.filter(framework_links__framework=self.pk)
        else:
            records = self.history_model.objects.filter(**{self.pk_name: self.pk})
            revisions = Revision.objects.filter(
                pk__in=records.values("history_revision")
            )
        return revisions.select_related("user", "reverted_to").order_by("-pk")

    def latest_revision_id(self):
        return self.revisions().values_list("pk", flat=True).first()


def timeline_page(subject, number, per_page=20):
    """A page of the subject's timeline: (page, entries)."""
    page = Paginator(subject.revisions(), per_page).get_page(number)
    return page, entries(subject, list(page.object_list))


def entries(subject, revisions):
    """An ``Entry`` for each revision, listing what it changed of the subject."""
    by_revision = defaultdict(list)
    for history_model, condition in subject.sources():
        records = history_model.objects.filter(
            condition, history_revision__in=[revision.pk for revision in revisions]
        )
        for record, change in object_changes(records, subject):
            by_revision[record.history_revision_id].append(change)
    return [Entry(revision, by_revision[revision.pk]) for revision in revisions]


def object_changes(records, subject=None, values=True):
    """(record, ``ObjectChange``) for each historical record in ``records``.

    With a ``subject``, an added row does not list its link to the subject.
    Without ``values``, a change names the fields it changed but holds neither
    their values nor a diff, and an addition lists no fields: what a headline
    needs, at a fraction of the cost.
    """
    history_model = records.model
    model = history_model.instance_type
    joined = [f.name for f in model._meta.concrete_fields if f.many_to_one]
    before = history_model.objects.filter(
        **{model._meta.pk.attname: OuterRef(model._meta.pk.attname)},
        history_id__lt=OuterRef("history_id"),
    ).order_by("-history_id")
    records = list(
        records.select_related(*joined)
        .annotate(previous_id=Subquery(before.values("history_id")[:1]))
        .order_by("history_id")
    )
    previous = history_model.objects.filter(
        history_id__in=[record.previous_id for record in records]
    ).select_related(*joined)
    previous = {record.history_id: record for record in previous}
    many = many_to_many_values(history_model, [*records, *previous.values()])
    for record in records:
        noun = str(model._meta.verbose_name)
        change = ObjectChange(noun, label(record), ACTIONS[record.history_type])
        earlier = previous.get(record.previous_id)
        if record.history_type == "~" and earlier is not None:
            change.changes = changed_fields(record, earlier, many, values)
            if not change.changes:
                continue  # saved without a change
        elif record.history_type != "-":
            # Created, or first recorded by a change (loaddata sets many-to-many
            # fields after a raw save, which records nothing).
            change.action = ACTIONS["+"]
            if values:
                change.changes = added_fields(subject, record, many)
        yield record, change


def label(record):
    """The record's object as ``str()`` shows it, without a query."""
    model = record.instance_type
    # Not ``record.instance``: for a model whose history leaves out derived
    # fields (a framework's stored figures) it reads them from the live row,
    # one query per record.
    instance = model(
        **{
            field_.attname: getattr(record, field_.attname)
            for field_ in model._meta.concrete_fields
            if hasattr(record, field_.attname)
        }
    )
    for field_ in model._meta.concrete_fields:
        if not field_.many_to_one or getattr(record, field_.attname) is None:
            continue
        related = getattr(record, field_.name)  # joined in: no query
        if related is None:  # deleted since
            return f"{capfirst(model._meta.verbose_name)} {record.pk}"
        setattr(instance, field_.name, related)
    return str(instance)


def tracked_many_to_many(history_model):
    model = history_model.instance_type
    return [f for f in model._meta.many_to_many if hasattr(history_model, f.name)]


def many_to_many_values(history_model, records):
    """{field name: {history_id: [related objects]}} in one query per field."""
    values = {}
    ids = [record.history_id for record in records]
    for m2m_field in tracked_many_to_many(history_model):
        rows_model = getattr(history_model, m2m_field.name).model
        target = get_m2m_reverse_field_name(m2m_field)
        rows = rows_model.objects.filter(history_id__in=ids).select_related(target)
        found = defaultdict(list)
        for row in rows:
            related = getattr(row, target)
            if related is None:
                related_id = getattr(row, f"{target}_id")
                related = DeletedObject(m2m_field.related_model, related_id)
            found[row.history_id].append(related)
        values[m2m_field.name] = {
            key: sorted(items, key=str) for key, items in found.items()
        }
    return values


def field_value(record, field_):
    if field_.many_to_one and getattr(record, field_.attname) is not None:
        related = getattr(record, field_.name)  # joined in: no query
        return related or DeletedObject(
            field_.related_model, getattr(record, field_.attname)
        )
    return getattr(record, field_.attname)


def changed_fields(record, earlier, many, values=True):
    """What changed from ``earlier`` to ``record``, through simple-history's diff;
    without ``values``, only which fields changed."""
    model = record.instance_type
    describe = field_change if values else field_named
    delta = record.diff_against(
        earlier, excluded_fields=list(many), foreign_keys_are_objs=True
    )
    changes = [
        describe(model._meta.get_field(change.field), change.old, change.new)
        for change in delta.changes
    ]
    for name, by_record in many.items():
        old = by_record.get(earlier.history_id, [])
        new = by_record.get(record.history_id, [])
        if [str(item) for item in old] != [str(item) for item in new]:
            changes.append(describe(model._meta.get_field(name), old, new))
    return changes


def added_fields(subject, record, many):
    """The values an object was created with, leaving out empty ones."""
    model = record.instance_type
    changes = []
    for field_ in model._meta.concrete_fields:
        if not field_.editable or field_.primary_key:
            continue
        is_subject = subject and field_.related_model is subject.model
        if is_subject and getattr(record, field_.attname) == subject.pk:
            continue  # the subject itself: the timeline is its own
        value = field_value(record, field_)
        if value not in (None, ""):
            changes.append(field_change(field_, None, value))
    for name, by_record in many.items():
        if by_record.get(record.history_id):
            field_ = model._meta.get_field(name)
            changes.append(field_change(field_, [], by_record[record.history_id]))
    return changes
