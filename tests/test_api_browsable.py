"""The browsable API: HTML pages whose forms type slugs rather than list tables."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, starting_content):
    """The browsable HTML page at ``url``, for whoever ``client`` is signed in as."""

    def get(url):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"].startswith("text/html")
        return response.content.decode()

    return get


@pytest.fixture
def editor_page(client, editor, page):
    client.force_login(editor)
    return page


def test_list_page_shows_the_catalog(page):
    assert "FastAPI" in page(reverse("api:framework-list"))


def test_filter_form_types_slugs_instead_of_listing_tables(page):
    html = page(reverse("api:framework-list"))

    assert '<input type="text" name="category"' in html
    for name in ("category", "use_case", "feature"):
        assert f'<select name="{name}"' not in html


def test_reader_sees_no_write_forms(page):
    html = page(reverse("api:framework-detail", args=["django"]))

    assert 'name="summary"' not in html


def test_editor_framework_form_types_the_category_slug(editor_page):
    html = editor_page(reverse("api:framework-detail", args=["django"]))

    category = 'name="category" class="form-control" type="text"  value="web-framework"'
    assert category in html
    assert 'name="use_cases"' not in html  # lists are edited as JSON ("Raw data")


def test_editor_usage_form_types_framework_and_source_slugs(editor_page):
    html = editor_page(reverse("api:usage-list"))

    for name in ("framework", "source"):
        assert f'<input name="{name}" class="form-control" type="text"' in html
        assert f'<select class="form-control" name="{name}"' not in html


@pytest.mark.parametrize(
    ("basename", "slugs"),
    [
        ("advantage", ["framework"]),
        ("disadvantage", ["framework"]),
        ("feature-support", ["framework", "feature"]),
        ("relation", ["framework", "to_framework"]),
    ],
)
def test_editor_row_forms_and_filters_type_slugs(editor_page, basename, slugs):
    html = editor_page(reverse(f"api:{basename}-list"))

    for name in slugs:
        assert f'<input name="{name}" class="form-control" type="text"' in html
        assert f'<input type="text" name="{name}"' in html  # the filter form
        assert f'<select class="form-control" name="{name}"' not in html
        assert f'<select name="{name}"' not in html
