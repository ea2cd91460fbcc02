"""How the catalog looks as JSON, and what editors may send."""

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils import html
from rest_framework.validators import UniqueTogetherValidator

from ..models import (
    Category,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
    UseCase,
)

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MAX_POSITION = 32767  # PositiveSmallIntegerField on every database
POSITION = {"max_value": MAX_POSITION, "min_value": 0}
# A text box, not a <select> of the whole table, in the browsable API's forms.
TEXT_INPUT = {"base_template": "input.html", "input_type": "text"}


def api_link(view_name):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}",
        lookup_field="slug",
        help_text="This object in the API.",
    )


class PageLinkField(serializers.CharField):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "This object's page on the site.")
        super().__init__(source="get_absolute_url", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class SlugRelatedField(serializers.SlugRelatedField):
    """Look up by slug only what could be one: PostgreSQL refuses NUL bytes."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


def slug_field(model, **kwargs):
    """Pick a related object by slug, with an error that says what to do."""
    noun = model._meta.verbose_name
    return SlugRelatedField(
        slug_field="slug",
        queryset=model.objects.all(),
        style=TEXT_INPUT,
        error_messages={
            "does_not_exist": f"There is no {noun} with the slug {{value}}. "
            f"Use a slug from the {noun} list.",
            "invalid": f"Give the {noun}'s slug as a string.",
        },
        **kwargs,
    )


class SlugListField(serializers.ManyRelatedField):
    """A JSON list of slugs; an HTML form, which cannot show it, leaves it unchanged."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("style", {"base_template": "list_field.html"})
        super().__init__(child_relation=slug_field(model), **kwargs)

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name not in dictionary:
            return empty
        return super().get_value(dictionary)


def share_field(**kwargs):
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        coerce_to_string=False,
        **kwargs,
    )


# --- Small pieces nested in other objects -----------------------------------


class CategoryBriefSerializer(serializers.ModelSerializer):
    url = api_link("category-detail")

    class Meta:
        model = Category
        fields = ["slug", "name", "url"]


class UseCaseBriefSerializer(serializers.ModelSerializer):
    url = api_link("usecase-detail")

    class Meta:
        model = UseCase
        fields = ["slug", "name", "url"]


class FrameworkBriefSerializer(serializers.ModelSerializer):
    url = api_link("framework-detail")

    class Meta:
        model = Framework
        fields = ["slug", "name", "url"]


class SourceBriefSerializer(serializers.ModelSerializer):
    link = serializers.URLField(
        source="url", allow_blank=True, help_text="Where to check the figures."
    )

    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "year", "kind", "link"]


class PointSerializer(serializers.Serializer):
    title = serializers.CharField()
    detail = serializers.CharField()


class UsageEntrySerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer()
    change = share_field(
        help_text="Points gained (or lost, if negative) since the figure for the "
        "year before; null for the first year."
    )

    class Meta:
        model = UsageStat
        fields = ["year", "share", "change", "source"]


class FeatureSupportSerializer(serializers.ModelSerializer):
    feature = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="feature.name", read_only=True)

    class Meta:
        model = FeatureSupport
        fields = ["feature", "name", "level", "note"]


class RelatedSerializer(serializers.Serializer):
    framework = FrameworkBriefSerializer()
    kind = serializers.ChoiceField(choices=Relation.Kind.choices)
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this framework is <kind> the other; "
        "incoming: the other is <kind> this one.",
    )
    note = serializers.CharField()


# --- Frameworks --------------------------------------------------------------


class FrameworkListSerializer(serializers.ModelSerializer):
    url = api_link("framework-detail")
    page_url = PageLinkField()
    category = CategoryBriefSerializer()
    latest_share = share_field(help_text="The latest usage share, in percent.")
    latest_year = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The year of the latest share."
    )
    share_change = share_field(
        help_text="Points gained (or lost, if negative) since the figure before."
    )

    class Meta:
        model = Framework
        fields = [
            "slug",
            "name",
            "url",
            "page_url",
            "status",
            "category",
            "summary",
            "learning_curve",
            "first_release",
            "latest_share",
            "latest_year",
            "share_change",
            "updated",
        ]


class FrameworkDetailSerializer(FrameworkListSerializer):
    # Everything about one framework; reads what for_detail_page() prefetches.

    advantages = PointSerializer(many=True)
    disadvantages = PointSerializer(many=True)
    usage = UsageEntrySerializer(source="usage_stats", many=True)
    use_cases = UseCaseBriefSerializer(many=True)
    features = FeatureSupportSerializer(source="feature_supports", many=True)
    related = serializers.SerializerMethodField()

    class Meta(FrameworkListSerializer.Meta):
        fields = [
            *FrameworkListSerializer.Meta.fields,
            "description",
            "homepage",
            "repository",
            "documentation",
            "pypi_name",
            "license",
            "created",
            "advantages",
            "disadvantages",
            "usage",
            "use_cases",
            "features",
            "related",
        ]

    def to_representation(self, instance):
        add_usage_changes(instance.usage_stats.all())
        return super().to_representation(instance)

    @extend_schema_field(RelatedSerializer(many=True))
    def get_related(self, framework):
        related = [
            {
                "framework": relation.to_framework,
                "kind": relation.kind,
                "direction": "outgoing",
                "note": relation.note,
            }
            for relation in framework.relations.all()
        ]
        listed = {(item["framework"].pk, item["kind"]) for item in related}
        related += [
            {
                "framework": relation.from_framework,
                "kind": relation.kind,
                "direction": "incoming",
                "note": relation.note,
            }
            for relation in framework.incoming_relations.all()
            # "Alternative to" goes both ways; list it once.
            if relation.kind != Relation.Kind.ALTERNATIVE
            or (relation.from_framework_id, relation.kind) not in listed
        ]
        return RelatedSerializer(related, many=True, context=self.context).data


def add_usage_changes(stats):
    """Set ``change`` on each figure: its share minus the year before's.

    ``stats`` come ordered by year, preferred source first, as
    ``for_detail_page()`` prefetches them; the year before is the latest earlier
    year with a figure, read from its preferred source.
    """
    preferred = {}
    for stat in stats:
        preferred.setdefault(stat.year, stat.share)
    years = sorted(preferred)
    for stat in stats:
        earlier = [year for year in years if year < stat.year]
        stat.change = stat.share - preferred[earlier[-1]] if earlier else None


class FrameworkWriteSerializer(serializers.ModelSerializer):
    # What an editor sends to create or change a framework.

    category = slug_field(Category, help_text="A category slug, e.g. web-framework.")
    use_cases = SlugListField(
        UseCase, required=False, help_text='Use-case slugs, e.g. ["rest-apis"].'
    )

    class Meta:
        model = Framework
        fields = [
            "name",
            "slug",
            "status",
            "category",
            "summary",
            "description",
            "homepage",
            "repository",
            "documentation",
            "pypi_name",
            "license",
            "first_release",
            "learning_curve",
            "use_cases",
        ]


# --- The rest of the catalog ---------------------------------------------------


class CategorySerializer(serializers.ModelSerializer):
    url = api_link("category-detail")
    page_url = PageLinkField()

    class Meta:
        model = Category
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class UseCaseSerializer(serializers.ModelSerializer):
    url = api_link("usecase-detail")
    page_url = PageLinkField()

    class Meta:
        model = UseCase
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class FeatureSerializer(serializers.ModelSerializer):
    url = api_link("feature-detail")

    class Meta:
        model = Feature
        fields = ["slug", "name", "url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class SourceSerializer(serializers.ModelSerializer):
    url = api_link("source-detail")
    link = serializers.URLField(
        source="url",
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Where a reader can check the figures.",
    )

    class Meta:
        model = Source
        fields = ["slug", "title", "url", "publisher", "year", "kind", "link", "note"]
        extra_kwargs = {"year": {"min_value": 1991, "max_value": 2100}}


class UsageStatSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:usagestat-detail",
        lookup_url_kwarg="id",
        help_text="This figure in the API.",
    )
    framework = slug_field(Framework, help_text="A framework slug, e.g. fastapi.")
    source = slug_field(Source, help_text="A source slug, e.g. pds-2023.")

    class Meta:
        model = UsageStat
        fields = ["id", "url", "framework", "source", "year", "share"]
        share_message = "A share is a percentage: give a number from 0 to 100."
        extra_kwargs = {
            "share": {
                "coerce_to_string": False,
                "error_messages": {
                    "max_value": share_message,
                    "min_value": share_message,
                },
            }
        }
        validators = [
            UniqueTogetherValidator(
                queryset=UsageStat.objects.all(),
                fields=["framework", "source", "year"],
                message="This framework already has a figure from this source for "
                "this year; change that figure instead.",
            )
        ]
