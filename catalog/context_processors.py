"""What every page's template is given besides its view's context."""

import functools

from django.urls import get_script_prefix, reverse

# The addresses the header and footer of every page link to, by name.
SITE_LINKS = {
    "catalog": "catalog:framework-list",
    "search": "catalog:search",
    "choose": "catalog:choose",
    "compare": "catalog:compare-picker",
    "trends": "catalog:trends",
    "changes": "catalog:changes",
    "changes_feed": "catalog:changes-feed",
    "feed": "catalog:feed",
    "api": "api:api-root",
    "api_docs": "api:docs",
    "sign_in": "admin:index",
}


@functools.cache
def links_under(script_prefix):
    """``SITE_LINKS`` reversed, once per process and script prefix (reversing
    a dozen names took about 0.8 ms of every page); called with the current
    prefix, which ``reverse`` reads."""
    return {name: reverse(view) for name, view in SITE_LINKS.items()}


def site_links(request):
    return {"site_links": links_under(get_script_prefix())}
