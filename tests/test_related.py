"""A framework that many others relate to shows a bounded, closest set of them."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import RELATED_LIMIT, Framework, Relation
from tests.conftest import count_queries
from tests.factories import (
    FrameworkFactory,
    RelationFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def popular():
    return FrameworkFactory(name="Popular", slug="popular")


def add_alternatives(popular, count, start=0):
    """``count`` frameworks naming ``popular`` as their alternative, each with a
    share (the higher the number, the more used)."""
    for number in range(start, start + count):
        other = FrameworkFactory(name=f"Rival {number:03}")
        UsageStatFactory(framework=other, share=number % 100)
        RelationFactory(from_framework=other, to_framework=popular)


def page_of(client, popular):
    return client.get(popular.get_absolute_url())


def test_the_page_shows_the_most_used_few_and_links_to_the_rest(client, popular):
    add_alternatives(popular, RELATED_LIMIT + 5)

    page = page_of(client, popular).text
    related = page[page.index('id="related"') :]

    shown = [f"Rival {n:03}" for n in range(5, RELATED_LIMIT + 5)]
    assert all(name in related for name in shown)
    assert "Rival 004" not in related
    assert related.index("Rival 012") < related.index("Rival 011")  # most used first
    assert reverse("catalog:framework-related", args=["popular"]) in related


def test_what_a_framework_extends_is_kept_before_its_alternatives(client):
    base = FrameworkFactory(name="Base")
    tool = FrameworkFactory(name="Tool")
    RelationFactory(from_framework=tool, to_framework=base, kind="extends")
    for number in range(RELATED_LIMIT + 2):
        rival = FrameworkFactory(name=f"Rival {number}")
        UsageStatFactory(framework=rival, share=50)
        RelationFactory(from_framework=tool, to_framework=rival)

    (framework,) = Framework.objects.filter(pk=tool.pk).for_detail_page()

    assert framework.bases() == [base]
    assert len(framework.outgoing()) == RELATED_LIMIT
    assert framework.has_more_related()


def test_a_framework_with_few_relations_has_no_link_to_more(client, popular):
    add_alternatives(popular, 2)
    page = page_of(client, popular).text
    assert "Rival 001" in page
    assert reverse("catalog:framework-related", args=["popular"]) not in page


def test_the_related_page_lists_every_related_framework_in_pages(client, popular):
    add_alternatives(popular, 14)
    RelationFactory(from_framework=popular, to_framework=FrameworkFactory())
    draft = FrameworkFactory(status=Framework.Status.DRAFT)
    RelationFactory(from_framework=draft, to_framework=popular)

    url = reverse("catalog:framework-related", args=["popular"])
    first, second = client.get(url), client.get(url, {"page": 2})

    assert first.status_code == HTTPStatus.OK
    assert "Related to Popular" in first.text
    assert first.context["paginator"].count == 15  # not the draft
    assert len(second.context["page_obj"]) == 3


def test_the_related_page_of_an_unknown_or_draft_framework_is_404(client):
    FrameworkFactory(slug="hidden", status=Framework.Status.DRAFT)
    for slug in ("missing", "hidden"):
        url = reverse("catalog:framework-related", args=[slug])
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_the_api_detail_is_bounded_and_the_list_filter_has_the_rest(
    api_client, popular
):
    add_alternatives(popular, RELATED_LIMIT + 5)

    detail = api_client.get(reverse("api:framework-detail", args=["popular"])).json()
    listed = api_client.get(
        reverse("api:framework-list"), {"related_to": "popular", "page_size": 5}
    ).json()

    assert len(detail["related"]) == RELATED_LIMIT
    assert listed["count"] == RELATED_LIMIT + 5
    assert listed["results"][0]["name"] == "Rival 012"  # ranked by use


def test_the_api_related_to_filter_refuses_an_unknown_slug(api_client):
    response = api_client.get(reverse("api:framework-list"), {"related_to": "nope"})
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("catalog:framework-detail", args=["popular"]),
        lambda: reverse("catalog:compare", args=["other-vs-popular"]),
        lambda: reverse("api:framework-detail", args=["popular"]),
    ],
    ids=["page", "compare", "api-detail"],
)
def test_queries_and_size_stay_the_same_with_10_and_30_relations(client, popular, url):
    full_framework(name="Other", slug="other")
    add_alternatives(popular, 10)
    client.get(url())  # warm-up
    count_10, at_10 = count_queries(lambda: client.get(url()))
    add_alternatives(popular, 20, start=10)
    count_30, at_30 = count_queries(lambda: client.get(url()))

    assert at_10.status_code == HTTPStatus.OK
    assert count_10 == count_30
    if "compare" not in url():  # its "add a framework" list offers every one
        assert abs(len(at_30.content) - len(at_10.content)) < 100


def test_relations_kind_order_puts_alternatives_last():
    tool, base = FrameworkFactory(), FrameworkFactory()
    RelationFactory(from_framework=tool, to_framework=FrameworkFactory())
    RelationFactory(from_framework=tool, to_framework=base, kind="built-on")
    closest = Relation.closest(Relation.objects.all(), "to_framework")
    assert [r.kind for r in closest] == ["built-on", "alternative"]
