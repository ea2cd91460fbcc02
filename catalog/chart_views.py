"""Charts other sites can embed: standalone SVG files with a link back.

``/trends/chart.svg`` draws the trends page's chart, ``/frameworks/<slug>/chart.svg``
one framework's usage (published frameworks only). Each answers with an ETag of
its content and may be cached for an hour.
"""

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from .charts import embedded_chart
from .models import Framework
from .sharing import SITE_NAME
from .trends import CHART_WIDE, chart_series, leaders

MAX_AGE = 3600
SVG = "image/svg+xml; charset=utf-8"


def svg_response(request, svg):
    if svg is None:
        raise Http404("No usage figures to draw.")
    etag = f'"{hashlib.sha256(svg.encode()).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(svg, content_type=SVG)
        response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # An image with a link in it: shown by another site's <img> or <object>.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def published_with_figures():
    return (
        Framework.objects.published().ranked().prefetch_related("usage_stats__source")
    )


@require_safe
def trends_chart(request):
    series = leaders()
    svg = embedded_chart(
        series,
        id_prefix="trends",
        link=request.build_absolute_uri(reverse("catalog:trends")),
        link_text=f"{SITE_NAME}: usage trends, figures and sources",
        **CHART_WIDE,
    )
    return svg_response(request, svg)


@require_safe
def framework_chart(request, slug):
    framework = get_object_or_404(published_with_figures(), slug=slug)
    svg = embedded_chart(
        chart_series([framework]),
        title=f"{framework.name}: usage share by year",
        description=f"Line chart of the percentage of surveyed Python developers "
        f"who use {framework.name}; a year without a figure is a gap.",
        id_prefix=f"usage-{framework.slug}",
        link=request.build_absolute_uri(framework.get_absolute_url()),
        link_text=f"{SITE_NAME}: {framework.name}, figures and sources",
    )
    return svg_response(request, svg)
