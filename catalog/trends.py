"""What the trends page shows, worked out from prefetched usage figures."""

from dataclasses import dataclass

from .charts import chart_legend, line_chart, yearly_stats

TRENDS_CHART_LIMIT = 10  # more lines than colours in the palette is unreadable
TRENDS_MOVERS = 5


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


def trends(frameworks):
    """Everything the trends page shows, from frameworks with their usage figures.

    ``frameworks`` come ranked, annotated by ``with_latest_share`` and with
    ``usage_stats__source`` prefetched; nothing here queries the database.
    The chart draws the ``TRENDS_CHART_LIMIT`` most used; the table lists all,
    rank bands included. Movers are measured two ways: between each framework's
    last two figures, and since its first figure.
    """
    frameworks = list(frameworks)
    charted = {
        framework.pk: yearly_stats(framework.usage_stats.all())
        for framework in frameworks
    }
    series = chart_series(frameworks, charted)
    all_stats = [stat for f in frameworks for stat in f.usage_stats.all()]
    years = sorted({stat.year for stat in all_stats})
    rows = [(framework, _cells(framework, years)) for framework in frameworks]
    shown = series[:TRENDS_CHART_LIMIT]
    recent = [_move(f, charted[f.pk][-2:]) for f in frameworks]
    overall = [_move(f, charted[f.pk][:1] + charted[f.pk][-1:]) for f in frameworks]
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
        "with_shares_count": len(series),
        "years": years,
        "rows": rows,
        "derived": [stat for stat in all_stats if stat.is_derived],
        "recent": _risers_and_fallers(recent),
        "overall": _risers_and_fallers(overall),
        "sources": sorted(
            {stat.source.pk: stat.source for stat in all_stats}.values(),
            key=lambda s: (-s.year, s.title),
        ),
    }


CHART_TEXT = {
    "title": "Usage share of Python frameworks by year",
    "description": "Line chart of the percentage of surveyed Python developers "
    "who use each framework, one line per framework; a year without a "
    "figure is a gap in the line.",
}
CHART_WIDE = {**CHART_TEXT, "width": 760}
NARROW_WIDTH = 340


def chart_series(frameworks, charted=None):
    """(name, [(year, share), ...], page) of each framework with shares, in order.

    ``charted`` maps a framework's pk to its ``yearly_stats`` when known already.
    """
    series = []
    for framework in frameworks:
        stats = (
            charted[framework.pk]
            if charted
            else yearly_stats(framework.usage_stats.all())
        )
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


def _move(framework, stats):
    """The change between the first and last of ``stats``; None for one figure."""
    if len(stats) < 2 or stats[0].year == stats[-1].year:
        return None
    first, last = stats[0], stats[-1]
    return Move(framework, first.year, first.share, last.year, last.share)


@dataclass(frozen=True)
class Movers:
    """The biggest moves one way: risers ("up") or fallers ("down")."""

    title: str
    direction: str
    moves: list
    none_text: str


def _risers_and_fallers(moves):
    moves = [move for move in moves if move is not None]
    return [
        Movers(
            "Risers",
            "up",
            sorted(
                (m for m in moves if m.change > 0),
                key=lambda m: (-m.change, m.framework.name),
            )[:TRENDS_MOVERS],
            "No framework gained share.",
        ),
        Movers(
            "Fallers",
            "down",
            sorted(
                (m for m in moves if m.change < 0),
                key=lambda m: (m.change, m.framework.name),
            )[:TRENDS_MOVERS],
            "No framework lost share.",
        ),
    ]
