"""The Content-Security-Policy middleware: django-csp's, plus what the templates
of other packages need where they render.

DRF's browsable API writes one style element (code highlighting) and a few
style attributes; django-simple-history's admin history page writes one style
attribute. Where those pages render, the policy allows exactly these by their
hashes; scripts stay strict everywhere, and the site's own templates have no
inline styles at all. django-csp documents ``get_policy_parts`` as the place to
change a response's policy.
"""

import base64
import hashlib
from functools import cache

from csp.constants import UNSAFE_HASHES
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.utils.html import conditional_escape
from rest_framework.compat import pygments_css
from rest_framework.renderers import BrowsableAPIRenderer

from frameworks_site import site_paths

# rest_framework/base.html and rest_framework/filters/search.html
BROWSABLE_API_STYLE_ATTRIBUTES = ["float: right; margin-right: 10px", "width: 350px"]
# simple_history/object_history_list.html
ADMIN_STYLE_ATTRIBUTES = ["border-top: 0"]


def source_hash(text):
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allowed(style_attributes, style_elements=()):
    hashes = [source_hash(text) for text in (*style_attributes, *style_elements)]
    return [UNSAFE_HASHES, *hashes]


@cache
def browsable_api_styles():
    code_style = pygments_css(BrowsableAPIRenderer.code_style)
    elements = [conditional_escape(code_style)] if code_style else []
    return allowed(BROWSABLE_API_STYLE_ATTRIBUTES, elements)


def other_packages_styles(request, response):
    if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
        return browsable_api_styles()
    if request.path.startswith(site_paths.roots().admin):
        return allowed(ADMIN_STYLE_ATTRIBUTES)
    return []


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        styles = other_packages_styles(request, response)
        if styles:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), *styles]
            parts.update = update
        return parts
