import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from catalog.editors import EDITORS_GROUP, editor_permission_codenames
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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:06}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


def editors_group():
    """The Editors group as migration 0002 makes it.

    A transactional test (a live server, real concurrency) empties the database
    when it ends, and flushing makes permissions again but not the group.
    """
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="catalog",
                codename__in=editor_permission_codenames(),
            )
        )
    return group


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def editors_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(editors_group())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n:06}")
    slug = factory.Sequence(lambda n: f"category-{n:06}")


class UseCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseCase
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Use case {n:06}")
    slug = factory.Sequence(lambda n: f"use-case-{n:06}")

    @factory.post_generation
    def kinds(use_case, create, extracted, **kwargs):
        if create and extracted:
            use_case.kinds.set(extracted)


class FeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feature
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Feature {n:06}")
    slug = factory.Sequence(lambda n: f"feature-{n:06}")

    @factory.post_generation
    def kinds(feature, create, extracted, **kwargs):
        if create and extracted:
            feature.kinds.set(extracted)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"survey-{n:06}")
    title = factory.Sequence(lambda n: f"Developer survey {n:06}")
    publisher = "Example Survey Org"
    url = "https://example.com/survey"
    year = 2024


# Numbers in generated names are zero-padded: a name one digit longer halfway
# through a test would change a page's size, which the scale tests compare.
class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Framework {n:06}")
    slug = factory.Sequence(lambda n: f"framework-{n:06}")
    category = factory.SubFactory(CategoryFactory)
    summary = factory.LazyAttribute(lambda fw: f"{fw.name} does useful things.")
    description = "A *Markdown* description."
    first_release = 2018
    status = Framework.Status.PUBLISHED

    @factory.post_generation
    def use_cases(framework, create, extracted, **kwargs):
        if create and extracted:
            framework.use_cases.set(extracted)

    @factory.post_generation
    def other_kinds(framework, create, extracted, **kwargs):
        if create and extracted:
            framework.other_kinds.set(extracted)


class AdvantageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advantage

    framework = factory.SubFactory(FrameworkFactory)
    title = factory.Sequence(lambda n: f"Advantage {n:06}")
    detail = "Why it helps."


class DisadvantageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disadvantage

    framework = factory.SubFactory(FrameworkFactory)
    title = factory.Sequence(lambda n: f"Disadvantage {n:06}")
    detail = "Why it hurts."


class UsageStatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageStat

    framework = factory.SubFactory(FrameworkFactory)
    source = factory.SubFactory(SourceFactory)
    year = 2024
    share = 10


class FeatureSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeatureSupport

    framework = factory.SubFactory(FrameworkFactory)
    feature = factory.SubFactory(FeatureFactory)
    level = FeatureSupport.Level.BUILT_IN
    note = "how it is provided"


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    from_framework = factory.SubFactory(FrameworkFactory)
    to_framework = factory.SubFactory(FrameworkFactory)
    kind = Relation.Kind.ALTERNATIVE


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def release(version, days, pre=False):
    """A release as PackageFacts.releases stores it, uploaded ``days`` ago."""
    return {"version": version, "date": days_ago(days).isoformat(), "pre": pre}


class PackageFactsFactory(factory.django.DjangoModelFactory):
    """Facts with three releases: 800, 200 and 30 days ago (the latest, 2.0)."""

    class Meta:
        model = PackageFacts

    framework = factory.SubFactory(
        FrameworkFactory, pypi_name=factory.Sequence(lambda n: f"package-{n:06}")
    )
    project = factory.LazyAttribute(lambda facts: facts.framework.pypi_name)
    index_page = factory.LazyAttribute(
        lambda facts: f"https://index.example/project/{facts.project}/"
    )
    releases = factory.LazyFunction(
        lambda: [release("1.0", 800), release("1.1", 200), release("2.0", 30)]
    )
    latest_version = factory.LazyAttribute(lambda facts: facts.releases[-1]["version"])
    latest_version_date = factory.LazyAttribute(
        lambda facts: datetime.date.fromisoformat(facts.releases[-1]["date"])
    )
    first_release_date = factory.LazyAttribute(
        lambda facts: datetime.date.fromisoformat(facts.releases[0]["date"])
    )
    last_release_date = factory.SelfAttribute("latest_version_date")
    requires_python = ">=3.10"
    python_versions = factory.LazyFunction(lambda: ["3.10", "3.11", "3.12", "3.13"])
    python_lowest = 10
    python_highest = 13
    development_status = "Production/Stable"
    license_expression = "MIT"
    project_urls = factory.LazyFunction(
        lambda: {"Source": "https://example.com/source"}
    )
    fetched_at = factory.LazyFunction(timezone.now)
    etag = '"recorded"'


def full_framework(**kwargs):
    """A published framework with every kind of related row, for query budgets."""
    kwargs.setdefault("pypi_name", factory.SelfAttribute("slug"))
    framework = FrameworkFactory(**kwargs)
    framework.use_cases.add(UseCaseFactory(slug="rest-apis", name="REST APIs"))
    AdvantageFactory.create_batch(2, framework=framework)
    DisadvantageFactory(framework=framework)
    source = SourceFactory(slug="survey-2023", year=2023)
    UsageStatFactory(framework=framework, source=source, year=2023, share=12)
    UsageStatFactory(framework=framework, year=2024, share=15)
    FeatureSupportFactory(
        framework=framework, feature=FeatureFactory(slug="orm", name="ORM")
    )
    PackageFactsFactory(framework=framework)
    return framework
