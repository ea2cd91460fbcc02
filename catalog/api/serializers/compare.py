"""The comparison of 2 to 4 frameworks: its query and its body."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from ...compare import MAX_FRAMEWORKS, MIN_FRAMEWORKS, canonical_path_part
from ...models import FeatureSupport
from .catalog import FeatureSerializer
from .frameworks import FrameworkDetailSerializer

COMPARE_HELP = (
    f"Give {MIN_FRAMEWORKS} to {MAX_FRAMEWORKS} framework slugs separated by "
    "commas, e.g. ?frameworks=django,flask."
)


# In the schema, a comma-separated list of distinct slugs (lower case, as the
# catalog writes them; other cases are matched too).
COMPARE_PARAMETER = OpenApiParameter(
    "frameworks",
    {
        "type": "array",
        "items": {"type": "string", "pattern": "^[-a-z0-9_]{1,80}$"},
        "minItems": MIN_FRAMEWORKS,
        "maxItems": MAX_FRAMEWORKS,
        "uniqueItems": True,
    },
    OpenApiParameter.QUERY,
    required=True,
    style="form",
    explode=False,
    description=COMPARE_HELP,
)


class CompareQuerySerializer(serializers.Serializer):
    frameworks = serializers.CharField(
        max_length=400,
        help_text=COMPARE_HELP,
        error_messages={"required": COMPARE_HELP, "blank": COMPARE_HELP},
    )


class SupportCellSerializer(serializers.Serializer):
    framework = serializers.SlugField()
    level = serializers.ChoiceField(
        choices=FeatureSupport.Level.choices,
        allow_null=True,
        help_text="null when the catalog has no entry for this framework.",
    )
    note = serializers.CharField(allow_blank=True)


class FeatureRowSerializer(serializers.Serializer):
    feature = FeatureSerializer()
    differs = serializers.BooleanField(
        help_text="True when the frameworks do not all have the same level."
    )
    supports = serializers.SerializerMethodField()

    @extend_schema_field(SupportCellSerializer(many=True))
    def get_supports(self, row):
        """One cell per framework, in the order of ``frameworks``."""
        cells = [
            {
                "framework": framework.slug,
                "level": support.level if support else None,
                "note": support.note if support else "",
            }
            for framework, support in zip(
                self.context["frameworks"], row.supports, strict=True
            )
        ]
        return SupportCellSerializer(cells, many=True).data


class ComparisonSerializer(serializers.Serializer):
    slugs = serializers.ListField(child=serializers.SlugField())
    page_url = serializers.SerializerMethodField(
        help_text="The comparison's page on the site."
    )
    frameworks = FrameworkDetailSerializer(many=True)
    feature_rows = FeatureRowSerializer(many=True)

    def get_page_url(self, comparison) -> str:
        path = reverse("catalog:compare", args=[canonical_path_part(comparison.slugs)])
        return self.context["request"].build_absolute_uri(path)
