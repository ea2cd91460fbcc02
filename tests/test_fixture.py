"""The starting content in fixtures/catalog.json."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import (
    Advantage,
    Category,
    Disadvantage,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
    UseCase,
)
from tests.expected import RANKED_SLUGS

pytestmark = pytest.mark.django_db

FIXTURE = "fixtures/catalog.json"

CATALOG_MODELS = [
    Category,
    UseCase,
    Feature,
    Source,
    Framework,
    Advantage,
    Disadvantage,
    UsageStat,
    FeatureSupport,
    Relation,
]

FRAMEWORK_SLUGS = {
    "fastapi",
    "django",
    "flask",
    "requests",
    "asyncio",
    "django-rest-framework",
    "httpx",
    "aiohttp",
    "streamlit",
    "starlette",
}

# The usage table of /work/shared/data/FACTS.md: slug -> {year: share}.
EXPECTED_SHARES = {
    "fastapi": {2020: "14", 2022: "25", 2023: "29", 2024: "38"},
    "django": {2020: "43", 2022: "39", 2023: "33", 2024: "35"},
    "flask": {2020: "46", 2022: "39", 2023: "33", 2024: "34"},
    "requests": {2023: "30", 2024: "33"},
    "asyncio": {2023: "20", 2024: "23"},
    "django-rest-framework": {2023: "18", 2024: "20"},
    "streamlit": {2023: "8", 2024: "12"},
    "starlette": {2023: "6", 2024: "8"},
}

# Where each figure comes from: slug -> {year: source slug}.
EXPECTED_SOURCES = {
    slug: {
        year: {2020: "pds-2020", 2022: "pds-2022"}.get(year, "seed-2024")
        for year in years
    }
    for slug, years in EXPECTED_SHARES.items()
}
EXPECTED_SOURCES["streamlit"][2023] = "pds-2023"
EXPECTED_SOURCES["starlette"][2023] = "pds-2023"


def catalog_counts():
    return {model.__name__: model.objects.count() for model in CATALOG_MODELS}


def dump_catalog():
    out = StringIO()
    labels = [f"catalog.{model.__name__}" for model in CATALOG_MODELS]
    call_command("dumpdata", *labels, format="json", stdout=out)
    return json.loads(out.getvalue())


def test_fixture_loads_on_an_empty_database_with_fastapi_figures():
    assert Framework.objects.count() == 0

    call_command("loaddata", FIXTURE, verbosity=0)

    fastapi = Framework.objects.get(slug="fastapi")
    shares = {stat.year: stat.share for stat in fastapi.usage_stats.all()}
    assert shares[2024] == Decimal("38.0")
    assert shares[2023] == Decimal("29.0")
    assert isinstance(shares[2024], Decimal)


def test_fixture_holds_all_ten_frameworks_published(starting_content):
    frameworks = Framework.objects.all()

    assert {f.slug for f in frameworks} == FRAMEWORK_SLUGS
    assert all(f.is_published for f in frameworks)
    assert Framework.objects.published().count() == 10


def test_only_requests_and_httpx_are_http_clients(starting_content):
    clients = Framework.objects.filter(category__slug="http-client")

    assert {f.slug for f in clients} == {"requests", "httpx"}


def test_every_usage_figure_is_tied_to_its_source(starting_content):
    assert not UsageStat.objects.filter(source__isnull=True).exists()
    found = {}
    for stat in UsageStat.objects.select_related("framework", "source"):
        found.setdefault(stat.framework.slug, {})[stat.year] = stat.source.slug

    assert found == EXPECTED_SOURCES


def test_usage_table_matches_the_facts_exactly(starting_content):
    found = {}
    for stat in UsageStat.objects.select_related("framework"):
        found.setdefault(stat.framework.slug, {})[stat.year] = stat.share
    expected = {
        slug: {year: Decimal(share) for year, share in years.items()}
        for slug, years in EXPECTED_SHARES.items()
    }

    assert found == expected
    assert not UsageStat.objects.filter(
        framework__slug__in=["httpx", "aiohttp"]
    ).exists()


def test_loading_the_fixture_twice_creates_no_duplicates(starting_content):
    before = catalog_counts()

    call_command("loaddata", FIXTURE, verbosity=0)

    assert catalog_counts() == before


def test_feature_matrix_is_complete(starting_content):
    features = set(Feature.objects.values_list("slug", flat=True))
    assert len(features) >= 10

    for framework in Framework.objects.all():
        supported = set(
            framework.feature_supports.values_list("feature__slug", flat=True)
        )
        assert supported == features, framework.slug


def test_every_framework_has_advantages_disadvantages_and_use_cases(
    starting_content,
):
    for framework in Framework.objects.all():
        assert framework.advantages.exists(), framework.slug
        assert framework.disadvantages.exists(), framework.slug
        assert framework.use_cases.exists(), framework.slug


def test_dumped_catalog_reloads_to_the_same_content(starting_content, tmp_path):
    before_counts = catalog_counts()
    before = dump_catalog()
    dump = tmp_path / "catalog-dump.json"
    dump.write_text(json.dumps(before))
    Framework.objects.all().delete()
    for model in (Source, Category, UseCase, Feature):
        model.objects.all().delete()
    assert sum(catalog_counts().values()) == 0

    call_command("loaddata", str(dump), verbosity=0)

    assert catalog_counts() == before_counts
    assert dump_catalog() == before


def test_ranking_puts_frameworks_without_figures_last(starting_content):
    ranked = list(Framework.objects.published().ranked())

    assert [f.slug for f in ranked] == RANKED_SLUGS
    assert [f.name for f in ranked[-2:]] == ["AIOHTTP", "HTTPX"]
    fastapi = ranked[0]
    assert fastapi.latest_share == Decimal("38")
    assert fastapi.share_change == 9
    assert fastapi.previous_year == 2023
