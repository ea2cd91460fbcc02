"""The plain widgets write the HTML Django's widget templates write, without them."""

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from catalog.filters import CatalogPageFilter
from catalog.forms import ChooseForm
from catalog.models import Framework
from catalog.widgets import PlainCheckboxList, PlainRadioList, PlainSelect

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


# What the guide's template wrote for each field before the plain widgets.
OPTIONS_BY_TEMPLATE = Template(
    '<ul class="choose-options">{% for option in field %}<li><label '
    'for="{{ option.id_for_label }}">{{ option.tag }} {{ option.choice_label }}'
    "</label></li>{% endfor %}</ul>"
)


@pytest.mark.parametrize("widget", [PlainCheckboxList, PlainRadioList])
@pytest.mark.parametrize("value", [None, "", "a", ["a", 3], "missing"])
@pytest.mark.parametrize("invalid", [False, True])
def test_option_lists_are_the_html_the_option_templates_write(widget, value, invalid):
    field_class = (
        forms.MultipleChoiceField if widget is PlainCheckboxList else forms.ChoiceField
    )

    class Form(forms.Form):
        pick = field_class(choices=CHOICES, widget=widget(list_class="choose-options"))

    form = Form({"pick": value} if value is not None else None)
    if invalid:
        form.is_valid()
    bound = form["pick"]
    template = OPTIONS_BY_TEMPLATE.render(Context({"field": bound}))

    assert parse_html(str(bound)) == parse_html(template)


@pytest.mark.django_db
def test_the_guide_form_renders_as_before(starting_content):
    form = ChooseForm({"build": ["rest-apis", "nope"], "experience": "expert"})
    form.is_valid()

    for bound in form:
        assert isinstance(bound.field.widget, PlainCheckboxList | PlainRadioList)
        template = OPTIONS_BY_TEMPLATE.render(Context({"field": bound}))
        assert parse_html(str(bound)) == parse_html(template)


@pytest.mark.django_db
def test_the_catalog_dropdowns_are_read_without_a_server_side_cursor(
    client, starting_content
):
    # QuerySet.iterator() declares a cursor on PostgreSQL: three round trips.
    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    assert not [q["sql"] for q in queries if q["sql"].startswith("DECLARE")]
