"""The Atom feed, the sitemap and robots.txt."""

import datetime as dt
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog import sitemaps
from catalog.models import Framework
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FEED = reverse("catalog:feed")
SITEMAP_URL = reverse("catalog:sitemap")
ROBOTS = reverse("catalog:robots")


def entries(response):
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def sitemap_locations(response):
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def sitemap_urls(client):
    """Every <url> of every sitemap the index at /sitemap.xml names."""
    index = client.get(SITEMAP_URL)
    assert index.status_code == HTTPStatus.OK
    urls = []
    for location in sitemap_locations(index):
        section = client.get(location.removeprefix("http://testserver"))
        assert section.status_code == HTTPStatus.OK
        urls += ET.fromstring(section.content).iter(f"{SITEMAP}url")
    return urls


def url_locations(urls):
    return [url.find(f"{SITEMAP}loc").text for url in urls]


def set_updated(framework, day):
    Framework.objects.filter(pk=framework.pk).update(
        updated=dt.datetime(2025, 1, day, tzinfo=dt.UTC)
    )


# --- Atom feed ---------------------------------------------------------------


def test_feed_is_atom_with_an_entry_per_published_framework(client, starting_content):
    FrameworkFactory(name="Secret", status=Framework.Status.DRAFT)

    response = client.get(FEED)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}subtitle").text
    assert root.find(f"{ATOM}author/{ATOM}name").text == "PyFrameworks editors"
    assert root.find(f"{ATOM}updated").text
    titles = {entry.find(f"{ATOM}title").text for entry in entries(response)}
    assert len(titles) == 20  # the feed's limit; the starting content has 25
    assert "FastAPI" in titles
    assert "Secret" not in titles


def test_feed_entry_links_to_the_framework_page_with_its_summary(
    client, starting_content
):
    fastapi = next(
        entry
        for entry in entries(client.get(FEED))
        if entry.find(f"{ATOM}title").text == "FastAPI"
    )

    assert (
        fastapi.find(f"{ATOM}link").get("href")
        == "http://testserver/frameworks/fastapi/"
    )
    assert fastapi.find(f"{ATOM}summary").text.startswith("A framework for typed")
    assert fastapi.find(f"{ATOM}updated").text.startswith("2026-11-25")
    assert fastapi.find(f"{ATOM}id").text


def test_feed_lists_the_20_most_recently_updated_first(client):
    frameworks = FrameworkFactory.create_batch(22)
    for day, framework in enumerate(frameworks, start=1):
        set_updated(framework, day)

    titles = [e.find(f"{ATOM}title").text for e in entries(client.get(FEED))]

    assert len(titles) == 20
    assert titles[0] == frameworks[-1].name
    assert frameworks[0].name not in titles


def test_feed_summary_is_plain_text_escaped_for_html_readers(client):
    FrameworkFactory(summary="Fast & <b>bold</b>")

    summary = entries(client.get(FEED))[0].find(f"{ATOM}summary")

    # type="html": a reader unescapes once and shows the text as typed
    assert summary.get("type") == "html"
    assert summary.text == "Fast &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_feed_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    _, response = assert_constant_queries(lambda: client.get(FEED), 1)
    assert response.status_code == HTTPStatus.OK


# --- Sitemap -----------------------------------------------------------------


def test_sitemap_lists_published_frameworks_listings_and_pages(
    client, starting_content
):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)

    locations = url_locations(sitemap_urls(client))

    assert "http://testserver/frameworks/fastapi/" in locations
    assert "http://testserver/frameworks/httpx/" in locations
    assert "http://testserver/frameworks/secret/" not in locations
    assert "http://testserver/categories/web-framework/" in locations
    assert any(loc.startswith("http://testserver/use-cases/") for loc in locations)
    assert "http://testserver/" in locations
    assert "http://testserver/trends/" in locations
    assert len(locations) == len(set(locations))


def test_sitemap_gives_framework_pages_their_last_change(client, starting_content):
    fastapi = next(
        url
        for url in sitemap_urls(client)
        if url.find(f"{SITEMAP}loc").text.endswith("/frameworks/fastapi/")
    )
    assert fastapi.find(f"{SITEMAP}lastmod").text == "2026-11-25"


def test_sitemap_lists_the_pages_without_a_model(client):
    locations = url_locations(sitemap_urls(client))
    for path in ("/trends/", "/choose/", "/compare/"):
        assert f"http://testserver{path}" in locations


def test_sitemap_index_names_a_page_per_sitemap_page_of_frameworks(client, monkeypatch):
    monkeypatch.setattr(sitemaps.FrameworkSitemap, "limit", 2)
    FrameworkFactory.create_batch(5)

    index = sitemap_locations(client.get(SITEMAP_URL))
    frameworks = [loc for loc in index if "sitemap-frameworks" in loc]
    pages = [client.get(loc.removeprefix("http://testserver")) for loc in frameworks]

    assert len(frameworks) == 3  # 2 + 2 + 1
    assert [len(sitemap_locations(page)) for page in pages] == [2, 2, 1]
    assert client.get(frameworks[0] + "?p=4").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("path", "expected"),
    [(SITEMAP_URL, 4), ("/sitemap-frameworks.xml", 2), ("/sitemap-pages.xml", 0)],
)
def test_sitemap_runs_a_fixed_number_of_queries(
    client, assert_constant_queries, path, expected
):
    count, response = assert_constant_queries(lambda: client.get(path), expected)
    assert response.status_code == HTTPStatus.OK


# --- robots.txt --------------------------------------------------------------


def test_robots_allows_crawling_except_the_admin_and_names_the_sitemap(client):
    response = client.get(ROBOTS)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "<" not in response.text


def test_robots_sitemap_line_follows_the_requested_host(client, settings):
    settings.ALLOWED_HOSTS = ["frameworks.example.org"]
    response = client.get(ROBOTS, HTTP_HOST="frameworks.example.org", secure=True)
    assert "Sitemap: https://frameworks.example.org/sitemap.xml" in response.text


@pytest.mark.parametrize("url", [FEED, SITEMAP_URL, ROBOTS])
def test_odd_query_strings_never_break_the_machine_readable_pages(client, url):
    response = client.get(url + "?x=%00&p=%ff&p=-1")
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
