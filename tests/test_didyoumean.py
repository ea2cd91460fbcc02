"""Did you mean…? Near misses point to the published framework meant."""

import pytest

from catalog.didyoumean import MAX_SUGGESTIONS, did_you_mean
from catalog.models import Framework
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    for name in ("FastAPI", "Django", "Flask", "Django REST Framework", "Starlette"):
        FrameworkFactory(name=name, slug=name.lower().replace(" ", "-"))


def names(query):
    return [found["name"] for found in did_you_mean(query)]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("fastpi", "FastAPI"),
        ("djnago", "Django"),
        ("FLAKS", "Flask"),
        ("starlete asgi", "Starlette"),  # one word of several
    ],
)
def test_a_near_miss_suggests_the_framework_meant(catalog, typed, meant):
    assert names(typed)[0] == meant


def test_an_exact_name_or_a_far_miss_suggests_nothing(catalog):
    assert names("django") == []
    assert names("zebra") == []


def test_drafts_are_never_suggested(catalog):
    FrameworkFactory(name="Litestar", status=Framework.Status.DRAFT)
    assert names("litestr") == []


def test_suggestions_are_few_and_closest_first(catalog):
    for name in ("Flasky", "Flasko", "Flaskr", "Flasks"):
        FrameworkFactory(name=name)
    found = names("flaskz")
    assert len(found) == MAX_SUGGESTIONS
    assert found[0] == "Flask"  # 0.91 of "flaskz"; the others 0.83


def test_one_query_whatever_is_typed(catalog, django_assert_num_queries):
    with django_assert_num_queries(1):
        did_you_mean("djnago " * 500 + "x" * 10_000)
