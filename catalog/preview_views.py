"""Link-preview images of framework and compare pages (see ``previews.py``).

Published frameworks only, whoever asks: a preview is made to be shared.
An image is answered with its ETag and kept by caches for an hour; a request
with a matching ``If-None-Match`` gets 304 without drawing anything.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from .compare import (
    SLUG_SEPARATOR,
    ComparisonError,
    canonical_path_part,
    find_compared,
)
from .models import Framework
from .previews import preview_card, render_png

MAX_AGE = 3600


def png_response(request, card):
    response = get_conditional_response(request, etag=card.etag)
    if response is None:
        response = HttpResponse(render_png(card), content_type="image/png")
        response["ETag"] = card.etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def framework_preview(request, slug):
    framework = (
        Framework.objects.published()
        .select_related("category")
        .filter(slug=slug)
        .first()
    )
    if framework is None:
        raise Http404("No published framework with this slug.")
    return png_response(request, preview_card([framework]))


@require_safe
def compare_preview(request, spec):
    asked = spec.split(SLUG_SEPARATOR)
    try:
        # The card shows each framework's own columns and its category.
        published = Framework.objects.published().select_related("category")
        comparison = find_compared(asked, published)
    except ComparisonError as error:
        raise Http404(str(error)) from None
    if comparison.slugs != asked:
        return redirect(
            "catalog:compare-preview",
            canonical_path_part(comparison.slugs),
            permanent=True,
        )
    return png_response(request, preview_card(comparison.frameworks))
