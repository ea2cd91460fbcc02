"""Categories, use cases, features, sources and usage figures."""

from decimal import Decimal

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from ...models import Category, Feature, Framework, Source, UsageStat, UseCase
from ..schema import NOT_BLANK
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
    url = api_link("use-case-detail")
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


FLOAT_NOISE = Decimal("1e-9")


@extend_schema_field(
    {"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.1}
)
class ShareField(serializers.DecimalField):
    """A percentage with one decimal place, as a JSON number.

    JSON numbers are binary floats to most clients: 40.3 may arrive as
    40.300000000000004. What lies that close to a tenth is read as the tenth.
    """

    def validate_precision(self, value):
        if value.is_finite() and abs(value) < 1000:  # quantize fails on huge ones
            tenth = value.quantize(Decimal("0.1"))
            value = tenth if abs(value - tenth) < FLOAT_NOISE else value
        return super().validate_precision(value)


class UsageStatSerializer(ChangedFieldsModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:usage-detail",
        lookup_url_kwarg="id",
        help_text="This figure in the API.",
    )
    framework = slug_field(Framework, help_text="A framework slug, e.g. fastapi.")
    source = slug_field(Source, help_text="A source slug, e.g. pds-2023.")

    serializer_field_mapping = {
        **ChangedFieldsModelSerializer.serializer_field_mapping,
        models.DecimalField: ShareField,
    }
    # UsageStat.problems() as JSON Schema, for the request body's schema.
    body_rules = (
        {  # a share, or a whole rank band
            "anyOf": [
                {"required": ["share"], "properties": {"share": {"type": "number"}}},
                {
                    "required": ["rank_best", "rank_worst"],
                    "properties": {
                        "rank_best": {"type": "integer"},
                        "rank_worst": {"type": "integer"},
                    },
                },
            ]
        },
        {  # both ranks of a band, or neither
            "anyOf": [
                {  # with the field's own schema, "not a number" is null
                    "properties": {
                        "rank_best": {"not": {"type": "integer"}},
                        "rank_worst": {"not": {"type": "integer"}},
                    }
                },
                {
                    "required": ["rank_best", "rank_worst"],
                    "properties": {
                        "rank_best": {"type": "integer"},
                        "rank_worst": {"type": "integer"},
                    },
                },
            ]
        },
        {  # a derived figure says how it was worked out
            "anyOf": [
                {"properties": {"provenance": {"pattern": "^stated$"}}},
                {
                    "required": ["basis"],
                    "properties": {"basis": {"type": "string", "pattern": NOT_BLANK}},
                },
            ]
        },
    )

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
                "help_text": "Percent of respondents, 0 to 100, to one decimal place.",
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

        best, worst = UsageStat.band_in_order(
            current("rank_best"), current("rank_worst")
        )
        if (best, worst) != (current("rank_best"), current("rank_worst")):
            attrs["rank_best"], attrs["rank_worst"] = best, worst
        problems = UsageStat.problems(
            share=current("share"),
            rank_best=best,
            rank_worst=worst,
            provenance=current("provenance") or UsageStat.Provenance.STATED,
            basis=current("basis"),
        )
        if problems:
            # A whole body breaking ``body_rules`` is invalid (400); a PATCH that
            # does not fit the figure's other fields as they stand, a conflict.
            raise serializers.ValidationError(
                {field: [message] for field, message in problems.items()},
                code="conflict" if self.partial else "invalid",
            )
        return attrs
