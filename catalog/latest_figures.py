"""The latest usage figures kept on each framework's row, so ranking is one sort.

A framework's latest share, its year, the figure before and the change, its
first share and year, and its latest rank band are derived from its usage
figures. They are stored on the framework (``LATEST_FIGURES``) and written only
here, in SQL, whenever a usage figure or a source changes (see
``catalog.apps``); the migration that added them fills them the same way.
Preferred figure in a year: a primary source before a second-hand one, then the
older source row.
"""

from django.apps import apps as global_apps
from django.db import connections, router
from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    Index,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Lower

LATEST_FIGURES = (
    "latest_share",
    "latest_year",
    "previous_share",
    "previous_year",
    "share_change",
    "first_share",
    "first_year",
    "rank_year",
    "rank_best",
    "rank_worst",
)


def refresh(frameworks, usage_stats):
    """Recompute the stored figures of the frameworks in ``frameworks``.

    ``usage_stats`` is the UsageStat manager (the historical one in a migration).
    Two UPDATE statements, however many frameworks.
    """
    figures = usage_stats.filter(framework=OuterRef("pk")).order_by(
        "-year", "source__kind", "source_id"
    )
    stats = figures.filter(share__isnull=False)
    ranks = figures.filter(share__isnull=True)
    first = stats.order_by("year", "source__kind", "source_id")
    frameworks.update(
        first_year=Subquery(first.values("year")[:1]),
        first_share=Subquery(first.values("share")[:1]),
        latest_year=Subquery(stats.values("year")[:1]),
        latest_share=Subquery(stats.values("share")[:1]),
        rank_year=Subquery(ranks.values("year")[:1]),
        rank_best=Subquery(ranks.values("rank_best")[:1]),
        rank_worst=Subquery(ranks.values("rank_worst")[:1]),
    )
    # The second statement reads the latest year the first one wrote.
    earlier = stats.filter(year__lt=OuterRef("latest_year"))
    previous_share = Subquery(earlier.values("share")[:1])
    frameworks.update(
        previous_year=Subquery(earlier.values("year")[:1]),
        previous_share=previous_share,
        share_change=ExpressionWrapper(
            F("latest_share") - previous_share,
            output_field=DecimalField(max_digits=5, decimal_places=1),
        ),
    )


def ranking_indexes(vendor):
    """Indexes for the ranked orders (by share, by change) on ``vendor``.

    The orders put frameworks without a figure last. PostgreSQL needs that
    said in the index; SQLite, where NULL sorts lowest, cannot say it and needs
    no more than a descending column. Trends' biggest falls read a change
    upwards, with the names still A to Z: indexes of their own.
    """
    postgresql = vendor == "postgresql"

    def descending(expression):
        return expression.desc(nulls_last=True) if postgresql else expression.desc()

    def by_name(name, *order):
        return Index(F("status"), *order, Lower("name"), name=name)

    # Those a survey only ranks come after those with a share, by best rank.
    best_rank = F("rank_best").asc(nulls_last=True) if postgresql else F("rank_best")
    yield by_name("framework_ranking", descending(F("latest_share")), best_rank)
    yield by_name("framework_by_change", descending(F("share_change")))
    yield by_name("framework_by_fall", F("share_change"))
    yield by_name("framework_by_overall_rise", descending(OVERALL_CHANGE))
    yield by_name("framework_by_overall_fall", OVERALL_CHANGE)


# From the first figure to the latest: trends' overall risers and fallers.
OVERALL_CHANGE = ExpressionWrapper(
    F("latest_share") - F("first_share"),
    output_field=DecimalField(max_digits=5, decimal_places=1),
)


def ensure_ranking_indexes(sender, using, apps=None, **kwargs):
    """After migrations (``post_migrate``), make any missing ranking index.

    The indexes are not in the model's state (their definition differs by
    database), so a later migration that remakes the table on SQLite drops
    them without a word; this puts them back. ``flush`` sends no ``apps``.
    """
    if sender.label != "catalog":
        return
    try:
        framework = (apps or global_apps).get_model("catalog", "Framework")
    except LookupError:  # migrated back to zero
        return
    stored = {field.name for field in framework._meta.get_fields()}
    if not {"latest_share", "share_change"} <= stored:  # migrated back before 0011
        return
    if not router.allow_migrate_model(using, framework):
        return
    connection = connections[using]
    table = framework._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return
        found = connection.introspection.get_constraints(cursor, table)
    missing = [i for i in ranking_indexes(connection.vendor) if i.name not in found]
    if missing:  # SQLite's schema editor refuses to open inside a transaction
        with connection.schema_editor() as editor:
            for index in missing:
                editor.add_index(framework, index)
