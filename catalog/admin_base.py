"""The base of every catalog admin: history with revert, safe with odd input.

Besides keeping a history of each object, ``CatalogAdmin``:

- answers odd input an editor can send with a 400 or 404 rather than a 500:
  a NUL byte in a changelist's query string (PostgreSQL refuses it in text), a
  non-numeric id in a history address, a non-numeric id in an action's selection;
- keeps the history and delete confirmation pages at a fixed number of queries
  however many rows they list (each row's title, its ``__str__``, reads the row's
  ForeignKeys, and simple-history diffs a many-to-many field with two queries per
  row);
- still titles a historical version whose ForeignKey points at a row deleted since.
"""

from collections import defaultdict
from itertools import pairwise

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from django.db import models, router
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange, ModelDelta
from simple_history.utils import (
    get_history_model_for_model,
    get_m2m_reverse_field_name,
)


def contains_nul(query):
    """Whether any key or value of a QueryDict holds a NUL character."""
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query.lists()
    )


def foreign_key_names(model):
    return [field.name for field in model._meta.concrete_fields if field.many_to_one]


def titled(obj):
    """Return ``obj``, made sure that ``str(obj)`` works.

    A historical version can refer to a row deleted since (a usage figure of a
    deleted framework); its ``__str__`` would raise DoesNotExist. A missing row is
    replaced by simple-history's ``DeletedObject``, as in its own diffs.
    """
    try:
        str(obj)
    except ObjectDoesNotExist:
        pass
    else:
        return obj
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if not field.many_to_one or value is None or field.is_cached(obj):
            continue
        try:
            getattr(obj, field.name)
        except ObjectDoesNotExist:
            field.set_cached_value(obj, DeletedObject(field.related_model, value))
    return obj


class RelatedRowsCollector(NestedObjects):
    """Django's delete-page collector, with each row's ForeignKeys joined in.

    The confirmation page prints every row to delete, and a row's ``__str__`` may
    read its ForeignKeys (a feature support names its framework and feature);
    Django joins in only the key the row was found by.
    """

    def related_objects(self, related_model, related_fields, objs):
        rows = super().related_objects(related_model, related_fields, objs)
        return rows.select_related(*foreign_key_names(related_model))


class CatalogAdmin(SimpleHistoryAdmin):
    """Every catalog admin keeps a history of each object, with revert."""

    # Django 6.0 makes https the default scheme; say so now, and avoid the warning.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # --- Odd input -------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        # Filters and the search go into SQL as typed; PostgreSQL refuses a NUL
        # in text with a DataError, which the changelist does not catch.
        if contains_nul(request.GET):
            raise BadRequest("The address holds a NUL character.")
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset):
        # Django filters the queryset by the selected ids as sent: one that is not
        # a number raises ValueError there.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        try:
            for pk in selected:
                self.model._meta.pk.to_python(pk)
        except ValidationError:
            self.message_user(
                request,
                "The selection was not understood. No items have been changed.",
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)

    def _id_or_404(self, model, value):
        try:
            return model._meta.pk.to_python(unquote(value))
        except ValidationError:
            name = model._meta.verbose_name
            raise Http404(f"No {name} has the id {value!r}.") from None

    def history_view(self, request, object_id, extra_context=None):
        self._id_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._id_or_404(self.model, object_id)
        self._id_or_404(get_history_model_for_model(self.model), version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view_title(self, request, obj):
        return super().history_view_title(request, titled(obj))

    def history_form_view_title(self, request, obj):
        return super().history_form_view_title(request, titled(obj))

    # --- History page in a fixed number of queries -----------------------------

    def set_history_delta_changes(
        self, request, historical_records, foreign_keys_are_objs=True
    ):
        """Title each row and diff it against the one before, without queries.

        simple-history's version diffs a many-to-many field with two queries per
        row, and each row's title (``history_object``, built afresh on every read)
        loads its ForeignKeys again. Here the many-to-many rows of the whole page
        are read in one query per field, and each row's object is built once, with
        the ForeignKeys the history queryset already joined in.
        """
        records = list(historical_records)
        for record in records:
            self._keep_history_object(record)
        m2m_rows = self._historical_m2m_rows(records, foreign_keys_are_objs)
        for newer, older in pairwise(records):
            delta = newer.diff_against(
                older,
                excluded_fields=m2m_rows.keys(),
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            changes = list(delta.changes)
            for name, rows_by_record in m2m_rows.items():
                old_rows = rows_by_record.get(older.pk, [])
                new_rows = rows_by_record.get(newer.pk, [])
                if [raw for raw, _ in old_rows] != [raw for raw, _ in new_rows]:
                    old = [shown for _, shown in old_rows]
                    new = [shown for _, shown in new_rows]
                    changes.append(ModelChange(name, old, new))
            changes.sort(key=lambda change: change.field)
            delta = ModelDelta(changes, [c.field for c in changes], older, newer)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    @staticmethod
    def _keep_history_object(record):
        """Build ``record.history_object`` once, with its joined ForeignKeys."""
        obj = record.history_object
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if not field.many_to_one or value is None:
                continue
            record_field = record._meta.get_field(field.name)
            if record_field.is_cached(record):
                related = record_field.get_cached_value(record)
                if related is None:
                    related = DeletedObject(field.related_model, value)
                field.set_cached_value(obj, related)
        # history_object is a non-data descriptor: the instance attribute wins.
        record.history_object = obj

    def _historical_m2m_rows(self, records, foreign_keys_are_objs):
        """``{field name: {history_id: [(raw row, shown row), ...]}}`` for the page.

        A raw row is what simple-history's ``diff_against`` compares (the values of
        the through model's fields); a shown row is what it displays (the related
        objects when ``foreign_keys_are_objs``), in the same order.
        """
        history_model = get_history_model_for_model(self.model)
        ids = [record.pk for record in records]
        found = {}
        for field in history_model._history_m2m_fields:
            m2m_model = getattr(history_model, field.name).model
            opts = m2m_model._meta
            names = [
                f.name
                for f in opts.fields
                if f.editable and f.name not in ("id", "m2m_history_id", "history")
            ]
            attnames = {name: opts.get_field(name).attname for name in names}
            keys = {name for name in names if opts.get_field(name).many_to_one}
            rows = (
                m2m_model.objects.filter(history_id__in=ids)
                .order_by(get_m2m_reverse_field_name(field), "pk")
                .select_related(*keys)
            )
            by_record = defaultdict(list)
            for row in rows:
                raw = {name: getattr(row, attnames[name]) for name in names}
                shown = dict(raw)
                if foreign_keys_are_objs:
                    for name in keys:
                        related = getattr(row, name)
                        if related is None:
                            model = opts.get_field(name).related_model
                            related = DeletedObject(model, raw[name])
                        shown[name] = related
                by_record[row.history_id].append((raw, shown))
            found[field.name] = by_record
        return found

    # --- Delete confirmation in a fixed number of queries ------------------------

    def get_deleted_objects(self, objs, request):
        """Django's ``get_deleted_objects``, with ``RelatedRowsCollector``."""
        try:
            obj = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = RelatedRowsCollector(
            using=router.db_for_write(obj._meta.model), origin=objs
        )
        collector.collect(objs)
        admin_site = self.admin_site
        perms_needed = set()

        def format_callback(obj):
            opts = obj._meta
            no_edit_link = f"{capfirst(opts.verbose_name)}: {obj}"
            if not admin_site.is_registered(obj.__class__):
                return no_edit_link
            model_admin = admin_site.get_model_admin(obj.__class__)
            if not model_admin.has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            try:
                admin_url = reverse(
                    f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[quote(obj.pk)],
                )
            except NoReverseMatch:
                return no_edit_link
            return format_html(
                '{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), admin_url, obj
            )

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        model_count = {
            model._meta.verbose_name_plural: len(objs)
            for model, objs in collector.model_objs.items()
        }
        return to_delete, model_count, perms_needed, protected
