"""Categories, use cases, features, sources and usage figures."""

from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from ...models import Category, Feature, Framework, Source, UsageStat, UseCase
from .fields import POSITION, PageLinkField, api_link, slug_field
from .writes import ChangedFieldsModelSerializer


class CategorySerializer(ChangedFieldsModelSerializer):
    url = api_link("category-detail")
    page_url = PageLinkField()

    class Meta:
        model = Category
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class UseCaseSerializer(ChangedFieldsModelSerializer):
    url = api_link("usecase-detail")
    page_url = PageLinkField()

    class Meta:
        model = UseCase
        fields = ["slug", "name", "url", "page_url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class FeatureSerializer(ChangedFieldsModelSerializer):
    url = api_link("feature-detail")

    class Meta:
        model = Feature
        fields = ["slug", "name", "url", "description", "position"]
        extra_kwargs = {"position": POSITION}


class SourceSerializer(ChangedFieldsModelSerializer):
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
