"""One spelling per idea: a route's name matches its address."""

import pytest
from django.urls import reverse

from catalog.api.urls import router


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("api:use-case-list", "/api/use-cases/"),
        ("api:usage-list", "/api/usage/"),
        ("api:feature-support-list", "/api/feature-supports/"),
    ],
)
def test_route_names_are_spelt_as_their_addresses(name, path):
    assert reverse(name) == path


def test_every_basename_is_its_prefix_in_the_singular():
    singular = {"categories": "category", "usage": "usage"}
    for prefix, _viewset, basename in router.registry:
        assert basename == singular.get(prefix, prefix.removesuffix("s"))
