"""Charts to embed elsewhere (with a link back), and the pages' data downloads."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import FrameworkFactory, UsageStatFactory, full_framework

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def figures(db):
    fast = FrameworkFactory(name="FastAPI <fast>", slug="fastapi")
    UsageStatFactory(framework=fast, year=2023, share=29)
    UsageStatFactory(framework=fast, year=2024, share=38)
    draft = FrameworkFactory(name="Secret", slug="secret", status="draft")
    UsageStatFactory(framework=draft, year=2024, share=50)
    return fast


@pytest.mark.parametrize(
    ("url", "back"),
    [
        ("/trends/chart.svg", "http://testserver/trends/"),
        ("/frameworks/fastapi/chart.svg", "http://testserver/frameworks/fastapi/"),
    ],
)
def test_embeddable_chart_is_an_svg_file_linking_back(client, figures, url, back):
    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=3600" in response["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    root = ET.fromstring(response.content)  # well-formed, names escaped
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == [back]
    marks = [t.text for t in root.iter(f"{SVG}title")]
    assert "FastAPI <fast>, 2024: 38%" in marks
    assert not any("Secret" in (t or "") for t in marks)
    colours = {g.get("color") for g in root.iter(f"{SVG}g") if g.get("color")}
    assert colours  # coloured without the site's stylesheet


@pytest.mark.parametrize(
    "url", ["/frameworks/secret/chart.svg", "/frameworks/nothing/chart.svg"]
)
def test_no_chart_of_drafts_or_unknown_slugs(editor_client, figures, url):
    assert editor_client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_framework_without_figures_has_no_chart(client, db):
    FrameworkFactory(slug="bare")

    assert client.get("/frameworks/bare/chart.svg").status_code == 404


def test_trends_page_offers_the_embed_snippet_and_both_chart_sizes(client, figures):
    html = client.get(reverse("catalog:trends")).content.decode()

    assert "Embed this chart" in html
    assert "&lt;img src=&quot;http://testserver/trends/chart.svg&quot;" in html or (
        '&lt;img src="http://testserver/trends/chart.svg"' in html
    )
    assert 'class="chart chart-wide"' in html
    assert 'class="chart chart-narrow"' in html


@pytest.mark.parametrize(
    ("url", "csv"),
    [
        ("/", "/api/frameworks/?format=csv"),
        ("/trends/", "/api/usage/?format=csv"),
        (
            "/compare/fastapi-vs-other/",
            "/api/compare/?frameworks=fastapi,other&amp;format=csv",
        ),
    ],
)
def test_pages_link_to_their_csv(client, figures, url, csv):
    FrameworkFactory(slug="other", name="Other", category=figures.category)

    html = client.get(url).content.decode()

    assert f'<a href="{csv}" download>Download CSV</a>' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [(lambda: "/trends/chart.svg", 2), (lambda: "/frameworks/subject/chart.svg", 3)],
)
def test_chart_queries_do_not_grow(client, assert_constant_queries, url, expected):
    full_framework(slug="subject", name="Subject")

    count, response = assert_constant_queries(
        lambda: client.get(url()), expected, sizes=(2, 6)
    )

    assert response.status_code == HTTPStatus.OK
    assert count == expected
