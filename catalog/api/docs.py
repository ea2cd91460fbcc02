"""API documentation pages that load nothing from other hosts, and answer only GET.

Each page and the schema answer GET and HEAD; any other method is a 405, never
the page itself or a 500 from a template the page's renderer cannot find. Both
pages work under the site's Content-Security-Policy: Swagger UI's start-up script
is a file of its own, and the one style block of each page, like the styles
ReDoc writes as it renders, carries the request's nonce.
"""

from functools import cache

from csp.decorators import csp_update
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template import engines
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.renderers import TemplateHTMLRenderer

READ_ONLY = ["get", "head"]

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# ReDoc's sidebar always shows Redocly's logo from their CDN. Without an address
# the image fails to load and ReDoc drops it, so no request leaves the site.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"

# The stock ReDoc page fetches fonts from Google; this one uses the system's.
REDOC_PAGE = """{% extends "drf_spectacular/redoc.html" %}{% load static %}
{% block head %}
<title>{{ title|default:"Redoc" }}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<style nonce="{{ request.csp_nonce }}">body { margin: 0; padding: 0; }
@media (prefers-color-scheme: dark) { body { background: #16191d; } }</style>
{% endblock head %}
{% block body %}
<div id="redoc-container" data-spec-url="{{ schema_url }}"></div>
<script src="{{ redoc_standalone }}"></script>
<script src="{% static 'js/redoc-init.js' %}" nonce="{{ request.csp_nonce }}"></script>
{% endblock body %}"""

SWAGGER_PAGE = """{% extends "drf_spectacular/swagger_ui.html" %}{% load static %}
{% block head %}
<title>{{ title|default:"Swagger" }}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{% if favicon_href %}<link rel="icon" href="{{ favicon_href }}">{% endif %}
<link rel="stylesheet" href="{{ swagger_ui_css }}">
<style nonce="{{ request.csp_nonce }}">
  html { box-sizing: border-box; overflow-y: scroll; }
  *, *:after, *:before { box-sizing: inherit; }
  body { background: #fafafa; margin: 0; }
</style>
<link rel="stylesheet" href="{% static 'css/api-docs-dark.css' %}">
{% endblock head %}"""


class SchemaView(SpectacularAPIView):
    http_method_names = READ_ONLY


class PageRenderer(TemplateHTMLRenderer):
    """Renders ``view_template`` from ``page`` (template source) instead."""

    page = view_template = None

    def resolve_template(self, template_names):
        if template_names == [self.view_template]:
            return engines["django"].from_string(self.page)
        return super().resolve_template(template_names)  # a script, an error


class SwaggerRenderer(PageRenderer):
    page = SWAGGER_PAGE
    view_template = "drf_spectacular/swagger_ui.html"


class RedocRenderer(PageRenderer):
    page = REDOC_PAGE
    view_template = "drf_spectacular/redoc.html"


# Swagger UI draws its icons from data: addresses.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI; its settings turn off the calls to validator.swagger.io.

    ``?script`` serves the script that starts it (the split view's own).
    """

    http_method_names = READ_ONLY
    renderer_classes = [SwaggerRenderer]


# ReDoc's search runs in a web worker that it starts from a blob: address, and
# it draws icons from data: addresses. Before it starts (and takes the nonce),
# its bundle writes two kinds of style element: the scrollbar's styles and
# empty ones; their hashes allow exactly those. A browser test names any other
# that a new bundle writes.
REDOC_EARLY_STYLES = [
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",  # .ps{overflow:...
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # empty
]


@method_decorator(
    csp_update(
        {
            "worker-src": ["blob:"],
            "img-src": ["data:"],
            "style-src": REDOC_EARLY_STYLES,
        }
    ),
    name="dispatch",
)
class RedocView(SpectacularRedocView):
    """ReDoc served from this site only: its script from us, no web fonts."""

    http_method_names = READ_ONLY
    renderer_classes = [RedocRenderer]

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
