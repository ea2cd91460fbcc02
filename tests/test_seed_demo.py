"""seed_demo grows a throwaway catalog with realistic entries, and nothing else."""

import io
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from catalog.models import Framework, Relation

pytestmark = pytest.mark.django_db


def seed_demo(*args):
    call_command("seed_demo", *args, verbosity=0, stdout=None)


def test_refuses_a_database_that_is_not_a_bench_or_test_one(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "frameworks")

    with pytest.raises(CommandError, match="Refusing to add demo data to frameworks"):
        seed_demo("--frameworks", "3")

    assert not Framework.objects.exists()


def test_force_writes_into_any_database(monkeypatch, starting_content):
    monkeypatch.setitem(connection.settings_dict, "NAME", "frameworks")

    before = Framework.objects.count()
    seed_demo("--frameworks", "3", "--force")

    assert Framework.objects.count() == before + 3


def test_demo_frameworks_are_published_with_every_kind_of_row(starting_content):
    starting = list(Framework.objects.values_list("pk", flat=True))
    seed_demo("--frameworks", "40")

    demo = Framework.objects.exclude(pk__in=starting)
    assert demo.count() == 40
    for framework in demo.prefetch_related(
        "advantages", "disadvantages", "usage_stats", "use_cases", "feature_supports"
    ):
        assert framework.is_published
        assert len(framework.advantages.all()) >= 2
        assert len(framework.disadvantages.all()) >= 1
        assert len(framework.usage_stats.all()) == 4  # one per source
        assert framework.use_cases.all()
        assert len(framework.feature_supports.all()) == 6
    assert Relation.objects.filter(from_framework__in=demo).count() >= 40


def test_pages_show_the_grown_catalog(client, starting_content):
    seed_demo("--frameworks", "30")
    framework = Framework.objects.order_by("-pk").first()

    page = client.get(framework.get_absolute_url())

    assert page.status_code == HTTPStatus.OK
    assert framework.name in page.text
    assert client.get("/").status_code == HTTPStatus.OK


def test_seeding_twice_adds_more(starting_content):
    before = Framework.objects.count()
    seed_demo("--frameworks", "5")
    seed_demo("--frameworks", "5", "--seed", "1")

    assert Framework.objects.count() == before + 10


def test_demo_frameworks_carry_their_stored_latest_share(starting_content):
    before = set(Framework.objects.values_list("pk", flat=True))
    seed_demo("--frameworks", "5", "--force")
    for framework in Framework.objects.exclude(pk__in=before):
        stats = framework.usage_stats.filter(share__isnull=False).order_by(
            "-year", "source__kind", "source_id"
        )
        expected = stats.first().share if stats else None
        assert framework.latest_share == expected, framework


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
def test_seeding_leaves_the_planner_fresh_statistics(starting_content):
    """Left stale, PostgreSQL scanned the advantages instead of their search
    index: searching 1,000 frameworks took 85 ms instead of 26."""
    call_command("seed_demo", frameworks=30, stdout=io.StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'catalog_framework'"
        )
        (estimated,) = cursor.fetchone()

    assert estimated == Framework.objects.count()
