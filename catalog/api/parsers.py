"""JSON bodies that are refused with a 400, and a clear message, however malformed."""

import codecs
import sys

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

# No body the API takes nests deeper than a list inside an object.
MAX_DEPTH = 20
TOO_DEEP = (
    f"arrays and objects nest more than {MAX_DEPTH} levels deep; send the "
    "object's fields, with a list of slugs where a field takes several."
)


class JSONParser(parsers.JSONParser):
    """DRF's parser, with a 400 for every body Python's decoder cannot read.

    DRF turns a ValueError into a 400, but deep nesting raises RecursionError
    (a 500), and a body just shallow enough to decode could exhaust the stack
    later; long numbers and other encodings get messages that say what to fix.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=json.strict_constant if self.strict else None,
                parse_int=parse_int,
            )
        except RecursionError:
            raise parse_error(TOO_DEEP) from None
        except UnicodeDecodeError as exc:
            raise parse_error(
                f"the body is not {encoding} text: byte {exc.start} is "
                f"{exc.object[exc.start]:#04x}."
            ) from None
        except ValueError as exc:
            raise parse_error(str(exc)) from None
        if nests_deeper_than(data, MAX_DEPTH):
            raise parse_error(TOO_DEEP)
        return data


def parse_error(message):
    return ParseError(f"JSON parse error - {message}")


def parse_int(digits):
    """An integer, refused with a message of ours if Python will not read it."""
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise ValueError(f"a number has more than {limit} digits.")
    return int(digits)


def nests_deeper_than(data, limit):
    """Whether lists and dicts in ``data`` go more than ``limit`` levels deep."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        pending.extend((item, depth + 1) for item in value)
    return False
