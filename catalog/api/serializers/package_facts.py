"""A framework's package facts as the API shows them (read only)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...packageindex.models import PackageFacts, facts_of


class PackageReleaseSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="As the index spells it.")
    date = serializers.DateField(help_text="Its earliest upload.")
    pre = serializers.BooleanField(
        help_text="A pre-release: alpha, beta, release candidate or development."
    )


class PackageFactsSerializer(serializers.ModelSerializer):
    license = serializers.CharField(
        help_text="The SPDX expression where the project gives one, else the "
        "licence classifier."
    )
    releases_last_12_months = serializers.IntegerField(
        help_text="Releases (pre-releases included) in the 12 months up to fetched_at."
    )
    quiet_since = serializers.DateField(
        allow_null=True,
        help_text="The last release's date when it is 18 months old or more.",
    )
    python_versions = serializers.ListField(
        child=serializers.CharField(),
        help_text='Python versions the classifiers list, e.g. ["3.12", "3.13"].',
    )
    # Strings, not format "uri": projects' links are web addresses, but not
    # always strict RFC 3986 ones (a second "#" in a fragment, for instance).
    project_urls = serializers.DictField(
        child=serializers.CharField(),
        help_text="Labelled web links the project gives, e.g. Source.",
    )
    stale = serializers.BooleanField(
        source="is_stale",
        help_text="True when fetched longer ago than the site's maximum age: the "
        "facts may be out of date.",
    )

    class Meta:
        model = PackageFacts
        fields = [
            "project",
            "index_page",
            "latest_version",
            "latest_version_date",
            "first_release_date",
            "last_release_date",
            "releases_last_12_months",
            "quiet_since",
            "requires_python",
            "python_versions",
            "development_status",
            "license",
            "license_expression",
            "license_classifier",
            "project_urls",
            "fetched_at",
            "stale",
        ]
        read_only_fields = fields


class PackageFactsDetailSerializer(PackageFactsSerializer):
    releases = PackageReleaseSerializer(
        many=True, help_text="Every release, oldest first; yanked ones left out."
    )

    class Meta(PackageFactsSerializer.Meta):
        fields = [*PackageFactsSerializer.Meta.fields, "releases"]
        read_only_fields = fields


def package_facts_field(serializer_class):
    """The framework's package facts shown by ``serializer_class``, or null when
    it has no package of its own or none were fetched yet."""

    @extend_schema_field(serializer_class(allow_null=True))
    class PackageFactsField(serializers.Field):
        def to_representation(self, framework):
            facts = facts_of(framework)
            if facts is None:
                return None
            return serializer_class(facts, context=self.context).data

    return PackageFactsField(
        source="*",
        read_only=True,
        help_text="What the Python Package Index says about the framework's "
        "package, as last fetched; null without a package of its own.",
    )
