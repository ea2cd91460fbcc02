"""What the trends page shows, a bounded amount whatever the catalog's size.

The chart draws the ``TRENDS_CHART_LIMIT`` most used frameworks; the table lists
every framework with a share or a rank band, a page at a time; risers and
fallers come from the latest figures stored on each framework. Each part is a
fixed number of queries.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Lower

from . import fragments, latest_figures
from .charts import chart_legend, line_chart, yearly_stats
from .listings import ListedFramework, ListingPage
from .models import Framework, Source, UsageStat

TRENDS_CHART_LIMIT = 10  # more lines than colours in the palette is unreadable
TRENDS_MOVERS = 5
TABLE_PAGE_SIZE = 20


@dataclass(frozen=True)
class Move:
    """A framework's change in share between two of its figures, in points."""

    framework: object
    since_year: int
    since_share: object
    year: int
    share: object

    @property
    def change(self):
        return self.share - self.since_share


def ranked_with_figures():
    """Published frameworks with a share or a rank band, ranked."""
    return (
        Framework.objects.published()
        .ranked()
        # A rank band always has its best rank: the ranking index answers this.
        .filter(Q(latest_share__isnull=False) | Q(rank_best__isnull=False))
    )


def figures():
    """A framework's usage figures (with sources), as the page reads them."""
    return Prefetch(
        "usage_stats",
        queryset=UsageStat.objects.select_related("source").order_by(
            "year", "source__kind", "source_id"
        ),
    )


def with_figures():
    """``ranked_with_figures()``, their usage figures prefetched."""
    return ranked_with_figures().prefetch_related(figures())


def leaders():
    """The ``TRENDS_CHART_LIMIT`` most used frameworks as chart series."""
    with_shares = with_figures().filter(latest_share__isnull=False)
    return chart_series(with_shares[:TRENDS_CHART_LIMIT])


def trends(request, page_number=None):
    """The trends page: its page of the table, and how many frameworks there
    are, kept per content version (``fragments``); what it shows of them read
    when rendered (``overview``, ``table`` and ``sources``, each kept
    rendered)."""

    def read():
        # Both read from the ranking index alone (a count of the shares counts
        # the rows that have one).
        counts = (
            ranked_with_figures()
            .order_by()
            .aggregate(table=Count("*"), with_shares=Count("latest_share"))
        )
        paginator = Paginator(ranked_with_figures(), TABLE_PAGE_SIZE)
        paginator.count = counts["table"]  # counted above, with the shares
        page = paginator.get_page(page_number)
        return {
            "page": ListingPage.of(page, ListedFramework),
            "table_count": counts["table"],
            "with_shares_count": counts["with_shares"],
        }

    shown = fragments.kept(request, "trends", read, [page_number])
    return {
        "page_obj": shown["page"].page(),
        "table_count": shown["table_count"],
        "with_shares_count": shown["with_shares_count"],
    }


def overview():
    """The chart of the most used and the biggest moves."""
    shown = leaders()
    return {
        "chart": line_chart(
            shown, id_prefix="trends", css_class="chart-wide", **CHART_WIDE
        ),
        # The same chart for phones: drawn about 1:1, named by the legend.
        "chart_narrow": line_chart(
            shown,
            id_prefix="trends-narrow",
            css_class="chart-narrow",
            direct_labels=False,
            width=NARROW_WIDTH,
            **CHART_TEXT,
        ),
        "legend": chart_legend(shown),
        "charted_count": len(shown),
        # Since the figure before: the stored, indexed change.
        "recent": _risers_and_fallers(
            "previous_share",
            "previous_year",
            Q(previous_share__isnull=False),
            F("share_change"),
        ),
        "overall": _risers_and_fallers(
            "first_share",
            "first_year",
            Q(first_year__lt=F("latest_year")),
            latest_figures.OVERALL_CHANGE,
        ),
    }


def table(page):
    """The rows of the table's ``page`` (of frameworks as listed: ``trends``), a
    column for each year they have a figure for (no column of dashes only), and
    the derived figures among them."""
    listed = page.object_list
    found = with_figures().in_bulk([item.pk for item in listed])
    frameworks = [found[item.pk] for item in listed if item.pk in found]
    years = sorted(
        {stat.year for framework in frameworks for stat in framework.usage_stats.all()}
    )
    return {
        "years": years,
        "rows": [(framework, _cells(framework, years)) for framework in frameworks],
        "derived": [
            stat
            for framework in frameworks
            for stat in framework.usage_stats.all()
            if stat.is_derived
        ],
    }


def sources():
    """The sources of published figures. Each source is looked at once: its
    first figure of a published framework, along the source's index, however
    many figures it has."""
    return Source.objects.alias(
        published_figure=Subquery(
            UsageStat.objects.filter(
                source=OuterRef("pk"),
                framework__status=Framework.Status.PUBLISHED,
            )
            .order_by()
            .values("pk")[:1]
        )
    ).filter(published_figure__isnull=False)


CHART_TEXT = {
    "title": "Usage share of Python frameworks by year",
    "description": "Line chart of the percentage of surveyed Python developers "
    "who use each framework, one line per framework; a year without a "
    "figure is a gap in the line.",
}
CHART_WIDE = {**CHART_TEXT, "width": 760}
NARROW_WIDTH = 340


def chart_series(frameworks):
    """(name, [(year, share), ...], page) of each framework with shares, in order."""
    series = []
    for framework in frameworks:
        stats = yearly_stats(framework.usage_stats.all())
        if stats:
            points = [(stat.year, stat.share) for stat in stats]
            series.append((framework.name, points, framework.get_absolute_url()))
    return series


def _cells(framework, years):
    """The figure shown for each year: its preferred share, else a rank band."""
    shares = {stat.year: stat for stat in yearly_stats(framework.usage_stats.all())}
    ranks = {
        stat.year: stat for stat in framework.usage_stats.all() if stat.share is None
    }
    return [shares.get(year) or ranks.get(year) for year in years]


@dataclass(frozen=True)
class Movers:
    """The biggest moves one way: risers ("up") or fallers ("down")."""

    title: str
    direction: str
    moves: list
    none_text: str


def _risers_and_fallers(since_share, since_year, measured, change):
    """Risers and fallers between the figure in ``since_share`` and the latest,
    ``change`` apart (each ``change`` has its indexes: latest_figures)."""
    frameworks = (
        Framework.objects.published()
        .filter(measured, latest_share__isnull=False)
        .annotate(move=change)
    )

    def moves(direction, order):
        picked = frameworks.filter(**{f"move__{direction}": 0}).order_by(
            order, Lower("name")
        )[:TRENDS_MOVERS]
        return [
            Move(
                f,
                getattr(f, since_year),
                getattr(f, since_share),
                f.latest_year,
                f.latest_share,
            )
            for f in picked
        ]

    return [
        Movers(
            "Risers",
            "up",
            # As the framework_by_change index orders it (the filter drops nulls).
            moves("gt", F("move").desc(nulls_last=True)),
            "No framework gained share.",
        ),
        Movers(
            "Fallers", "down", moves("lt", F("move").asc()), "No framework lost share."
        ),
    ]
