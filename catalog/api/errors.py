"""One shape for every API error: a sentence to act on, plus per-field messages."""

from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx response."""

    detail = serializers.CharField(help_text="What went wrong and how to put it right.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by field or query parameter, for invalid input only.",
    )


def exception_handler(exc, context):
    """DRF's handler, reshaped into ``{"detail": ..., "errors": {...}}``."""
    # Imported here: rest_framework.views reads the API settings, whose content
    # negotiation class (catalog.api.negotiation) imports this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(response.data)
        response.data = {"detail": summarise(errors), "errors": errors}
        if only_conflicts(exc.get_codes()):
            # Well formed, but one like it exists, or (a PATCH) the change does
            # not fit the object's other fields as they stand.
            response.status_code = 409
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response


CONFLICT_CODES = {"unique", "conflict"}


def only_conflicts(codes):
    """Whether every error code in a ValidationError's codes is a conflict."""
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        return bool(codes) and all(only_conflicts(code) for code in codes)
    return codes in CONFLICT_CODES


def flatten_errors(data, prefix=""):
    """``{"a": {"0": ["m"]}}`` becomes ``{"a.0": ["m"]}``; lists stay lists."""
    if isinstance(data, dict):
        flat = {}
        for key, value in data.items():
            flat.update(flatten_errors(value, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(data, list) and any(isinstance(item, dict | list) for item in data):
        flat = {}
        for index, item in enumerate(data):
            if item:
                flat.update(flatten_errors(item, f"{prefix}.{index}" if prefix else ""))
        return flat
    messages = data if isinstance(data, list) else [data]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in messages]}


def summarise(errors):
    """One sentence naming each field or parameter and what is wrong with it."""
    parts = []
    for field, messages in errors.items():
        text = " ".join(messages)
        parts.append(
            text if field == api_settings.NON_FIELD_ERRORS_KEY else f"{field}: {text}"
        )
    return "Invalid input. " + " ".join(parts) if parts else "Invalid input."


def shorten(value, limit=20):
    """Client input quoted in a message, cut short if it is long."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}..."
