"""Exact query budgets, at two small catalog sizes, for the pages whose ranking,
search or relations read the latest figures stored on each framework."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SIZES = (10, 30)


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        # the page's frameworks (ranked on stored columns), how many, the
        # filter form's categories, use cases and features
        ("catalog:framework-list", {}, 5),
        ("catalog:framework-list", {"q": "framework"}, 5),
        ("catalog:framework-list", {"ordering": "-share"}, 5),
        # how many, one page with their package facts
        ("api:framework-list", {}, 2),
        ("api:framework-list", {"search": "framework"}, 2),
    ],
    ids=["home", "home-search", "home-by-share", "api-list", "api-search"],
)
def test_list_budgets(client, assert_constant_queries, name, params, expected):
    client.get(reverse(name), params)  # warm-up: per-process caches
    count, response = assert_constant_queries(
        lambda: client.get(reverse(name), params), sizes=SIZES
    )
    assert response.status_code == HTTPStatus.OK
    assert count == expected
