"""Widgets of the editors' admin: autocomplete without a query per row, and a
Markdown box with a preview."""

from django.contrib.admin.widgets import AdminTextareaWidget, AutocompleteSelect
from django.utils.html import format_html

from .markup import render_markdown


class LabelledAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that labels the option it already knows without a query.

    Django's widget fetches the selected object to label it: one query per row
    of an inline. The row's form sets ``known`` from its object, whose
    ForeignKeys the inline read joined in; anything else is looked up as usual.
    """

    known = {}  # {str(pk): label}

    def optgroups(self, name, value, attr=None):
        selected = [str(item) for item in value if item not in (None, "")]
        if not selected or any(pk not in self.known for pk in selected):
            return super().optgroups(name, value, attr)
        options = (
            [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        )
        for index, pk in enumerate(selected, start=len(options)):
            options.append(self.create_option(name, pk, self.known[pk], True, index))
        return [(None, options, 0)]


class MarkdownTextarea(AdminTextareaWidget):
    """A Markdown textarea followed by its rendering, as readers will see it.

    The preview is drawn on the server when the page is made (so it is there
    without JavaScript); ``js/admin/markdown-preview.js`` redraws it as the
    editor types, from the same server-side, sanitised rendering.
    """

    def __init__(self, preview_url, attrs=None):
        super().__init__(
            attrs={"rows": 8, "data-preview-url": preview_url, **(attrs or {})}
        )

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        preview_id = f"{(attrs or {}).get('id', name)}-preview"
        return format_html(
            '{}<section class="markdown-preview" id="{}" aria-label="Preview">'
            '<h3 class="markdown-preview-title">Preview</h3>'
            '<div class="markdown-preview-body" aria-live="polite">{}</div></section>',
            textarea,
            preview_id,
            render_markdown(value),
        )
