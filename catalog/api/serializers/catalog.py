"""Categories, use cases, features, sources and usage figures."""

from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from ...models import Category, Feature, Framework, Source, UsageStat, UseCase
from .fields import (
    POSITION,
    SOURCE_LINK_HELP,
    SURVEY_LINK_HELP,
    PageLinkField,
    SlugListField,
    api_link,
    slug_field,
    web_link,
)
from .writes import ChangedFieldsModelSerializer

KINDS_HELP = 'Category slugs, e.g. ["web-framework", "api-toolkit"].'


class CategorySerializer(ChangedFieldsModelSerializer):
    """A kind of tool."""

    url = api_link("category-detail")
    page_url = PageLinkField()

    class Meta:
        model = Category
        fields = [
            "slug",
            "name",
            "url",
            "page_url",
            "description",
            "works_with",
            "building_block",
            "position",
        ]
        extra_kwargs = {"position": POSITION}


class UseCaseSerializer(ChangedFieldsModelSerializer):
    url = api_link("usecase-detail")
    page_url = PageLinkField()
    kinds = SlugListField(
        Category,
        required=False,
        help_text=f"The kinds of tool this is built with. {KINDS_HELP}",
    )
    primary_kind = slug_field(
        Category,
        required=False,
        allow_null=True,
        help_text="The slug of the kind most people use for this, or null.",
    )

    class Meta:
        model = UseCase
        fields = [
            "slug",
            "name",
            "url",
            "page_url",
            "description",
            "kinds",
            "primary_kind",
            "caution_words",
            "position",
        ]
        extra_kwargs = {"position": POSITION}


class FeatureSerializer(ChangedFieldsModelSerializer):
    url = api_link("feature-detail")
    kinds = SlugListField(
        Category,
        required=False,
        help_text="The kinds of tool this feature means something for; empty for "
        f"every kind. {KINDS_HELP}",
    )

    class Meta:
        model = Feature
        fields = [
            "slug",
            "name",
            "url",
            "description",
            "kinds",
            "caution_words",
            "position",
        ]
        extra_kwargs = {"position": POSITION}


class SourceSerializer(ChangedFieldsModelSerializer):
    url = api_link("source-detail")
    link = web_link("url", SOURCE_LINK_HELP, required=False)
    survey_link = web_link("survey_url", SURVEY_LINK_HELP, required=False)

    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "url",
            "publisher",
            "year",
            "kind",
            "link",
            "survey_link",
            "respondents",
            "question",
            "fieldwork",
            "note",
        ]
        extra_kwargs = {"year": {"min_value": 1991, "max_value": 2100}}


class UsageStatSerializer(ChangedFieldsModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:usagestat-detail",
        lookup_url_kwarg="id",
        help_text="This figure in the API.",
    )
    framework = slug_field(Framework, help_text="A framework slug, e.g. fastapi.")
    source = slug_field(Source, help_text="A source slug, e.g. pds-2023.")

    class Meta:
        model = UsageStat
        fields = [
            "id",
            "url",
            "framework",
            "source",
            "year",
            "share",
            "rank_best",
            "rank_worst",
            "provenance",
            "basis",
        ]
        share_message = "A share is a percentage: give a number from 0 to 100."
        rank_limits = {"min_value": 1, "max_value": 32767}
        extra_kwargs = {
            "share": {
                "coerce_to_string": False,
                "error_messages": {
                    "max_value": share_message,
                    "min_value": share_message,
                },
            },
            "rank_best": rank_limits,
            "rank_worst": rank_limits,
        }
        validators = [
            UniqueTogetherValidator(
                queryset=UsageStat.objects.all(),
                fields=["framework", "source", "year"],
                message="This framework already has a figure from this source for "
                "this year; change that figure instead.",
            )
        ]

    def validate(self, attrs):
        def current(name):
            default = getattr(self.instance, name) if self.instance else None
            return attrs.get(name, default)

        problems = UsageStat.problems(
            share=current("share"),
            rank_best=current("rank_best"),
            rank_worst=current("rank_worst"),
            provenance=current("provenance") or UsageStat.Provenance.STATED,
            basis=current("basis"),
        )
        if problems:
            raise serializers.ValidationError(
                {field: [message] for field, message in problems.items()}
            )
        return attrs
