"""What the trends page shows, worked out from prefetched usage figures."""

from .charts import chart_legend, line_chart, yearly_stats

TRENDS_CHART_LIMIT = 10  # more lines than colours in the palette is unreadable
TRENDS_MOVERS = 5


def trends(frameworks):
    """Everything the trends page shows, from frameworks with their usage figures.

    ``frameworks`` come ranked, annotated by ``with_latest_share`` and with
    ``usage_stats__source`` prefetched; nothing here queries the database.
    The chart draws the ``TRENDS_CHART_LIMIT`` most used; the table lists all.
    """
    frameworks = list(frameworks)
    charted = {
        framework.pk: yearly_stats(framework.usage_stats.all())
        for framework in frameworks
    }
    series = [
        (
            framework.name,
            [(stat.year, stat.share) for stat in charted[framework.pk]],
            framework.get_absolute_url(),
        )
        for framework in frameworks
        if charted[framework.pk]
    ]
    years = sorted({stat.year for stats in charted.values() for stat in stats})
    rows = []
    for framework in frameworks:
        shares = {stat.year: stat.share for stat in charted[framework.pk]}
        rows.append((framework, [shares.get(year) for year in years]))
    changed = [f for f in frameworks if f.share_change is not None]
    sources = {
        stat.source.pk: stat.source
        for framework in frameworks
        for stat in framework.usage_stats.all()
    }
    shown = series[:TRENDS_CHART_LIMIT]
    return {
        "chart": line_chart(
            shown,
            title="Usage share of Python frameworks by year",
            description="Line chart of the percentage of surveyed Python developers "
            "who use each framework, one line per framework.",
            id_prefix="trends",
        ),
        "legend": chart_legend(shown),
        "charted_count": len(shown),
        "years": years,
        "rows": rows,
        "risers": sorted(
            (f for f in changed if f.share_change > 0),
            key=lambda f: (-f.share_change, f.name),
        )[:TRENDS_MOVERS],
        "fallers": sorted(
            (f for f in changed if f.share_change < 0),
            key=lambda f: (f.share_change, f.name),
        )[:TRENDS_MOVERS],
        "sources": sorted(sources.values(), key=lambda s: (-s.year, s.title)),
    }
