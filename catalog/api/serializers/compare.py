"""The comparison of 2 to 4 frameworks: its query and its body."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from ...compare import MAX_FRAMEWORKS, MIN_FRAMEWORKS, canonical_path_part
from ...models import SUPPORT_MARKS, FeatureSupport
from .catalog import FeatureSerializer
from .fields import SUPPORT_LINK_HELP, web_link
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
    framework = serializers.SlugField(source="framework.slug")
    applies = serializers.BooleanField(
        help_text="False when the feature means nothing for this framework's kinds "
        "of tool (retries for a web framework); level is then null."
    )
    level = serializers.ChoiceField(
        source="support.level",
        choices=FeatureSupport.Level.choices,
        allow_null=True,
        default=None,
        help_text="null when the feature does not apply or the catalog has no entry.",
    )
    partial = serializers.BooleanField(source="support.partial", default=False)
    mark = serializers.ChoiceField(
        source="support.mark.key",
        choices=list(SUPPORT_MARKS),
        allow_null=True,
        default=None,
        help_text="What the reader gets, as the page marks it: full (built in and "
        "complete), some (an extra, another package or the server needed, or "
        "partial), none (not available); null like level. Rows whose cells get "
        "different marks are the ones that differ.",
    )
    note = serializers.CharField(source="support.note", default="")
    source_link = web_link("support.source_url", SUPPORT_LINK_HELP, default="")
    inherited_from = serializers.SlugField(
        source="cell.inherited_from.slug",
        allow_null=True,
        default=None,
        help_text="The slug of the framework the entry comes with, for a framework "
        "that extends another; null for its own entries.",
    )


class FeatureRowSerializer(serializers.Serializer):
    feature = FeatureSerializer()
    section = serializers.SlugField(
        source="section.slug",
        allow_null=True,
        default=None,
        help_text="null for features that apply to every compared framework; "
        "otherwise the slug of the kind of tool whose own feature this is.",
    )
    differs = serializers.BooleanField(
        help_text="True when the frameworks it applies to do not all get the same "
        "mark: built in and complete, something added or partial, or not available."
    )
    supports = SupportCellSerializer(
        source="entries",
        many=True,
        help_text="One cell per framework, in the order of frameworks.",
    )


class ComparisonSerializer(serializers.Serializer):
    slugs = serializers.ListField(child=serializers.SlugField())
    page_url = serializers.SerializerMethodField(
        help_text="The comparison's page on the site."
    )
    kinds_differ = serializers.BooleanField(
        help_text="True when the frameworks are different kinds of tool, used "
        "together rather than instead of each other."
    )
    frameworks = FrameworkDetailSerializer(many=True)
    feature_rows = FeatureRowSerializer(many=True)

    def get_page_url(self, comparison) -> str:
        path = reverse("catalog:compare", args=[canonical_path_part(comparison.slugs)])
        return self.context["request"].build_absolute_uri(path)
