"""API documentation pages that load nothing from other hosts."""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template import engines
from django.urls import reverse
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularRedocView
from rest_framework.renderers import TemplateHTMLRenderer

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# ReDoc's sidebar always shows Redocly's logo from their CDN. Without an address
# the image fails to load and ReDoc drops it, so no request leaves the site.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"

# The stock ReDoc page fetches fonts from Google; this one uses the system's.
REDOC_PAGE = """{% extends "drf_spectacular/redoc.html" %}
{% block head %}
<title>{{ title|default:"Redoc" }}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; padding: 0; }</style>
{% endblock head %}"""


class LocalRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        return engines["django"].from_string(REDOC_PAGE)


class RedocView(SpectacularRedocView):
    """ReDoc served from this site only: its script from us, no web fonts."""

    renderer_classes = [LocalRedocRenderer]

    @staticmethod
    def _redoc_standalone():
        return reverse("api:redoc-bundle")


@cache
def local_redoc_bundle():
    with open(finders.find(REDOC_BUNDLE), encoding="utf-8") as bundle:
        return bundle.read().replace(REDOCLY_LOGO, "")


@cache_control(public=True, max_age=86_400)
def redoc_bundle(request):
    """The sidecar's ReDoc script without its one reference to another host."""
    return HttpResponse(
        local_redoc_bundle(), content_type="text/javascript; charset=utf-8"
    )
