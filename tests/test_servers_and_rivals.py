"""Which server a framework runs on, and links between close rivals.

Servers come from data (a "runs on" relation), never from names in the code:
the framework's page and the guide's results say what you will also need, and
a framework that extends another runs where its base runs.
"""

import re

import pytest
from django.urls import reverse

from catalog.choose import Needs, advise, load_catalog
from catalog.models import Feature, Framework, Relation, UseCase
from tests.conftest import count_queries
from tests.factories import CategoryFactory, FrameworkFactory, RelationFactory

pytestmark = pytest.mark.django_db

RUNS_ON = Relation.Kind.RUNS_ON


def detail(client, slug):
    return client.get(reverse("catalog:framework-detail", args=[slug])).text


def servers_line(page):
    found = re.search(r'<p class="servers-needed">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_frameworks_page_names_the_servers_it_runs_on(client):
    server = CategoryFactory(slug="server", name="Server", building_block=True)
    app = FrameworkFactory(slug="app", name="App")
    for name in ("Zephyr", "Aurora"):
        RelationFactory(
            from_framework=app,
            to_framework=FrameworkFactory(name=name, category=server),
            kind=RUNS_ON,
        )

    line = servers_line(detail(client, "app"))

    assert line == (
        "You will also need a server to run it in production: Aurora or Zephyr."
    )


def test_a_framework_that_extends_another_runs_on_its_bases_servers(client):
    base = FrameworkFactory(slug="base", name="Base")
    RelationFactory(
        from_framework=base, to_framework=FrameworkFactory(name="Zephyr"), kind=RUNS_ON
    )
    FrameworkFactory(slug="addon", name="Addon")
    RelationFactory(
        from_framework=Framework.objects.get(slug="addon"),
        to_framework=base,
        kind=Relation.Kind.EXTENDS,
    )

    line = servers_line(detail(client, "addon"))

    assert line == (
        "You will also need a server to run it in production: Zephyr, as for Base."
    )


def test_a_framework_without_servers_says_nothing_of_them(client):
    FrameworkFactory(slug="alone")
    assert servers_line(detail(client, "alone")) == ""


def test_the_detail_page_reads_bases_servers_in_fixed_queries(client):
    base = FrameworkFactory(slug="base")
    addon = FrameworkFactory(slug="addon")
    RelationFactory(from_framework=addon, to_framework=base, kind="extends")

    def add_server():
        RelationFactory(
            from_framework=base, to_framework=FrameworkFactory(), kind=RUNS_ON
        )

    add_server()
    few, _ = count_queries(lambda: detail(client, "addon"))
    for _ in range(5):
        add_server()
    many, page = count_queries(lambda: detail(client, "addon"))

    assert few == many
    assert servers_line(page).count(",") == 5


@pytest.mark.parametrize(
    ("slug", "servers"),
    [
        ("fastapi", "Granian, Hypercorn or Uvicorn"),
        ("flask", "Gunicorn"),
        ("django", "Gunicorn or Uvicorn"),
        ("django-rest-framework", "Gunicorn or Uvicorn, as for Django"),
        ("django-ninja", "Gunicorn or Uvicorn, as for Django"),
        ("quart", "Hypercorn or Uvicorn"),
        ("dash", "Gunicorn"),
    ],
)
def test_starting_frameworks_say_which_server_runs_them(
    client, starting_content, slug, servers
):
    assert servers_line(detail(client, slug)).endswith(f": {servers}.")


def test_a_server_lists_what_runs_on_it(client, starting_content):
    page = detail(client, "gunicorn")

    assert "Runs apps built with" in page
    for name in ("Django", "Flask", "Pyramid", "Bottle", "Dash"):
        assert f">{name}</a>" in page
    assert servers_line(page) == ""


@pytest.mark.parametrize(
    ("slug", "compare"),
    [
        ("litestar", "fastapi-vs-litestar"),
        ("fastapi", "fastapi-vs-litestar"),
        ("django-ninja", "django-ninja-vs-django-rest-framework"),
        ("django-rest-framework", "django-ninja-vs-django-rest-framework"),
        ("quart", "flask-vs-quart"),
        ("flask", "flask-vs-quart"),
        ("dash", "dash-vs-gradio-vs-streamlit"),
        ("gradio", "dash-vs-gradio-vs-streamlit"),
        ("streamlit", "dash-vs-gradio-vs-nicegui-vs-streamlit"),
    ],
)
def test_close_rivals_link_to_their_comparison(client, starting_content, slug, compare):
    assert f'href="/compare/{compare}/"' in detail(client, slug)


def test_the_comparison_of_new_rivals_is_served(client, starting_content):
    response = client.get("/compare/fastapi-vs-litestar/")

    assert response.status_code == 200
    assert "Litestar" in response.text


@pytest.fixture
def catalog(starting_content):
    return load_catalog(
        UseCase.objects.select_related("primary_kind").prefetch_related("kinds"),
        Feature.objects.prefetch_related("kinds"),
    )


def test_the_guide_never_ranks_servers(catalog):
    servers = {"Uvicorn", "Gunicorn", "Hypercorn"}
    for needs in (
        Needs((), ("http2",), "expert"),
        Needs((), ("native-async",), "beginner"),
        Needs(("real-time",), ("http2",), "intermediate"),
    ):
        ranked = {r.framework.name for r in advise(needs, catalog).ranked}
        assert ranked and not ranked & servers, needs


def test_the_guides_results_say_which_server_runs_each(client, starting_content):
    page = client.get(
        reverse("catalog:choose"),
        {"build": "content-sites", "experience": "expert"},
    ).text

    lines = re.findall(r'<p class="servers-needed">.*?</p>', page, re.S)
    assert len(lines) == 3  # Django, Flask and Pyramid each run on a server
    assert all('href="/frameworks/gunicorn/"' in line for line in lines)
