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
from ..kept import KeptListSerializer
from .fields import (
    SOURCE_LINK_HELP,
    SUPPORT_LINK_HELP,
    SURVEY_LINK_HELP,
    PageLinkField,
    SlugListField,
    api_link,
    share_field,
    slug_field,
    web_link,
)
from .package_facts import (
    PackageFactsDetailSerializer,
    PackageFactsSerializer,
    package_facts_field,
)
from .writes import ChangedFieldsModelSerializer

# --- Small pieces nested in other objects -----------------------------------


class CategoryBriefSerializer(serializers.ModelSerializer):
    url = api_link("category-detail")

    class Meta:
        model = Category
        fields = ["slug", "name", "url"]


class UseCaseBriefSerializer(serializers.ModelSerializer):
    url = api_link("use-case-detail")

    class Meta:
        model = UseCase
        fields = ["slug", "name", "url"]


class FrameworkBriefSerializer(serializers.ModelSerializer):
    url = api_link("framework-detail")

    class Meta:
        model = Framework
        fields = ["slug", "name", "url"]


class SourceBriefSerializer(serializers.ModelSerializer):
    link = web_link("url", SOURCE_LINK_HELP)
    survey_link = web_link("survey_url", SURVEY_LINK_HELP)

    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "publisher",
            "year",
            "kind",
            "link",
            "survey_link",
            "respondents",
            "question",
            "fieldwork",
        ]


class PointSerializer(serializers.Serializer):
    title = serializers.CharField()
    detail = serializers.CharField()


class UsageEntrySerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer()
    share = share_field(
        help_text="Percent of respondents; null when the source gives only a rank "
        "band (see rank_best and rank_worst)."
    )
    change = share_field(
        help_text="Points gained (or lost, if negative) since the share for the "
        "year before; null for the first share and for rank bands."
    )

    class Meta:
        model = UsageStat
        fields = [
            "year",
            "share",
            "change",
            "rank_best",
            "rank_worst",
            "provenance",
            "basis",
            "source",
        ]


class FeatureEntrySerializer(serializers.Serializer):
    # One row of a framework's feature list, its own or inherited from the
    # framework it extends; /api/feature-supports/ writes its own rows.

    feature = serializers.SlugField(
        source="support.feature.slug", help_text="The feature's slug."
    )
    name = serializers.CharField(source="support.feature.name")
    level = serializers.ChoiceField(
        source="support.level", choices=FeatureSupport.Level.choices
    )
    partial = serializers.BooleanField(
        source="support.partial",
        help_text="True when it covers only part of the feature (see note).",
    )
    note = serializers.CharField(source="support.note")
    source_link = web_link("support.source_url", SUPPORT_LINK_HELP)
    inherited_from = FrameworkBriefSerializer(
        allow_null=True,
        help_text="The framework this one extends, when the row comes with it; "
        "null for the framework's own rows.",
    )


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
    # Rows kept per content version (kept.py); their package facts are read
    # only for the rows serialized.
    kept_prefetch = ["package_facts"]

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
    package = package_facts_field(PackageFactsSerializer)
    rank_year = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The year of the latest rank band a source gives without a "
        "share; null when there is none.",
    )
    rank_best = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The best rank of that band."
    )
    rank_worst = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The worst rank of that band."
    )

    class Meta:
        model = Framework
        list_serializer_class = KeptListSerializer
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
            "rank_year",
            "rank_best",
            "rank_worst",
            "updated",
            "package",
        ]


class FrameworkDetailSerializer(FrameworkListSerializer):
    # Everything about one framework; reads what for_detail_page() prefetches.

    advantages = PointSerializer(many=True)
    disadvantages = PointSerializer(many=True)
    usage = UsageEntrySerializer(source="usage_stats", many=True)
    use_cases = UseCaseBriefSerializer(many=True)
    features = FeatureEntrySerializer(source="feature_cells", many=True)
    other_kinds = CategoryBriefSerializer(many=True)
    related = serializers.SerializerMethodField()
    package = package_facts_field(PackageFactsDetailSerializer)

    class Meta(FrameworkListSerializer.Meta):
        fields = [
            *FrameworkListSerializer.Meta.fields,
            "learning_curve_reason",
            "description",
            "homepage",
            "repository",
            "documentation",
            "pypi_name",
            "license",
            "created",
            "other_kinds",
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
            for relation in framework.outgoing()
        ]
        listed = {(item["framework"].pk, item["kind"]) for item in related}
        related += [
            {
                "framework": relation.from_framework,
                "kind": relation.kind,
                "direction": "incoming",
                "note": relation.note,
            }
            for relation in framework.incoming()
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
        if stat.share is not None:
            preferred.setdefault(stat.year, stat.share)
    years = sorted(preferred)
    for stat in stats:
        earlier = [year for year in years if year < stat.year]
        known = earlier and stat.share is not None
        stat.change = stat.share - preferred[earlier[-1]] if known else None


class FrameworkWriteSerializer(ChangedFieldsModelSerializer):
    # What an editor sends to create or change a framework.

    category = slug_field(Category, help_text="A category slug, e.g. web-framework.")
    other_kinds = SlugListField(
        Category,
        required=False,
        help_text="Other kinds of tool it also is, besides its category, as "
        'category slugs, e.g. ["http-client"].',
    )
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
            "learning_curve_reason",
            "other_kinds",
            "use_cases",
        ]
