"""Content negotiation whose 404 for an unknown ?format= names the known ones."""

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation

from .errors import shorten


class ContentNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            known = ", ".join(dict.fromkeys(renderer.format for renderer in renderers))
            raise NotFound(
                f"There is no format {shorten(format)!r}. "
                f"Ask for one of {known}, or leave the format out."
            ) from None
