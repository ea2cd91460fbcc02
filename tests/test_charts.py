import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import Context, Template

from catalog.charts import (
    LABEL_LINE,
    chart_legend,
    consecutive_runs,
    line_chart,
    nice_axis_max,
    series_style,
    spread_labels,
    yearly_stats,
)
from catalog.models import Framework, Source, UsageStat
from tests.factories import FrameworkFactory, SourceFactory, UsageStatFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"

FASTAPI = ("FastAPI", [(2020, 14), (2022, 25), (2023, 29), (2024, 38)])
CLOSE_AT_THE_END = [
    ("Django", [(2023, 33), (2024, 35)]),
    ("Flask", [(2023, 33), (2024, 34)]),
    ("Requests", [(2023, 30), (2024, 33)]),
]


def parse(svg):
    return ET.fromstring(str(svg))


def points_of(polyline):
    return [tuple(map(float, pair.split(","))) for pair in polyline.split()]


def label_lines(svg):
    """{label text: y} of the direct labels (first line of each)."""
    root = parse(svg)
    labels = {}
    for text in root.iter(f"{SVG}text"):
        if "chart-label" in text.get("class", ""):
            spans = list(text.iter(f"{SVG}tspan"))
            name = " ".join(span.text for span in spans)
            labels[name] = [float(span.get("y")) for span in spans]
    return labels


def test_chart_is_an_accessible_image_with_title_and_description():
    root = parse(line_chart([FASTAPI], title="FastAPI by year", id_prefix="fa"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "fa-title fa-desc"
    assert root.find(f"{SVG}title").get("id") == "fa-title"
    assert root.find(f"{SVG}title").text == "FastAPI by year"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == "fa-desc"
    assert "FastAPI: 14% in 2020, 25% in 2022, 29% in 2023, 38% in 2024." in desc.text


def test_description_leads_with_the_callers_sentence():
    svg = line_chart([FASTAPI], title="T", description="Share of developers.")
    assert (
        "Share of developers. FastAPI: 14% in 2020"
        in parse(svg).find(f"{SVG}desc").text
    )


def test_chart_scales_with_its_container_instead_of_a_fixed_size():
    root = parse(line_chart([FASTAPI], title="T"))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


def marker_xs(root):
    """The x of each point marker, from the path's first move (its left edge)."""
    return [
        float(re.match(r"M([\d.]+)", marker.get("d")).group(1))
        for marker in root.iter(f"{SVG}path")
        if marker.get("class") == "chart-marker"
    ]


def test_years_are_spaced_in_proportion_to_time_so_gaps_show():
    xs = marker_xs(parse(line_chart([FASTAPI], title="T")))

    one_year = xs[2] - xs[1]  # 2022 -> 2023
    assert xs[1] - xs[0] == pytest.approx(2 * one_year, abs=0.2)  # 2020 -> 2022
    assert xs[3] - xs[2] == pytest.approx(one_year, abs=0.2)


def test_a_year_without_a_figure_breaks_the_line():
    root = parse(line_chart([FASTAPI], title="T"))

    lines = [
        points_of(line.get("points"))
        for line in root.iter(f"{SVG}polyline")
        if "chart-line" in line.get("class")
    ]
    # 2020 stands alone; 2022, 2023 and 2024 are joined; nothing crosses 2021.
    assert [len(points) for points in lines] == [3]
    assert len(marker_xs(root)) == 4
    circle_radius = 5  # the first series' markers are circles, drawn from the left
    assert lines[0][0][0] == pytest.approx(marker_xs(root)[1] + circle_radius)


def test_consecutive_years_split_into_runs_at_each_gap():
    points = [(2017, 1), (2018, 2), (2020, 3), (2022, 4), (2023, 5)]

    assert consecutive_runs(points) == [
        [(2017, 1), (2018, 2)],
        [(2020, 3)],
        [(2022, 4), (2023, 5)],
    ]


def test_x_axis_labels_the_missing_year_too():
    svg = str(line_chart([FASTAPI], title="T"))
    for year in ("2020", "2021", "2022", "2023", "2024"):
        assert f">{year}</text>" in svg


def test_y_axis_runs_from_zero_to_a_round_percent_above_the_highest_share():
    svg = str(line_chart([FASTAPI], title="T"))
    assert ">0%</text>" in svg
    assert ">40%</text>" in svg
    assert ">50%</text>" not in svg


@pytest.mark.parametrize(
    ("highest", "top"),
    [(38, 40), (46, 50), (40, 50), (8, 10), (0.4, 1), (99, 100), (100, 100)],
)
def test_axis_top_is_the_next_round_value_above_the_highest_share(highest, top):
    assert nice_axis_max(highest)[0] == top


def test_higher_shares_are_drawn_higher():
    root = parse(line_chart([(FASTAPI[0], FASTAPI[1][1:])], title="T"))
    ys = [y for _x, y in points_of(root.find(f".//{SVG}polyline").get("points"))]
    assert ys == sorted(ys, reverse=True)  # SVG y grows downwards


def test_labels_of_lines_ending_close_together_do_not_overlap():
    labels = label_lines(line_chart(CLOSE_AT_THE_END, title="T"))

    ys = sorted(y[0] for y in labels.values())
    assert len(ys) == 3
    assert all(b - a >= LABEL_LINE - 0.1 for a, b in zip(ys, ys[1:], strict=False))
    # and they keep the order of the lines: highest share on top
    assert labels["Django"][0] < labels["Flask"][0] < labels["Requests"][0]


def test_labels_of_lines_far_apart_stay_level_with_their_line_ends():
    series = [("High", [(2023, 40), (2024, 45)]), ("Low", [(2023, 5), (2024, 6)])]
    root = parse(line_chart(series, title="T"))
    ends = [
        points_of(p.get("points"))[-1][1]
        for p in root.iter(f"{SVG}polyline")
        if "chart-line" in p.get("class")
    ]
    labels = label_lines(line_chart(series, title="T"))
    assert labels["High"][0] == pytest.approx(ends[0], abs=0.1)
    assert labels["Low"][0] == pytest.approx(ends[1], abs=0.1)


def test_spread_labels_keeps_order_gap_and_bounds():
    centres = spread_labels([50, 52, 54, 200], [20, 20, 20, 20], 0, 300)

    assert centres[3] == 200
    assert centres[1] - centres[0] == pytest.approx(20)
    assert centres[2] - centres[1] == pytest.approx(20)
    assert centres[1] == pytest.approx(52)  # the stack stays centred on its lines


def test_spread_labels_pushes_a_stack_back_inside_the_bounds():
    centres = spread_labels([2, 3, 4], [20, 20, 20], 0, 300)
    assert centres == pytest.approx([10, 30, 50])


def test_long_names_wrap_onto_two_lines():
    series = [("Django REST Framework", [(2024, 20)]), ("Other", [(2024, 50)])]
    labels = label_lines(line_chart(series, title="T"))
    assert labels["Django REST Framework"][1] - labels["Django REST Framework"][0] == (
        pytest.approx(LABEL_LINE)
    )


def test_every_series_differs_by_more_than_colour():
    styles = [series_style(index) for index in range(10)]

    assert len({style.css_class for style in styles}) == 10
    assert len({(style.dash, style.marker) for style in styles}) == 10
    # neighbours in the ranking, most likely to sit close, differ in both
    for a, b in zip(styles, styles[1:], strict=False):
        assert a.dash != b.dash
        assert a.marker != b.marker


def test_each_line_has_a_marker_per_figure_with_its_value():
    svg = str(line_chart([FASTAPI], title="T"))
    assert svg.count('class="chart-marker"') == 4
    assert "<title>FastAPI, 2024: 38%</title>" in svg


def test_single_series_writes_its_figures_instead_of_a_name_label():
    svg = str(line_chart([FASTAPI], title="T"))
    assert 'class="chart-value"' in svg
    assert ">38%</text>" in svg
    assert "chart-label" not in svg


def test_several_series_are_named_at_their_line_ends():
    svg = str(line_chart(CLOSE_AT_THE_END, title="T"))
    assert set(label_lines(svg)) == {"Django", "Flask", "Requests"}
    assert "chart-value" not in svg


def test_a_single_year_draws_a_point_and_no_line():
    root = parse(line_chart([("New", [(2024, Decimal("12.5"))])], title="T"))
    assert root.find(f".//{SVG}polyline") is None
    assert "New: 12.5% in 2024." in root.find(f"{SVG}desc").text


def test_hostile_names_are_escaped():
    hostile = '<script>alert("x")</script>'
    svg = str(
        line_chart(
            [(hostile, [(2023, 1), (2024, 2)], "/x/"), ("B", [(2024, 3)])],
            title=f"Title {hostile}",
            description=hostile,
        )
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)  # still well-formed

    legend = str(chart_legend([(hostile, [(2024, 2)], '/x/"onclick="y')]))
    assert "<script>" not in legend
    assert '"onclick' not in legend


def test_id_prefix_keeps_two_charts_on_one_page_apart():
    first = parse(line_chart([FASTAPI], title="T", id_prefix="usage-fastapi"))
    second = parse(line_chart([FASTAPI], title="T", id_prefix="usage-django"))
    assert first.find(f"{SVG}title").get("id") != second.find(f"{SVG}title").get("id")


def test_id_prefix_is_made_safe_for_an_id():
    root = parse(line_chart([FASTAPI], title="T", id_prefix='a "b" <c>'))
    assert root.get("aria-labelledby") == "a-b-c-title a-b-c-desc"


def test_no_series_draws_nothing():
    assert line_chart([], title="T") == ""
    assert line_chart([("Empty", [])], title="T") == ""
    assert chart_legend([]) == ""


def test_legend_links_each_series_with_its_line_style():
    legend = str(
        chart_legend([("FastAPI", FASTAPI[1], "/frameworks/fastapi/"), FASTAPI])
    )
    assert '<a href="/frameworks/fastapi/">FastAPI</a>' in legend
    assert legend.count('aria-hidden="true"') == 2
    assert "series-1" in legend
    assert "series-2" in legend


def test_yearly_stats_prefers_the_primary_source_for_a_year():
    framework = FrameworkFactory()
    quoted = SourceFactory(kind=Source.Kind.SECOND_HAND)
    primary = SourceFactory(kind=Source.Kind.PRIMARY)
    UsageStatFactory(framework=framework, source=quoted, year=2024, share=30)
    UsageStatFactory(framework=framework, source=primary, year=2024, share=31)
    UsageStatFactory(framework=framework, source=quoted, year=2023, share=20)

    stats = framework.usage_stats.select_related("source")
    assert [(stat.year, stat.share) for stat in yearly_stats(stats)] == [
        (2023, Decimal("20")),
        (2024, Decimal("31")),
    ]


# --- {% usage_chart framework %} ---------------------------------------------

USAGE_CHART = Template("{% load chart_tags %}{% usage_chart framework %}")


def render_usage_chart(framework):
    return USAGE_CHART.render(Context({"framework": framework}))


def test_usage_chart_lists_every_figure_with_how_its_source_gives_it(
    django_assert_num_queries,
):
    framework = FrameworkFactory(name="Fast", slug="fast")
    survey = SourceFactory(
        title="Survey 2020",
        url="https://example.com/survey-2020",
        survey_url="https://example.com/results-2020",
        respondents="more than 28,000",
        fieldwork="October 2020",
        kind=Source.Kind.SECOND_HAND,
    )
    article = SourceFactory(title="Article 2024", url="")
    UsageStatFactory(framework=framework, source=survey, year=2020, share=14)
    UsageStatFactory(
        framework=framework,
        source=article,
        year=2023,
        share=29,
        provenance=UsageStat.Provenance.DERIVED,
        basis="The 2024 share minus the stated rise of 9 points.",
    )
    UsageStatFactory(framework=framework, source=article, year=2024, share=38)
    framework = Framework.objects.for_detail_page().get(pk=framework.pk)

    with django_assert_num_queries(0):
        html = render_usage_chart(framework)

    assert '<svg class="chart"' in html
    assert 'id="usage-fast-title"' in html
    assert "Fast: 14% in 2020, 29% in 2023, 38% in 2024." in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "2020 14% Survey 2020 (quoted second-hand) Stated" in text
    assert (
        "2023 29% Article 2024 Derived : The 2024 share minus the stated rise of 9 "
        "points." in text
    )
    assert "2024 38% Article 2024 Stated" in text
    assert '<a href="https://example.com/survey-2020" rel="noopener">' in html
    assert '<a href="https://example.com/results-2020" rel="noopener">' in html
    assert "Respondents more than 28,000" in text
    assert "Answers collected October 2020" in text
    assert "Question asked not stated" in text


def test_usage_chart_shows_a_rank_band_as_a_sourced_figure_without_a_chart():
    framework = FrameworkFactory(name="Client")
    article = SourceFactory(title="Article 2024")
    UsageStatFactory(
        framework=framework, source=article, share=None, rank_best=7, rank_worst=10
    )

    html = render_usage_chart(Framework.objects.for_detail_page().get(pk=framework.pk))

    assert "<svg" not in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "2024 Ranked 7 to 10, no share given Article 2024 Stated" in text


def test_usage_chart_names_a_source_without_url_as_plain_text():
    framework = FrameworkFactory(name="Quiet")
    source = SourceFactory(title="Hallway poll", url="", kind=Source.Kind.PRIMARY)
    UsageStatFactory(framework=framework, source=source, year=2024, share=5)

    html = render_usage_chart(Framework.objects.for_detail_page().get(pk=framework.pk))

    assert re.search(r"<td>\s*Hallway poll\s*</td>", html)
    assert "second-hand" not in html


def test_usage_chart_escapes_hostile_names():
    framework = FrameworkFactory(name="<script>x</script>")
    UsageStatFactory(framework=framework, year=2024, share=5)

    html = render_usage_chart(Framework.objects.for_detail_page().get(pk=framework.pk))

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# --- The layout as data -----------------------------------------------------------


def test_layout_is_data_with_points_axes_and_labels():
    from catalog.charts import line_layout

    layout = line_layout(CLOSE_AT_THE_END, title="T", id_prefix="t")

    assert [tick.label for tick in layout.y_ticks] == ["0%", "10%", "20%", "30%", "40%"]
    assert [tick.label for tick in layout.x_ticks] == ["2023", "2024"]
    assert [series.label for series in layout.series] == ["Django", "Flask", "Requests"]
    django = layout.series[0]
    assert [m.label for m in django.markers] == [
        "Django, 2023: 33%",
        "Django, 2024: 35%",
    ]
    assert len(django.polylines) == 1
    assert [label.lines[0][2] for label in layout.labels] == [
        "Django",
        "Flask",
        "Requests",
    ]
    assert layout.series[0].values == []  # names, not figures, for several lines


def test_layout_puts_higher_shares_higher_and_later_years_right():
    from catalog.charts import line_layout

    layout = line_layout([FASTAPI], title="T")
    xs = [float(p.split(",")[0]) for p in layout.series[0].polylines[-1].split()]
    ys = [float(p.split(",")[1]) for p in layout.series[0].polylines[-1].split()]

    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True)  # 25, 29, 38: rising means smaller y
    assert [v.text for v in layout.series[0].values] == ["14%", "25%", "29%", "38%"]


def test_narrow_layout_keeps_its_width_and_leaves_names_to_a_legend():
    from catalog.charts import line_layout

    layout = line_layout(CLOSE_AT_THE_END, title="T", width=320, direct_labels=False)

    assert layout.width == 320
    assert layout.labels == []
    assert layout.plot_right == 312


def test_nothing_to_draw_is_no_layout():
    from catalog.charts import line_layout

    assert line_layout([("Empty", [])], title="T") is None
