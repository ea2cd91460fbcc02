from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import FeatureSupport, Framework, Relation, UsageStat
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
    UseCaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_database_rejects_a_second_figure_for_the_same_framework_source_and_year():
    stat = UsageStatFactory(year=2024, share=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        UsageStat.objects.create(
            framework=stat.framework, source=stat.source, year=2024, share=11
        )


@pytest.mark.parametrize("share", [Decimal("101"), Decimal("-1")])
def test_database_rejects_a_share_outside_0_to_100(share):
    with pytest.raises(IntegrityError), transaction.atomic():
        UsageStatFactory(share=share)


def test_database_rejects_a_framework_related_to_itself():
    framework = FrameworkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(
            from_framework=framework,
            to_framework=framework,
            kind=Relation.Kind.ALTERNATIVE,
        )


def test_validation_explains_a_self_relation_before_the_database_sees_it():
    framework = FrameworkFactory()
    relation = Relation(
        from_framework=framework, to_framework=framework, kind=Relation.Kind.EXTENDS
    )
    with pytest.raises(ValidationError):
        relation.full_clean()


def test_database_rejects_a_duplicate_slug():
    FrameworkFactory(slug="fastapi")
    with pytest.raises(IntegrityError), transaction.atomic():
        FrameworkFactory(slug="fastapi")


def test_published_leaves_out_drafts():
    published = FrameworkFactory()
    FrameworkFactory(status=Framework.Status.DRAFT)
    assert list(Framework.objects.published()) == [published]


def test_drafts_are_visible_to_editors_only(editor):
    draft = FrameworkFactory(status=Framework.Status.DRAFT)
    assert draft in Framework.objects.visible_to(editor)
    assert draft not in Framework.objects.visible_to(UserFactory())


def test_latest_share_and_change_come_from_the_two_latest_years():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2020, share=14)
    UsageStatFactory(framework=framework, year=2023, share=29)
    UsageStatFactory(framework=framework, year=2024, share=38)

    annotated = Framework.objects.get()

    assert annotated.latest_share == Decimal("38")
    assert annotated.latest_year == 2024
    assert annotated.previous_share == Decimal("29")
    assert annotated.previous_year == 2023
    assert annotated.share_change == Decimal("9")


def test_change_is_unknown_with_a_single_figure():
    UsageStatFactory(year=2024, share=12)
    annotated = Framework.objects.get()
    assert annotated.latest_share == Decimal("12")
    assert annotated.share_change is None


def test_change_can_be_negative():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2022, share=39)
    UsageStatFactory(framework=framework, year=2023, share=33)
    assert Framework.objects.get().share_change == Decimal("-6")


def test_ranked_orders_by_latest_share_with_unmeasured_frameworks_last():
    unmeasured = FrameworkFactory(name="Aardvark")
    small = UsageStatFactory(year=2024, share=5).framework
    big = UsageStatFactory(year=2024, share=40).framework
    # An old high figure must not outrank a newer lower one.
    UsageStatFactory(framework=small, year=2020, share=90, source=SourceFactory())

    assert list(Framework.objects.ranked()) == [big, small, unmeasured]


def test_ranked_needs_one_query_however_many_frameworks(django_assert_num_queries):
    for share in range(20):
        UsageStatFactory(share=share)
    with django_assert_num_queries(1):
        list(Framework.objects.ranked())


def test_advantages_and_disadvantages_are_separate_lists():
    framework = FrameworkFactory()
    AdvantageFactory(framework=framework, title="Fast")
    DisadvantageFactory(framework=framework, title="Young")
    assert [a.title for a in framework.advantages.all()] == ["Fast"]
    assert [d.title for d in framework.disadvantages.all()] == ["Young"]


def test_saving_a_framework_records_history():
    framework = FrameworkFactory(summary="First")
    framework.summary = "Second"
    framework.save()
    assert [h.summary for h in framework.history.all()] == ["Second", "First"]


def test_string_forms_name_the_object():
    relation = RelationFactory(
        from_framework__name="FastAPI",
        to_framework__name="Starlette",
        kind=Relation.Kind.BUILT_ON,
    )
    assert str(relation) == "FastAPI built on Starlette"
    assert str(UsageStatFactory(framework__name="Flask", share=34)) == "Flask 2024: 34%"


def test_a_slug_with_the_compare_separator_is_refused_by_validation():
    framework = FrameworkFactory.build(slug="this-vs-that")
    with pytest.raises(ValidationError, match="-vs-"):
        framework.full_clean(exclude=["category"])


def test_database_rejects_a_slug_with_the_compare_separator():
    with pytest.raises(IntegrityError), transaction.atomic():
        FrameworkFactory(slug="this-vs-that")


def test_frameworks_sort_by_name_ignoring_case():
    for name in ("beta", "Alpha", "gamma"):
        FrameworkFactory(name=name)
    assert [f.name for f in Framework.objects.all()] == ["Alpha", "beta", "gamma"]


# --- Usage figures: provenance and rank bands ---------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"share": None},  # neither a share nor a rank band
        {"share": None, "rank_best": 7},  # half a band
        {"provenance": UsageStat.Provenance.DERIVED, "basis": ""},  # no basis
    ],
    ids=["nothing", "half-band", "derived-without-basis"],
)
def test_database_and_validation_refuse_a_figure_that_cannot_be_sourced(values):
    stat = UsageStatFactory.build(
        framework=FrameworkFactory(), source=SourceFactory(), **values
    )

    with pytest.raises(ValidationError):
        stat.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stat.save()


def test_an_upside_down_rank_band_is_put_best_first_by_validation():
    stat = UsageStatFactory.build(
        framework=FrameworkFactory(),
        source=SourceFactory(),
        share=None,
        rank_best=10,
        rank_worst=7,
    )

    stat.full_clean()

    assert (stat.rank_best, stat.rank_worst) == (7, 10)


def test_the_database_refuses_an_upside_down_rank_band():
    stat = UsageStatFactory.build(
        framework=FrameworkFactory(),
        source=SourceFactory(),
        share=None,
        rank_best=10,
        rank_worst=7,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        stat.save()


def test_a_rank_band_alone_is_a_figure_and_reads_as_one():
    stat = UsageStatFactory(share=None, rank_best=7, rank_worst=10)

    stat.full_clean()
    assert stat.rank_band == "ranked 7 to 10"
    assert str(stat).endswith("2024: ranked 7 to 10")


def test_latest_share_skips_rank_bands_and_annotates_the_latest_band():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2023, share=8)
    UsageStatFactory(
        framework=framework, year=2024, share=None, rank_best=7, rank_worst=10
    )

    annotated = Framework.objects.get()

    assert (annotated.latest_share, annotated.latest_year) == (Decimal("8"), 2023)
    assert (annotated.rank_year, annotated.rank_best, annotated.rank_worst) == (
        2024,
        7,
        10,
    )


# --- Kinds of tool and feature support ------------------------------------------


def test_a_feature_applies_to_the_kinds_it_names_or_to_every_kind():
    web, client = CategoryFactory(), CategoryFactory()
    framework = FrameworkFactory(category=web)
    both = FrameworkFactory(category=web, other_kinds=[client])
    retries = FeatureFactory(kinds=[client])
    native_async = FeatureFactory()

    assert not retries.applies_to(framework)
    assert retries.applies_to(both)
    assert native_async.applies_to(framework)


def test_of_kind_finds_a_framework_by_category_or_by_another_kind_it_is():
    web, client = CategoryFactory(), CategoryFactory()
    FrameworkFactory(name="Caller", category=client)
    FrameworkFactory(name="Both", category=web, other_kinds=[client])
    FrameworkFactory(name="Server", category=web)

    found = Framework.objects.of_kind(client).order_by("name")

    assert [f.name for f in found] == ["Both", "Caller"]


def test_a_use_cases_main_kind_serves_it_even_when_not_ticked():
    web, data = CategoryFactory(), CategoryFactory()
    use_case = UseCaseFactory(kinds=[web], primary_kind=data)

    assert use_case.serving_kind_ids() == {web.pk, data.pk}


@pytest.mark.parametrize(
    ("level", "partial", "strength"),
    [
        (FeatureSupport.Level.BUILT_IN, False, 4),
        (FeatureSupport.Level.BUILT_IN, True, 3),
        (FeatureSupport.Level.EXTRA, False, 3),
        (FeatureSupport.Level.PACKAGE, False, 2),
        (FeatureSupport.Level.SERVER, False, 2),
        (FeatureSupport.Level.PACKAGE, True, 1),
        (FeatureSupport.Level.NONE, False, 0),
        (FeatureSupport.Level.NONE, True, 0),
    ],
)
def test_support_levels_have_an_order_the_pages_can_use(level, partial, strength):
    assert FeatureSupport(level=level, partial=partial).strength == strength


def test_every_level_has_a_meaning_for_the_legend():
    legend = FeatureSupport.legend()

    assert [label for label, _ in legend] == FeatureSupport.Level.labels
    assert all(meaning for _, meaning in legend)


def test_old_plugin_entries_become_separate_packages_when_migrating():
    migration = import_module("catalog.migrations.0008_kinds_levels_provenance")
    support = FeatureSupportFactory()
    FeatureSupport.objects.filter(pk=support.pk).update(level="plugin")

    migration.relabel(migration.OLD_TO_NEW)(apps, None)

    support.refresh_from_db()
    assert support.level == FeatureSupport.Level.PACKAGE


def test_going_back_before_rank_bands_drops_the_figures_without_a_share():
    migration = import_module("catalog.migrations.0008_kinds_levels_provenance")
    UsageStatFactory(year=2023, share=8)
    UsageStatFactory(year=2024, share=None, rank_best=7, rank_worst=10)

    migration.drop_rank_bands(apps, None)

    assert [stat.year for stat in UsageStat.objects.all()] == [2023]
