"""The starting content: fixture files whose entries are loaded once per database.

An *entry* is an object with a slug (a framework, category, use case, feature or
source). It is added only if it has never been in this database: not recorded as
loaded (``StartingEntry``), not there now, and not in its history. An entry that
is there is never changed. Every other object (an advantage, a usage figure, a
feature cell, a relation) is a *row*: it is added with the entries it refers to,
when at least one of them is added in the same run and all of them are there.

So a database keeps what its editors did (deleted frameworks stay deleted, edited
categories keep their names), and an entry added to a fixture in a later release
is added on the next run. A fixture lists objects as ``dumpdata`` writes them;
their ids only tie the fixture's objects together and never reach the database.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from graphlib import TopologicalSorter

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import transaction
from django.db.models import Max
from simple_history.utils import get_history_manager_for_model

from .content_version import content_changed
from .figure_signals import refreshes_deferred
from .models import StartingEntry
from .revisions import adopt_unrevisioned, revision

# Loaded in this order by ``manage.py loadstartingcontent``; a later file may
# refer to objects of an earlier one by their ids there.
FIXTURES = [
    settings.BASE_DIR / "fixtures" / "catalog.json",
    # Recorded from the package index, so that the pages show facts without a fetch.
    settings.BASE_DIR / "fixtures" / "package_facts.json",
]
# The reason the editing history gives for what a run adds.
REASON = "Loaded the starting content"

KEY_FIELD = "slug"


@dataclass
class Report:
    """What one run added, and what it could not add."""

    added: dict = field(default_factory=lambda: defaultdict(list))  # model: keys
    rows: dict = field(default_factory=lambda: defaultdict(int))  # model: count
    skipped: list = field(default_factory=list)  # sentences

    order: list = field(default_factory=list)  # models as the fixtures list them

    def lines(self):
        """One line per entry added, then one per kind of row added with them."""
        for model, keys in sorted(self.added.items(), key=self.in_fixture_order):
            for key in keys:
                yield f"Added {model._meta.verbose_name} {key}."
        for model, count in sorted(self.rows.items(), key=self.in_fixture_order):
            yield f"Added {count} {plural(model, count)} with them."
        yield from self.skipped

    def in_fixture_order(self, item):
        return self.order.index(item[0])


def plural(model, count):
    meta = model._meta
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def is_entry(model):
    return any(f.name == KEY_FIELD and f.unique for f in model._meta.fields)


def references(model):
    """``{field name: model}`` for the foreign keys and many-to-many fields."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return {f.name: f.related_model for f in fields if f.is_relation}


def in_dependency_order(objects):
    """The fixture's objects, those referred to before those that refer to them."""
    by_model = defaultdict(list)
    for obj in objects:
        by_model[apps.get_model(obj["model"])].append(obj)
    graph = {
        model: {other for other in references(model).values() if other in by_model}
        for model in by_model
    }
    return [
        (model, obj)
        for model in TopologicalSorter(graph).static_order()
        for obj in by_model[model]
    ]


class Loader:
    def __init__(self):
        self.ids = {}  # (model, id in the fixture) -> id here, or None if absent
        self.created = defaultdict(list)  # model -> objects added in this run
        self.history_before = {}  # model -> its last history id before this run
        self.report = Report()

    def load(self, paths):
        """Load the fixtures in order, in one transaction.

        Their ids are one space: an object in a later file may refer to one
        in an earlier file by its id there (package facts to their framework).
        """
        with transaction.atomic(), revision(reason=REASON), refreshes_deferred():
            for path in paths:
                with open(path, encoding="utf-8") as fixture:
                    objects = json.load(fixture)
                for obj in objects:
                    model = apps.get_model(obj["model"])
                    if model not in self.report.order:
                        self.report.order.append(model)
                for model, obj in in_dependency_order(objects):
                    if is_entry(model):
                        self.load_entry(model, obj)
                    else:
                        self.load_row(model, obj)
            self.record_history()
            adopt_unrevisioned()  # the first versions written without a signal
        return self.report

    def load_entry(self, model, obj):
        key = obj["fields"][KEY_FIELD]
        label = model._meta.label_lower
        present = model._base_manager.filter(**{KEY_FIELD: key}).first()
        recorded = StartingEntry.objects.filter(model=label, key=key).exists()
        if present is None and not recorded and not self.ever_existed(model, key):
            present = self.create(model, obj)
            if present is not None:
                self.report.added[model].append(key)
        self.ids[model, obj["pk"]] = None if present is None else present.pk
        if present is not None and not recorded:
            StartingEntry.objects.create(model=label, key=key)

    def load_row(self, model, obj):
        referred = [
            (other, obj["fields"][name])
            for name, other in references(model).items()
            if not isinstance(obj["fields"].get(name), list | type(None))
        ]
        with_new_entry = any(self.ids.get(r) in self.new_ids(r[0]) for r in referred)
        if with_new_entry and self.create(model, obj) is not None:
            self.report.rows[model] += 1
        self.ids.setdefault((model, obj["pk"]), None)

    def new_ids(self, model):
        return {created.pk for created in self.created[model]}

    def create(self, model, obj):
        """Add ``obj`` with its references translated to ids here, or skip it."""
        fields = dict(obj["fields"])
        for name, other in references(model).items():
            value = fields.get(name)
            if isinstance(value, list):  # many-to-many: keep those that are here
                mapped = (self.ids.get((other, item)) for item in value)
                fields[name] = [item for item in mapped if item is not None]
            elif value is not None:
                fields[name] = self.ids.get((other, value))
                if fields[name] is None:
                    self.skip(model, obj, other, value)
                    return None
        (deserialized,) = serializers.deserialize(
            "python", [{"model": obj["model"], "fields": fields}]
        )
        if model not in self.history_before and has_history(model):
            last = get_history_manager_for_model(model).aggregate(last=Max("pk"))
            self.history_before[model] = last["last"] or 0
        deserialized.save()  # as loaddata does: raw, with many-to-many after
        self.ids[model, obj["pk"]] = deserialized.object.pk
        self.created[model].append(deserialized.object)
        return deserialized.object

    def skip(self, model, obj, other, value):
        if not is_entry(model):
            return  # a row of an entry that is not added: nothing to say
        self.report.skipped.append(
            f"Not added: {model._meta.verbose_name} {obj['fields'][KEY_FIELD]}, "
            f"as its {other._meta.verbose_name} (id {value} in the fixture) "
            "is not in this database."
        )

    def ever_existed(self, model, key):
        if not has_history(model):
            return False
        history = get_history_manager_for_model(model)
        return history.filter(**{KEY_FIELD: key}).exists()

    def record_history(self):
        """Give each added object one first version in its history.

        Setting many-to-many fields while loading records a change; it is where
        the object was created. Objects without one get a first version.
        """
        for model, last_before in self.history_before.items():
            recorded_now = get_history_manager_for_model(model).filter(
                pk__gt=last_before
            )
            pk_name = model._meta.pk.attname
            # One version per many-to-many field set; the last holds them all.
            last = dict(recorded_now.order_by("pk").values_list(pk_name, "pk"))
            recorded_now.exclude(pk__in=last.values()).delete()
            recorded_now.update(history_type="+")
            content_changed()
            with_version = set(recorded_now.values_list(pk_name, flat=True))
            get_history_manager_for_model(model).bulk_history_create(
                [obj for obj in self.created[model] if obj.pk not in with_version]
            )


def load(paths=FIXTURES):
    """Add the entries of the fixtures at ``paths`` that were never here."""
    return Loader().load(paths)
