"""What belongs to a framework: the rows of its page, found from the models.

A row model is any catalog model with history by revision and a ForeignKey to
``Framework`` (advantages, disadvantages, usage figures, feature support and
relations, from either end). Its use cases are part of the framework's own
history (a many-to-many field it tracks). Nothing here names a row model, so a
model or a field another change adds is covered as it is.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import Q
from simple_history.utils import get_history_model_for_model

from .revisions import is_revisioned


@dataclass(frozen=True)
class RowKind:
    model: type
    links: tuple  # names of the model's ForeignKeys to Framework

    @property
    def history_model(self):
        return get_history_model_for_model(self.model)

    @property
    def foreign_keys(self):
        """The names of every ForeignKey of the row, to join in when reading."""
        return [f.name for f in self.model._meta.concrete_fields if f.many_to_one]

    def belongs_to(self, framework_id):
        """A filter for the rows (or their historical records) of one framework."""
        return self.belongs_to_any([framework_id])

    def belongs_to_any(self, framework_ids):
        """A filter for the rows (or their historical records) of any of these."""
        condition = Q()
        for link in self.links:
            condition |= Q(**{f"{link}_id__in": framework_ids})
        return condition

    def frameworks_of(self, obj):
        """The ids of the frameworks a row, or a historical record of one, is on."""
        return {getattr(obj, f"{link}_id") for link in self.links} - {None}


@cache
def row_kinds():
    """Every kind of row a framework's page lists, in the models' order."""
    from .models import Framework

    kinds = []
    for model in apps.get_app_config("catalog").get_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        if not is_revisioned(get_history_model_for_model(model)):
            continue
        links = tuple(
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model is Framework
        )
        if links:
            kinds.append(RowKind(model, links))
    return tuple(kinds)


def row_kind(model):
    return next((kind for kind in row_kinds() if kind.model is model), None)


def frameworks_of_record(record):
    """The ids of the frameworks a historical record is about."""
    from .models import Framework

    model = type(record).instance_type
    if model is Framework:
        return {record.id}
    kind = row_kind(model)
    return kind.frameworks_of(record) if kind else set()
