"""Frameworks as the API shows them, and what editors send to write one."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import (
    Category,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
    UseCase,
)
from .fields import PageLinkField, SlugListField, api_link, share_field, slug_field
from .strict import ModelSerializer

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


class FeatureEntrySerializer(serializers.ModelSerializer):
    # One row of a framework's feature list; /api/feature-supports/ writes them.

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
    features = FeatureEntrySerializer(source="feature_supports", many=True)
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


class FrameworkWriteSerializer(ModelSerializer):
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
