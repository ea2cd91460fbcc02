"""API documentation pages that load nothing from other hosts."""

from django.template import engines
from drf_spectacular.views import SpectacularRedocView
from rest_framework.renderers import TemplateHTMLRenderer

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
    """ReDoc served from this site only: scripts from the sidecar, no web fonts."""

    renderer_classes = [LocalRedocRenderer]
