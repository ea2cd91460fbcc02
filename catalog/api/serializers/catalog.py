"""Categories, use cases, features, sources and usage figures."""

from decimal import Decimal

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from ...models import Category, Feature, Framework, Source, UsageStat, UseCase
from .fields import POSITION, PageLinkField, api_link, slug_field
from .strict import ModelSerializer


class CategorySerializer(ModelSerializer):
    url = api_link("category-detail")
    page_url = PageLinkField()

    class Meta:
        model = Category
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class UseCaseSerializer(ModelSerializer):
    url = api_link("usecase-detail")
    page_url = PageLinkField()

    class Meta:
        model = UseCase
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class FeatureSerializer(ModelSerializer):
    url = api_link("feature-detail")

    class Meta:
        model = Feature
        fields = ["slug", "name", "url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class SourceSerializer(ModelSerializer):
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


class UsageStatSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:usagestat-detail",
        lookup_url_kwarg="id",
        help_text="This figure in the API.",
    )
    framework = slug_field(Framework, help_text="A framework slug, e.g. fastapi.")
    source = slug_field(Source, help_text="A source slug, e.g. pds-2023.")

    serializer_field_mapping = {
        **ModelSerializer.serializer_field_mapping,
        models.DecimalField: ShareField,
    }

    class Meta:
        model = UsageStat
        fields = ["id", "url", "framework", "source", "year", "share"]
        share_message = "A share is a percentage: give a number from 0 to 100."
        extra_kwargs = {
            "share": {
                "coerce_to_string": False,
                "help_text": "Percent of respondents, 0 to 100, to one decimal place.",
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
