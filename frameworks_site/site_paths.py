"""The admin's and the API's roots, which middleware looks at on every request.

Reversed once per process and script prefix, not on every request: the CSP
middleware's two ``reverse`` calls a request were about a tenth of a cached
page's time under the profiler.
"""

import functools
from types import SimpleNamespace

from django.urls import get_script_prefix, reverse


def roots():
    """The roots under the current script prefix, e.g. ``roots().admin``."""
    return _roots_under(get_script_prefix())


@functools.cache
def _roots_under(script_prefix):
    # reverse() reads the current prefix itself; the argument keys the cache.
    return SimpleNamespace(admin=reverse("admin:index"), api=reverse("api:api-root"))
