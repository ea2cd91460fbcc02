"""The starting content in fixtures/catalog.json."""

import json
import re
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
    PackageFacts,
    Relation,
    Source,
    UsageStat,
    UseCase,
)
from tests.expected import ADDED_IN_ISSUE_13, RANKED_SLUGS

pytestmark = pytest.mark.django_db

Level = FeatureSupport.Level

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

FIRST_TEN = {
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
FRAMEWORK_SLUGS = FIRST_TEN | ADDED_IN_ISSUE_13

# The usage table of /work/shared/data/FACTS.md, as each source gives it.
# Stated: slug -> {year: share} that the source itself states.
STATED = {
    "pds-2020": {
        "fastapi": {2020: "14"},
        "django": {2020: "43"},
        "flask": {2020: "46"},
    },
    "pds-2022": {
        "fastapi": {2022: "25"},
        "django": {2022: "39"},
        "flask": {2022: "39"},
    },
    "pds-2023": {"streamlit": {2023: "8"}, "starlette": {2023: "6"}},
    "seed-2024": {
        "fastapi": {2024: "38"},
        "django": {2024: "35"},
        "flask": {2024: "34"},
        "requests": {2024: "33"},
        "asyncio": {2024: "23"},
        "django-rest-framework": {2024: "20"},
    },
}
# The seed states each leader's change since 2023 ("up 9%"): the 2023 shares are
# derived from it, never stated.
DERIVED_2023 = {
    "fastapi": "29",
    "django": "33",
    "flask": "33",
    "requests": "30",
    "asyncio": "20",
    "django-rest-framework": "18",
}
# The seed ranks these 7th to 10th in 2024 and gives no share.
RANKED_7_TO_10_IN_2024 = {"httpx", "aiohttp", "streamlit", "starlette"}

EXPECTED_SHARES = {}
for figures in STATED.values():
    for slug, years in figures.items():
        EXPECTED_SHARES.setdefault(slug, {}).update(years)
for slug, share in DERIVED_2023.items():
    EXPECTED_SHARES[slug][2023] = share


def as_text(share):
    """Decimal("23.0") -> "23", as the facts write it."""
    return f"{share.normalize():f}"


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


def test_fixture_holds_every_framework_published(starting_content):
    frameworks = Framework.objects.all()

    assert {f.slug for f in frameworks} == FRAMEWORK_SLUGS
    assert all(f.is_published for f in frameworks)
    assert Framework.objects.published().count() == len(FRAMEWORK_SLUGS) == 26


def test_no_new_entry_has_a_usage_figure(starting_content):
    """No source states one for them: none is estimated."""
    assert not UsageStat.objects.filter(framework__slug__in=ADDED_IN_ISSUE_13)


def test_requests_and_httpx_are_http_clients_and_aiohttp_is_one_too(
    starting_content,
):
    clients = Framework.objects.filter(category__slug="http-client")

    assert {f.slug for f in clients} == {"requests", "httpx", "urllib3"}
    aiohttp = Framework.objects.get(slug="aiohttp")
    assert aiohttp.category.slug == "web-framework"
    assert [k.slug for k in aiohttp.other_kinds.all()] == ["http-client"]


def test_usage_table_matches_the_facts_exactly(starting_content):
    found = {}
    for stat in UsageStat.objects.filter(share__isnull=False).select_related(
        "framework"
    ):
        found.setdefault(stat.framework.slug, {})[stat.year] = stat.share
    expected = {
        slug: {year: Decimal(share) for year, share in years.items()}
        for slug, years in EXPECTED_SHARES.items()
    }

    assert found == expected


def test_the_seeds_rank_band_is_a_sourced_figure_and_no_share_is_made_up(
    starting_content,
):
    ranks = UsageStat.objects.filter(share__isnull=True).select_related(
        "framework", "source"
    )

    assert {
        (s.framework.slug, s.year, s.rank_best, s.rank_worst, s.source.slug)
        for s in ranks
    } == {(slug, 2024, 7, 10, "seed-2024") for slug in RANKED_7_TO_10_IN_2024}
    # The seed gives no share for them: none is attributed to it.
    assert not UsageStat.objects.filter(
        framework__slug__in=RANKED_7_TO_10_IN_2024, share__isnull=False, year=2024
    ).exists()


def test_every_usage_figure_is_one_its_source_states_or_implies(starting_content):
    """The provenance rule, walked over every figure of the starting content.

    A stated share must be one its source states (``STATED``); a derived one must
    say how it was worked out, from a share the same source states; a rank band
    is stated by its source for the source's own year.
    """
    problems = []
    for stat in UsageStat.objects.select_related("framework", "source"):
        label = f"{stat.framework.slug} {stat.year} ({stat.source.slug})"
        stated_here = STATED.get(stat.source.slug, {}).get(stat.framework.slug, {})
        if stat.share is None:
            if stat.is_derived or stat.year != stat.source.year:
                problems.append(f"{label}: a rank band its source does not state")
        elif not stat.is_derived:
            if stated_here.get(stat.year) != as_text(stat.share):
                problems.append(f"{label}: {stat.share}% is not stated by its source")
        elif not stat.basis.strip():
            problems.append(f"{label}: derived with no basis")
        elif not any(f"({share}%)" in stat.basis for share in stated_here.values()):
            problems.append(f"{label}: basis names no share its source states")
    assert problems == []


def test_the_2023_shares_of_the_six_leaders_are_derived_from_the_seed(
    starting_content,
):
    derived = UsageStat.objects.filter(
        provenance=UsageStat.Provenance.DERIVED
    ).select_related("framework", "source")

    assert {(s.framework.slug, s.year, as_text(s.share)) for s in derived} == {
        (slug, 2023, share) for slug, share in DERIVED_2023.items()
    }
    assert {s.source.slug for s in derived} == {"seed-2024"}
    fastapi = derived.get(framework__slug="fastapi")
    assert "(38%)" in fastapi.basis
    assert "up 9" in fastapi.basis


def test_every_source_says_what_a_reader_needs_to_judge_it(starting_content):
    sources = {source.slug: source for source in Source.objects.all()}

    assert {slug: s.survey_url for slug, s in sources.items()} == {
        "seed-2024": "https://lp.jetbrains.com/python-developers-survey-2024/",
        "pds-2023": "https://lp.jetbrains.com/python-developers-survey-2023/",
        "pds-2022": "https://lp.jetbrains.com/python-developers-survey-2022/",
        "pds-2020": "https://www.jetbrains.com/lp/python-developers-survey-2020/",
    }
    assert {slug: (s.respondents, s.fieldwork) for slug, s in sources.items()} == {
        "seed-2024": ("about 30,000", "October to November 2024"),
        "pds-2023": ("more than 25,000", "November 2023 to February 2024"),
        "pds-2022": ("more than 23,000", "October to December 2022"),
        "pds-2020": ("more than 28,000", "October 2020"),
    }
    # No page we could cite gives the question's wording: left blank, never guessed.
    assert {s.question for s in sources.values()} == {""}
    assert all(s.note for s in sources.values())


def test_loading_the_fixture_twice_creates_no_duplicates(starting_content):
    before = catalog_counts()

    call_command("loaddata", FIXTURE, verbosity=0)

    assert catalog_counts() == before


def feature_table():
    """Every framework with its feature rows and bases, and every feature."""
    frameworks = list(
        Framework.objects.for_detail_page().prefetch_related(
            "feature_supports__feature__kinds"
        )
    )
    features = list(Feature.objects.prefetch_related("kinds"))
    return frameworks, features


def test_every_feature_cell_follows_the_support_level_rule(starting_content):
    """The rule in the README, walked over every cell of the starting content."""
    frameworks, features = feature_table()
    problems = []
    for framework in frameworks:
        for support in framework.feature_supports.all():
            cell = f"{framework.slug}/{support.feature.slug}"
            level = support.level
            if not support.note.strip():
                problems.append(f"{cell}: {level} with no note")
            if not support.feature.applies_to(framework):
                problems.append(f"{cell}: the feature does not apply to its kinds")
            disputable = support.partial or level in (Level.EXTRA, Level.SERVER)
            if disputable and not support.source_url:
                problems.append(
                    f"{cell}: {level}, partial={support.partial}, no source"
                )
            if level == Level.EXTRA and not re.search(r"\[|install", support.note):
                problems.append(f"{cell}: an extra whose note names no install")
            if level == Level.SERVER and not re.search("server|proxy", support.note):
                problems.append(f"{cell}: through the server, naming none")
        has = {cell.feature.pk for cell in framework.feature_cells()}
        for feature in features:
            if feature.applies_to(framework) and feature.pk not in has:
                problems.append(f"{framework.slug}/{feature.slug}: no row")
    assert problems == []


def test_authentication_is_worded_per_kind_of_tool(starting_content):
    rows = {
        (s.framework.slug, s.feature.slug): s
        for s in FeatureSupport.objects.select_related("framework", "feature")
    }
    server = Feature.objects.get(slug="authentication")
    client = Feature.objects.get(slug="client-authentication")

    assert server.name == "User authentication"
    assert {k.slug for k in server.kinds.all()} == {
        "web-framework",
        "api-toolkit",
        "data-app",
    }
    assert [k.slug for k in client.kinds.all()] == ["http-client"]
    assert ("requests", "authentication") not in rows
    assert rows["requests", "client-authentication"].level == Level.BUILT_IN
    assert rows["django", "authentication"].level == Level.BUILT_IN


@pytest.mark.parametrize(
    ("framework", "feature", "level", "partial", "in_note"),
    [
        ("requests", "retries", Level.BUILT_IN, False, "urllib3's Retry"),
        ("httpx", "retries", Level.BUILT_IN, True, "failed connection"),
        ("flask", "http2", Level.SERVER, False, "Hypercorn"),
        ("django", "http2", Level.SERVER, False, "Hypercorn"),
        ("fastapi", "http2", Level.SERVER, False, "Hypercorn"),
        ("flask", "native-async", Level.EXTRA, True, "flask[async]"),
        ("httpx", "http2", Level.EXTRA, False, "httpx[http2]"),
        ("django", "native-async", Level.BUILT_IN, True, "sync_to_async"),
        ("starlette", "openapi-docs", Level.BUILT_IN, True, "docstrings"),
        ("starlette", "authentication", Level.BUILT_IN, True, "Middleware"),
        ("fastapi", "authentication", Level.BUILT_IN, True, "separate package"),
        ("streamlit", "authentication", Level.EXTRA, False, "Authlib"),
    ],
)
def test_the_cells_the_review_found_wrong_are_corrected(
    starting_content, framework, feature, level, partial, in_note
):
    cell = FeatureSupport.objects.get(framework__slug=framework, feature__slug=feature)

    assert (cell.level, cell.partial) == (level, partial)
    assert in_note in cell.note


def test_drf_shows_djangos_features_as_inherited_not_as_its_own(starting_content):
    drf = Framework.objects.for_detail_page().get(slug="django-rest-framework")

    cells = {cell.feature.slug: cell for cell in drf.feature_cells()}
    django = Framework.objects.get(slug="django")
    for slug in ("orm", "admin-panel", "templating", "websockets", "http2"):
        assert cells[slug].inherited_from == django, slug
    assert cells["browsable-api"].inherited_from is None
    assert not drf.feature_supports.filter(feature__slug="orm").exists()


def test_every_entry_is_as_complete_as_fastapis(starting_content):
    assert incomplete_entries() == []


def test_the_completeness_walk_finds_what_is_missing(starting_content):
    """The walk above can fail: take pieces away and it names each."""
    for advantage in Advantage.objects.filter(framework__slug="litestar")[:2]:
        advantage.delete()
    Disadvantage.objects.filter(framework__slug="bottle").first().delete()
    Framework.objects.filter(slug="quart").update(learning_curve_reason="")
    Framework.objects.get(slug="gradio").use_cases.clear()
    PackageFacts.objects.filter(framework__slug="sanic").delete()
    FeatureSupport.objects.filter(framework__slug="falcon").update(note="")
    Relation.objects.filter(
        from_framework__slug="django-rest-framework",
        to_framework__slug="django-ninja",
        kind=Relation.Kind.ALTERNATIVE,
    ).delete()
    Relation.objects.filter(from_framework__slug="tornado").delete()
    Relation.objects.filter(to_framework__slug="tornado").delete()

    problems = incomplete_entries()

    for expected in (
        "litestar: 2 advantages",
        "bottle: 1 disadvantage",
        "quart: no reason for its learning curve",
        "gradio: no use cases",
        "sanic: no package facts",
        "falcon: 11 feature cells without a note",
        "django-ninja: alternative to django-rest-framework, not the other way",
        "tornado: no relations",
    ):
        assert any(p.startswith(expected) for p in problems), (expected, problems)


def incomplete_entries():
    """Each piece of an entry the issue asks for, walked over every framework.

    At least three advantages and two disadvantages, a summary, a description,
    a reason for its learning curve, use cases (servers excepted: nothing is
    built *with* a server, so the guide never ranks them), a note on every
    feature cell (test_every_feature_cell_follows_the_support_level_rule checks
    their levels and sources), package facts for a package, and relations: at
    least one, with every "alternative to" answered from the other side.
    """
    problems = []
    alternatives = set(
        Relation.objects.filter(kind=Relation.Kind.ALTERNATIVE).values_list(
            "from_framework__slug", "to_framework__slug"
        )
    )
    servers = set(
        Relation.objects.filter(kind=Relation.Kind.RUNS_ON).values_list(
            "to_framework__slug", flat=True
        )
    )
    frameworks = Framework.objects.select_related("package_facts").prefetch_related(
        "advantages",
        "disadvantages",
        "use_cases",
        "feature_supports",
        "relations",
        "incoming_relations",
    )
    for f in frameworks:
        advantages, disadvantages = len(f.advantages.all()), len(f.disadvantages.all())
        if advantages < 3:
            problems.append(f"{f.slug}: {advantages} advantages, fewer than 3")
        if disadvantages < 2:
            problems.append(
                f"{f.slug}: {disadvantages} disadvantage{'s' * (disadvantages != 1)},"
                " fewer than 2"
            )
        for field in ("summary", "description", "learning_curve"):
            if not getattr(f, field).strip():
                problems.append(f"{f.slug}: no {field}")
        if not f.learning_curve_reason.strip():
            problems.append(f"{f.slug}: no reason for its learning curve")
        if not f.use_cases.all() and f.slug not in servers:
            problems.append(f"{f.slug}: no use cases")
        unnoted = [s for s in f.feature_supports.all() if not s.note.strip()]
        if unnoted:
            problems.append(f"{f.slug}: {len(unnoted)} feature cells without a note")
        if f.pypi_name and not hasattr(f, "package_facts"):
            problems.append(f"{f.slug}: no package facts for {f.pypi_name}")
        if not f.relations.all() and not f.incoming_relations.all():
            problems.append(f"{f.slug}: no relations")
    for one, other in sorted(alternatives):
        if (other, one) not in alternatives:
            problems.append(f"{one}: alternative to {other}, not the other way")
    return problems


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
    # A rank band is a survey figure: those the seed only ranks come before
    # every entry no survey counts.
    ranked_only = [f for f in ranked if f.latest_share is None and f.rank_best]
    assert [f.name for f in ranked_only] == ["AIOHTTP", "HTTPX"]
    assert [(f.rank_year, f.rank_best, f.rank_worst) for f in ranked_only] == [
        (2024, 7, 10),
        (2024, 7, 10),
    ]
    unranked = ranked[ranked.index(ranked_only[-1]) + 1 :]
    assert {f.slug for f in unranked} == ADDED_IN_ISSUE_13
    assert all(f.latest_share is None and f.rank_best is None for f in unranked)
    fastapi = ranked[0]
    assert fastapi.latest_share == Decimal("38")
    assert fastapi.share_change == 9
    assert fastapi.previous_year == 2023


def test_kinds_of_tool_and_the_use_cases_they_serve(starting_content):
    kinds = {
        use_case.slug: (
            use_case.primary_kind.slug if use_case.primary_kind else None,
            {kind.slug for kind in use_case.kinds.all()},
        )
        for use_case in UseCase.objects.select_related("primary_kind")
    }

    assert kinds["content-sites"] == ("web-framework", {"web-framework"})
    assert kinds["learning"] == ("web-framework", {"web-framework"})
    assert kinds["consuming-apis"] == ("http-client", {"http-client"})
    assert kinds["dashboards"] == ("data-app", {"data-app", "web-framework"})
    assert kinds["django-apis"] == ("api-toolkit", {"api-toolkit"})
    # Web frameworks and data apps serve prototyping equally: no main kind.
    assert kinds["prototyping"] == (None, {"web-framework", "data-app"})
    assert all(primary in served for primary, served in kinds.values() if primary)
    building_blocks = Category.objects.filter(building_block=True)
    # Servers run what the others build: the guide never ranks them either.
    assert [category.slug for category in building_blocks] == [
        "async-library",
        "server",
    ]


@pytest.mark.parametrize(
    ("slug", "licence"),
    [
        ("django", "BSD-3-Clause"),
        ("flask", "BSD-3-Clause"),
        ("starlette", "BSD-3-Clause"),
        ("httpx", "BSD-3-Clause"),
        ("django-rest-framework", "BSD-2-Clause"),
        ("fastapi", "MIT"),
        ("requests", "Apache-2.0"),
        ("aiohttp", "Apache-2.0"),
        ("streamlit", "Apache-2.0"),
        ("asyncio", "PSF-2.0"),
    ],
)
def test_licences_match_each_projects_licence_file(starting_content, slug, licence):
    assert Framework.objects.get(slug=slug).license == licence


def point_text(model, slug):
    return " ".join(
        f"{point.title} {point.detail}"
        for point in model.objects.filter(framework__slug=slug)
    )


def test_content_errors_the_review_found_are_corrected(starting_content):
    fastapi = point_text(Advantage, "fastapi")
    assert "thread pool" in fastapi
    assert "one slow prediction does not hold up" not in fastapi
    requests = point_text(Disadvantage, "requests")
    assert "No automatic retries" not in requests
    assert "`Retry`" in requests
    assert "quickest way to put a dashboard" not in point_text(Advantage, "flask")
    assert "0.x" in point_text(Disadvantage, "httpx")
    assert "maintenance mode" in point_text(Disadvantage, "fastapi")
