"""Line charts of usage share, drawn on the server as accessible SVG.

Plain Python, no JavaScript: a chart is an ``<svg role="img">`` with a ``<title>`` and
a ``<desc>`` that states every figure in words, styled by the ``.chart`` rules in
``static/css/site.css`` (colours for light and dark, text sizes for narrow screens).
Every series also has its own dash pattern and marker shape, so colour is never the
only way to tell two lines apart (WCAG 1.4.1).

Geometry is in viewBox units; the SVG is 100% wide and scales with its container.
The CSS raises the text size on narrow screens up to ``LABEL_FONT`` units, so the
layout (label column, label spacing, axis margins) reserves room for that size.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

WIDTH = 480
LEFT = 42  # room for the percent labels of the y axis
TOP = 16
BOTTOM = 34  # room for the years under the x axis
PLOT_HEIGHT = 240
LABEL_FONT = 18  # the largest text size the CSS uses (narrow screens)
CHAR_WIDTH = 0.56  # average glyph width of a sans-serif face, in ems
LABEL_LINE = 22  # vertical room for one line of a direct label
LABEL_CHARS = 12  # wrap direct labels longer than this onto a second line
LABEL_MAX_CHARS = 15  # and shorten lines longer than this with an ellipsis
MIN_TICK_SPACING = 50  # between year labels on the x axis
PALETTE_SIZE = 10  # .series-1 to .series-10 in site.css

# The light scheme's .series-1 to .series-10 of site.css, for embedded charts
# (an SVG file shown by another site gets no stylesheet of ours).
PALETTE = [
    "#0b5d8a",
    "#b3430e",
    "#17663a",
    "#7b3294",
    "#b0236a",
    "#0f6b73",
    "#5c5a00",
    "#7a4a1c",
    "#a1261b",
    "#3d4a57",
]
DASHES = ["", "7 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down"]


@dataclass(frozen=True)
class Style:
    """How one series is drawn: CSS class, dash pattern and marker shape."""

    css_class: str
    dash: str
    marker: str
    colour: str = PALETTE[0]


def series_style(index):
    """Colour, dash and marker of the ``index``-th series (0-based).

    Five marker shapes and four dash patterns give 20 distinct combinations,
    so two lines never look alike even when their colours are hard to tell apart.
    """
    return Style(
        css_class=f"series-{index % PALETTE_SIZE + 1}",
        dash=DASHES[index % len(DASHES)],
        marker=MARKERS[index % len(MARKERS)],
        colour=PALETTE[index % PALETTE_SIZE],
    )


def format_share(share):
    """14 -> "14%", 14.5 -> "14.5%"."""
    text = f"{Decimal(str(share)).normalize():f}"
    return f"{text}%"


def yearly_stats(stats):
    """One UsageStat with a share per year, oldest first: the figures a chart draws.

    When two sources give a figure for the same year, the primary source wins,
    then the older source row, as in ``catalog.latest_figures``.
    Rank bands (figures without a share) are left out. Reads ``stat.source``
    (``select_related`` or prefetch it).
    """
    shares = [stat for stat in stats if stat.share is not None]
    ordered = sorted(shares, key=lambda s: (s.year, s.source.kind, s.source_id))
    by_year = {}
    for stat in ordered:
        by_year.setdefault(stat.year, stat)
    return list(by_year.values())


def consecutive_runs(points):
    """Split (year, share) points where a year is missing: a gap stays a gap.

    [(2020, 14), (2022, 25), (2023, 29)] -> [[(2020, 14)], [(2022, 25), (2023, 29)]]
    """
    runs = []
    for point in points:
        if runs and point[0] == runs[-1][-1][0] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def describe_series(label, points):
    """'FastAPI: 14% in 2020, 25% in 2022.'"""
    figures = ", ".join(f"{format_share(share)} in {year}" for year, share in points)
    return f"{label}: {figures}."


# --- Layout helpers -----------------------------------------------------------


def nice_axis_max(value):
    """A round top for the y axis and its tick step: 38 -> (40, 10), 8 -> (10, 2)."""
    value = min(float(value), 100.0)
    if value <= 0:
        return 10, 2
    for step in (1, 2, 5, 10, 20):
        # The next multiple of the step above the value, so the top point never
        # sits on the top edge (except at 100%).
        top = min(int(value // step + 1) * step, 100)
        if top // step <= 6:
            return top, step
    return 100, 20


def year_ticks(first, last, unit):
    """Years to label on the x axis, at least MIN_TICK_SPACING units apart."""
    for step in (1, 2, 5, 10, 20, 25, 50):
        if step * unit >= MIN_TICK_SPACING or first == last:
            break
    start = first if step == 1 else -(-first // step) * step
    ticks = list(range(start, last + 1, step))
    return ticks or [first]


def wrap_label(text):
    """Split a direct label into at most two short lines."""
    words, lines = text.split(), [""]
    for word in words:
        candidate = f"{lines[-1]} {word}".strip()
        if len(candidate) <= LABEL_CHARS or not lines[-1]:
            lines[-1] = candidate
        elif len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = candidate
    return [
        line if len(line) <= LABEL_MAX_CHARS else line[: LABEL_MAX_CHARS - 1] + "…"
        for line in lines
    ]


def text_width(chars, font=LABEL_FONT):
    return chars * CHAR_WIDTH * font


def spread_labels(wanted, heights, low, high):
    """Move label centres apart so that no two overlap, keeping them near ``wanted``.

    ``wanted`` are the ideal centres (one per label) and ``heights`` their heights;
    labels stay between ``low`` and ``high``. Overlapping labels are merged into a
    stack centred on their wanted positions, then stacks are kept in bounds.
    Returns the new centres in the input order.
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    stacks = []  # each: [top, total height, member indexes]

    def place(members):
        total = sum(heights[i] for i in members)
        offset, ideal = 0.0, []
        for i in members:
            ideal.append(wanted[i] - offset - heights[i] / 2)
            offset += heights[i]
        top = sum(ideal) / len(ideal)
        top = max(low, min(top, high - total))
        return [top, total, members]

    for index in order:
        stacks.append(place([index]))
        while len(stacks) > 1 and stacks[-2][0] + stacks[-2][1] > stacks[-1][0]:
            last = stacks.pop()
            stacks[-1] = place(stacks[-1][2] + last[2])

    centres = [0.0] * len(wanted)
    for top, _total, members in stacks:
        offset = top
        for i in members:
            centres[i] = offset + heights[i] / 2
            offset += heights[i]
    return centres


def marker_path(shape, x, y, r=5.0):
    """SVG path data of a point marker centred on (x, y)."""
    if shape == "square":
        s = r * 0.85
        return f"M{x - s:.1f} {y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return (
            f"M{x:.1f} {y - r * 1.15:.1f}L{x + r:.1f} {y + r * 0.75:.1f}"
            f"L{x - r:.1f} {y + r * 0.75:.1f}Z"
        )
    if shape == "triangle-down":
        return (
            f"M{x:.1f} {y + r * 1.15:.1f}L{x + r:.1f} {y - r * 0.75:.1f}"
            f"L{x - r:.1f} {y - r * 0.75:.1f}Z"
        )
    if shape == "diamond":
        d = r * 1.2
        return (
            f"M{x:.1f} {y - d:.1f}L{x + d:.1f} {y:.1f}"
            f"L{x:.1f} {y + d:.1f}L{x - d:.1f} {y:.1f}Z"
        )
    return (
        f"M{x - r:.1f} {y:.1f}a{r:.1f} {r:.1f} 0 1 0 {2 * r:.1f} 0"
        f"a{r:.1f} {r:.1f} 0 1 0 {-2 * r:.1f} 0Z"
    )


def _clean(series):
    """Drop empty series; sort each series by year, one figure per year."""
    cleaned = []
    for item in series:
        label, points = item[0], item[1]
        href = item[2] if len(item) > 2 else None
        by_year = {}
        for year, share in sorted(points, key=lambda point: point[0]):
            by_year.setdefault(int(year), float(share))
        if by_year:
            cleaned.append((str(label), sorted(by_year.items()), href))
    return cleaned


# --- The chart: layout as data, drawn by templates/includes/line_chart.svg -----


@dataclass(frozen=True)
class Tick:
    """A gridline or year mark: its position along its axis and its label."""

    position: float
    label: str


@dataclass(frozen=True)
class Marker:
    path: str  # SVG path data
    label: str  # "FastAPI, 2024: 38%"


@dataclass(frozen=True)
class PointValue:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class SeriesLayout:
    style: Style
    label: str
    polylines: list  # "x,y x,y ..." per run of consecutive years
    markers: list
    values: list  # PointValue per point, when figures are written by the points


@dataclass(frozen=True)
class DirectLabel:
    style: Style
    leader: str | None  # polyline points joining the line's end to the label
    lines: list  # (x, y, text) per line of the label


@dataclass(frozen=True)
class ChartLayout:
    """Everything a line chart shows, in viewBox units: the template only draws it."""

    width: int
    height: int
    title: str
    description: str
    title_id: str
    desc_id: str
    plot_left: float
    plot_right: float
    plot_bottom: float
    y_ticks: list
    x_ticks: list
    series: list
    labels: list

    @property
    def tick_label_x(self):
        return self.plot_left - 6

    @property
    def year_mark_end(self):
        return self.plot_bottom + 5

    @property
    def year_label_y(self):
        return self.plot_bottom + 24


def line_layout(
    series,
    *,
    title,
    description="",
    id_prefix="chart",
    point_values=None,
    direct_labels=None,
    width=WIDTH,
):
    """Lay out usage share by year as a line chart; None when nothing to draw.

    ``series`` is a list of ``(label, [(year, share), ...])`` or
    ``(label, points, href)`` tuples; shares are percents. Series without points
    are left out. ``point_values`` writes each figure by its point, and
    ``direct_labels`` names each line at its end; by default a single series gets
    the figures (its name is the chart's title) and several series get the
    names. ``width`` is the viewBox width: a narrow chart drawn about 1:1 on a
    phone keeps its text as large as the page's. ``id_prefix`` keeps ids unique.
    """
    series = _clean(series)
    if not series:
        return None
    if point_values is None:
        point_values = len(series) == 1
    if direct_labels is None:
        direct_labels = len(series) > 1
    prefix = slugify(id_prefix) or "chart"

    years = sorted({year for _label, points, _href in series for year, _s in points})
    first, last = years[0], years[-1]
    top_value = max(share for _l, points, _h in series for _y, share in points)
    y_max, y_step = nice_axis_max(top_value)

    labels = [wrap_label(label) for label, _points, _href in series]
    label_heights = [len(lines) * LABEL_LINE for lines in labels]
    top = TOP + (LABEL_LINE if point_values else 0)
    plot_height = max(PLOT_HEIGHT, sum(label_heights) + LABEL_LINE)
    plot_left = LEFT
    plot_right = width - 8
    if direct_labels:
        label_chars = max(len(line) for lines in labels for line in lines)
        plot_right -= 4 + text_width(label_chars)
    plot_bottom = top + plot_height
    height = plot_bottom + BOTTOM

    inset = 20  # keep the first and last points (and their figures) off the axes
    span = last - first

    def x_of(year):
        if not span:
            return (plot_left + plot_right) / 2
        usable = plot_right - plot_left - 2 * inset
        return plot_left + inset + (year - first) / span * usable

    def y_of(share):
        return plot_bottom - share / y_max * plot_height

    unit = (plot_right - plot_left - 2 * inset) / span if span else width
    summary = " ".join(describe_series(label, points) for label, points, _h in series)

    laid_out, ends = [], []
    for index, (label, points, _href) in enumerate(series):
        style = series_style(index)
        coords = [(x_of(year), y_of(share)) for year, share in points]
        ends.append(coords[-1])
        laid_out.append(
            SeriesLayout(
                style=style,
                label=label,
                # A line joins consecutive years only: a missing year is a gap.
                polylines=[
                    " ".join(f"{x_of(y):.1f},{y_of(s):.1f}" for y, s in run)
                    for run in consecutive_runs(points)
                    if len(run) > 1
                ],
                markers=[
                    Marker(
                        marker_path(style.marker, x, y),
                        f"{label}, {year}: {format_share(share)}",
                    )
                    for (year, share), (x, y) in zip(points, coords, strict=True)
                ],
                values=_point_values(points, coords) if point_values else [],
            )
        )

    direct = []
    if direct_labels:
        centres = spread_labels(
            [y for _x, y in ends], label_heights, top - 6, plot_bottom + 8
        )
        direct = _direct_labels(
            labels, ends, centres, last_x=x_of(last), label_x=plot_right + 4
        )
    return ChartLayout(
        width=width,
        height=round(height),
        title=title,
        description=f"{description} {summary}".strip(),
        title_id=f"{prefix}-title",
        desc_id=f"{prefix}-desc",
        plot_left=plot_left,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        y_ticks=[
            Tick(y_of(value), f"{value}%") for value in range(0, y_max + 1, y_step)
        ],
        x_ticks=[Tick(x_of(year), str(year)) for year in year_ticks(first, last, unit)],
        series=laid_out,
        labels=direct,
    )


def line_chart(series, *, css_class="", **options) -> SafeString:
    """The chart of ``line_layout(series, **options)`` as SVG markup ("" if empty).

    The template writes every name and number through autoescaping.
    """
    layout = line_layout(series, **options)
    if layout is None:
        return mark_safe("")
    return render_to_string(
        "includes/line_chart.svg", {"chart": layout, "css_class": css_class}
    )


EMBED_TOP = 12  # room above an embedded chart for its top tick label
EMBED_FOOTER = 34  # room under it for the link back


def embedded_chart(series, *, link, link_text, **options):
    """A standalone SVG file of the chart, coloured without our stylesheet, with
    a link back to ``link`` under it; None when there is nothing to draw."""
    layout = line_layout(series, **options)
    if layout is None:
        return None
    return render_to_string(
        "includes/line_chart_embed.svg",
        {
            "chart": layout,
            "standalone": True,
            "height": EMBED_TOP + layout.height + EMBED_FOOTER,
            "footer_y": EMBED_TOP + layout.height + EMBED_FOOTER - 12,
            "link": link,
            "link_text": link_text,
        },
    )


def _direct_labels(labels, ends, centres, *, last_x, label_x):
    """Name each line right of the plot, at its nudged height ``centres``.

    A thin leader joins a line's end to its label when the label was moved
    or the line ends before the last year.
    """
    placed = []
    for index, lines in enumerate(labels):
        (end_x, end_y), centre = ends[index], centres[index]
        leader = None
        if abs(centre - end_y) > 3 or end_x < last_x - 1:
            leader = (
                f"{end_x + 7:.1f},{end_y:.1f} {last_x + 7:.1f},{end_y:.1f} "
                f"{label_x - 3:.1f},{centre:.1f}"
            )
        first_line = centre - (len(lines) - 1) * LABEL_LINE / 2
        placed.append(
            DirectLabel(
                style=series_style(index),
                leader=leader,
                lines=[
                    (round(label_x, 1), round(first_line + n * LABEL_LINE, 1), line)
                    for n, line in enumerate(lines)
                ],
            )
        )
    return placed


def _point_values(points, coords):
    """The figure of each point, above it, or below where its neighbours are higher."""
    values = []
    for index, ((_year, share), (x, y)) in enumerate(zip(points, coords, strict=True)):
        neighbours = [
            coords[i][1] for i in (index - 1, index + 1) if 0 <= i < len(coords)
        ]
        above = not neighbours or sum(neighbours) / len(neighbours) >= y
        values.append(
            PointValue(
                round(x, 1), round(y - 11 if above else y + 22, 1), format_share(share)
            )
        )
    return values


def chart_legend(series):
    """A list naming each series with its line style, linked where it has an href.

    The swatches are hidden from screen readers: the names and links carry the
    meaning, and the chart's description holds the figures.
    """
    items = []
    for index, item in enumerate(_clean(series)):
        label, _points, href = item
        style = series_style(index)
        swatch = format_html(
            '<svg class="chart-swatch {}" viewBox="0 0 36 14" width="36" height="14" '
            'aria-hidden="true" focusable="false"><line x1="2" x2="34" y1="7" y2="7" '
            'stroke="currentColor" stroke-width="2.5"{}/>'
            '<path d="{}" fill="currentColor"/></svg>',
            style.css_class,
            format_html(' stroke-dasharray="{}"', style.dash) if style.dash else "",
            marker_path(style.marker, 18, 7, 4.5),
        )
        name = format_html('<a href="{}">{}</a>', href, label) if href else label
        items.append(format_html("<li>{}{}</li>", swatch, name))
    if not items:
        return mark_safe("")
    return format_html('<ul class="chart-legend">{}</ul>', mark_safe("".join(items)))
