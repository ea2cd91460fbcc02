"""PlainSelect writes the HTML Django's Select template writes, without it."""

import pytest
from django import forms
from django.test.html import parse_html

from catalog.filters import CatalogPageFilter
from catalog.models import Framework
from catalog.widgets import PlainSelect

CHOICES = [("", "Any"), ("a", "Alpha & co"), ("b", "<Beta>"), (3, "Three")]
GROUPED = [("", "Any"), ("Kinds", [("w", "Web"), ("c", "Client")]), ("x", "X")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", "a", "b", 3, "w", "missing"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_kind", "required": True, "aria-invalid": "true"}]
)
def test_the_html_is_the_same_as_the_template_writes(choices, value, attrs):
    template = forms.Select(choices=choices).render("kind", value, attrs)
    plain = PlainSelect(choices=choices).render("kind", value, attrs)

    assert parse_html(plain) == parse_html(template)


@pytest.mark.django_db
def test_the_catalog_filter_form_renders_as_before(starting_content):
    data = {"category": "web-framework", "learning_curve": "gentle"}
    plain = CatalogPageFilter(data, queryset=Framework.objects.all()).form

    for name in ("category", "use_case", "feature", "learning_curve", "released"):
        field = plain.fields[name]
        assert isinstance(field.widget, PlainSelect)
        before = forms.Select(attrs=field.widget.attrs, choices=field.choices)
        bound = plain[name]
        assert parse_html(str(bound)) == parse_html(bound.as_widget(widget=before))
