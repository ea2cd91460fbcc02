"""Exact query budgets, at two small catalog sizes, for the pages whose ranking,
search or relations read the latest figures stored on each framework."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

SIZES = (10, 30)


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        # the page's frameworks (ranked on stored columns), how many, the
        # filter form's categories, use cases and features, the package facts
        # of the rows rendered (each row is kept rendered: catalog/fragments.py)
        ("catalog:framework-list", {}, 6),
        ("catalog:framework-list", {"q": "framework"}, 6),
        ("catalog:framework-list", {"ordering": "-share"}, 6),
        # how many, one page, their package facts (rows not kept: api/kept.py)
        ("api:framework-list", {}, 3),
        ("api:framework-list", {"search": "framework"}, 3),
    ],
    ids=["home", "home-search", "home-by-share", "api-list", "api-search"],
)
def test_list_budgets(client, assert_constant_queries, name, params, expected):
    client.get(reverse(name), params)  # warm-up: per-process caches
    count, response = assert_constant_queries(
        lambda: client.get(reverse(name), params), expected, sizes=SIZES
    )
    assert response.status_code == HTTPStatus.OK
    assert count == expected


def test_the_home_pages_links_do_not_grow_with_the_catalog(client):
    for _ in range(12 * 30):
        FrameworkFactory()
    page = client.get(reverse("catalog:framework-list"), {"page": 15}).text
    start = page.index('class="pagination"')
    links = page[start : page.index("</nav>", start)]
    # previous, 1 2 … 12 to 18 … 29 30, next: not one link per page
    assert links.count("<li>") == 15
    assert 'href="?page=30"' in links and 'href="?page=1"' in links
    assert 'href="?page=10"' not in links
