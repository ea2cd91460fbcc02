"""The releases-per-year chart: its geometry as data, and the SVG written from it."""

import pytest
from django.template.loader import render_to_string

from catalog.packageindex.charts import PLOT_HEIGHT, release_chart
from catalog.templatetags.package_tags import releases_chart
from tests.factories import FrameworkFactory, PackageFactsFactory

PER_YEAR = [(2020, 4), (2021, 0), (2022, 8), (2023, 2)]


def chart(per_year=PER_YEAR, name="Demo"):
    return release_chart(per_year, name=name, id_prefix="releases-demo")


def test_the_busiest_year_fills_the_plot_and_the_others_scale_to_it():
    bars = {bar.year: bar for bar in chart().bars}

    assert bars[2022].height == PLOT_HEIGHT
    assert bars[2020].height == PLOT_HEIGHT / 2
    assert bars[2021].height == 0
    assert bars[2022].y + bars[2022].height == chart().baseline


def test_bars_run_left_to_right_in_year_order_without_overlapping():
    bars = chart().bars

    assert [bar.year for bar in bars] == [2020, 2021, 2022, 2023]
    for left, right in zip(bars, bars[1:], strict=False):
        assert left.x + left.width < right.x
    assert bars[-1].x + bars[-1].width <= chart().axis_end


def test_counts_are_written_only_when_they_fit_their_slot():
    assert chart().show_values
    many_years = [(2000 + n, 150) for n in range(27)]
    assert not chart(many_years).show_values


def test_year_labels_are_spaced_out_when_years_are_many():
    years = [bar.year for bar in chart([(2000 + n, 1) for n in range(27)]).ticks]

    assert years[0] == 2000
    assert len(years) < 27
    assert all(
        b - a == years[1] - years[0] for a, b in zip(years, years[1:], strict=False)
    )


def test_description_states_every_year():
    assert chart().description.endswith("2020: 4; 2021: 0; 2022: 8; 2023: 2.")
    assert chart().title == "Demo: releases per year"


def test_no_years_draw_nothing():
    assert release_chart([], name="Demo", id_prefix="x") is None


@pytest.mark.django_db
def test_the_svg_is_an_image_named_by_its_title_and_description():
    facts = PackageFactsFactory()

    svg = render_to_string(
        "includes/release_chart.html", releases_chart(facts.framework)
    )

    assert 'role="img"' in svg
    prefix = f"releases-{facts.framework.slug}"
    assert f'aria-labelledby="{prefix}-title {prefix}-desc"' in svg
    years_with_releases = [year for year, count in facts.releases_per_year if count]
    assert svg.count('class="chart-bar"') == len(years_with_releases)
    assert "style=" not in svg


@pytest.mark.django_db
def test_hostile_names_are_escaped_in_the_svg():
    framework = FrameworkFactory(name="<script>x</script>", pypi_name="x")
    PackageFactsFactory(framework=framework)

    svg = render_to_string("includes/release_chart.html", releases_chart(framework))

    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;: releases per year" in svg


@pytest.mark.django_db
def test_a_framework_without_facts_gets_no_chart():
    framework = FrameworkFactory(pypi_name="")

    assert render_to_string(
        "includes/release_chart.html", releases_chart(framework)
    ).strip() == ("")
