"""Realistic readers of the guide, answered from the starting content.

Each persona states what an experienced Python developer would answer: the top
pick, the best few, and what must not be offered. These test the content and the
scoring together, so they read fixtures/catalog.json; the scoring's mechanics are
tested on hand-built catalogs in test_choose.py.
"""

from dataclasses import dataclass, field

import pytest

from catalog.choose import Needs, advise, load_catalog
from catalog.models import Feature, UseCase
from tests.test_choose import explained

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Persona:
    who: str
    build: tuple = ()
    features: tuple = ()
    experience: str = ""
    top: str = ""
    top_three: tuple = ()  # in order; fewer when fewer tools fit
    never: tuple = ()  # tools that must not be ranked at all
    not_before: dict = field(default_factory=dict)  # tool -> position it may not beat
    foundations: tuple = ()  # building blocks offered as what you build on
    warned: bool = False  # the answers pull apart: a plain warning comes first
    includes: tuple = ()  # tools that must be ranked somewhere (a second kind)


PERSONAS = [
    Persona(
        "A newcomer who wants to build a blog and learn web development",
        build=("content-sites", "learning"),
        experience="beginner",
        top="Flask",
        # Pyramid fits content sites too, with a steep curve: a distant third.
        top_three=("Flask", "Django", "Pyramid"),
        never=("Requests", "HTTPX", "asyncio", "Django REST Framework", "Streamlit"),
    ),
    Persona(
        "An experienced developer building a blog with an admin to write posts",
        build=("content-sites",),
        features=("admin-panel", "orm", "authentication"),
        experience="expert",
        top="Django",
        top_three=("Django", "Flask", "Pyramid"),
        never=("Django REST Framework", "Requests", "asyncio"),
    ),
    Persona(
        "A data scientist who wants a dashboard for colleagues",
        build=("dashboards",),
        experience="beginner",
        top="Streamlit",
        # Data apps first; NiceGUI's gentle curve puts it before Dash's callbacks.
        top_three=("Streamlit", "NiceGUI", "Dash"),
        includes=("Flask", "Django"),
        never=("Requests", "FastAPI", "asyncio"),
    ),
    Persona(
        "A data scientist prototyping an interactive dashboard",
        build=("prototyping", "dashboards"),
        experience="beginner",
        top="Streamlit",
        top_three=("Streamlit", "NiceGUI", "Dash"),
        not_before={"Gradio": 3},  # made for model demos, not dashboards
        never=("Requests", "asyncio"),
    ),
    Persona(
        "An ML engineer putting a model behind a typed, documented API",
        build=("ml-model-serving",),
        features=("type-validation", "openapi-docs"),
        experience="intermediate",
        top="FastAPI",
        top_three=("FastAPI", "Flask"),
        never=("Streamlit", "asyncio", "Requests"),
    ),
    Persona(
        "A newcomer writing a script that calls a flaky web API",
        build=("consuming-apis",),
        features=("retries",),
        experience="beginner",
        top="Requests",
        # urllib3's Retry is the one Requests uses; AIOHTTP is async, not for a
        # newcomer's script.
        top_three=("Requests", "HTTPX", "urllib3"),
        never=("Django", "Flask", "FastAPI", "asyncio"),
    ),
    Persona(
        "A developer writing an async client that should speak HTTP/2",
        build=("consuming-apis",),
        features=("native-async", "http2"),
        experience="intermediate",
        top="HTTPX",
        # urllib3 has HTTP/2 as an experimental extra; Requests has none.
        top_three=("HTTPX", "AIOHTTP", "urllib3"),
        never=("Django", "FastAPI"),
    ),
    Persona(
        "A team building a real-time chat with WebSockets",
        build=("real-time",),
        features=("websockets", "native-async"),
        experience="intermediate",
        top="FastAPI",
        top_three=("FastAPI", "Starlette", "AIOHTTP"),
        never=("asyncio", "Requests", "Streamlit", "Django", "Flask"),
        foundations=("asyncio",),
    ),
    Persona(
        "Someone who just needs a real-time service",
        build=("real-time",),
        top="FastAPI",
        never=("asyncio",),
        foundations=("asyncio",),
    ),
    Persona(
        "An operations team wanting an internal admin tool over their database",
        build=("internal-tools",),
        features=("admin-panel", "orm", "authentication"),
        top="Django",
        top_three=("Django", "Flask", "Streamlit"),
        never=("Django REST Framework", "FastAPI", "Requests"),
    ),
    Persona(
        "A Django shop adding an API to its existing project",
        build=("django-apis",),
        features=("orm", "browsable-api"),
        experience="expert",
        top="Django REST Framework",
        top_three=("Django REST Framework", "Django Ninja"),
        never=("FastAPI", "Flask", "Django"),
    ),
    Persona(
        "An experienced developer crawling thousands of pages concurrently",
        build=("high-concurrency-io", "consuming-apis"),
        features=("native-async",),
        experience="expert",
        top="AIOHTTP",
        top_three=("AIOHTTP", "HTTPX", "Requests"),
        never=("asyncio", "Django", "Flask"),
        not_before={"Requests": 2},
        foundations=("asyncio",),
    ),
    Persona(
        "A newcomer learning web development, nothing else in mind",
        build=("learning",),
        experience="beginner",
        top="Flask",
        top_three=("Flask", "Django"),
        never=("Requests", "HTTPX", "asyncio", "Streamlit"),
    ),
    Persona(
        "A content site whose server must also call other services with retries",
        build=("content-sites",),
        features=("retries",),
        top="Django",
        top_three=("Django", "Flask", "Pyramid"),
        never=("asyncio", "Django REST Framework"),
        warned=True,
        includes=("Requests",),
    ),
    Persona(
        "An experienced team building typed async microservices",
        build=("microservices", "rest-apis"),
        features=("native-async", "type-validation"),
        experience="expert",
        top="FastAPI",
        top_three=("FastAPI", "Litestar", "Falcon"),
        never=("Requests", "asyncio", "Streamlit"),
    ),
    Persona(
        "A company website, no more said",
        build=("content-sites",),
        top="Django",
        top_three=("Django", "Flask", "Pyramid"),
        never=("Django REST Framework", "Requests", "HTTPX", "asyncio"),
    ),
    # Issue 13: personas the new entries should win.
    Persona(
        "An experienced team wanting an async API with a batteries-included ORM story",
        build=("rest-apis",),
        features=("native-async", "orm", "type-validation"),
        experience="expert",
        # Litestar's SQLAlchemy plugin is its own extra; FastAPI leaves the ORM to
        # a separate package. Django's ORM is only partly async.
        top="Litestar",
        top_three=("Litestar", "FastAPI", "Falcon"),
        never=("asyncio", "Uvicorn", "Hypercorn", "Gunicorn", "Granian"),
    ),
    Persona(
        "A Django project wanting typed endpoints without DRF",
        build=("django-apis",),
        features=("type-validation", "openapi-docs"),
        experience="intermediate",
        top="Django Ninja",
        top_three=("Django Ninja", "Django REST Framework"),
        never=("FastAPI", "Litestar", "Django"),
    ),
    Persona(
        "An ML researcher putting up a demo of an image model",
        build=("ml-demos",),
        experience="beginner",
        top="Gradio",
        top_three=("Gradio",),
        never=("FastAPI", "Uvicorn", "Flask"),
    ),
    Persona(
        "A data scientist prototyping a demo of a model for colleagues",
        build=("ml-demos", "prototyping"),
        top="Gradio",
        top_three=("Gradio", "Streamlit", "Dash"),
        never=("Requests", "asyncio", "Gunicorn"),
    ),
]


@pytest.fixture
def catalog(starting_content):
    return load_catalog(
        UseCase.objects.select_related("primary_kind").prefetch_related("kinds"),
        Feature.objects.prefetch_related("kinds"),
    )


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona.who)
def test_persona_gets_the_answer_an_experienced_developer_would_give(catalog, persona):
    advice = advise(Needs(persona.build, persona.features, persona.experience), catalog)
    ranked = [recommendation.framework.name for recommendation in advice.ranked]

    assert ranked[0] == persona.top
    if persona.top_three:
        assert ranked[:3] == list(persona.top_three)
    assert not set(persona.never) & set(ranked)
    for name, position in persona.not_before.items():
        assert ranked.index(name) >= position, name
    assert [f.framework.name for f in advice.foundations] == list(persona.foundations)
    assert bool(advice.warnings) == persona.warned
    assert set(persona.includes) <= set(ranked)
    # Building blocks (async libraries, servers) are never the answer.
    blocks = [r.framework for r in advice.ranked if r.framework.category.building_block]
    assert blocks == []


def test_experience_changes_the_newcomers_blog_advice(catalog):
    def top(experience):
        needs = Needs(("content-sites", "learning"), (), experience)
        return advise(needs, catalog).ranked[0].framework.name

    assert top("beginner") == "Flask"  # a gentle curve matters most to a newcomer
    assert top("intermediate") == "Flask"
    # With learning curves set aside, Django and Flask fit equally; the larger
    # share breaks the tie.
    assert top("expert") == "Django"


def test_drf_is_credited_only_for_what_it_adds_to_django(catalog):
    needs = Needs(("django-apis",), ("orm", "browsable-api"), "expert")

    ranked = explained(advise(needs, catalog)).ranked
    [drf] = [r for r in ranked if r.framework.name == "Django REST Framework"]

    assert drf.reasons == [
        "Fits APIs for a Django project",
        "Browsable API built in: an HTML page for every endpoint, with forms to "
        "call it",
    ]
    [(django, brought)] = drf.from_bases
    assert (django.name, brought) == ("Django", ["ORM"])
