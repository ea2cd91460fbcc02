"""Changes between two versions of an object, as data a template can show.

Values are shown whole, never cut short; text that holds words is compared word
by word, so a one-word edit in a long description reads as that one word.
"""

import difflib
import re
from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst

EMPTY = "—"
# A word, a run of spaces or line breaks, or one other character.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    # (op, text) pieces with op "equal", "delete" or "insert", for text in words
    words: tuple = ()


def word_diff(old, new):
    """``old`` turned into ``new`` as (op, text) pieces, adjacent ops merged."""
    old_tokens, new_tokens = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", "".join(new_tokens[j1:j2])))
    return tuple(pieces)


def display(field, value):
    """``value`` of ``field`` as an editor reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    return str(value)


def field_label(field):
    return capfirst(str(field.verbose_name))


def field_named(field, old, new):
    """A change of ``field`` that names it only, for a summary."""
    return FieldChange(field_label(field), "", "")


def field_change(field, old, new):
    label = field_label(field)
    old_shown, new_shown = display(field, old), display(field, new)
    words = ()
    if isinstance(old, str) and isinstance(new, str) and " " in old + new:
        words = word_diff(old, new)
    return FieldChange(label, old_shown, new_shown, words)
