"""API representations kept per content version, as pages' fragments are.

An object's representation depends on the catalog and, through its links, on
the address the request came to (scheme, host, and a ``?format=`` that DRF's
``reverse`` keeps on every link), so it is kept under those and the object's
primary key (``catalog/fragments.py``). Lists read the kept rows in one round
trip and serialize only the others.
"""

from django.db.models import prefetch_related_objects
from rest_framework import serializers
from rest_framework.settings import api_settings

from .. import fragments


def link_parts(request):
    """What an object's links depend on besides the object."""
    if request is None:
        return ("", "", "")
    format_ = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE, "")
    return (request.scheme, request.get_host(), format_)


def kept_representations(serializer, objects, prefetch=()):
    """``serializer.to_representation(obj)`` of each object, kept per content
    version; ``prefetch`` lookups are read only for the objects serialized."""
    request = serializer.context.get("request")
    return fragments.kept_each(
        request,
        f"api:{type(serializer).__name__}",
        objects,
        serializer.to_representation,
        prepare=lambda missing: fragments.prefetched(prefetch, missing),
        parts=link_parts(request),
    )


class KeptListSerializer(serializers.ListSerializer):
    """A list whose rows are kept per content version; the child's
    ``kept_prefetch`` names what its rows read beyond the list's query."""

    def to_representation(self, data):
        objects = list(data.all() if hasattr(data, "all") else data)
        prefetch = getattr(self.child, "kept_prefetch", ())
        return kept_representations(self.child, objects, prefetch)


def kept_detail(serializer_class, obj, context, prefetch=()):
    """The representation of ``obj`` by ``serializer_class``, kept per content
    version; ``prefetch`` lookups are read onto it only when it is not kept."""

    def serialize(item):
        prefetch_related_objects([item], *prefetch)
        return serializer_class(item, context=context).data

    request = context.get("request")
    [data] = fragments.kept_each(
        request,
        f"api:{serializer_class.__name__}",
        [obj],
        serialize,
        parts=link_parts(request),
    )
    return data
