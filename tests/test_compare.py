from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.compare import ComparisonError, check_slugs
from catalog.models import Framework
from tests.factories import FrameworkFactory, full_framework

pytestmark = pytest.mark.django_db

PICKER = reverse("catalog:compare-picker")


def compare_url(part):
    return reverse("catalog:compare", args=[part])


def test_two_frameworks_are_shown_side_by_side(client, starting_content):
    response = client.get(compare_url("django-vs-flask"))

    assert response.status_code == HTTPStatus.OK
    comparison = response.context["comparison"]
    assert comparison.slugs == ["django", "flask"]
    page = response.text
    assert "Everything in one box." in page  # a Django advantage
    assert "Light and flexible." in page  # a Flask advantage
    assert "Big apps can sprawl." in page  # a Flask disadvantage
    assert "35%" in page and "34%" in page


def test_four_frameworks_are_shown_side_by_side(client, starting_content):
    part = "django-vs-fastapi-vs-flask-vs-starlette"
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["comparison"].frameworks) == 4


def test_feature_rows_where_frameworks_differ_are_highlighted(client, starting_content):
    response = client.get(compare_url("django-vs-fastapi"))
    rows = {
        row.feature.slug: row for row in response.context["comparison"].feature_rows
    }
    assert rows["admin-panel"].differs
    assert not rows["native-async"].differs
    assert 'class="differs"' in response.text


def test_other_orders_redirect_permanently_to_the_canonical_url(client):
    FrameworkFactory(slug="flask")
    FrameworkFactory(slug="django")
    response = client.get(compare_url("flask-vs-django"))
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_redirects_a_picked_set_to_its_canonical_page(client):
    response = client.get(PICKER, {"frameworks": ["flask", "django"]})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_lists_published_frameworks_only(client):
    FrameworkFactory(name="Shown")
    FrameworkFactory(name="Hidden", status=Framework.Status.DRAFT)
    page = client.get(PICKER).text
    assert "Shown" in page and "Hidden" not in page


@pytest.mark.parametrize(
    ("part", "message"),
    [
        ("django", "at least 2"),
        ("a-vs-b-vs-c-vs-d-vs-e", "at most 4"),
        ("django-vs-django", "repeated: django"),
        ("django\x00-vs-flask", "not one"),
    ],
)
def test_bad_comparisons_answer_400_with_a_message(client, part, message):
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text


@pytest.mark.parametrize(
    "frameworks", [["flask"], ["a", "b", "c", "d", "e"], ["x", "x"], [""], ["%00"]]
)
def test_bad_picks_answer_400_with_a_message(client, frameworks):
    response = client.get(PICKER, {"frameworks": frameworks})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text


def test_unknown_slug_is_not_found_with_a_message(client):
    FrameworkFactory(slug="django")
    response = client.get(compare_url("django-vs-nope"))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No published framework with slug: nope" in response.text


def test_drafts_cannot_be_compared_by_readers(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-secret"))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_compare_page_offers_to_add_and_remove_frameworks(client, starting_content):
    page = client.get(compare_url("django-vs-fastapi-vs-flask")).text
    assert 'href="/compare/django-vs-flask/"' in page  # remove FastAPI
    assert '<option value="starlette">Starlette</option>' in page
    assert '<option value="django">' not in page


def test_compare_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    full_framework(slug="aaa")
    full_framework(slug="bbb")
    assert_constant_queries(lambda: client.get(compare_url("aaa-vs-bbb")))


def test_check_slugs_returns_the_canonical_order():
    assert check_slugs(["flask", " django "]) == ["django", "flask"]


def test_check_slugs_rejects_an_empty_slug():
    with pytest.raises(ComparisonError, match="empty"):
        check_slugs(["django", ""])


def test_wrong_case_slugs_redirect_permanently_to_the_canonical_page(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("DJANGO-vs-FastAPI"))

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slugs_in_another_order_redirect_in_one_step(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("Fastapi-vs-DJANGO"))

    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slug_of_a_draft_cannot_be_compared_by_a_reader(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-SECRET"))
    assert response.status_code == HTTPStatus.NOT_FOUND
