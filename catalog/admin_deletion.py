"""The delete confirmation page in a fixed number of queries."""

from collections import defaultdict

from django.contrib.admin.utils import quote
from django.db import router
from django.db.models import ProtectedError, RestrictedError, prefetch_related_objects
from django.db.models.deletion import Collector
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst


class DeletionListMixin:
    """For a ``ModelAdmin``: list what a deletion takes with it, cheaply."""

    def get_deleted_objects(self, objs, request):
        """What deleting ``objs`` takes with it, for the confirmation page.

        Django's own listing prints each row with its ``__str__``, which reads
        the row's ForeignKeys one query at a time (a feature support names its
        framework and feature). Here Django's deletion ``Collector`` finds the
        same rows, and each model's ForeignKeys are fetched in one query.
        """
        objs = list(objs)
        if not objs:
            return [], {}, set(), []
        collector = Collector(using=router.db_for_write(self.model), origin=objs)
        try:
            collector.collect(objs)
        except (ProtectedError, RestrictedError) as error:
            protected = error.args[1]
            fetch_foreign_keys(protected)
            return [], {}, set(), [self.deleted_label(obj) for obj in protected]
        found = defaultdict(list)
        for model, instances in collector.data.items():
            found[model].extend(instances)
        for queryset in collector.fast_deletes:
            rows = list(queryset)
            if rows:  # an empty many-to-many table is not worth a line
                found[queryset.model].extend(rows)
        perms_needed = set()
        for model, instances in found.items():
            fetch_foreign_keys(instances)
            if not self.may_delete(request, model):
                perms_needed.add(model._meta.verbose_name)
        model_count = {
            model._meta.verbose_name_plural: len(instances)
            for model, instances in found.items()
        }
        return self.nested(objs, found), model_count, perms_needed, []

    def may_delete(self, request, model):
        # As in Django's own listing: rows of a model the admin does not edit
        # (a many-to-many table, a framework's package facts) go with their
        # object; rows editors manage need their own delete permission.
        if not self.admin_site.is_registered(model):
            return True
        return self.admin_site.get_model_admin(model).has_delete_permission(request)

    def nested(self, objs, found):
        """Each of ``objs`` followed by the list of the rows that point to it."""
        children = {obj.pk: [] for obj in objs}
        for model, instances in found.items():
            if model is self.model:
                continue
            keys = [
                f.attname
                for f in model._meta.concrete_fields
                if f.many_to_one and f.related_model is self.model
            ]
            for instance in instances:
                parent = next(
                    (
                        getattr(instance, key)
                        for key in keys
                        if getattr(instance, key) in children
                    ),
                    objs[0].pk,
                )
                children[parent].append(self.deleted_label(instance))
        listing = []
        for obj in objs:
            listing.append(self.deleted_label(obj))
            if children[obj.pk]:
                listing.append(children[obj.pk])
        return listing

    def deleted_label(self, obj):
        opts = obj._meta
        noun = capfirst(opts.verbose_name)
        try:
            url = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
            )
        except NoReverseMatch:
            return f"{noun}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', noun, url, obj)


def fetch_foreign_keys(instances):
    """Fetch the ForeignKeys of ``instances``, one query per model and key."""
    by_model = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    for model, group in by_model.items():
        names = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        prefetch_related_objects(group, *names)
