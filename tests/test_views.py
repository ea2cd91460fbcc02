from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    UsageStatFactory,
    UseCaseFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

HOME = reverse("catalog:framework-list")


def detail_url(slug):
    return reverse("catalog:framework-detail", args=[slug])


def ranked_names(response):
    return [framework.name for framework in response.context["framework_list"]]


def test_home_lists_all_ten_starting_frameworks_ranked_by_latest_share(
    client, starting_content
):
    response = client.get(HOME)

    assert response.status_code == HTTPStatus.OK
    assert ranked_names(response) == [
        "FastAPI", "Django", "Flask", "Requests", "asyncio",
        "Django REST Framework", "Streamlit", "Starlette", "AIOHTTP", "HTTPX",
    ]  # fmt: skip
    assert "38%" in response.text
    assert "+9 pts" in response.text


def test_home_leaves_out_drafts(client):
    FrameworkFactory(name="Shipped")
    FrameworkFactory(name="Secret", status=Framework.Status.DRAFT)
    assert ranked_names(client.get(HOME)) == ["Shipped"]


def test_home_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    assert_constant_queries(lambda: client.get(HOME))


def test_detail_shows_every_section_of_a_framework(client, starting_content):
    response = client.get(detail_url("fastapi"))

    assert response.status_code == HTTPStatus.OK
    page = response.text
    for expected in [
        "FastAPI",
        "Advantages",
        "Disadvantages",
        "Usage by year",
        "38%",
        "Python Developers Survey 2022 results",
        "Ideal for",
        "ML model serving",
        "Automatic OpenAPI docs",
        "Built on",
        "Starlette",
        "Last changed",
    ]:
        assert expected in page, expected


def test_detail_shows_frameworks_built_on_this_one(client, starting_content):
    page = client.get(detail_url("starlette")).text
    assert "FastAPI</a> built on Starlette" in page


def test_detail_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    target = full_framework(slug="target")

    def related_framework():
        framework = full_framework()
        framework.relations.create(to_framework=target, kind="alternative")
        target.relations.create(to_framework=framework, kind="alternative")

    assert_constant_queries(
        lambda: client.get(detail_url("target")), make_framework=related_framework
    )


def test_detail_removes_scripts_and_unsafe_links_from_markdown(client):
    FrameworkFactory(
        slug="hostile",
        description=(
            "Hello <script>alert('x')</script> "
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**"
        ),
    )

    page = client.get(detail_url("hostile")).text

    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page
    assert "<strong>bold</strong>" in page


def test_detail_escapes_html_in_plain_fields(client):
    FrameworkFactory(slug="plain", summary="<b>loud</b>")
    page = client.get(detail_url("plain")).text
    assert "&lt;b&gt;loud&lt;/b&gt;" in page


def test_draft_is_hidden_from_anonymous_reader(client):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    assert client.get(detail_url("secret")).status_code == HTTPStatus.NOT_FOUND


def test_draft_is_previewed_by_an_editor(editor_client):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = editor_client.get(detail_url("secret"))
    assert response.status_code == HTTPStatus.OK
    assert "only editors can see this page" in response.text


def test_unknown_slug_is_not_found(client):
    assert client.get(detail_url("no-such-thing")).status_code == HTTPStatus.NOT_FOUND


def test_category_page_lists_only_its_frameworks(client):
    web = CategoryFactory(slug="web", name="Web")
    UsageStatFactory(framework__category=web, framework__name="Inside")
    FrameworkFactory(name="Outside")

    response = client.get(reverse("catalog:category-detail", args=["web"]))

    assert ranked_names(response) == ["Inside"]
    assert "<h1>Web</h1>" in response.text


def test_use_case_page_lists_only_its_frameworks(client):
    apis = UseCaseFactory(slug="apis", name="APIs")
    FrameworkFactory(name="Inside", use_cases=[apis])
    FrameworkFactory(name="Outside")

    response = client.get(reverse("catalog:use-case-detail", args=["apis"]))

    assert ranked_names(response) == ["Inside"]


@pytest.mark.parametrize("name", ["catalog:category-detail", "catalog:use-case-detail"])
def test_unknown_category_or_use_case_is_not_found(client, name):
    response = client.get(reverse(name, args=["nope"]))
    assert response.status_code == HTTPStatus.NOT_FOUND
