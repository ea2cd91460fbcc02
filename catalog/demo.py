"""A made-up catalog grown to a chosen size, for measuring pages (``seed_demo``).

Each demo framework looks like a real entry: published, in one of the existing
categories, with a summary and a description, two or three advantages, one or
two disadvantages, a usage figure from each existing source, some use cases,
support levels for several features, and "alternative to" relations to earlier
entries. Rows are written with ``bulk_create`` in batches (no history: demo
data has none to show), so ten thousand frameworks take seconds, not minutes.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils.text import slugify

from .content_version import content_changed
from .models import (
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

BATCH = 500
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "tes",
    "fal",
    "con",
    "qui",
    "ver",
    "bri",
    "zen",
    "pol",
    "dax",
    "tor",
    "nim",
    "sur",
]
ENDINGS = ["py", "io", " Web", " API", "kit", " HTTP", "flow", "ware", "lite"]
STRENGTHS = [
    (
        "Small core",
        "The core fits in an afternoon's reading; everything else is a plugin.",
    ),
    (
        "Typed end to end",
        "Type hints drive validation, editor completion and the docs.",
    ),
    (
        "Fast under load",
        "Benchmarks by its authors show low latency at high concurrency.",
    ),
    ("Good documentation", "A tutorial, a how-to section and a full reference."),
    ("Stable API", "Breaking changes are rare and announced a release ahead."),
]
WEAKNESSES = [
    ("Small community", "Fewer answers online and fewer third-party packages."),
    ("Young project", "Its API may still change between minor releases."),
    ("Async only", "Blocking libraries need a thread pool to be used safely."),
]
LEVELS = [level for level in FeatureSupport.Level if level != "built-in"]
LICENSES = ["MIT", "BSD-3-Clause", "Apache-2.0"]


@dataclass
class Existing:
    """What the demo entries refer to: rows the catalog already has."""

    categories: list
    sources: list
    use_cases: list
    features: list
    framework_ids: list

    @classmethod
    def load(cls):
        sources = list(Source.objects.all()) or [
            Source.objects.create(
                slug="demo-survey",
                title="Demo survey",
                publisher="Demo data",
                url="https://example.com/demo-survey",
                year=2024,
            )
        ]
        categories = list(Category.objects.all()) or [
            Category.objects.create(name="Web framework", slug="web-framework")
        ]
        return cls(
            categories=categories,
            sources=sources,
            use_cases=list(UseCase.objects.all()),
            features=list(Feature.objects.all()),
            framework_ids=list(Framework.objects.values_list("pk", flat=True)),
        )


def demo_name(rng, number):
    stem = "".join(rng.sample(SYLLABLES, 2)).capitalize()
    return f"{stem}{rng.choice(ENDINGS)} {number}"


def new_framework(rng, number, existing):
    name = demo_name(rng, number)
    slug = slugify(name)
    return Framework(
        name=name,
        slug=slug,
        category=rng.choice(existing.categories),
        summary=f"A demo entry: a {rng.choice(['small', 'fast', 'typed'])} "
        "toolkit for Python services.",
        description=f"**{name}** is made-up demo data for measuring pages.\n\n"
        "- It has figures, points and features like a real entry.\n"
        "- Nothing about it is true.",
        homepage=f"https://example.com/{slug}/",
        repository=f"https://example.com/{slug}/source/",
        documentation=f"https://example.com/{slug}/docs/",
        pypi_name=slug,
        license=rng.choice(LICENSES),
        first_release=rng.randint(2008, 2024),
        learning_curve=rng.choice(Framework.LearningCurve.values),
        status=Framework.Status.PUBLISHED,
    )


def rows_of(rng, framework, existing):
    """The related rows of one new framework, by model."""
    rows = {
        Advantage: [
            Advantage(framework=framework, title=title, detail=detail, position=i)
            for i, (title, detail) in enumerate(
                rng.sample(STRENGTHS, rng.randint(2, 3))
            )
        ],
        Disadvantage: [
            Disadvantage(framework=framework, title=title, detail=detail, position=i)
            for i, (title, detail) in enumerate(
                rng.sample(WEAKNESSES, rng.randint(1, 2))
            )
        ],
        UsageStat: [
            UsageStat(
                framework=framework,
                source=source,
                year=source.year,
                share=Decimal(rng.randint(1, 80)) / 10,
            )
            for source in existing.sources
        ],
        FeatureSupport: [
            support_of(rng, framework, feature)
            for feature in rng.sample(existing.features, min(6, len(existing.features)))
        ],
        Relation: [
            Relation(
                from_framework=framework,
                to_framework_id=other,
                kind=Relation.Kind.ALTERNATIVE,
                note="Solves the same problem.",
            )
            for other in set(rng.sample(existing.framework_ids, 2))
        ]
        if len(existing.framework_ids) >= 2
        else [],
    }
    uses = rng.sample(
        existing.use_cases, min(rng.randint(1, 3), len(existing.use_cases))
    )
    rows[Framework.use_cases.through] = [
        Framework.use_cases.through(framework=framework, usecase=use) for use in uses
    ]
    return rows


def support_of(rng, framework, feature):
    if rng.random() < 0.5:
        return FeatureSupport(framework=framework, feature=feature, level="built-in")
    return FeatureSupport(
        framework=framework,
        feature=feature,
        level=rng.choice(LEVELS),
        note="Through a companion package, per its documentation.",
        source_url="https://example.com/docs/",
    )


def seed(count, seed_value=0):
    """Add ``count`` published demo frameworks; return how many there are now."""
    rng = random.Random(seed_value)
    existing = Existing.load()
    start = Framework.objects.count()
    with transaction.atomic():
        for first in range(start, start + count, BATCH):
            numbers = range(first + 1, min(first + BATCH, start + count) + 1)
            frameworks = Framework.objects.bulk_create(
                [new_framework(rng, number, existing) for number in numbers]
            )
            related = {}
            for framework in frameworks:
                for model, rows in rows_of(rng, framework, existing).items():
                    related.setdefault(model, []).extend(rows)
            for model, rows in related.items():
                model.objects.bulk_create(rows)
            # bulk_create sends no signals: work out the stored latest figures.
            Framework.objects.filter(
                pk__in=[f.pk for f in frameworks]
            ).refresh_latest_figures()
            existing.framework_ids.extend(f.pk for f in frameworks)
        content_changed()
    refresh_planner_statistics()
    return Framework.objects.count()


def refresh_planner_statistics():
    """Bulk inserts leave PostgreSQL's planner counting the tables as they were
    (autovacuum catches up later); without fresh statistics it scans instead of
    using the search and ranking indexes, and a bench measures the wrong plan.
    Outside a transaction (the command), VACUUM too, as autovacuum would have:
    counts then read the indexes alone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            )


def is_throwaway_database():
    """A bench or test database: never the site's own."""
    name = str(connection.settings_dict["NAME"])
    base = name.rsplit("/", 1)[-1]
    in_memory = connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        name
    )
    return base.startswith(("fw_bench_", "test_")) or in_memory
