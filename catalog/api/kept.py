"""API representations kept per content version, as pages' fragments are.

An object's representation depends on the catalog and, through its links, on
the address the request came to: scheme, host, a ``?format=`` that DRF's
``reverse`` keeps on every link, and a format suffix (``.json``) that DRF's
hyperlinks repeat. It is kept under those and the object's primary key
(``catalog/fragments.py``). Lists read the kept rows in one round trip and
serialize only the others.

What is kept is plain data: DRF's hyperlinks carry the object they were made
from, which a pickled copy would drag along with everything prefetched onto it
(and take milliseconds a row to read back), so they are kept with its name
only (``portable``).
"""

import functools

from rest_framework import serializers
from rest_framework.relations import Hyperlink
from rest_framework.settings import api_settings

from .. import fragments


def link_parts(context):
    """What an object's links depend on besides the object."""
    request = context.get("request")
    if request is None:
        return ("", "", "", "")
    query_format = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE, "")
    suffix = context.get("format") or ""
    return (request.scheme, request.get_host(), query_format, suffix)


def portable(value):
    """``value`` with each hyperlink's object replaced by its name, the only
    thing renderers read of it (``Hyperlink.name``)."""
    if isinstance(value, Hyperlink):
        return Hyperlink(str(value), value.name)
    if isinstance(value, dict):
        return {key: portable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [portable(item) for item in value]
    return value


def kept_representations(serializer, objects, prepare):
    """``serializer.to_representation(obj)`` of each object, kept per content
    version; ``prepare`` reads what the objects serialized show."""
    return fragments.kept_each(
        serializer.context.get("request"),
        f"api:{type(serializer).__name__}",
        objects,
        lambda item: portable(serializer.to_representation(item)),
        prepare=prepare,
        parts=link_parts(serializer.context),
    )


class KeptListSerializer(serializers.ListSerializer):
    """A list whose rows are kept per content version; the child's
    ``kept_prefetch`` names what its rows read beyond the list's query.

    Given a kept page of the list (the context's ``listing``), its rows are
    read in full only for those not kept, and one gone since is left out.
    """

    def to_representation(self, data):
        objects = list(data.all() if hasattr(data, "all") else data)
        read = functools.partial(
            fragments.prefetched, getattr(self.child, "kept_prefetch", ())
        )
        listing = self.context.get("listing")
        prepare = listing.preparer(read) if listing else read
        rows = kept_representations(self.child, objects, prepare)
        return [row for row in rows if row is not None]


def detail(serializer_class, obj, context, in_full, keep=True):
    """The representation of ``obj`` by ``serializer_class``, kept per content
    version unless ``keep`` is false; ``in_full(obj)`` reads what it shows, only
    when it is serialized."""

    def serialize(item):
        return serializer_class(in_full(item), context=context).data

    if not keep:
        return serialize(obj)
    [data] = fragments.kept_each(
        context.get("request"),
        f"api:{serializer_class.__name__}",
        [obj],
        lambda item: portable(serialize(item)),
        parts=link_parts(context),
    )
    return data
