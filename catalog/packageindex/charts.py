"""Releases per year as a bar chart: the geometry, as data.

``includes/release_chart.html`` writes the SVG from it (the template autoescapes
every name and number). The chart follows ``catalog/charts.py``: viewBox units,
100% wide, text sized by the ``.chart`` rules in site.css (up to ``LABEL_FONT``
units on narrow screens), a ``<title>`` and a ``<desc>`` stating every figure.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from ..charts import LABEL_FONT, WIDTH, text_width, year_ticks

SIDE = 8  # margin left and right of the bars
TOP = LABEL_FONT + 8  # room for the count above the tallest bar
PLOT_HEIGHT = 140
BOTTOM = 30  # room for the years under the axis
GAP = 0.25  # share of each year's slot left empty between bars
VALUE_OFFSET = 6  # between a bar's top and its count


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    centre: float  # of the bar, for its count and its year

    @property
    def value_y(self):
        return round(self.y - VALUE_OFFSET, 1)


@dataclass(frozen=True)
class ReleaseChart:
    width: int
    height: int
    baseline: float
    bars: list
    ticks: list  # bars whose year is written under the axis
    show_values: bool  # counts above the bars, when they fit
    title: str
    description: str
    id_prefix: str

    @property
    def tick_y(self):
        return self.baseline + 22

    @property
    def axis_end(self):
        return WIDTH - SIDE


def release_chart(per_year, *, name, id_prefix):
    """The chart of ``per_year`` (``[(year, count), ...]``, oldest first), or None
    when there is nothing to draw."""
    if not per_year:
        return None
    slot = (WIDTH - 2 * SIDE) / len(per_year)
    most = max(count for _year, count in per_year)
    baseline = TOP + PLOT_HEIGHT
    bars = []
    for index, (year, count) in enumerate(per_year):
        height = count / most * PLOT_HEIGHT if most else 0
        left = SIDE + index * slot
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(left + slot * GAP / 2, 1),
                y=round(baseline - height, 1),
                width=round(slot * (1 - GAP), 1),
                height=round(height, 1),
                centre=round(left + slot / 2, 1),
            )
        )
    first, last = per_year[0][0], per_year[-1][0]
    labelled = set(year_ticks(first, last, slot))
    figures = "; ".join(f"{year}: {count}" for year, count in per_year)
    return ReleaseChart(
        width=WIDTH,
        height=baseline + BOTTOM,
        baseline=baseline,
        bars=bars,
        ticks=[bar for bar in bars if bar.year in labelled],
        show_values=text_width(len(str(most))) <= slot,
        title=f"{name}: releases per year",
        description=f"Bar chart of the number of releases uploaded to the "
        f"package index each year, pre-releases included. {figures}.",
        id_prefix=slugify(id_prefix) or "releases",
    )
