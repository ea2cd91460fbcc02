"""The OpenAPI schema, and the documentation pages that render it from this site."""

from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ERROR_REF = {"$ref": "#/components/schemas/Error"}


@pytest.fixture
def schema(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == HTTPStatus.OK
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", method, operation


def test_schema_validates_as_openapi_3(schema):
    validate(schema)

    assert schema["openapi"].startswith("3.")


def test_schema_covers_every_endpoint(schema):
    assert set(schema["paths"]) == {
        "/api/frameworks/",
        "/api/frameworks/{slug}/",
        "/api/categories/",
        "/api/categories/{slug}/",
        "/api/use-cases/",
        "/api/use-cases/{slug}/",
        "/api/features/",
        "/api/features/{slug}/",
        "/api/sources/",
        "/api/sources/{slug}/",
        "/api/usage/",
        "/api/usage/{id}/",
        "/api/advantages/",
        "/api/advantages/{id}/",
        "/api/disadvantages/",
        "/api/disadvantages/{id}/",
        "/api/feature-supports/",
        "/api/feature-supports/{id}/",
        "/api/relations/",
        "/api/relations/{id}/",
        "/api/compare/",
    }


def test_schema_documents_every_framework_filter(schema):
    parameters = schema["paths"]["/api/frameworks/"]["get"]["parameters"]

    assert {p["name"] for p in parameters} == {
        "category",
        "use_case",
        "feature",
        "learning_curve",
        "min_share",
        "related_to",
        "year",
        "released",
        "python",
        "search",
        "ordering",
        "page",
        "page_size",
    }
    assert all(p.get("description") for p in parameters)


def test_schema_lists_each_ordering_both_ways(schema):
    parameters = schema["paths"]["/api/frameworks/"]["get"]["parameters"]
    ordering = next(p for p in parameters if p["name"] == "ordering")
    given, empty = ordering["schema"]["anyOf"]

    assert empty == {"type": "string", "maxLength": 0}
    assert set(given["items"]["enum"]) == {
        f"{sign}{field}"
        for field in (
            "name",
            "share",
            "change",
            "first_release",
            "updated",
            "latest_release",
        )
        for sign in ("", "-")
    }


def test_schema_documents_the_usage_filters(schema):
    parameters = schema["paths"]["/api/usage/"]["get"]["parameters"]

    assert {"framework", "source", "year"} <= {p["name"] for p in parameters}


@pytest.mark.parametrize(
    ("path", "filters"),
    [
        ("/api/advantages/", {"framework"}),
        ("/api/disadvantages/", {"framework"}),
        ("/api/feature-supports/", {"framework", "feature", "level"}),
        ("/api/relations/", {"framework", "to_framework", "kind"}),
    ],
)
def test_schema_documents_the_filters_of_a_frameworks_rows(schema, path, filters):
    parameters = schema["paths"][path]["get"]["parameters"]

    assert {p["name"] for p in parameters} == {*filters, "page", "page_size"}
    assert all(p.get("description") for p in parameters)


@pytest.mark.parametrize(
    ("component", "required"),
    [
        ("AdvantageRequest", ["framework", "title"]),
        ("DisadvantageRequest", ["framework", "title"]),
        ("FeatureSupportRequest", ["feature", "framework", "level"]),
        ("RelationRequest", ["framework", "kind", "to_framework"]),
    ],
)
def test_rows_are_written_with_slugs_in_the_schema(schema, component, required):
    request = schema["components"]["schemas"][component]

    assert sorted(request["required"]) == required
    for name in {"framework", "feature", "to_framework"} & set(request["properties"]):
        assert request["properties"][name]["type"] == "string"


def test_schema_documents_the_compare_parameter(schema):
    parameters = schema["paths"]["/api/compare/"]["get"]["parameters"]

    assert [(p["name"], p["required"]) for p in parameters] == [("frameworks", True)]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("FrameworkList", "latest_share"),
        ("FrameworkList", "share_change"),
        ("UsageEntry", "share"),
        ("UsageEntry", "change"),
        ("UsageStat", "share"),
        ("UsageStatRequest", "share"),
    ],
)
def test_shares_are_numbers_in_the_schema(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field]["type"] == (
        "number"
    )


def test_every_operation_documents_auth_throttling_and_outage_errors(schema):
    for name, _, operation in operations(schema):
        for code in ("401", "429", "503"):
            response = operation["responses"].get(code)
            assert response, f"{name} does not document {code}"
            assert response["content"]["application/json"]["schema"] == ERROR_REF


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_every_write_documents_its_errors(schema, method):
    writes = [op for _, m, op in operations(schema) if m == method]

    assert writes
    for operation in writes:
        assert {"400", "401", "403", "415", "429"} <= set(operation["responses"])


def test_every_read_of_one_object_documents_not_found_and_not_modified(schema):
    reads = [
        op for name, m, op in operations(schema) if m == "get" and name.endswith("}/")
    ]

    assert len(reads) == 10
    for operation in reads:
        assert {"200", "304", "404"} <= set(operation["responses"])
        assert "ETag" in operation["responses"]["200"]["headers"]


def test_every_list_documents_bad_filters_and_missing_pages(schema):
    lists = [
        op
        for name, m, op in operations(schema)
        if m == "get" and "{" not in name and "compare" not in name
    ]

    assert len(lists) == 10
    for operation in lists:
        assert {"400", "404"} <= set(operation["responses"])


def test_error_shape_is_described(schema):
    error = schema["components"]["schemas"]["Error"]

    assert error["required"] == ["detail"]
    assert error["properties"]["errors"]["additionalProperties"]["items"] == {
        "type": "string"
    }


def test_reading_needs_no_credentials_in_the_schema(schema):
    get = schema["paths"]["/api/frameworks/"]["get"]
    post = schema["paths"]["/api/frameworks/"]["post"]

    assert {} in get["security"]
    assert {} not in post["security"]


class Links(HTMLParser):
    """Collect every src and href in a page."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href")]


def page_links(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    parser = Links()
    parser.feed(response.content.decode())
    return parser.urls


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_docs_page_references_no_other_host(client, name):
    urls = page_links(client, reverse(name))

    assert urls
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, url


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_docs_page_scripts_and_styles_are_served_by_the_site(client, name):
    for url in page_links(client, reverse(name)):
        if url.startswith("/static/"):
            path = url.removeprefix("/static/")
            assert finders.find(path), f"{path} is not among the static files"
        else:
            assert client.get(url).status_code == HTTPStatus.OK, url


def test_docs_page_loads_the_schema_from_this_site(client):
    response = client.get(reverse("api:redoc"))

    assert 'spec-url="/api/schema/"' in response.content.decode()


def test_redoc_script_is_served_without_the_redocly_logo_address(client):
    response = client.get(reverse("api:redoc-bundle"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/javascript")
    assert b"cdn.redoc.ly" not in response.content


def test_swagger_ui_never_asks_the_online_validator(client):
    script = client.get(reverse("api:docs"), {"script": ""}).content.decode()

    assert '"validatorUrl": null' in script


DOCS = ["api:schema", "api:docs", "api:redoc", "api:redoc-bundle"]


@pytest.mark.parametrize("name", DOCS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_docs_addresses_answer_reads(client, name, method):
    response = client.generic(method, reverse(name))

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("name", DOCS)
@pytest.mark.parametrize("method", ["OPTIONS", "POST", "PUT", "DELETE", "TRACE"])
def test_docs_addresses_refuse_other_methods_without_the_page(client, name, method):
    response = client.generic(method, reverse(name))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == "GET, HEAD"
    assert len(response.content) < 100, response.content[:100]  # a message at most
