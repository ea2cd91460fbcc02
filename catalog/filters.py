"""The catalog's filters: one FilterSet for the HTML list and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Lower

from .compare import SLUG
from .models import Category, Feature, FeatureSupport, Framework, UsageStat, UseCase
from .widgets import PlainSelect

# The levels at which a framework's own package provides a feature.
IN_THE_PACKAGE = [FeatureSupport.Level.BUILT_IN, FeatureSupport.Level.EXTRA]


class PlainQueryChoiceIterator(forms.models.ModelChoiceIterator):
    """A model choice field's options read in one plain query.

    Django's reads them with ``QuerySet.iterator()``, which on PostgreSQL opens a
    server-side cursor: three round trips (declare, fetch, close) a dropdown.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class SlugChoiceField(forms.ModelChoiceField):
    """A related object by slug; what cannot be a slug is "invalid", a slug
    that names nothing "invalid_choice"."""

    iterator = PlainQueryChoiceIterator

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


RELEASED_LAST_12_MONTHS = "last-12-months"
PYTHON_VERSION_PATTERN = "^3\\.[0-9]{1,2}$"  # as OpenAPI (ECMA-262) reads it
PYTHON_VERSION = RegexValidator(
    r"\A3\.[0-9]{1,2}\Z", "Give a Python 3 version such as 3.13."
)


class FrameworkFilter(django_filters.FilterSet):
    """Filters over frameworks, their latest figures stored on each row."""

    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        label="Search",
        help_text="Words in the name, summary, description, advantages or "
        "disadvantages; best matches first.",
    )
    category = SlugChoiceFilter(
        queryset=Category.objects.all(),
        method="filter_category",
        help_text="A category slug, e.g. http-client: frameworks of that kind, as "
        "their category or one of their other kinds.",
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
        help_text="A feature slug, e.g. orm: frameworks whose own package has it, "
        "built in or as an optional extra.",
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
    released = django_filters.ChoiceFilter(
        choices=[(RELEASED_LAST_12_MONTHS, "In the last 12 months")],
        method="filter_released",
        label="Last release",
        empty_label="Any time",
        help_text=f"{RELEASED_LAST_12_MONTHS}: only frameworks whose package had a "
        "release (pre-releases included) in the last 12 months.",
    )
    python = django_filters.CharFilter(
        method="filter_python",
        label="Python version",
        max_length=5,
        validators=[PYTHON_VERSION],
        widget=forms.TextInput(attrs={"placeholder": "e.g. 3.13", "size": 6}),
        help_text="A Python 3 version, e.g. 3.13: only frameworks whose package "
        "supports it (listed in its classifiers, or admitted by its "
        "requires_python when it lists none).",
    )
    ordering = RankingOrderingFilter(
        fields=(
            ("name", "name"),
            ("latest_share", "share"),
            ("share_change", "change"),
            ("first_release", "first_release"),
            ("updated", "updated"),
            ("package_facts__last_release_date", "latest_release"),
        ),
        field_labels={
            "name": "Name, A to Z",
            "-name": "Name, Z to A",
            "latest_share": "Least used first",
            "-share": "Most used first",
            "share_change": "Biggest fall first",
            "-change": "Biggest rise first",
            "first_release": "Oldest first",
            "-first_release": "Youngest first",
            "updated": "Least recently edited",
            "-updated": "Recently edited",
            "package_facts__last_release_date": "Longest without a release",
            "-latest_release": "Newest release first",
        },
        label="Sort by",
        empty_label="Ranked by use",
        help_text="name, share, change (since the survey before), first_release, "
        "updated or latest_release; prefix - to reverse.",
    )

    class Meta:
        model = Framework
        fields = ["q", "category", "use_case", "feature", "learning_curve"]

    def filter_text(self, queryset, name, value):
        # Best matches first, unless the reader also picks an order.
        return queryset.search(value) if value.split() else queryset

    def filter_category(self, queryset, name, category):
        return queryset.of_kind(category)

    def filter_feature(self, queryset, name, feature):
        # Its own entries only: a framework that extends another is not credited
        # with its base's features, as in the guide.
        return queryset.filter(
            Exists(
                FeatureSupport.objects.filter(
                    framework=OuterRef("pk"),
                    feature=feature,
                    level__in=IN_THE_PACKAGE,
                )
            )
        )

    def filter_released(self, queryset, name, value):
        return queryset.released_recently()

    def filter_python(self, queryset, name, version):
        return queryset.supporting_python(int(version.split(".")[1]))

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
        if isinstance(form.fields["category"].widget, PlainSelect):
            return form
        for name, empty_label in self.dropdown_labels.items():
            form.fields[name].empty_label = empty_label
        # Every dropdown written without a template per option (catalog/widgets.py).
        for name, field in form.fields.items():
            if name in self.dropdown_labels or type(field.widget) is forms.Select:
                field.widget = PlainSelect(
                    attrs=field.widget.attrs, choices=field.choices
                )
        return form
