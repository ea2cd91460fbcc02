"""What a framework's page lists row by row, as editors write it.

Advantages, disadvantages, feature support and relations each have an id and
name their framework (and feature, or other framework) by slug. The framework
detail shows the same rows nested and read-only.
"""

from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from ...models import (
    Advantage,
    Disadvantage,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
)
from .fields import POSITION, SUPPORT_LINK_HELP, id_link, slug_field, web_link
from .writes import ChangedFieldsModelSerializer

FRAMEWORK_HELP = "A framework slug, e.g. fastapi."


class FrameworkPointSerializer(ChangedFieldsModelSerializer):
    framework = slug_field(Framework, help_text=FRAMEWORK_HELP)

    class Meta:
        fields = ["id", "url", "framework", "title", "detail", "position"]
        extra_kwargs = {
            "position": {
                **POSITION,
                "help_text": "Lower numbers are listed first on the page.",
            }
        }


class AdvantageSerializer(FrameworkPointSerializer):
    url = id_link("advantage-detail", "advantage")

    class Meta(FrameworkPointSerializer.Meta):
        model = Advantage


class DisadvantageSerializer(FrameworkPointSerializer):
    url = id_link("disadvantage-detail", "disadvantage")

    class Meta(FrameworkPointSerializer.Meta):
        model = Disadvantage
        fields = [*FrameworkPointSerializer.Meta.fields, "newcomer_concern"]


class FeatureSupportSerializer(ChangedFieldsModelSerializer):
    url = id_link("feature-support-detail", "feature support entry")
    framework = slug_field(Framework, help_text=FRAMEWORK_HELP)
    feature = slug_field(Feature, help_text="A feature slug, e.g. orm.")
    source_link = web_link("source_url", SUPPORT_LINK_HELP, required=False)

    class Meta:
        model = FeatureSupport
        fields = [
            "id",
            "url",
            "framework",
            "feature",
            "level",
            "partial",
            "note",
            "source_link",
        ]
        validators = [
            UniqueTogetherValidator(
                queryset=FeatureSupport.objects.all(),
                fields=["framework", "feature"],
                message="This framework already has an entry for this feature; "
                "change that entry instead.",
            )
        ]


class RelationSerializer(ChangedFieldsModelSerializer):
    url = id_link("relation-detail", "relation")
    framework = slug_field(
        Framework,
        source="from_framework",
        help_text="A framework slug, e.g. fastapi: the framework that is built on, "
        "extends, or is an alternative to `to_framework`.",
    )
    to_framework = slug_field(
        Framework, help_text="The other framework's slug, e.g. starlette."
    )

    class Meta:
        model = Relation
        fields = ["id", "url", "framework", "to_framework", "kind", "note"]
        validators = [
            UniqueTogetherValidator(
                queryset=Relation.objects.all(),
                fields=["framework", "to_framework", "kind"],
                message="These frameworks already have a relation of this kind; "
                "change that relation instead.",
            )
        ]

    def validate(self, attrs):
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        source = current("from_framework")
        if source is not None and source == current("to_framework"):
            raise serializers.ValidationError(
                {
                    "to_framework": [
                        "A framework cannot be related to itself; "
                        "give another framework's slug."
                    ]
                }
            )
        return attrs
