"""Writes take only what the schema describes: known keys, each of its type.

DRF would ignore a key it does not know (a misspelt field is lost without a
word) and turn a number into text. A JSON body is held to the schema; an HTML
form (the browsable API) sends only text, so only its keys are checked. The
schema of every request body made from these serializers says
``additionalProperties: false`` (see ..schema.AutoSchema).
"""

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.utils import html

from ..errors import shorten

# (field classes, JSON types they take, how to say it); the first match counts.
JSON_TYPES = [
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int,), "a whole number"),
    ((serializers.DecimalField, serializers.FloatField), (int, float), "a number"),
    ((serializers.CharField, serializers.ChoiceField), (str,), "a string"),
]
# Lists and related fields by slug check their own input.
FORM_KEYS = {"csrfmiddlewaretoken"}  # sent by the browsable API's forms


def type_error(field, value):
    """What is wrong with ``value``'s JSON type for ``field``, or None."""
    if value is None:
        return None  # the field says whether it may be null
    for classes, types, description in JSON_TYPES:
        if isinstance(field, classes):
            if isinstance(value, types) and not (
                isinstance(value, bool) and bool not in types
            ):
                return None
            return f"Give {description}; got {type(value).__name__}."
    return None


class StrictInput:
    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {
                name: field
                for name, field in self.fields.items()
                if not field.read_only
            }
            errors = self.unknown_keys(data, writable)
            if not html.is_html_input(data):
                for name, field in writable.items():
                    message = type_error(field, data.get(name))
                    if message:
                        errors[name] = [message]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def unknown_keys(self, data, writable):
        known = set(writable) | (FORM_KEYS if html.is_html_input(data) else set())
        unknown = sorted(shorten(key) for key in set(data) - known)
        if not unknown:
            return {}
        return {
            api_settings.NON_FIELD_ERRORS_KEY: [
                f"Unknown fields: {', '.join(map(repr, unknown[:5]))}. "
                f"This takes: {', '.join(sorted(writable))}."
            ]
        }


class ModelSerializer(StrictInput, serializers.ModelSerializer):
    pass
