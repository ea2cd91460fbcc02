from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Framework, Relation, UsageStat
from tests.factories import (
    AdvantageFactory,
    DisadvantageFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
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

    annotated = Framework.objects.with_latest_share().get()

    assert annotated.latest_share == Decimal("38")
    assert annotated.latest_year == 2024
    assert annotated.previous_share == Decimal("29")
    assert annotated.previous_year == 2023
    assert annotated.share_change == Decimal("9")


def test_change_is_unknown_with_a_single_figure():
    UsageStatFactory(year=2024, share=12)
    annotated = Framework.objects.with_latest_share().get()
    assert annotated.latest_share == Decimal("12")
    assert annotated.share_change is None


def test_change_can_be_negative():
    framework = FrameworkFactory()
    UsageStatFactory(framework=framework, year=2022, share=39)
    UsageStatFactory(framework=framework, year=2023, share=33)
    assert Framework.objects.with_latest_share().get().share_change == Decimal("-6")


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
