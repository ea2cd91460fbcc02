"""One form for stored text, whichever way it arrives.

Browsers send a textarea's line endings as CRLF, scripts may send CR or stray
trailing spaces, and fixtures keep whatever their editor wrote. Text is stored with
LF line endings, no trailing whitespace on any line and none around the whole
value, so the admin, the API and loaddata store the same thing and the history
shows no change that nobody made. One-line fields (``CharField``) also turn a
line break into a space.

Markdown's "two trailing spaces" line break does not survive this; a blank line
between paragraphs, or a list, does the same job.
"""

import re

from django import forms
from django.db import models

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def normalise(value, multiline=True):
    """``value`` with LF line endings and no trailing whitespace; others unchanged."""
    if not isinstance(value, str):
        return value
    lines = [line.rstrip() for line in LINE_BREAK.split(value)]
    return ("\n" if multiline else " ").join(lines).strip()


def text_fields(model):
    """The model's concrete text fields, each with whether it holds several lines."""
    return [
        (field, isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def normalise_instance(instance):
    """Normalise every text field of ``instance`` in place."""
    for field, multiline in text_fields(type(instance)):
        value = getattr(instance, field.attname)
        setattr(instance, field.attname, normalise(value, multiline))


def normalise_before_save(sender, instance, **kwargs):
    """``pre_save`` receiver; it runs for ``loaddata``'s raw saves too."""
    normalise_instance(instance)


def normalise_form_data(form):
    """Give a bound form's text inputs the form they will be stored in.

    Run before validation, so that ``has_changed()`` compares like with like: a
    textarea sent back untouched, with CRLF line endings, is not a change.
    """
    data = form.data.copy()
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if not isinstance(field, forms.CharField) or key not in data:
            continue
        multiline = isinstance(field.widget, forms.Textarea)
        if hasattr(data, "setlist"):
            values = [normalise(value, multiline) for value in data.getlist(key)]
            data.setlist(key, values)
        else:
            data[key] = normalise(data[key], multiline)
    form.data = data
