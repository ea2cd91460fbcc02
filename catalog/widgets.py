"""Form widgets written in Python where Django's templates cost too much.

Django renders each option of a select through a template of its own; the
catalog page's filter dropdowns list every category, use case and feature, and
rendering them took about a third of the page's time. ``PlainSelect`` writes
the same HTML directly.
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
