from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.compare import ComparisonError, check_slugs
from catalog.models import FeatureSupport, Framework, Relation
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

PICKER = reverse("catalog:compare-picker")


BUILT_IN = FeatureSupport.Level.BUILT_IN
PACKAGE = FeatureSupport.Level.PACKAGE
NONE = FeatureSupport.Level.NONE


def compare_url(part):
    return reverse("catalog:compare", args=[part])


def section(page, heading_id):
    """The HTML from a heading to the end of its section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_two_frameworks_are_shown_side_by_side(client):
    for slug, share in (("django", 35), ("flask", 34)):
        framework = FrameworkFactory(slug=slug)
        AdvantageFactory(framework=framework, title=f"{slug} does well")
        DisadvantageFactory(
            framework=framework, title=f"{slug} does less well", detail="Use `x`."
        )
        UsageStatFactory(framework=framework, share=share)

    response = client.get(compare_url("django-vs-flask"))

    assert response.status_code == HTTPStatus.OK
    comparison = response.context["comparison"]
    assert comparison.slugs == ["django", "flask"]
    page = response.text
    assert "django does well." in page
    assert "flask does well." in page
    assert "flask does less well.</strong> Use <code>x</code>." in page
    assert "35%" in page and "34%" in page


def test_four_frameworks_are_shown_side_by_side(client):
    for slug in ("django", "fastapi", "flask", "starlette"):
        full_framework(slug=slug)
    part = "django-vs-fastapi-vs-flask-vs-starlette"
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["comparison"].frameworks) == 4


def test_feature_rows_where_frameworks_differ_are_highlighted(client):
    web = CategoryFactory(slug="web-framework", name="Web framework")
    admin = FeatureFactory(slug="admin-panel", name="Admin panel")
    native_async = FeatureFactory(slug="native-async", name="Native async")
    for slug, admin_level in (("django", BUILT_IN), ("fastapi", PACKAGE)):
        framework = FrameworkFactory(slug=slug, category=web)
        FeatureSupportFactory(framework=framework, feature=admin, level=admin_level)
        FeatureSupportFactory(framework=framework, feature=native_async)

    response = client.get(compare_url("django-vs-fastapi"))

    rows = {
        row.feature.slug: row for row in response.context["comparison"].feature_rows
    }
    assert rows["admin-panel"].differs
    assert not rows["native-async"].differs
    assert 'class="differs"' in response.text


@pytest.fixture
def web_and_client():
    """A web framework and an HTTP client, with features of each kind and both."""
    web = CategoryFactory(
        slug="web-framework",
        name="Web framework",
        position=1,
        works_with="The application itself; it calls other services through a client.",
    )
    client_kind = CategoryFactory(
        slug="http-client",
        name="HTTP client",
        position=3,
        works_with="Called from your code, a web framework's views included.",
    )
    orm = FeatureFactory(slug="orm", name="ORM", position=1, kinds=[web])
    native_async = FeatureFactory(slug="native-async", name="Native async", position=2)
    retries = FeatureFactory(
        slug="retries", name="Retries", position=3, kinds=[client_kind]
    )
    webby = FrameworkFactory(slug="webby", name="Webby", category=web)
    clienty = FrameworkFactory(slug="clienty", name="Clienty", category=client_kind)
    FeatureSupportFactory(framework=webby, feature=orm, note="with migrations")
    FeatureSupportFactory(framework=webby, feature=native_async, note="async views")
    FeatureSupportFactory(framework=clienty, feature=native_async, level=NONE)
    FeatureSupportFactory(framework=clienty, feature=retries, note="urllib3's Retry")
    return web, client_kind


def test_different_kinds_are_named_first_with_how_they_work_together(
    client, web_and_client
):
    response = client.get(compare_url("clienty-vs-webby"))

    assert response.context["comparison"].kinds_differ
    intro = section(response.text, "compare-kinds-title")
    assert "Webby is a web framework and Clienty is an HTTP client." in intro
    assert "not alternatives" in intro
    assert "it calls other services through a client." in intro
    assert "a web framework&#x27;s views included." in intro
    assert intro.index("compare-kinds-title") < response.text.index("feature-matrix")


def test_cross_kind_matrix_shows_shared_features_then_each_kinds_own(
    client, web_and_client
):
    response = client.get(compare_url("clienty-vs-webby"))

    sections = response.context["comparison"].sections
    assert [
        (s.kind.slug if s.kind else None, [row.feature.slug for row in s.rows])
        for s in sections
    ] == [
        (None, ["native-async"]),
        ("web-framework", ["orm"]),
        ("http-client", ["retries"]),
    ]
    matrix = section(response.text, "feature-matrix")
    assert "Features of both" in matrix
    assert "Web framework features" in matrix
    assert "HTTP client features" in matrix
    assert "Does not apply to Clienty" in matrix
    assert "Does not apply to Webby" in matrix
    orm = sections[1].rows[0]
    assert not orm.differs  # the client's "does not apply" is not a difference


def test_same_kind_comparison_has_no_kind_note_and_no_other_kinds_rows(
    client, web_and_client
):
    web, _client_kind = web_and_client
    FrameworkFactory(slug="other", category=web)

    response = client.get(compare_url("other-vs-webby"))

    comparison = response.context["comparison"]
    assert not comparison.kinds_differ
    assert "compare-kinds-title" not in response.text
    assert [row.feature.slug for row in comparison.feature_rows] == [
        "orm",
        "native-async",
    ]


def test_a_framework_shows_the_features_it_inherits_from_its_base(client):
    orm = FeatureFactory(slug="orm", name="ORM")
    base = FrameworkFactory(slug="base", name="Base")
    addon = FrameworkFactory(slug="addon", name="Add-on")
    FeatureSupportFactory(framework=base, feature=orm, note="with migrations")
    RelationFactory(from_framework=addon, to_framework=base, kind=Relation.Kind.EXTENDS)

    response = client.get(compare_url("addon-vs-base"))

    [row] = response.context["comparison"].feature_rows
    assert [entry.cell.inherited_from for entry in row.entries] == [base, None]
    matrix = section(response.text, "feature-matrix")
    assert 'From <a href="/frameworks/base/">Base</a>:' in matrix
    assert "Add-on extends Base" in response.text


def test_other_orders_redirect_permanently_to_the_canonical_url(client):
    FrameworkFactory(slug="flask")
    FrameworkFactory(slug="django")
    response = client.get(compare_url("flask-vs-django"))
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_redirects_a_picked_set_to_its_canonical_page(client):
    response = client.get(PICKER, {"frameworks": ["flask", "django"]})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_lists_published_frameworks_only(client):
    FrameworkFactory(name="Shown")
    FrameworkFactory(name="Hidden", status=Framework.Status.DRAFT)
    page = client.get(PICKER).text
    assert "Shown" in page and "Hidden" not in page


@pytest.mark.parametrize(
    ("part", "message"),
    [
        ("django", "at least 2"),
        ("a-vs-b-vs-c-vs-d-vs-e", "at most 4"),
        ("django-vs-django", "repeated: django"),
        ("django\x00-vs-flask", "not one"),
    ],
)
def test_bad_comparisons_answer_400_with_a_message(client, part, message):
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text


@pytest.mark.parametrize(
    "frameworks", [["flask"], ["a", "b", "c", "d", "e"], ["x", "x"], [""], ["%00"]]
)
def test_bad_picks_answer_400_with_a_message(client, frameworks):
    response = client.get(PICKER, {"frameworks": frameworks})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text


def test_unknown_slug_is_not_found_with_a_message(client):
    FrameworkFactory(slug="django")
    response = client.get(compare_url("django-vs-nope"))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No published framework with slug: nope" in response.text


def test_drafts_cannot_be_compared_by_readers(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-secret"))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_compare_page_offers_to_add_and_remove_frameworks(client):
    for slug in ("django", "fastapi", "flask"):
        FrameworkFactory(slug=slug)
    FrameworkFactory(slug="starlette", name="Starlette")
    page = client.get(compare_url("django-vs-fastapi-vs-flask")).text
    assert 'href="/compare/django-vs-flask/"' in page  # remove FastAPI
    assert '<option value="starlette">Starlette</option>' in page
    assert '<option value="django">' not in page


def test_compare_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    full_framework(slug="aaa")
    full_framework(slug="bbb")
    assert_constant_queries(lambda: client.get(compare_url("aaa-vs-bbb")), 12)


def test_check_slugs_returns_the_canonical_order():
    assert check_slugs(["flask", " django "]) == ["django", "flask"]


def test_check_slugs_rejects_an_empty_slug():
    with pytest.raises(ComparisonError, match="empty"):
        check_slugs(["django", ""])


def test_wrong_case_slugs_redirect_permanently_to_the_canonical_page(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("DJANGO-vs-FastAPI"))

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slugs_in_another_order_redirect_in_one_step(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("Fastapi-vs-DJANGO"))

    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slug_of_a_draft_cannot_be_compared_by_a_reader(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-SECRET"))
    assert response.status_code == HTTPStatus.NOT_FOUND
