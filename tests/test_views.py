from http import HTTPStatus

import pytest
from django.urls import reverse, set_script_prefix

from catalog.context_processors import links_under
from catalog.models import Framework, Relation
from tests.expected import RANKED_SLUGS
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    UsageStatFactory,
    UseCaseFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

HOME = reverse("catalog:framework-list")


def detail_url(slug):
    return reverse("catalog:framework-detail", args=[slug])


def ranked_names(response):
    return [framework.name for framework in response.context["framework_list"]]


def test_home_lists_the_starting_frameworks_ranked_by_latest_share(
    client, starting_content
):
    response = client.get(HOME)
    second = client.get(HOME, {"page": 2}).context["framework_list"]
    third = client.get(HOME, {"page": 3}).context["framework_list"]

    assert response.status_code == HTTPStatus.OK
    listed = [*response.context["framework_list"], *second, *third]
    assert [f.slug for f in listed] == RANKED_SLUGS
    assert "38%" in response.text
    assert "+9 pts" in response.text


def test_home_leaves_out_drafts(client):
    FrameworkFactory(name="Shipped")
    FrameworkFactory(name="Secret", status=Framework.Status.DRAFT)
    assert ranked_names(client.get(HOME)) == ["Shipped"]


def test_home_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    # + the rendered rows' package facts (tests/test_page_budgets.py)
    assert_constant_queries(lambda: client.get(HOME), 6)


def test_detail_shows_every_section_of_a_framework(client, starting_content):
    response = client.get(detail_url("fastapi"))

    assert response.status_code == HTTPStatus.OK
    page = response.text
    for expected in [
        "FastAPI",
        "Advantages",
        "Disadvantages",
        "Usage by year",
        "38%",
        "Python Developers Survey 2022 results",
        "Ideal for",
        "ML model serving",
        "Automatic OpenAPI docs",
        "Built on",
        "Starlette",
        "Last changed",
    ]:
        assert expected in page, expected


def test_detail_groups_related_frameworks_by_kind(client, starting_content):
    groups = client.get(detail_url("starlette")).context["framework"].related_groups()
    assert [
        (heading, [f.slug for f in frameworks]) for heading, frameworks in groups
    ] == [("Built on", ["asyncio"]), ("Built on it", ["fastapi"])]


def test_detail_links_to_comparisons_with_its_alternatives(client, starting_content):
    page = client.get(detail_url("requests")).text
    assert 'href="/compare/httpx-vs-requests/"' in page


def test_detail_has_link_preview_tags(client, starting_content):
    page = client.get(detail_url("flask")).text
    assert '<meta property="og:title" content="Flask: usage' in page
    assert 'property="og:url" content="http://testserver/frameworks/flask/"' in page


def test_detail_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    target = full_framework(slug="target")

    def related_framework():
        framework = full_framework()
        framework.relations.create(to_framework=target, kind="alternative")
        target.relations.create(to_framework=framework, kind="alternative")

    # 12: its row, then, for the article (nothing is kept in tests), its
    # package's releases and what ``detail_page_lookups`` reads.
    assert_constant_queries(
        lambda: client.get(detail_url("target")), 12, make_framework=related_framework
    )


def test_detail_removes_scripts_and_unsafe_links_from_markdown(client):
    FrameworkFactory(
        slug="hostile",
        description=(
            "Hello <script>alert('x')</script> "
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**"
        ),
    )

    page = client.get(detail_url("hostile")).text

    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page
    assert "<strong>bold</strong>" in page


def test_detail_renders_markdown_in_advantage_and_disadvantage_details(client):
    framework = FrameworkFactory(slug="marked")
    AdvantageFactory(framework=framework, title="Typed", detail="Uses `Depends()`.")
    DisadvantageFactory(
        framework=framework,
        title="Hostile",
        detail="See [docs](https://example.com) <script>alert(1)</script>",
    )

    page = client.get(detail_url("marked")).text

    assert "<strong>Typed.</strong> Uses <code>Depends()</code>." in page
    assert "`Depends()`" not in page
    assert '<a href="https://example.com" rel="nofollow noopener">docs</a>' in page
    assert "<script>alert" not in page


def test_detail_shows_features_from_the_extended_framework_marked_as_such(client):
    orm = FeatureFactory(slug="orm", name="ORM", position=1)
    browsable = FeatureFactory(slug="browsable-api", name="Browsable API", position=2)
    base = FrameworkFactory(slug="base", name="Base")
    addon = FrameworkFactory(slug="addon", name="Add-on")
    FeatureSupportFactory(framework=base, feature=orm, note="with migrations")
    FeatureSupportFactory(framework=addon, feature=browsable, note="an HTML page")
    RelationFactory(from_framework=addon, to_framework=base, kind=Relation.Kind.EXTENDS)

    response = client.get(detail_url("addon"))

    cells = response.context["framework"].feature_cells()
    assert [(c.feature.name, c.inherited_from) for c in cells] == [
        ("ORM", base),
        ("Browsable API", None),
    ]
    features = response.text[response.text.index('id="features"') :]
    assert 'From <a href="/frameworks/base/">Base</a>:</span>' in features
    assert "with migrations" in features
    assert "come with Base, which Add-on runs inside" in features


def test_detail_shows_partial_support_and_its_source(client):
    FeatureSupportFactory(
        framework=FrameworkFactory(slug="partly", name="Partly"),
        feature=FeatureFactory(name="Native async"),
        partial=True,
        note="async views; the ORM partly",
        source_url="https://example.com/async",
    )

    page = client.get(detail_url("partly")).text

    assert "Built in, in part</span>" in page
    assert '<a class="level-source" href="https://example.com/async"' in page
    assert 'Source<span class="visually-hidden"> for Partly: Native async' in page
    assert "What the support levels mean" in page


def test_share_change_of_one_point_reads_pt(client):
    framework = FrameworkFactory(slug="creeping")
    UsageStatFactory(framework=framework, year=2023, share=33)
    UsageStatFactory(framework=framework, year=2024, share=34)

    page = client.get(detail_url("creeping")).text

    assert "+1 pt<" in page
    assert "+1 pts" not in page


def test_a_rank_band_is_shown_as_a_sourced_fact_not_as_no_figure(client):
    framework = FrameworkFactory(slug="ranked", name="Ranked")
    UsageStatFactory(framework=framework, share=None, rank_best=7, rank_worst=10)

    detail = client.get(detail_url("ranked")).text
    home = client.get(HOME).text

    assert "Ranked 7 to 10 in 2024" in detail
    assert "Ranked 7 to 10 in 2024" in home
    assert "No survey figure yet" not in home


def test_detail_escapes_html_in_plain_fields(client):
    FrameworkFactory(slug="plain", summary="<b>loud</b>")
    page = client.get(detail_url("plain")).text
    assert "&lt;b&gt;loud&lt;/b&gt;" in page


def test_draft_is_hidden_from_anonymous_reader(client):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    assert client.get(detail_url("secret")).status_code == HTTPStatus.NOT_FOUND


def test_draft_is_previewed_by_an_editor(editor_client):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = editor_client.get(detail_url("secret"))
    assert response.status_code == HTTPStatus.OK
    assert "only editors can see this page" in response.text


def test_unknown_slug_is_not_found(client):
    assert client.get(detail_url("no-such-thing")).status_code == HTTPStatus.NOT_FOUND


def test_category_page_lists_only_its_frameworks(client):
    web = CategoryFactory(slug="web", name="Web")
    UsageStatFactory(framework__category=web, framework__name="Inside")
    FrameworkFactory(name="Outside")

    response = client.get(reverse("catalog:category-detail", args=["web"]))

    assert ranked_names(response) == ["Inside"]
    assert "<h1>Web</h1>" in response.text


def test_use_case_page_lists_only_its_frameworks(client):
    apis = UseCaseFactory(slug="apis", name="APIs")
    FrameworkFactory(name="Inside", use_cases=[apis])
    FrameworkFactory(name="Outside")

    response = client.get(reverse("catalog:use-case-detail", args=["apis"]))

    assert ranked_names(response) == ["Inside"]


@pytest.mark.parametrize("name", ["catalog:category-detail", "catalog:use-case-detail"])
def test_unknown_category_or_use_case_is_not_found(client, name):
    response = client.get(reverse(name, args=["nope"]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_home_filters_combine(client, starting_content):
    response = client.get(
        HOME, {"category": "web-framework", "learning_curve": "gentle"}
    )
    assert ranked_names(response) == ["Flask", "Bottle"]


def test_home_says_in_one_line_how_entries_without_figures_are_ranked(
    client, starting_content
):
    home = client.get(HOME, {"page": 3}).text

    assert "Tools no survey counts come after those it does" in home
    # Their signal is their package's activity, shown beside each of them.
    assert "Uvicorn" in home
    assert "releases in 12 months" in home


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # AIOHTTP is a web framework that is also an HTTP client.
        ({"category": "http-client"}, ["Requests", "AIOHTTP", "HTTPX", "urllib3"]),
        ({"use_case": "ml-model-serving"}, ["FastAPI", "Flask"]),
        # DRF's admin comes with Django: no double credit.
        ({"feature": "admin-panel"}, ["Django"]),
        ({"q": "blueprints"}, ["Flask", "Quart", "Sanic"]),
    ],
)
def test_home_filter_narrows_the_ranking(client, starting_content, params, expected):
    assert ranked_names(client.get(HOME, params)) == expected


def test_home_shows_the_filter_form_with_the_chosen_values(client, starting_content):
    page = client.get(HOME, {"category": "http-client"}).text
    assert '<option value="http-client" selected>HTTP client</option>' in page


def test_pagination_keeps_the_filters(client):
    category = CategoryFactory(slug="many")
    for share in range(15):
        UsageStatFactory(framework__category=category, share=share)
    FrameworkFactory()  # outside the category

    first = client.get(HOME, {"category": "many"})
    second = client.get(HOME, {"category": "many", "page": 2})

    assert first.context["paginator"].count == 15
    assert 'href="?category=many&amp;page=2"' in first.text
    assert len(ranked_names(second)) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-category"},
        {"learning_curve": "vertical"},
        {"q": "x" * 10_000},
        {"q": "bad\x00byte"},
        {"feature": "\x00"},
        {"use_case": "<script>"},
    ],
)
def test_bad_filter_values_answer_400_with_a_message(client, starting_content, params):
    response = client.get(HOME, params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Some filters could not be used" in response.text


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0", "1e9"])
def test_page_numbers_past_the_end_or_not_numbers_are_not_found(
    client, starting_content, page
):
    response = client.get(HOME, {"page": page})
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_ranking_rows_have_a_compare_checkbox(client, starting_content):
    page = client.get(HOME).text
    assert 'name="frameworks" value="fastapi"' in page
    assert 'action="/compare/"' in page


@pytest.mark.parametrize(
    "url", ["/frameworks/%00/", "/frameworks/" + "a" * 10_000 + "/", "/categories/%FF/"]
)
def test_odd_paths_are_not_found(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith("img/favicon.svg")


def test_not_found_page_keeps_the_site_navigation(client, settings):
    settings.DEBUG = False
    response = client.get(detail_url("no-such-framework"))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text
    assert 'href="/choose/"' in response.text


def test_server_error_page_stands_alone():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong" in page
    assert "{%" not in page


@pytest.mark.parametrize("stale", ["http-client", "zzz"])
def test_category_page_ignores_a_category_filter_of_its_own(
    client, starting_content, stale
):
    url = reverse("catalog:category-detail", args=["web-framework"])
    response = client.get(url, {"category": stale})
    assert response.status_code == HTTPStatus.OK
    assert len(ranked_names(response)) == 12  # a full first page of 12


def test_rank_numbers_continue_across_pages(client):
    for share in range(15):
        UsageStatFactory(share=share)
    second = client.get(HOME, {"page": 2}).text
    assert '<span class="ranking-rank" aria-hidden="true">13</span>' in second
    assert '<ol class="ranking" role="list" start="13">' in second


@pytest.mark.parametrize(
    ("name", "asked", "factory", "slug"),
    [
        ("catalog:framework-detail", "FASTAPI", FrameworkFactory, "fastapi"),
        ("catalog:category-detail", "Web", CategoryFactory, "web"),
        ("catalog:use-case-detail", "APIs", UseCaseFactory, "apis"),
    ],
)
def test_wrong_case_slug_redirects_permanently_to_the_canonical_page(
    client, name, asked, factory, slug
):
    canonical = factory(slug=slug).get_absolute_url()

    response = client.get(reverse(name, args=[asked]), {"page": "1"})

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == f"{canonical}?page=1"


def test_wrong_case_slug_of_a_draft_is_not_found_by_a_reader(client):
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    assert client.get(detail_url("SECRET")).status_code == HTTPStatus.NOT_FOUND


def test_the_header_and_footer_links_follow_the_script_prefix():
    set_script_prefix("/sub/")
    try:
        assert links_under("/sub/")["choose"] == "/sub/choose/"
    finally:
        set_script_prefix("/")
    assert links_under("/")["choose"] == "/choose/"
