"""API filters: the catalog's FrameworkFilter, DRF search, and filters by slug."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters
from rest_framework.exceptions import NotFound, ValidationError

from ..compare import SLUG
from ..filters import PYTHON_VERSION_PATTERN, FrameworkFilter, SlugChoiceFilter
from ..models import (
    Advantage,
    Disadvantage,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
)

MAX_SEARCH_LENGTH = 200


class FrameworkApiFilter(FrameworkFilter):
    """The HTML list's filters; free text goes through DRF's ``search`` instead."""

    q = None
    related_to = SlugChoiceFilter(
        queryset=Framework.objects.published(),
        method="filter_related_to",
        label="Related to",
        help_text="A framework slug, e.g. django: the frameworks related to it "
        "either way (built on, extends, alternative to); a framework's detail "
        "lists only the closest few.",
    )

    class Meta(FrameworkFilter.Meta):
        fields = ["category", "use_case", "feature", "learning_curve"]

    def filter_related_to(self, queryset, name, framework):
        return queryset.related_to(framework)


def describe(filterset_class, name, schema):
    """Give the OpenAPI schema of a filter that drf-spectacular cannot infer."""
    declared = filterset_class.base_filters[name]
    description = declared.extra.get("help_text") or declared.label
    schema = {**schema, "description": str(description)} if description else schema
    extend_schema_field(schema)(declared)


# A slug's form; which slugs exist, the lists say (an unknown one is a 404).
SLUG_SCHEMA = {"type": "string", "pattern": f"^{SLUG.pattern}$"}

for name in ("category", "use_case", "feature", "related_to"):
    describe(FrameworkApiFilter, name, SLUG_SCHEMA)
describe(
    FrameworkApiFilter, "min_share", {"type": "number", "minimum": 0, "maximum": 100}
)
describe(
    FrameworkApiFilter, "year", {"type": "integer", "minimum": 1991, "maximum": 2100}
)
describe(
    FrameworkApiFilter,
    "python",
    {"type": "string", "pattern": PYTHON_VERSION_PATTERN, "maxLength": 5},
)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; a well-formed filter that names an object that
    is not there (an unknown slug) is a 404 naming it, other bad values a 400.

    The schema can say a slug is a string, never which slugs exist.
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if filterset.is_valid():
            return filterset.qs
        errors = filterset.form.errors.as_data()
        unknown = {
            name: errors
            for name, errors in errors.items()
            if isinstance(filterset.filters.get(name), SlugChoiceFilter)
            and all(error.code == "invalid_choice" for error in errors)
        }
        if unknown and len(unknown) == len(errors):
            raise NotFound(
                " ".join(
                    f"{name}: {' '.join(m for e in found for m in e.messages)}"
                    for name, found in unknown.items()
                )
            )
        raise translate_validation(filterset.errors)


class SearchFilter(filters.SearchFilter):
    """DRF search that answers odd input with a 400 naming the parameter."""

    search_description = (
        "Words that must all appear in the name, summary, description, "
        "or an advantage or disadvantage; best matches first unless `ordering` "
        "is given."
    )

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "")
        if "\x00" in value:
            raise ValidationError({self.search_param: ["Remove the null character."]})
        if len(value) > MAX_SEARCH_LENGTH:
            raise ValidationError(
                {
                    self.search_param: [
                        f"Use at most {MAX_SEARCH_LENGTH} characters; got {len(value)}."
                    ]
                }
            )
        return super().get_search_terms(request)

    def filter_queryset(self, request, queryset, view):
        """Frameworks holding every word, best first: ``FrameworkQuerySet.search``,
        as on the search page and the catalog's filter."""
        terms = self.get_search_terms(request)
        return queryset.search(" ".join(terms)) if terms else queryset

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["maxLength"] = MAX_SEARCH_LENGTH
        return parameters


class DraftAwareFilterSet(django_filters.FilterSet):
    """Filters whose framework slugs name only frameworks the user may see.

    A draft's slug is as unknown to a reader as a slug that never existed.
    """

    framework_filters = ("framework",)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        frameworks = (
            Framework.objects.visible_to(user)
            if user
            else Framework.objects.published()
        )
        for name in self.framework_filters:
            self.filters[name].queryset = frameworks


def framework_filter(**kwargs):
    kwargs.setdefault("help_text", "A framework slug, e.g. fastapi.")
    return SlugChoiceFilter(queryset=Framework.objects.all(), **kwargs)


class UsageStatFilter(DraftAwareFilterSet):
    framework = framework_filter()
    source = SlugChoiceFilter(
        queryset=Source.objects.all(), help_text="A source slug, e.g. pds-2023."
    )
    year = django_filters.NumberFilter(
        min_value=1991, max_value=2100, help_text="The year the figure describes."
    )

    class Meta:
        model = UsageStat
        fields = ["framework", "source", "year"]


class AdvantageFilter(DraftAwareFilterSet):
    framework = framework_filter()

    class Meta:
        model = Advantage
        fields = ["framework"]


class DisadvantageFilter(DraftAwareFilterSet):
    framework = framework_filter()

    class Meta:
        model = Disadvantage
        fields = ["framework"]


class FeatureSupportFilter(DraftAwareFilterSet):
    framework = framework_filter()
    feature = SlugChoiceFilter(
        queryset=Feature.objects.all(), help_text="A feature slug, e.g. orm."
    )
    level = django_filters.ChoiceFilter(
        choices=FeatureSupport.Level.choices, help_text="How the feature is provided."
    )

    class Meta:
        model = FeatureSupport
        fields = ["framework", "feature", "level"]


class RelationFilter(DraftAwareFilterSet):
    framework_filters = ("framework", "to_framework")

    framework = framework_filter(
        field_name="from_framework",
        help_text="A framework slug, e.g. fastapi: its relations to others.",
    )
    to_framework = framework_filter(
        help_text="A framework slug, e.g. starlette: others' relations to it."
    )
    kind = django_filters.ChoiceFilter(
        choices=Relation.Kind.choices, help_text="The kind of relation."
    )

    class Meta:
        model = Relation
        fields = ["framework", "to_framework", "kind"]


for filterset, names in [
    (UsageStatFilter, ("framework", "source")),
    (AdvantageFilter, ("framework",)),
    (DisadvantageFilter, ("framework",)),
    (FeatureSupportFilter, ("framework", "feature")),
    (RelationFilter, ("framework", "to_framework")),
]:
    for name in names:
        describe(filterset, name, SLUG_SCHEMA)
describe(UsageStatFilter, "year", {"type": "integer", "minimum": 1991, "maximum": 2100})
