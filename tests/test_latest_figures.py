"""The latest usage figures stored on each framework's row, and ranking by them."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.figure_signals import refreshes_deferred
from catalog.models import Framework, Source, UsageStat
from tests.factories import FrameworkFactory, SourceFactory, UsageStatFactory
from tests.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def figures(framework):
    framework.refresh_from_db()
    return framework.latest_share, framework.latest_year, framework.share_change


def test_starting_content_ranks_as_it_did_when_figures_were_worked_out_per_row(
    starting_content,
):
    # The order and figures the per-row subqueries gave before the figures were
    # stored (rank bands after shares, the two tools with only a band last).
    ranked = list(Framework.objects.published().ranked())
    assert [
        (f.slug, f.latest_share, f.latest_year, f.share_change, f.rank_best)
        for f in ranked[:10]
    ] == [
        ("fastapi", Decimal("38"), 2024, Decimal("9"), None),
        ("django", Decimal("35"), 2024, Decimal("2"), None),
        ("flask", Decimal("34"), 2024, Decimal("1"), None),
        ("requests", Decimal("33"), 2024, Decimal("3"), None),
        ("asyncio", Decimal("23"), 2024, Decimal("3"), None),
        ("django-rest-framework", Decimal("20"), 2024, Decimal("2"), None),
        ("streamlit", Decimal("8"), 2023, None, 7),
        ("starlette", Decimal("6"), 2023, None, 7),
        ("aiohttp", None, None, None, 7),
        ("httpx", None, None, None, 7),
    ]
    # Entries no survey counts come last, by name.
    unranked = ranked[10:]
    assert all(f.latest_share is None and f.rank_best is None for f in unranked)
    assert [f.name.lower() for f in unranked] == sorted(
        f.name.lower() for f in unranked
    )


def test_ranking_is_one_query_with_no_subquery():
    UsageStatFactory(share=12)
    with CaptureQueriesContext(connection) as queries:
        list(Framework.objects.published().ranked())
    (query,) = queries.captured_queries
    assert query["sql"].upper().count("SELECT") == 1


def test_frameworks_without_a_figure_rank_after_every_one_with_one():
    # "Aardvark" sorts first by name, and a share of 0 is still a figure.
    unmeasured = FrameworkFactory(name="Aardvark")
    zero = UsageStatFactory(share=0, framework__name="Zero").framework
    used = UsageStatFactory(share=3, framework__name="Used").framework
    assert list(Framework.objects.ranked()) == [used, zero, unmeasured]


def test_saving_a_figure_updates_the_framework():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2023, share=29)
    assert figures(framework) == (Decimal("29"), 2023, None)
    latest = UsageStatFactory(framework=framework, year=2024, share=38)
    assert figures(framework) == (Decimal("38"), 2024, Decimal("9"))
    latest.share = Decimal("25.5")
    latest.save()
    assert figures(framework) == (Decimal("25.5"), 2024, Decimal("-3.5"))


def test_figures_saved_in_a_bulk_load_refresh_each_framework_once_at_the_end():
    django, flask = FrameworkFactory(name="Django"), FrameworkFactory(name="Flask")
    source = SourceFactory()
    with CaptureQueriesContext(connection) as queries, refreshes_deferred():
        UsageStatFactory(framework=django, source=source, year=2023, share=29)
        UsageStatFactory(framework=django, source=source, year=2024, share=35)
        UsageStatFactory(framework=flask, source=source, year=2024, share=34)
        assert figures(django) == (None, None, None)
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 2  # one refresh, of both frameworks
    assert figures(django) == (Decimal("35"), 2024, Decimal("6"))
    assert figures(flask) == (Decimal("34"), 2024, None)


def test_a_bulk_load_that_fails_refreshes_nothing():
    django = FrameworkFactory(name="Django")
    with pytest.raises(RuntimeError), refreshes_deferred():
        UsageStatFactory(framework=django, share=35)
        raise RuntimeError
    assert figures(django) == (None, None, None)


def test_deleting_a_figure_updates_the_framework():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2023, share=29)
    UsageStatFactory(framework=framework, year=2024, share=38).delete()
    assert figures(framework) == (Decimal("29"), 2023, None)
    framework.usage_stats.all().delete()
    assert figures(framework) == (None, None, None)


def test_moving_a_figure_to_another_framework_updates_both():
    figure = UsageStatFactory(share=20)
    left, other = figure.framework, FrameworkFactory()
    figure = UsageStat.objects.get(pk=figure.pk)
    figure.framework = other
    figure.save()
    assert figures(left) == (None, None, None)
    assert figures(other) == (Decimal("20"), 2024, None)


def test_a_sources_kind_decides_the_preferred_figure_of_a_year():
    framework = FrameworkFactory()
    first = SourceFactory(kind=Source.Kind.PRIMARY)
    second = SourceFactory(kind=Source.Kind.SECOND_HAND)
    UsageStatFactory(framework=framework, source=first, share=10)
    UsageStatFactory(framework=framework, source=second, share=30)
    assert figures(framework)[0] == Decimal("10")
    first.kind = Source.Kind.SECOND_HAND
    first.save()
    second.kind = Source.Kind.PRIMARY
    second.save()
    assert figures(framework)[0] == Decimal("30")


def test_a_framework_saved_from_a_stale_copy_keeps_its_figures():
    framework = FrameworkFactory()
    stale = Framework.objects.get(pk=framework.pk)
    UsageStatFactory(framework=framework, share=12)
    stale.summary = "Edited meanwhile."
    stale.save()
    assert figures(framework) == (Decimal("12"), 2024, None)


def test_loaddata_works_the_figures_out_whatever_the_fixture_says(tmp_path):
    figure = UsageStatFactory(share=12)
    framework = figure.framework
    rows = json.loads(
        _dump("catalog.source", "catalog.category", "catalog.framework")
    ) + json.loads(_dump("catalog.usagestat"))
    for row in rows:
        if row["model"] == "catalog.framework":
            row["fields"]["latest_share"] = "99.0"  # stale or made up
    UsageStat.objects.all().delete()
    Framework.objects.all().delete()
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(rows))
    call_command("loaddata", str(path), verbosity=0)
    assert figures(Framework.objects.get(pk=framework.pk))[0] == Decimal("12")


def _dump(*labels):
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", *labels, stdout=out)
    return out.getvalue()


def test_a_figure_added_in_the_admin_inline_updates_the_framework(editor_client):
    framework = FrameworkFactory()
    source = SourceFactory()
    data = form_data(editor_client.get(change_url(framework)))
    data.update(
        {
            "usage_stats-TOTAL_FORMS": "1",
            "usage_stats-0-year": "2024",
            "usage_stats-0-share": "17.5",
            "usage_stats-0-source": str(source.pk),
            "usage_stats-0-provenance": "stated",
        }
    )
    editor_client.post(change_url(framework), data)
    assert figures(framework) == (Decimal("17.5"), 2024, None)


def test_a_figure_written_through_the_api_updates_the_framework(
    editor_api_client,
):
    framework = FrameworkFactory(slug="gizmo")
    source = SourceFactory(slug="survey")
    response = editor_api_client.post(
        reverse("api:usage-list"),
        {"framework": "gizmo", "source": "survey", "year": 2024, "share": 21},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert figures(framework) == (Decimal("21"), 2024, None)
    assert source.usage_stats.count() == 1
