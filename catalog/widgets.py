"""Form widgets written in Python where Django's templates cost too much.

Django renders each option of a select, and each checkbox or radio button,
through templates of its own (three per option). The catalog page's filter
dropdowns list every category, use case and feature, and rendering them took
about a third of the page's time; the guide's form lists every use case and
feature as checkboxes. These widgets write the same HTML directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

OPTION = '<option value="{}"{}>{}</option>'


def joined(parts):
    return format_html_join("", "{}", ((part,) for part in parts))


class PlainSelect(forms.Select):
    """A single-choice select, in the same HTML as ``forms.Select``'s template."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        found = False

        def option(value, label):
            nonlocal found
            text = "" if value is None else str(value)
            selected = not found and text in chosen  # the first match only
            found = found or selected
            return format_html(OPTION, text, " selected" if selected else "", label)

        options = []
        for value, label in self.choices:
            if isinstance(label, list | tuple):  # a group of choices
                rows = joined(option(*choice) for choice in label)
                options.append(
                    format_html('<optgroup label="{}">{}</optgroup>', value, rows)
                )
            else:
                options.append(option(value, label))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html(
            '<select name="{}"{}>{}</select>', name, attributes, joined(options)
        )


OPTION_ITEM = '<li><label for="{}"><input type="{}" name="{}"{}{}> {}</label></li>'


class PlainOptionList:
    """Checkboxes or radio buttons as a ``<ul>`` of labelled inputs.

    Each item is what ``<li><label for="{{ option.id_for_label }}">{{ option.tag }}
    {{ option.choice_label }}</label></li>`` writes for a ``BoundField``'s options.
    """

    def __init__(self, attrs=None, choices=(), list_class=""):
        super().__init__(attrs, choices)
        self.list_class = list_class

    def render(self, name, value, attrs=None, renderer=None):
        options = self.options(name, self.format_value(value), attrs)
        items = joined(self.render_item(option) for option in options)
        return format_html('<ul class="{}">{}</ul>', self.list_class, items)

    @staticmethod
    def render_item(option):
        value = option["value"]
        return format_html(
            OPTION_ITEM,
            option["attrs"].get("id", ""),
            option["type"],
            option["name"],
            "" if value is None else format_html(' value="{}"', value),
            flatatt(option["attrs"]),
            option["label"],
        )


class PlainCheckboxList(PlainOptionList, forms.CheckboxSelectMultiple):
    pass


class PlainRadioList(PlainOptionList, forms.RadioSelect):
    pass
