"""API documentation pages that load nothing from other hosts, and answer only GET.

Each page and the schema answer GET and HEAD; any other method is a 405, never
the page itself or a 500 from a template the page's renderer cannot find.
"""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template import engines
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.renderers import TemplateHTMLRenderer

READ_ONLY = ["get", "head"]

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


class SchemaView(SpectacularAPIView):
    http_method_names = READ_ONLY


class SwaggerView(SpectacularSwaggerView):
    """Swagger UI; its settings turn off the calls to validator.swagger.io."""

    http_method_names = READ_ONLY


class LocalRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        if template_names == [RedocView.template_name]:
            return engines["django"].from_string(REDOC_PAGE)
        return super().resolve_template(template_names)  # an error's page


class RedocView(SpectacularRedocView):
    """ReDoc served from this site only: its script from us, no web fonts."""

    http_method_names = READ_ONLY
    renderer_classes = [LocalRedocRenderer]

    @staticmethod
    def _redoc_standalone():
        return reverse("api:redoc-bundle")


@cache
def local_redoc_bundle():
    with open(finders.find(REDOC_BUNDLE), encoding="utf-8") as bundle:
        return bundle.read().replace(REDOCLY_LOGO, "")


@require_safe
@cache_control(public=True, max_age=86_400)
def redoc_bundle(request):
    """The sidecar's ReDoc script without its one reference to another host."""
    return HttpResponse(
        local_redoc_bundle(), content_type="text/javascript; charset=utf-8"
    )
