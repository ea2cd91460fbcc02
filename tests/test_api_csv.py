"""?format=csv: the API's lists and the comparison as flat tables to download."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import (
    CategoryFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db


def table(response):
    assert response.status_code == HTTPStatus.OK, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_framework_list_is_a_table_with_a_header(api_client):
    web = CategoryFactory(name="Web framework")
    FrameworkFactory(name="Alpha", slug="alpha", category=web)

    rows = table(api_client.get(reverse("api:framework-list"), {"format": "csv"}))

    assert rows[0][:4] == ["slug", "name", "category", "summary"]
    assert rows[1][:3] == ["alpha", "Alpha", "Web framework"]


def test_a_name_with_a_comma_and_quotes_survives(api_client):
    FrameworkFactory(name='Bottle, "the small one"', slug="bottle")

    response = api_client.get(reverse("api:framework-list"), {"format": "csv"})

    assert '"Bottle, ""the small one"""' in response.content.decode()
    assert table(response)[1][1] == 'Bottle, "the small one"'


def test_links_in_a_table_are_the_json_ones(api_client):
    FrameworkFactory(slug="alpha")

    rows = table(api_client.get(reverse("api:category-list"), {"format": "csv"}))

    url = rows[0].index("url")
    assert rows[1][url].startswith("http://testserver/api/categories/")
    assert "format" not in rows[1][url]


def test_csv_is_a_download_of_the_whole_list(api_client):
    FrameworkFactory.create_batch(25)

    response = api_client.get(reverse("api:framework-list"), {"format": "csv"})

    assert len(table(response)) == 1 + 25  # not one page of 20
    assert response["Content-Disposition"] == 'attachment; filename="frameworks.csv"'


def test_csv_pages_when_asked_to(api_client):
    FrameworkFactory.create_batch(5)

    response = api_client.get(
        reverse("api:framework-list"), {"format": "csv", "page_size": 2}
    )

    assert len(table(response)) == 1 + 2


def test_usage_table_has_one_row_per_figure(api_client):
    UsageStatFactory(framework__slug="flask", year=2024, share=29)

    rows = table(api_client.get(reverse("api:usage-list"), {"format": "csv"}))

    header = rows[0]
    assert {"framework", "source", "year", "share"} <= set(header)
    row = dict(zip(header, rows[1], strict=True))
    assert (row["framework"], row["year"], row["share"]) == ("flask", "2024", "29.0")


def test_comparison_is_a_table_of_facts_and_features(api_client):
    web = CategoryFactory()
    django = FrameworkFactory(
        name="Django, the web framework", slug="django", category=web
    )
    flask = FrameworkFactory(name="Flask", slug="flask", category=web)
    orm = FeatureSupportFactory(framework=django).feature
    FeatureSupportFactory(framework=flask, feature=orm, level="package")

    rows = table(
        api_client.get(
            reverse("api:compare"), {"frameworks": "django,flask", "format": "csv"}
        )
    )

    assert rows[0] == ["row", "Django, the web framework", "Flask"]
    by_row = {row[0]: row[1:] for row in rows[1:]}
    assert by_row[orm.name] == ["built-in", "package"]
    assert "Learning curve" in by_row


def test_errors_in_csv_still_say_what_to_fix(api_client):
    response = api_client.get(reverse("api:compare"), {"format": "csv"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "frameworks" in response.content.decode()


def test_details_offer_no_csv(api_client):
    FrameworkFactory(slug="alpha")

    response = api_client.get(
        reverse("api:framework-detail", args=["alpha"]), {"format": "csv"}
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("name", "expected"),
    # No count query: the whole list (frameworks: and their package facts).
    [("api:framework-list", 2), ("api:usage-list", 1)],
)
def test_csv_queries_do_not_grow(api_client, assert_constant_queries, name, expected):
    count, response = assert_constant_queries(
        lambda: api_client.get(reverse(name), {"format": "csv"}),
        expected,
        sizes=(2, 6),
    )
    assert response.status_code == HTTPStatus.OK
    assert count == expected


def test_comparison_csv_queries_do_not_grow(api_client, assert_constant_queries):
    full_framework(slug="subject", name="Subject")
    full_framework(slug="other", name="Other")

    count, response = assert_constant_queries(
        lambda: api_client.get(
            reverse("api:compare"), {"frameworks": "other,subject", "format": "csv"}
        ),
        11,  # as the JSON comparison: the table adds none
        sizes=(2, 6),
    )

    assert response.status_code == HTTPStatus.OK
