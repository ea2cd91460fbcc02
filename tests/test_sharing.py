"""What each page tells link previews and crawlers: title, description,
canonical address, Open Graph and Twitter tags, preview images and JSON-LD."""

import json
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.sharing import DEFAULT_DESCRIPTION
from catalog.templatetags import sharing_tags
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    UsageStatFactory,
    UseCaseFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Head(HTMLParser):
    """The title, meta tags, links and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = {}, {}, [], ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
        elif tag == "title" and not self.title:  # the page's, not an SVG's
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld.append(json.loads(data))
        elif self._in == "title":
            self.title += data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def catalog(db):
    web = CategoryFactory(name="Web framework", slug="web-framework")
    apis = UseCaseFactory(name="REST APIs", slug="rest-apis")
    fast = FrameworkFactory(
        name="FastAPI", slug="fastapi", category=web, use_cases=[apis]
    )
    flask = FrameworkFactory(name="Flask", slug="flask", category=web)
    UsageStatFactory(framework=fast, year=2024, share=38)
    UsageStatFactory(framework=flask, year=2024, share=34)
    FrameworkFactory(name="Secret", slug="secret", status="draft", category=web)
    return fast, flask


PAGES = [
    "/",
    "/?ordering=name",
    "/frameworks/fastapi/",
    "/categories/web-framework/",
    "/use-cases/rest-apis/",
    "/compare/",
    "/compare/fastapi-vs-flask/",
    "/search/",
    "/search/?q=fast",
    "/choose/",
    "/trends/",
    "/changes/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_title_description_canonical_and_preview_tags(
    client, catalog, url
):
    head = head_of(client, url)

    assert head.title.endswith("· PyFrameworks")
    assert head.meta["description"]
    assert head.links["canonical"].startswith("http://testserver/")
    assert "?ordering" not in head.links["canonical"]
    assert head.meta["og:url"] == head.links["canonical"]
    for key in ("og:title", "og:description", "og:type", "og:site_name"):
        assert head.meta[key], key
    assert head.meta["twitter:card"] in {"summary", "summary_large_image"}
    assert head.meta["og:description"] == head.meta["description"]


@pytest.mark.parametrize(
    "url", ["/categories/web-framework/", "/use-cases/rest-apis/", "/search/?q=fast"]
)
def test_narrowed_and_search_pages_describe_themselves(client, catalog, url):
    description = head_of(client, url).meta["description"]

    assert description != DEFAULT_DESCRIPTION
    assert any(word in description for word in ("web framework", "REST APIs", "fast"))


@pytest.mark.parametrize(
    ("url", "image"),
    [
        ("/frameworks/fastapi/", "/frameworks/fastapi/preview.png"),
        ("/compare/fastapi-vs-flask/", "/compare/fastapi-vs-flask/preview.png"),
    ],
)
def test_framework_and_compare_pages_point_to_their_preview(
    client, catalog, url, image
):
    head = head_of(client, url)

    assert head.meta["og:image"] == f"http://testserver{image}"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == (
        "1200",
        "630",
    )


def test_framework_page_is_a_software_application(client, catalog):
    (data,) = head_of(client, "/frameworks/fastapi/").json_ld

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "SoftwareApplication"
    assert data["name"] == "FastAPI"
    assert data["applicationCategory"]
    assert data["operatingSystem"]
    assert data["offers"]["price"] == "0"


@pytest.mark.parametrize("url", ["/", "/trends/", "/categories/web-framework/"])
def test_rankings_are_item_lists(client, catalog, url):
    (data,) = head_of(client, url).json_ld

    assert data["@type"] == "ItemList"
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert [item["name"] for item in items] == ["FastAPI", "Flask"]
    assert items[0]["url"] == "http://testserver/frameworks/fastapi/"


def test_a_page_works_out_its_title_and_tags_once(client, catalog, monkeypatch):
    calls = []
    real = sharing_tags.page_meta
    monkeypatch.setattr(
        sharing_tags, "page_meta", lambda context: calls.append(1) or real(context)
    )

    client.get(reverse("catalog:framework-list"))

    assert len(calls) == 1


def test_json_ld_cannot_end_its_script_element(client, catalog):
    fast, _flask = catalog
    fast.summary = "Fast </script><script>alert(1)</script> & more"
    fast.save()

    html = client.get("/frameworks/fastapi/").content.decode()

    assert "</script><script>alert(1)" not in html
    (data,) = head_of(client, "/frameworks/fastapi/").json_ld
    assert data["description"] == fast.summary


def test_draft_page_for_editors_is_not_indexed_nor_previewed(editor_client, catalog):
    head = head_of(editor_client, "/frameworks/secret/")

    assert head.meta["robots"] == "noindex"
    assert "og:image" not in head.meta
    assert head.json_ld == []


# --- Preview images -------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/frameworks/fastapi/preview.png", "/compare/fastapi-vs-flask/preview.png"]
)
def test_preview_is_a_1200_by_630_png_cached_by_its_content(client, catalog, url):
    from io import BytesIO

    from PIL import Image

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_MAGIC)
    assert Image.open(BytesIO(response.content)).size == (1200, 630)
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_preview_changes_with_the_content(client, catalog):
    fast, _flask = catalog
    before = client.get("/frameworks/fastapi/preview.png")["ETag"]
    fast.name = "FastAPI 2"
    fast.save()

    assert client.get("/frameworks/fastapi/preview.png")["ETag"] != before


@pytest.mark.parametrize(
    "url",
    [
        "/frameworks/secret/preview.png",
        "/frameworks/nothing/preview.png",
        "/compare/fastapi-vs-secret/preview.png",
        "/compare/fastapi-vs-nothing/preview.png",
        "/compare/fastapi/preview.png",
    ],
)
def test_no_preview_of_drafts_or_unknown_slugs(editor_client, catalog, url):
    assert editor_client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_compare_preview_of_another_order_redirects(client, catalog):
    response = client.get("/compare/flask-vs-fastapi/preview.png")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/compare/fastapi-vs-flask/preview.png"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda: reverse("catalog:framework-preview", args=["subject"]), 1),
        (lambda: "/compare/other-vs-subject/preview.png", 1),
    ],
)
def test_preview_queries_do_not_grow(client, assert_constant_queries, url, expected):
    full_framework(slug="subject", name="Subject")
    full_framework(slug="other", name="Other")

    count, response = assert_constant_queries(
        lambda: client.get(url()), expected, sizes=(2, 6)
    )

    assert response.status_code == HTTPStatus.OK
    assert count == expected  # the frameworks, with their categories
