"""Every page and endpoint runs as many queries over the starting content (25
entries) as over ten times that many."""

import pytest

from catalog.models import Framework
from tests.conftest import count_queries
from tests.factories import full_framework

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/?page=2",
    "/frameworks/fastapi/",
    "/frameworks/django-rest-framework/",
    "/frameworks/uvicorn/",
    "/compare/fastapi-vs-litestar/",
    "/compare/dash-vs-gradio-vs-streamlit/",
    "/choose/?build=rest-apis&features=orm&features=native-async",
    "/search/?q=async",
    "/trends/",
    "/categories/web-framework/",
    "/use-cases/rest-apis/",
    "/api/frameworks/",
    "/api/frameworks/litestar/",
    "/api/compare/?frameworks=fastapi,litestar",
]


def test_queries_stay_fixed_from_the_starting_content_to_ten_times_it(
    client, starting_content
):
    def counts():
        found = {}
        for url in PAGES:
            count, response = count_queries(lambda url=url: client.get(url))
            assert response.status_code == 200, url
            found[url] = count
        return found

    size = Framework.objects.count()
    assert size >= 25
    at_start = counts()
    for _ in range(size * 9):
        full_framework()
    assert Framework.objects.count() == size * 10

    assert counts() == at_start
