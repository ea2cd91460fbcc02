"""Fields the API's serializers share: links, slugs, positions and shares."""

from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils import html

from ...compare import SLUG

MAX_POSITION = 32767  # PositiveSmallIntegerField on every database
POSITION = {"max_value": MAX_POSITION, "min_value": 0}
# A text box, not a <select> of the whole table, in the browsable API's forms.
TEXT_INPUT = {"base_template": "input.html", "input_type": "text"}


def api_link(view_name):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}",
        lookup_field="slug",
        help_text="This object in the API.",
    )


SOURCE_LINK_HELP = "Where we read the figures: the report, or the page quoting them."
SURVEY_LINK_HELP = "The survey's own results page; blank when there is none."
SUPPORT_LINK_HELP = (
    "A page that backs this entry, for anything a reader might dispute; blank "
    "when none is given."
)


def web_link(source, help_text, **kwargs):
    """A web address outside the API, kept apart from the object's own ``url``."""
    return serializers.URLField(
        source=source, allow_blank=True, max_length=200, help_text=help_text, **kwargs
    )


def id_link(view_name, noun):
    """The API address of an object that has no slug, by its id."""
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}",
        lookup_url_kwarg="id",
        help_text=f"This {noun} in the API.",
    )


class PageLinkField(serializers.CharField):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "This object's page on the site.")
        super().__init__(source="get_absolute_url", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class SlugRelatedField(serializers.SlugRelatedField):
    """Look up by slug only what could be one: PostgreSQL refuses NUL bytes."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data[:80])
        return super().to_internal_value(data)


def slug_field(model, **kwargs):
    """Pick a related object by slug, with an error that says what to do."""
    noun = model._meta.verbose_name
    return SlugRelatedField(
        slug_field="slug",
        queryset=model.objects.all(),
        style=TEXT_INPUT,
        error_messages={
            "does_not_exist": f"There is no {noun} with the slug {{value}}. "
            f"Use a slug from the {noun} list.",
            "invalid": f"Give the {noun}'s slug as a string.",
        },
        **kwargs,
    )


class SlugListField(serializers.ManyRelatedField):
    """A JSON list of slugs; an HTML form, which cannot show it, leaves it unchanged."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("style", {"base_template": "list_field.html"})
        super().__init__(child_relation=slug_field(model), **kwargs)

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name not in dictionary:
            return empty
        return super().get_value(dictionary)


def share_field(**kwargs):
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        coerce_to_string=False,
        **kwargs,
    )
