"""The catalog's filters: one FilterSet for the HTML list and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower

from .compare import SLUG
from .models import Category, Feature, FeatureSupport, Framework, UsageStat, UseCase


class SlugChoiceField(forms.ModelChoiceField):
    """A related object by slug; what cannot be a slug is "invalid", a slug
    that names nothing "invalid_choice"."""

    def to_python(self, value):
        if value not in self.empty_values and not SLUG.fullmatch(str(value)):
            raise ValidationError(
                "A slug has 1 to 80 letters, digits, hyphens and underscores.",
                code="invalid",
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Choose a related object by slug, typed rather than picked from a list.

    A text box keeps the browsable API from rendering a whole table as a dropdown;
    an unknown slug is a validation error naming what was not found.
    """

    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        noun = self.queryset.model._meta.verbose_name
        field.error_messages["invalid_choice"] = (
            f"There is no {noun} with this slug. Use a slug from the {noun} list."
        )
        return field


class RankingOrderingFilter(django_filters.OrderingFilter):
    """Ordering where frameworks without a share sort last in either direction."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = self.param_map[param.removeprefix("-")]
        # Names sort case-insensitively, the same on SQLite and PostgreSQL.
        field = Lower(name) if name == "name" else F(name)
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs, value):
        # Ties (and frameworks without a share) fall back to alphabetical order.
        ordered = super().filter(qs, value)
        if not value:
            return ordered
        return ordered.order_by(*ordered.query.order_by, Lower("name"))


class FrameworkFilter(django_filters.FilterSet):
    """Filters over a queryset annotated by ``FrameworkQuerySet.with_latest_share``."""

    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        label="Search",
        help_text="Words in the name, summary or description.",
    )
    category = SlugChoiceFilter(
        queryset=Category.objects.all(), help_text="A category slug, e.g. http-client."
    )
    use_case = SlugChoiceFilter(
        field_name="use_cases",
        queryset=UseCase.objects.all(),
        label="Use case",
        help_text="A use-case slug, e.g. rest-apis.",
    )
    feature = SlugChoiceFilter(
        queryset=Feature.objects.all(),
        method="filter_feature",
        label="Feature",
        help_text="A feature slug, e.g. orm: frameworks that have it built in.",
    )
    learning_curve = django_filters.ChoiceFilter(
        choices=Framework.LearningCurve.choices,
        label="Learning curve",
        empty_label="Any learning curve",
    )
    min_share = django_filters.NumberFilter(
        field_name="latest_share",
        lookup_expr="gte",
        min_value=0,
        max_value=100,
        label="Minimum share",
        help_text="Only frameworks whose latest usage share is at least this percent.",
    )
    year = django_filters.NumberFilter(
        method="filter_year",
        label="Year",
        min_value=1991,
        max_value=2100,
        help_text="Only frameworks with a usage figure for this year.",
    )
    ordering = RankingOrderingFilter(
        fields=(
            ("name", "name"),
            ("latest_share", "share"),
            ("first_release", "first_release"),
            ("updated", "updated"),
        ),
        help_text="name, share, first_release or updated; prefix - to reverse.",
    )

    class Meta:
        model = Framework
        fields = ["q", "category", "use_case", "feature", "learning_curve"]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset

    def filter_feature(self, queryset, name, feature):
        return queryset.filter(
            Exists(
                FeatureSupport.objects.filter(
                    framework=OuterRef("pk"),
                    feature=feature,
                    level=FeatureSupport.Level.BUILT_IN,
                )
            )
        )

    def filter_year(self, queryset, name, year):
        return queryset.filter(
            Exists(UsageStat.objects.filter(framework=OuterRef("pk"), year=year))
        )


class CatalogPageFilter(FrameworkFilter):
    """The same filters with dropdowns, for the reader pages.

    Readers pick from the (short) lists of categories, use cases and features;
    the API keeps text boxes so its browsable form never lists a whole table.
    """

    dropdown_labels = {
        "category": "Any category",
        "use_case": "Any use case",
        "feature": "Any feature",
    }

    @property
    def form(self):
        form = super().form
        if isinstance(form.fields["category"].widget, forms.Select):
            return form
        for name, empty_label in self.dropdown_labels.items():
            field = form.fields[name]
            field.empty_label = empty_label
            field.widget = forms.Select(choices=field.choices)
        return form
